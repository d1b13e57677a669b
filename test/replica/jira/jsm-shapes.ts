/**
 * Jira Service Management shapes: DateDTO objects {epochMillis, friendly, iso8601, jira}, SLA cycles
 * (reference/jira/jsm-sla.json: completed cycles carry stop and breach times, the ongoing one does not),
 * the request (reference/jira/jsm-request.json) and the Request Type custom field of the issue.
 */
import { indexOf } from '../dataset/lookup.ts';
import type { JiraIssue, JsmSla } from '../dataset/types.ts';
import type { JiraApi } from './serialize.ts';

export const requestTypeNames: Record<number, string> = {
  10: 'Get IT help',
  11: 'Report a bug',
  12: 'Request a new account',
};
const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function dateDto(iso: string): Record<string, unknown> {
  const d = new Date(iso);
  const base = d.toISOString().slice(0, 19);
  const h = d.getUTCHours();
  const friendly = `${String(d.getUTCDate()).padStart(2, '0')}/${months[d.getUTCMonth()]}/${String(d.getUTCFullYear()).slice(2)} ${((h + 11) % 12) + 1}:${String(d.getUTCMinutes()).padStart(2, '0')} ${h < 12 ? 'AM' : 'PM'}`;
  return { epochMillis: d.getTime(), friendly, iso8601: `${base}+0000`, jira: `${base}.000+0000` };
}

export function durationDto(ms: number): { millis: number; friendly: string } {
  const sign = ms < 0 ? '-' : '';
  const abs = Math.abs(ms);
  const h = Math.floor(abs / 3600e3);
  const m = Math.floor((abs % 3600e3) / 60e3);
  return { millis: ms, friendly: `${sign}${h}h ${m}m` };
}

export function slaCycles(s: JsmSla): { completedCycles: unknown[]; ongoingCycle?: unknown } {
  const goal = durationDto(s.goalMs);
  const elapsed = durationDto(s.elapsedMs);
  const remaining = durationDto(s.goalMs - s.elapsedMs);
  if (s.stoppedAt) {
    const breachAt = new Date(Date.parse(s.startedAt) + s.goalMs).toISOString();
    return {
      completedCycles: [
        {
          startTime: dateDto(s.startedAt),
          stopTime: dateDto(s.stoppedAt),
          breachTime: dateDto(breachAt),
          breached: s.breached,
          goalDuration: goal,
          elapsedTime: elapsed,
          remainingTime: remaining,
        },
      ],
    };
  }
  return {
    completedCycles: [],
    ongoingCycle: {
      startTime: dateDto(s.startedAt),
      breached: s.breached,
      paused: s.paused,
      withinCalendarHours: true,
      goalDuration: goal,
      elapsedTime: elapsed,
      remainingTime: remaining,
    },
  };
}

const slaId = (s: JsmSla): number => (s.name === 'Time to first response' ? 10072 : 10071);

/** One entry of GET /rest/servicedeskapi/request/{key}/sla `values`. */
export function slaValue(api: JiraApi, i: JiraIssue, s: JsmSla): Record<string, unknown> {
  return {
    id: String(slaId(s)),
    name: s.name,
    _links: { self: `${api.base}/rest/servicedeskapi/request/${i.id}/sla/${slaId(s)}` },
    ...slaCycles(s),
  };
}

/** The SLA custom field on the Jira issue (customfield_10071 / 10072). */
export function jsmSlaField(api: JiraApi, i: JiraIssue, s: JsmSla): Record<string, unknown> {
  return { ...slaValue(api, i, s), slaDisplayFormat: 'NEW_SLA_FORMAT' };
}

export function requestTypeJson(api: JiraApi, i: JiraIssue): Record<string, unknown> {
  const id = i.request?.requestTypeId ?? 10;
  const sd = i.request?.serviceDeskId ?? 1;
  return {
    id: String(id),
    _links: { self: `${api.base}/rest/servicedeskapi/servicedesk/${sd}/requesttype/${id}` },
    name: requestTypeNames[id] ?? 'Get IT help',
    description: 'Tell us what went wrong.',
    helpText: '',
    issueTypeId: '10010',
    serviceDeskId: String(sd),
    portalId: String(sd),
    groupIds: ['1'],
    icon: { id: '10500', _links: { iconUrls: {} } },
  };
}

export function currentStatus(i: JiraIssue): Record<string, unknown> {
  const category =
    i.statusCategory === 'done' ? 'DONE' : i.statusCategory === 'new' ? 'NEW' : 'INDETERMINATE';
  return { status: i.status, statusCategory: category, statusDate: dateDto(i.updated) };
}

export function requestTypeField(api: JiraApi, i: JiraIssue): Record<string, unknown> {
  const sd = i.request?.serviceDeskId ?? 1;
  return {
    _links: {
      jiraRest: `${api.base}/rest/api/2/issue/${i.id}`,
      web: `${api.base}/servicedesk/customer/portal/${sd}/${i.key}`,
      self: `${api.base}/rest/servicedeskapi/request/${i.id}`,
    },
    requestType: requestTypeJson(api, i),
    currentStatus: currentStatus(i),
  };
}

export function customerJson(api: JiraApi, key: string): Record<string, unknown> | null {
  const p = indexOf(api.ds).person.get(key);
  if (!p) return null;
  const avatar = `https://avatar-cdn.atlassian.com/${p.jiraAccountId}`;
  return {
    accountId: p.jiraAccountId,
    emailAddress: p.email,
    displayName: p.name,
    active: true,
    timeZone: 'Europe/Berlin',
    _links: {
      jiraRest: `${api.base}/rest/api/2/user?accountId=${p.jiraAccountId}`,
      avatarUrls: {
        '16x16': `${avatar}?s=16`,
        '24x24': `${avatar}?s=24`,
        '32x32': `${avatar}?s=32`,
        '48x48': `${avatar}?s=48`,
      },
      self: `${api.base}/rest/api/2/user?accountId=${p.jiraAccountId}`,
    },
  };
}
