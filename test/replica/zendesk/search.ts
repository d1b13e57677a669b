/**
 * Zendesk search syntax (https://support.zendesk.com/hc/en-us/articles/4408886879258 "Zendesk Support
 * search reference"), evaluated over tickets: type:ticket, status:/status< /status>, priority:, tags:/tag:,
 * organization:, requester:, assignee:, subject:, description: (description and comments), comment:,
 * fieldvalue:, custom_field_<id>:<bare value> (a quoted value matches nothing), created>/created</updated>,
 * ticket ids, quoted phrases, free words, and a leading '-' to negate. Other `type:` values match no ticket.
 *
 * Combining, as the reference's "Property keywords" section says: terms are AND-ed, except that "you can
 * search for multiple values of a single property by including the property keyword multiple times in a
 * query. Search uses OR logic for matching in this case" (`tags:silver tags:bronze`). So repeated
 * `key:value` terms of one property form an OR group; ranges (`created>a created<b`), negations and free
 * words stay AND-ed. Free text has no OR operator.
 */
import { indexOf } from '../dataset/lookup.ts';
import type { Dataset, ZendeskTicket } from '../dataset/types.ts';
import { textMatches } from '../text-match.ts';
import { jiraFieldId, productAreaFieldId } from './serialize.ts';

/** "There is a 64 word limit in a search query" (the reference's "Search terms"); see api.ts for the reading. */
export const maxQueryWords = 64;

/** Words of a query, counted the strictest way: every run of letters or digits, keywords included. */
export const queryWords = (query: string): number => (query.match(/[\p{L}\p{N}]+/gu) ?? []).length;

const statusOrder = ['new', 'open', 'pending', 'hold', 'solved', 'closed'];
const priorityOrder = ['low', 'normal', 'high', 'urgent'];

interface Term {
  neg: boolean;
  key?: string;
  op: ':' | '<' | '>';
  value: string;
  /** Written in double quotes ("a phrase"). */
  quoted: boolean;
}

export function parseZendeskQuery(q: string): Term[] {
  const out: Term[] = [];
  const re = /(-?)(?:([a-z_0-9]+)([:<>]))?("([^"]*)"|\S+)/gi;
  for (const m of q.matchAll(re)) {
    const value = m[5] ?? m[4] ?? '';
    out.push({
      neg: m[1] === '-',
      key: m[2]?.toLowerCase(),
      op: (m[3] as Term['op']) ?? ':',
      value,
      quoted: m[5] !== undefined,
    });
  }
  return out;
}

function cmp(order: string[], actual: string | undefined, op: Term['op'], wanted: string): boolean {
  const a = order.indexOf(actual ?? '');
  const w = order.indexOf(wanted.toLowerCase());
  if (a < 0 || w < 0) return false;
  return op === '<' ? a < w : op === '>' ? a > w : a === w;
}

function matchTerm(ds: Dataset, t: ZendeskTicket, term: Term): boolean {
  const idx = indexOf(ds);
  const v = term.value.toLowerCase();
  const fieldValues = [t.jiraKey ?? '', t.tags.includes('checkout') ? 'checkout' : ''];
  switch (term.key) {
    case undefined:
      if (/^\d+$/.test(v) && Number(v) === t.id) return true;
      return textMatches(
        `${t.subject}\n${t.description}\n${t.comments.map((c) => c.text).join('\n')}`,
        term.value,
      );
    case 'type':
      return v === 'ticket';
    case 'subject':
      return textMatches(t.subject, term.value);
    case 'description':
      return textMatches(`${t.description}\n${t.comments.map((c) => c.text).join('\n')}`, term.value);
    case 'comment':
      return textMatches(t.comments.map((c) => c.text).join('\n'), term.value);
    case 'status':
      return cmp(statusOrder, t.status, term.op, v);
    case 'priority':
      return cmp(priorityOrder, t.priority, term.op, v);
    case 'tags':
    case 'tag':
      return t.tags.includes(v);
    case 'ticket_type':
      return (t.type ?? '') === v;
    case 'organization': {
      const org = t.orgKey ? idx.org.get(t.orgKey) : undefined;
      return org !== undefined && (org.name.toLowerCase() === v || String(org.zendeskId) === v);
    }
    case 'requester':
    case 'assignee': {
      const p = idx.person.get((term.key === 'requester' ? t.requesterKey : t.assigneeKey) ?? '');
      if (v === 'none') return p === undefined;
      return (
        p !== undefined &&
        (p.email.toLowerCase() === v ||
          p.name.toLowerCase() === v ||
          String(p.zendeskId) === v ||
          (v === 'me' && p.key === 'zoe'))
      );
    }
    case 'fieldvalue':
      return fieldValues.some((f) => f.toLowerCase() === v);
    case 'created':
    case 'updated': {
      const at = (term.key === 'created' ? t.createdAt : t.updatedAt).slice(0, 10);
      return term.op === '<' ? at < v : term.op === '>' ? at > v : at === v;
    }
    default: {
      const m = /^custom_field_(\d+)$/.exec(term.key);
      // The reference writes custom field values bare (`custom_field_<id>:<value>`); what Zendesk makes of a
      // quoted one is not documented, so the replica takes the strict reading: it matches no ticket.
      if (!m || term.quoted) return false;
      const id = Number(m[1]);
      const value =
        id === jiraFieldId
          ? t.jiraKey
          : id === productAreaFieldId && t.tags.includes('checkout')
            ? 'checkout'
            : undefined;
      return value !== undefined && value.toLowerCase() === v;
    }
  }
}

export function searchTickets(ds: Dataset, query: string): ZendeskTicket[] | 'not-tickets' {
  const terms = parseZendeskQuery(query);
  const type = terms.find((t) => t.key === 'type' && !t.neg);
  if (type && type.value.toLowerCase() !== 'ticket') return 'not-tickets';
  const alone: Term[] = [];
  const anyOf = new Map<string, Term[]>();
  for (const term of terms) {
    if (term.key === undefined || term.key === 'type' || term.neg || term.op !== ':') alone.push(term);
    else anyOf.set(term.key, [...(anyOf.get(term.key) ?? []), term]);
  }
  return ds.tickets.filter(
    (t) =>
      alone.every((term) => matchTerm(ds, t, term) !== term.neg) &&
      [...anyOf.values()].every((group) => group.some((term) => matchTerm(ds, t, term))),
  );
}
