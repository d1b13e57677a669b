/**
 * Jira issue JSON. Field shapes follow the recorded Cloud search response
 * (reference/recorded/jira-search-two-issues.recorded.json: status.statusCategory, priority, issuetype,
 * project, issuelinks with inward/outwardIssue, comment {comments,...}, custom fields) and
 * reference/jira/issue.json for the envelope. REST v3 (Cloud) sends rich text as ADF documents;
 * REST v2 (Data Center) sends the same fields as plain text.
 */
import type { Dataset, JiraIssue, JiraProject, JiraVersion, Person } from '../dataset/types.ts';

export const zendeskIdsFieldName = 'Zendesk Ticket IDs';

/** Custom field ids and names on the replica's Jira (the JSM ones as in the recorded Cloud response). */
export const customFields = {
  customfield_10002: 'Organizations',
  customfield_10019: 'Rank',
  customfield_10022: 'Request Type',
  customfield_10023: 'Request participants',
  customfield_10071: 'Time to resolution',
  customfield_10072: 'Time to first response',
  customfield_10100: zendeskIdsFieldName,
  customfield_10101: 'Zendesk Ticket Count',
} as const;

export interface JiraApi {
  base: string; // https://acme.atlassian.net
  version: '2' | '3';
  ds: Dataset;
}

const rest = (api: JiraApi): string => `${api.base}/rest/api/${api.version}`;

export function adf(text: string): Record<string, unknown> {
  const paragraphs = text.split(/\n{2,}/).filter((p) => p.trim() !== '');
  return {
    type: 'doc',
    version: 1,
    content: paragraphs.map((p) => ({ type: 'paragraph', content: [{ type: 'text', text: p }] })),
  };
}

const richText = (api: JiraApi, text: string): unknown => (api.version === '3' ? adf(text) : text);

export function avatarUrls(seed: string): Record<string, string> {
  const u = `https://avatar-management--avatars.us-west-2.prod.public.atl-paas.net/initials/${seed}.png`;
  return {
    '48x48': `${u}?size=48`,
    '24x24': `${u}?size=24`,
    '16x16': `${u}?size=16`,
    '32x32': `${u}?size=32`,
  };
}

export function userJson(api: JiraApi, p: Person | undefined): Record<string, unknown> | null {
  if (!p) return null;
  const initials = p.name
    .split(' ')
    .map((s) => s[0])
    .join('');
  if (api.version === '2') {
    return {
      self: `${rest(api)}/user?username=${p.login}`,
      name: p.login,
      key: p.login,
      emailAddress: p.email,
      avatarUrls: avatarUrls(initials),
      displayName: p.name,
      active: true,
      timeZone: 'Europe/Berlin',
    };
  }
  // no emailAddress: Cloud hides it under the default profile visibility (as in the recorded search)
  return {
    self: `${rest(api)}/user?accountId=${p.jiraAccountId}`,
    accountId: p.jiraAccountId,
    avatarUrls: avatarUrls(initials),
    displayName: p.name,
    active: true,
    timeZone: 'Europe/Berlin',
    accountType: p.kind === 'customer' ? 'customer' : 'atlassian',
  };
}

const categories = {
  new: { id: 2, key: 'new', colorName: 'blue-gray', name: 'To Do' },
  indeterminate: { id: 4, key: 'indeterminate', colorName: 'yellow', name: 'In Progress' },
  done: { id: 3, key: 'done', colorName: 'green', name: 'Done' },
};
const statusIds: Record<string, string> = {
  'To Do': '10000',
  'In Progress': '3',
  'In Review': '10001',
  Done: '10002',
  'Waiting for support': '10010',
  'Waiting for customer': '10011',
  Resolved: '10012',
};

export function statusJson(
  api: JiraApi,
  name: string,
  category: JiraIssue['statusCategory'],
): Record<string, unknown> {
  const cat = categories[category];
  return {
    self: `${rest(api)}/status/${statusIds[name] ?? '1'}`,
    description: '',
    iconUrl: `${api.base}/images/icons/statuses/generic.png`,
    name,
    id: statusIds[name] ?? '1',
    statusCategory: { self: `${rest(api)}/statuscategory/${cat.id}`, ...cat },
  };
}

const priorityIds: Record<JiraIssue['priority'], string> = {
  Highest: '1',
  High: '2',
  Medium: '3',
  Low: '4',
  Lowest: '5',
};
export function priorityJson(api: JiraApi, name: JiraIssue['priority']): Record<string, unknown> {
  return {
    self: `${rest(api)}/priority/${priorityIds[name]}`,
    iconUrl: `${api.base}/images/icons/priorities/${name.toLowerCase()}.svg`,
    name,
    id: priorityIds[name],
  };
}

const issueTypes: Record<JiraIssue['type'], [string, string, number]> = {
  Bug: ['10004', 'A problem which impairs or prevents the functions of the product.', 10303],
  Task: ['10001', 'A task that needs to be done.', 10318],
  Story: ['10003', 'Stories track functionality or features expressed as user goals.', 10315],
  'Service request': ['10010', 'Requests for help or information.', 10320],
  Incident: ['10011', 'For system outages or incidents.', 10321],
};
export function issueTypeJson(api: JiraApi, type: JiraIssue['type']): Record<string, unknown> {
  const [id, description, avatarId] = issueTypes[type];
  return {
    self: `${rest(api)}/issuetype/${id}`,
    id,
    description,
    iconUrl: `${rest(api)}/universal_avatar/view/type/issuetype/avatar/${avatarId}?size=medium`,
    name: type,
    subtask: false,
    avatarId,
    hierarchyLevel: 0,
  };
}

export function projectJson(api: JiraApi, p: JiraProject): Record<string, unknown> {
  return {
    self: `${rest(api)}/project/${p.id}`,
    id: p.id,
    key: p.key,
    name: p.name,
    projectTypeKey: p.type,
    simplified: false,
    avatarUrls: Object.fromEntries(
      Object.entries(avatarUrls(p.key)).map(([k]) => [
        k,
        `${rest(api)}/universal_avatar/view/type/project/avatar/10402?size=${k}`,
      ]),
    ),
  };
}

export function versionJson(
  api: JiraApi,
  v: JiraVersion,
  project: JiraProject | undefined,
): Record<string, unknown> {
  const out: Record<string, unknown> = {
    self: `${rest(api)}/version/${v.id}`,
    id: v.id,
    description: v.description,
    name: v.name,
    archived: v.archived,
    released: v.released,
  };
  if (v.releaseDate) out.releaseDate = v.releaseDate;
  if (project) out.projectId = Number(project.id);
  return out;
}

export const linkTypes = {
  Blocks: { id: '10000', name: 'Blocks', inward: 'is blocked by', outward: 'blocks' },
  Duplicate: { id: '10002', name: 'Duplicate', inward: 'is duplicated by', outward: 'duplicates' },
  Relates: { id: '10003', name: 'Relates', inward: 'relates to', outward: 'relates to' },
  'Problem/Incident': { id: '10201', name: 'Problem/Incident', inward: 'is caused by', outward: 'causes' },
} as const;

export function linkedIssueStub(api: JiraApi, i: JiraIssue): Record<string, unknown> {
  return {
    id: i.id,
    key: i.key,
    self: `${rest(api)}/issue/${i.id}`,
    fields: {
      summary: i.summary,
      status: statusJson(api, i.status, i.statusCategory),
      priority: priorityJson(api, i.priority),
      issuetype: issueTypeJson(api, i.type),
    },
  };
}

/**
 * A page of an issue's comments (PageOfComments: `{comments, self, maxResults, total, startAt}`), oldest first.
 * Without `page` every comment, as the issue endpoint and Data Center's search give them. Comment ids are
 * issue id × 1000 + position, unique while an issue has fewer than 1,000 comments (written ones included).
 */
export function commentsJson(
  api: JiraApi,
  i: JiraIssue,
  person: (k: string) => Person | undefined,
  page: { startAt: number; maxResults: number } = { startAt: 0, maxResults: i.comments.length },
): Record<string, unknown> {
  const comments = i.comments.slice(page.startAt, page.startAt + page.maxResults).map((c, k) => {
    const n = page.startAt + k;
    return {
      self: `${rest(api)}/issue/${i.id}/comment/${Number(i.id) * 1000 + n}`,
      id: String(Number(i.id) * 1000 + n),
      author: userJson(api, person(c.authorKey)),
      body: richText(api, c.text),
      updateAuthor: userJson(api, person(c.authorKey)),
      created: jiraDate(c.at),
      updated: jiraDate(c.at),
      jsdPublic: c.public ?? true,
    };
  });
  return {
    comments,
    self: `${rest(api)}/issue/${i.id}/comment`,
    maxResults: page.maxResults,
    total: i.comments.length,
    startAt: page.startAt,
  };
}

/** Jira timestamps: 2026-03-10T15:20:00.000+0000 */
export function jiraDate(iso: string): string {
  return iso.replace(/Z$/, '').replace(/(\.\d+)?$/, '.000+0000');
}

export { rest as restRoot, richText };
