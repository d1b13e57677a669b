import { z } from 'zod';
import { crossSiteApiOrigin, secretNotKept } from '../core/credential-origins';
import { type Connection, connectionSchema, type Endpoints } from '../core/settings';
import { isSecureUrl } from '../core/urls';
import { type ConnectionKind, type FieldName, lowerFirst } from './connection-kinds';

/**
 * What a connection form holds while being edited, and the connection it becomes. The secret field is empty unless
 * the user typed a new one: a stored secret is never put back into a form (it stays where it is and is reused).
 */

export interface Draft {
  baseUrl: string;
  apiUrl: string;
  username: string;
  secret: string;
  /** The cross-site API origin the user confirmed credentials may go to ('' when none). */
  apiConfirmed: string;
  /** "Allow writing": stored as `write: true`, and no `write` at all when off (contract 7). */
  write: boolean;
}
export type DraftErrors = Partial<Record<FieldName | 'apiConfirm', string>>;

type Stored = Record<string, unknown>;
const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown) => (typeof value === 'string' ? value : '');

/** The form's values for a stored (or imported) connection; never its secret. */
export function draftOf(kind: ConnectionKind, stored: Stored | undefined): Draft {
  const auth = isObject(stored?.auth) ? stored.auth : {};
  const saved = text(auth.username);
  const username = kind.formUsername?.(saved) ?? saved;
  return {
    baseUrl: text(stored?.baseUrl) || kind.defaultBaseUrl || '',
    apiUrl: text(stored?.apiUrl),
    username,
    secret: '',
    apiConfirmed: text(stored?.apiOriginConfirmed),
    write: stored?.write === true,
  };
}

/** Where the connection a draft describes would send its credentials. */
function draftEndpoints(kind: ConnectionKind, draft: Draft): Endpoints {
  return {
    system: kind.system,
    baseUrl: kind.fields.baseUrl ? draft.baseUrl.trim() : (kind.defaultBaseUrl ?? ''),
    ...(draft.apiUrl.trim() ? { apiUrl: draft.apiUrl.trim() } : {}),
  };
}

/** The API origin on another site than the draft's base URL, which needs the user's confirmation. */
export const draftCrossSiteApi = (kind: ConnectionKind, draft: Draft): string | undefined =>
  crossSiteApiOrigin(draftEndpoints(kind, draft));

/** Is there a saved secret this kind can keep using (same auth type)? */
export function hasStoredSecret(kind: ConnectionKind, stored: Stored | undefined): boolean {
  const auth = isObject(stored?.auth) ? stored.auth : undefined;
  if (auth?.type !== kind.auth) return false;
  return kind.auth === 'token' ? text(auth.token) !== '' : text(auth.password) !== '';
}

/**
 * Why the saved secret cannot be kept for what the form now holds (its site or API URL moved to another origin),
 * as the sentence to show; undefined when it can, or when there is none to keep.
 */
export function secretLostBy(
  kind: ConnectionKind,
  draft: Draft,
  stored: Stored | undefined,
): string | undefined {
  if (!stored || !hasStoredSecret(kind, stored)) return undefined;
  const before: Endpoints = {
    system: kind.system,
    baseUrl: text(stored.baseUrl),
    ...(text(stored.apiUrl) ? { apiUrl: text(stored.apiUrl) } : {}),
  };
  return secretNotKept(before, draftEndpoints(kind, draft), lowerFirst(kind.fields.secret?.label ?? 'token'));
}

const isUrl = (value: string) => {
  try {
    new URL(value);
    return true;
  } catch {
    return false;
  }
};

function siteUrl(kind: ConnectionKind, field: 'baseUrl' | 'apiUrl') {
  const spec = kind.fields[field];
  const example = spec?.placeholder ?? kind.defaultBaseUrl ?? 'https://example.com';
  let schema = z
    .string()
    .trim()
    .refine((v) => v !== '', `Enter the ${lowerFirst(spec?.label ?? 'URL')}.`)
    .refine((v) => v === '' || isUrl(v), `Enter a full address, like ${example}.`)
    .refine(
      (v) => !isUrl(v) || isSecureUrl(v),
      'Use an https:// address: Liaison only connects over HTTPS (http:// only for localhost).',
    );
  const rule = kind.urlRule;
  if (rule) schema = schema.refine((v) => !isUrl(v) || rule.test(new URL(v)), rule.message);
  return schema;
}

function formSchema(kind: ConnectionKind, needsSecret: boolean) {
  const username = kind.fields.username;
  const secret = kind.fields.secret?.label ?? 'secret';
  return z.object({
    baseUrl: kind.fields.baseUrl ? siteUrl(kind, 'baseUrl') : z.string(),
    apiUrl: kind.fields.apiUrl ? z.union([z.literal(''), siteUrl(kind, 'apiUrl')]) : z.string(),
    username: !username
      ? z.string()
      : username.type === 'email'
        ? z
            .string()
            .trim()
            .pipe(z.email(`Enter the email address you sign in with, like ${username.placeholder}.`))
        : z
            .string()
            .trim()
            .min(1, `Enter the ${lowerFirst(username.label)}.`),
    secret: needsSecret ? z.string().min(1, `Enter the ${lowerFirst(secret)}.`) : z.string(),
  });
}

/** The form field an issue is about: form paths name it, connection paths (`auth.password`) map to it. */
const fieldOfPath = (path: readonly PropertyKey[]): FieldName => {
  const [head, sub] = path;
  if (head === 'apiUrl' || head === 'username' || head === 'secret') return head;
  if (head === 'auth') return sub === 'username' ? 'username' : 'secret';
  return 'baseUrl';
};

export type DraftResult = { ok: true; connection: Connection } | { ok: false; errors: DraftErrors };

/**
 * The connection a form describes, checked with the form's rules (clear messages per field) and then with
 * `connectionSchema`, the schema the background reads settings with. `stored` is the connection being edited.
 */
export function connectionFromDraft(
  kind: ConnectionKind,
  draft: Draft,
  id: string,
  stored?: Stored,
): DraftResult {
  const lost = secretLostBy(kind, draft, stored);
  const keepSecret = hasStoredSecret(kind, stored) && draft.secret === '' && !lost;
  const form = formSchema(kind, !keepSecret).safeParse(draft);
  if (!form.success) {
    const errors: DraftErrors = {};
    for (const issue of form.error.issues) errors[fieldOfPath(issue.path)] ??= issue.message;
    if (lost && errors.secret) errors.secret = lost;
    return { ok: false, errors };
  }
  const values = form.data;
  const crossSite = draftCrossSiteApi(kind, draft);
  if (crossSite && draft.apiConfirmed !== crossSite) {
    const site = new URL(values.baseUrl || kind.defaultBaseUrl || crossSite).host;
    return {
      ok: false,
      errors: {
        apiConfirm: `Confirm that your credentials may go to ${crossSite}, or use an API URL on ${site}.`,
      },
    };
  }
  const previous = isObject(stored?.auth) ? stored.auth : {};
  const username = kind.storedUsername?.(values.username) ?? values.username;
  const auth =
    kind.auth === 'token'
      ? { type: 'token', token: keepSecret ? previous.token : values.secret }
      : { type: 'basic', username, password: keepSecret ? previous.password : values.secret };
  // Why an imported connection waited is about the import, not the connection.
  const { pendingReason: _, ...kept } = stored ?? {};
  const candidate: Record<string, unknown> = {
    ...kept,
    id,
    system: kind.system,
    baseUrl: kind.fields.baseUrl ? values.baseUrl : kind.defaultBaseUrl,
    auth,
  };
  if (values.apiUrl) candidate.apiUrl = values.apiUrl;
  else delete candidate.apiUrl;
  if (crossSite) candidate.apiOriginConfirmed = crossSite;
  else delete candidate.apiOriginConfirmed;
  if (draft.write) candidate.write = true;
  else delete candidate.write;
  Object.assign(candidate, kind.storedFields);
  const parsed = connectionSchema.safeParse(candidate);
  if (!parsed.success) {
    const errors: DraftErrors = {};
    for (const issue of parsed.error.issues) errors[fieldOfPath(issue.path)] ??= issue.message;
    return { ok: false, errors };
  }
  return { ok: true, connection: parsed.data };
}
