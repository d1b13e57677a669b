import {
  RELEASE_KINDS,
  STATUS_CATEGORIES,
  WRITE_KINDS,
  WRITE_RESULTS,
  WRITE_STEP_STATES,
} from '../core/kinds';
import type { Item } from '../core/model';
import type {
  ContextView,
  FindRefsReply,
  PortReply,
  PreviewReply,
  SiteHostsReply,
  WatchedRefsReply,
  WatchReply,
  WriteConfirmReply,
  WritePreviewReply,
  WriteSearchReply,
} from './protocol';

/**
 * The page's check of what the background answers (issue 15; SECURITY.md "What the page checks"). The background
 * checks every answer it sends a page against the full zod schemas of ./protocol.ts (`pageReplySchemas`), so the
 * page does not load zod: it checks, with these few lines, the structure it reads, so that an answer from an older
 * or broken background is dropped as "malformed" instead of throwing in the page: the kind of each field the UI
 * reads or iterates, and the enums it branches on. Not checked here, on purpose: lengths and counts (the
 * background's schemas bound them), and URLs, which every link checks where it is built (`SafeLink`, `webUrl`:
 * http(s) only; the background keeps items' URLs on their connection's host, `withSafeUrl`). Preact renders every
 * string as text, never as markup.
 */

type Check = (v: unknown) => boolean;

const str: Check = (v) => typeof v === 'string';
const num: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const bool: Check = (v) => typeof v === 'boolean';
const is =
  (...values: readonly unknown[]): Check =>
  (v) =>
    values.includes(v);
const opt =
  (check: Check): Check =>
  (v) =>
    v === undefined || check(v);
const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const obj =
  (fields: Record<string, Check>): Check =>
  (v) =>
    isObject(v) && Object.entries(fields).every(([key, check]) => check(v[key]));
const arr =
  (check: Check): Check =>
  (v) =>
    Array.isArray(v) && v.every(check);
const record =
  (check: Check): Check =>
  (v) =>
    isObject(v) && Object.values(v).every(check);
const either =
  (...checks: Check[]): Check =>
  (v) =>
    checks.some((check) => check(v));
/** `{ ok: true, …fields }` or `{ ok: false, error }`: the shape of every one-shot answer. */
const okOr = (fields: Record<string, Check>): Check =>
  either(obj({ ok: is(true), ...fields }), obj({ ok: is(false), error: str }));

const priority = obj({ name: str, rank: num });
const item: Check = obj({
  ref: str,
  system: str,
  kind: str,
  key: str,
  title: str,
  url: str,
  status: obj({ name: str, category: is(...STATUS_CATEGORIES) }),
  priority: opt(priority),
  assignee: opt(str),
  requester: opt(str),
  organization: opt(str),
  createdAt: opt(str),
  updatedAt: opt(str),
  sla: opt(obj({ breached: bool, name: opt(str) })),
  satisfaction: opt(str),
  fixVersions: opt(arr(obj({ name: str, released: bool, releaseDate: opt(str) }))),
  pull: opt(
    obj({
      merged: bool,
      mergedAt: opt(str),
      mergeCommit: opt(str),
      headRef: opt(str),
      baseRef: opt(str),
      draft: opt(bool),
      reviewDecision: opt(str),
    }),
  ),
});
const link = obj({ from: str, to: str, via: str, detail: opt(str) });
const source = obj({
  system: str,
  connectionId: str,
  host: str,
  error: opt(obj({ kind: str, message: str, retryAt: opt(num) })),
  notes: opt(arr(str)),
});
const knowledge = obj({ items: arr(item), links: arr(link), sources: arr(source) });
const release = obj({
  kind: is(...RELEASE_KINDS),
  name: str,
  scope: str,
  upcoming: bool,
  date: opt(str),
  capped: opt(str),
});
const contextView: Check = obj({
  subject: str,
  items: arr(item),
  links: arr(link),
  releases: arr(obj({ pull: str, release: obj({ name: str, tag: str, url: str, publishedAt: opt(str) }) })),
  sources: arr(source),
  configured: bool,
  resolvedAt: num,
  stale: bool,
  skippedRefs: opt(num),
  release: opt(release),
  knowledge: opt(knowledge),
});
const requestId = num;
const portReply: Check = either(
  obj({ type: is('context'), requestId, view: contextView }),
  obj({ type: is('failed'), requestId, message: str }),
  obj({
    type: is('badges'),
    requestId,
    badges: arr(obj({ ref: str, count: num, worst: opt(priority) })),
    failed: arr(str),
  }),
);
const writeStep = obj({
  id: str,
  ref: str,
  key: str,
  title: str,
  url: str,
  system: str,
  connectionId: str,
  where: str,
  text: str,
  marker: str,
  state: is(...WRITE_STEP_STATES),
  note: opt(str),
  chosen: bool,
});

/** A type guard from a check: what passes may be read as `T`. */
const guard =
  <T>(check: Check) =>
  (v: unknown): v is T =>
    check(v);

export const isPortReply = guard<PortReply>(portReply);
export const isContextView = guard<ContextView>(contextView);
export const isItem = guard<Item>(item);
export const isSiteHostsReply = guard<SiteHostsReply>(okOr({ hosts: record(str), refHosts: arr(str) }));
export const isFindRefsReply = guard<FindRefsReply>(
  okOr({ found: arr(arr(obj({ index: num, length: num, ref: str, url: str }))) }),
);
export const isPreviewReply = guard<PreviewReply>(okOr({ preview: obj({ item, chain: opt(str) }) }));
export const isWatchReply = guard<WatchReply>(okOr({}));
export const isWatchedRefsReply = guard<WatchedRefsReply>(okOr({ watched: arr(str) }));
export const isWritePreviewReply = guard<WritePreviewReply>(
  okOr({
    plan: obj({
      planId: str,
      kind: is(...WRITE_KINDS),
      subject: str,
      summary: str,
      steps: arr(writeStep),
      notes: arr(str),
      markdown: opt(str),
    }),
  }),
);
export const isWriteConfirmReply = guard<WriteConfirmReply>(
  okOr({
    outcomes: arr(obj({ id: str, result: is(...WRITE_RESULTS), message: str, url: opt(str) })),
  }),
);
export const isWriteSearchReply = guard<WriteSearchReply>(okOr({ items: arr(item), errors: arr(str) }));
