import { SourceFailure } from '../../providers/errors';
import type { HttpClient } from '../../providers/http';
import { myPermissionsSchema } from './schemas';

/**
 * What the account may write, asked before a preview: `GET /rest/api/{3|2}/mypermissions` (Jira OAS
 * getMyPermissions; `permissions` is required on Cloud since 2019-02-01). With `issueKey` the answer is the
 * issue's (project role, permission scheme, issue security): the one a preview trusts (docs/write-back-research.md
 * §1.4). Without it, Test connection learns whether the account has each permission anywhere.
 */

export const writePermissions = {
  browse: 'BROWSE_PROJECTS',
  note: 'ADD_COMMENTS',
  link: 'LINK_ISSUES',
} as const;

/** The names Jira's permission schemes show, for sentences people act on. */
const permissionNames: Record<string, string> = {
  BROWSE_PROJECTS: 'Browse projects',
  ADD_COMMENTS: 'Add comments',
  LINK_ISSUES: 'Link issues',
};

const asked = Object.values(writePermissions).join(',');

/** The asked permissions the account lacks (a key Jira leaves out of its answer counts as lacking). */
export async function missingPermissions(
  http: HttpClient,
  version: '2' | '3',
  issueKey: string | undefined,
  signal: AbortSignal | undefined,
): Promise<Set<string>> {
  const searchParams = { ...(issueKey ? { issueKey } : {}), permissions: asked };
  const answer = await http.get(
    `/rest/api/${version}/mypermissions`,
    myPermissionsSchema,
    signal ? { searchParams, signal } : { searchParams },
  );
  const missing = new Set<string>();
  for (const key of Object.values(writePermissions))
    if (answer.permissions[key]?.havePermission !== true) missing.add(key);
  return missing;
}

export const permissionName = (key: string): string => permissionNames[key] ?? key;

/** The project of an issue key (`SHOP` of `SHOP-101`). */
export const projectOf = (key: string): string => key.split('-')[0] ?? key;

/**
 * The precheck's sentence for one write on one issue, or undefined when the account may do it. "Link from Jira" /
 * "comment from Jira" is the way round it people have without an admin.
 */
export function precheckSentence(
  name: string,
  key: string,
  write: 'note' | 'link',
  missing: ReadonlySet<string>,
): string | undefined {
  if (missing.has(writePermissions.browse))
    return `${name}: your account cannot browse ${key}. Ask a Jira admin for access to ${projectOf(key)}.`;
  const needed = write === 'link' ? writePermissions.link : writePermissions.note;
  if (!missing.has(needed)) return undefined;
  const instead = write === 'link' ? 'link from Jira' : 'comment from Jira';
  return `${name}: your account lacks the ${permissionName(needed)} permission on ${projectOf(key)}. Ask a Jira admin, or ${instead}.`;
}

/** Test connection's sentence: what the account may write anywhere on the site. */
export function accessSentence(name: string, missing: ReadonlySet<string>): { ok: boolean; message: string } {
  const lacking = [writePermissions.note, writePermissions.link].filter((k) => missing.has(k));
  if (missing.has(writePermissions.browse) || lacking.length === 2) {
    const names = (
      missing.has(writePermissions.browse) ? [writePermissions.browse, ...lacking] : lacking
    ).map(permissionName);
    return {
      ok: false,
      message: `${name}: your account lacks the ${names.join(' and ')} permission${names.length > 1 ? 's' : ''} in every project, so Liaison cannot write there. Ask a Jira admin.`,
    };
  }
  if (lacking.length === 1) {
    const lacks = permissionName(lacking[0] as string);
    const can = lacking[0] === writePermissions.link ? 'add comments' : 'link issues';
    return {
      ok: false,
      message: `${name}: your account may ${can}, but lacks the ${lacks} permission in every project. Ask a Jira admin for it.`,
    };
  }
  return {
    ok: true,
    message: `${name}: your account may add comments and link issues; Liaison checks each issue's permissions before writing.`,
  };
}

/** A 404 from mypermissions with `issueKey`: the issue is gone or hidden from the account. */
export const unseenIssue = (name: string, key: string) =>
  `${name}: your account cannot see ${key} (it was deleted, moved, or is hidden by issue security).`;

export const isMissing = (error: unknown): boolean =>
  error instanceof SourceFailure && error.kind === 'not-found';
