import { useMemo, useState } from 'preact/hooks';
import { customerKinds } from '../core/model';
import type { Watch } from '../core/watch-state';
import { ago } from '../ui/state';
import { WatchButton } from '../ui/WatchButton';
import { type WriteClient, WriteContext, type WriteControls } from '../ui/write/controls';
import { scopedWriteStyles } from '../ui/write/scoped-styles';
import { WriteAction } from '../ui/write/WriteAction';

/**
 * The popup's Watching list (DESIGN.md contract 6), shown with the recent items while the search box is empty:
 * each watched item (`data-watched-ref`) with its latest change, the sentence for the customer and a button to copy
 * it, and the watch toggle to stop watching. "Check now" asks the background to check every watch at once.
 * Opening the popup does not mark anything seen: opening the item's page does.
 *
 * A watched bug or pull request that changed offers "Tell linked tickets" (issue 14, DESIGN.md contract 7): the
 * same preview as on its page, planned by the background from the item's resolved context; only its confirm sends.
 */

/** The popup's colours under the names the write previews use (src/ui/styles.ts). */
const TELL_BOX =
  'display: flex; flex-wrap: wrap; gap: 6px; margin: 6px 0 2px; --border: var(--line); --accent: var(--focus); --ok: var(--done); --chip: var(--hover);';

export interface CheckResult {
  /** For people: "Checked 3 items: 1 change." or why not. */
  message: string;
}

export function Watching({
  watches,
  onOpen,
  onCheck,
  writing,
  now = Date.now(),
}: {
  watches: readonly Watch[];
  onOpen(url: string, newTab: boolean): void;
  onCheck(): Promise<CheckResult>;
  /** Write previews (contract 7); without it no write control is shown. */
  writing?: WriteClient | undefined;
  now?: number;
}) {
  const [checking, setChecking] = useState(false);
  const [outcome, setOutcome] = useState('');
  const styles = useMemo(() => scopedWriteStyles('.watching .tell', TELL_BOX), []);
  if (watches.length === 0) return null;
  const check = async () => {
    setChecking(true);
    setOutcome('');
    try {
      setOutcome((await onCheck()).message);
    } finally {
      setChecking(false);
    }
  };
  return (
    <section class="watching" aria-labelledby="liaison-watching-head">
      {writing && <style>{styles}</style>}
      <div class="section-head">
        <h2 id="liaison-watching-head">Watching · {watches.length}</h2>
        <button type="button" data-check-now="" onClick={() => void check()} disabled={checking}>
          {checking ? 'Checking…' : 'Check now'}
        </button>
      </div>
      <p class="meta" aria-live="polite" data-check-outcome="">
        {outcome}
      </p>
      <ul>
        {[...watches].sort(byNews).map((watch) => (
          <WatchedItem key={watch.ref} watch={watch} now={now} onOpen={onOpen} writing={writing} />
        ))}
      </ul>
    </section>
  );
}

/** Unseen changes first, then the latest change, then the newest watch. */
function byNews(a: Watch, b: Watch): number {
  const unseen = Number(b.unseen > 0) - Number(a.unseen > 0);
  if (unseen !== 0) return unseen;
  const latest = (b.changes[0]?.at ?? 0) - (a.changes[0]?.at ?? 0);
  return latest !== 0 ? latest : b.addedAt - a.addedAt;
}

function WatchedItem({
  watch,
  now,
  onOpen,
  writing,
}: {
  watch: Watch;
  now: number;
  onOpen(url: string, newTab: boolean): void;
  writing: WriteClient | undefined;
}) {
  const [copied, setCopied] = useState(false);
  const latest = watch.changes[0];
  const sentence = watch.snapshot?.sentence;
  const copy = async () => {
    if (!sentence) return;
    await navigator.clipboard.writeText(sentence);
    setCopied(true);
    setTimeout(() => setCopied(false), 2000);
  };
  return (
    <li
      class="watched"
      data-watched-ref={watch.ref}
      data-unseen={watch.unseen > 0 ? String(watch.unseen) : undefined}
    >
      <div class="line">
        <a
          class="key"
          href={/^https?:\/\//i.test(watch.url) ? watch.url : undefined}
          onClick={(e) => {
            e.preventDefault();
            onOpen(watch.url, e.ctrlKey || e.metaKey);
          }}
        >
          {watch.key}
        </a>
        <span class="title" title={watch.title}>
          {watch.title}
        </span>
        {watch.unseen > 0 && (
          <span class="chip new">
            {watch.unseen} new
            <span class="visually-hidden"> {watch.unseen === 1 ? 'change' : 'changes'}</span>
          </span>
        )}
        <WatchButton itemRef={watch.ref} label={watch.key} />
      </div>
      <p class="change" data-change="">
        {latest
          ? `${latest.text} · ${ago(latest.at, now)}`
          : `No change since you started watching${watch.checkedAt ? ` · checked ${ago(watch.checkedAt, now)}` : ''}.`}
      </p>
      {sentence && (
        <div class="sentence">
          <p data-sentence="">{sentence}</p>
          <button
            type="button"
            onClick={() => void copy()}
            aria-label={`Copy the sentence for the customer about ${watch.key}`}
          >
            {copied ? 'Copied' : 'Copy'}
          </button>
        </div>
      )}
      {writing && latest && !customerKinds.has(watch.kind) && <TellTickets watch={watch} writing={writing} />}
    </li>
  );
}

/** Its news for the tickets linked to it: the preview opens under the item, in the list. */
function TellTickets({ watch, writing }: { watch: Watch; writing: WriteClient }) {
  const controls: WriteControls = useMemo(
    () => ({ ...writing, subject: watch.ref, refresh: () => undefined }),
    [writing, watch.ref],
  );
  return (
    <div class="tell">
      <WriteContext.Provider value={controls}>
        <WriteAction kind="tell-tickets" describe={`about ${watch.key}`} />
      </WriteContext.Provider>
    </div>
  );
}
