/**
 * Generated noise on the service side: ServiceNow incidents/problems/changes with task SLAs, and Zendesk
 * tickets. About a third mention a noise Jira bug (in text, in u_jira_key or in the "Jira issue" field),
 * so resolution benchmarks have real fan-out; none mention a story key.
 */
import { type Rng, stableHex } from './prng.ts';
import { addMs, isoBetween, isSafeNoiseTicketId, noiseDescription, noiseSubject } from './text.ts';
import type {
  JiraIssue,
  Person,
  SnowRecord,
  SnowSla,
  SnowTable,
  ZendeskStatus,
  ZendeskTicket,
} from './types.ts';

const incidentStates = [1, 2, 2, 2, 3, 6, 7, 7, 8];
const groups = ['Service Desk', 'Identity', 'Billing', 'Network', 'Database'];
const prefixes: Record<SnowTable, [string, number]> = {
  incident: ['INC', 11000],
  problem: ['PRB', 40100],
  change_request: ['CHG', 30100],
  sc_request: ['REQ', 20100],
};

export function noiseSnow(
  rng: Rng,
  table: SnowTable,
  count: number,
  customers: Person[],
  bugs: JiraIssue[],
): SnowRecord[] {
  const out: SnowRecord[] = [];
  const [prefix, start] = prefixes[table];
  for (let i = 0; i < count; i++) {
    const number = `${prefix}${String(start + i).padStart(7, '0')}`;
    const caller = rng.pick(customers);
    const state = table === 'incident' ? rng.pick(incidentStates) : rng.pick([1, 2, 3]);
    const impact = rng.int(1, 3) as 1 | 2 | 3;
    const urgency = rng.int(1, 3) as 1 | 2 | 3;
    // default priority lookup: impact + urgency - 1, capped at 5 (1/1 → 1 Critical, 3/3 → 5 Planning)
    const priority = Math.min(5, impact + urgency - 1) as SnowRecord['priority'];
    const opened = isoBetween(rng, '2026-01-05T00:00:00Z', '2026-03-15T00:00:00Z');
    const resolved = state >= 6 ? addMs(opened, rng.int(2, 200) * 3600e3) : undefined;
    let shortDescription = noiseSubject(rng);
    let description = noiseDescription(rng);
    let jiraKey: string | undefined;
    const bug = bugs.length > 0 && rng.chance(0.35) ? rng.pick(bugs) : undefined;
    if (bug) {
      const how = rng.int(0, 2);
      if (how === 0) shortDescription = `${shortDescription} (${bug.key})`;
      else if (how === 1) description = `${description} Engineering reference: ${bug.key}.`;
      else jiraKey = bug.key;
    }
    out.push({
      table,
      sysId: stableHex(`snow:${number}`, 32),
      number,
      shortDescription,
      description,
      state,
      priority,
      impact,
      urgency,
      callerKey: table === 'incident' ? caller.key : undefined,
      companyKey: caller.orgKey,
      assignedToKey: rng.chance(0.6) ? 'sam' : undefined,
      assignmentGroup: rng.pick(groups),
      category: rng.pick(['software', 'hardware', 'network', 'inquiry', 'database']),
      openedAt: opened,
      updatedAt: resolved ?? addMs(opened, rng.int(1, 48) * 3600e3),
      resolvedAt: resolved,
      closedAt: state === 7 || state === 8 ? resolved : undefined,
      madeSla: rng.chance(0.8),
      jiraKey,
      workNotes: [],
      comments: [],
    });
  }
  return out;
}

const slaHours: Record<number, number> = { 1: 4, 2: 8, 3: 72, 4: 120, 5: 240 };
const slaLabel = (p: number): string => {
  const h = slaHours[p] ?? 72;
  return `Priority ${p} resolution (${h >= 24 ? `${h / 24} day` : `${h} hour`})`;
};

export function noiseSlas(records: SnowRecord[]): SnowSla[] {
  return records
    .filter((r) => r.table === 'incident')
    .map((r) => {
      const goalMs = (slaHours[r.priority] ?? 72) * 3600e3;
      const done = r.resolvedAt !== undefined;
      const spent = Date.parse(r.resolvedAt ?? r.updatedAt) - Date.parse(r.openedAt);
      return {
        sysId: stableHex(`snow:sla:${r.number}`, 32),
        taskSysId: r.sysId,
        name: slaLabel(r.priority),
        stage: done ? 'completed' : 'in_progress',
        hasBreached: !r.madeSla,
        percentage: Math.round((spent / goalMs) * 100),
        startTime: r.openedAt,
        plannedEndTime: addMs(r.openedAt, goalMs),
        endTime: r.resolvedAt,
      } satisfies SnowSla;
    });
}

const zdStatuses: ZendeskStatus[] = ['new', 'open', 'open', 'pending', 'hold', 'solved', 'closed'];

export function noiseTickets(
  rng: Rng,
  count: number,
  customers: Person[],
  bugs: JiraIssue[],
): ZendeskTicket[] {
  const out: ZendeskTicket[] = [];
  let id = 5000;
  for (let i = 0; i < count; i++) {
    while (!isSafeNoiseTicketId(id)) id++;
    const requester = rng.pick(customers);
    const created = isoBetween(rng, '2026-01-05T00:00:00Z', '2026-03-15T00:00:00Z');
    const status = rng.pick(zdStatuses);
    const bug = bugs.length > 0 && rng.chance(0.3) ? rng.pick(bugs) : undefined;
    const inField = bug !== undefined && rng.chance(0.5);
    let description = noiseDescription(rng);
    if (bug && !inField) description = `${description} Support thinks this is ${bug.key}.`;
    if (bug) bug.zendeskTicketIds.push(id);
    const scored = status === 'solved' || status === 'closed';
    out.push({
      id,
      subject: noiseSubject(rng),
      description,
      status,
      priority: rng.chance(0.85)
        ? rng.pick(['urgent', 'high', 'normal', 'normal', 'low'] as const)
        : undefined,
      type: rng.pick(['incident', 'problem', 'question', 'task'] as const),
      requesterKey: requester.key,
      orgKey: requester.orgKey,
      assigneeKey: rng.chance(0.8) ? 'zoe' : undefined,
      tags: rng.chance(0.3) ? ['vip'] : [],
      createdAt: created,
      updatedAt: addMs(created, rng.int(1, 72) * 3600e3),
      jiraKey: inField ? bug?.key : undefined,
      satisfaction: scored
        ? {
            id: 6000 + i,
            score: rng.pick(['good', 'good', 'bad', 'offered'] as const),
            at: addMs(created, 86400e3),
          }
        : undefined,
      comments: [{ authorKey: requester.key, at: created, text: description, public: true }],
    });
    id++;
  }
  return out;
}
