import { useEffect, useState } from 'preact/hooks';
import { systemName } from '../core/systems';
import type { ActivityEntry } from '../core/writes';
import { activityReplySchema } from '../messaging/protocol';
import { SafeLink } from '../ui/SafeLink';
import type { SectionProps } from './ConnectionsSection';

/**
 * The local activity list (issue 14): every write Liaison made or tried, newest first, kept by the background in
 * this browser only (no token, no response body), and a Clear button.
 */

type Listed =
  | { state: 'loading' }
  | { state: 'ready'; entries: ActivityEntry[] }
  | { state: 'error'; error: string };

const resultWords: Record<ActivityEntry['result'], string> = {
  written: 'Written',
  already: 'Already there',
  failed: 'Failed',
};

export function ActivitySection({ env }: Pick<SectionProps, 'env'>) {
  const [listed, setListed] = useState<Listed>({ state: 'loading' });
  const [status, setStatus] = useState<{ text: string; error?: boolean }>();

  const load = async () => {
    setListed((l) => (l.state === 'ready' ? l : { state: 'loading' }));
    const parsed = activityReplySchema.safeParse(await env.send({ type: 'write-activity' }));
    if (!parsed.success)
      return setListed({ state: 'error', error: 'Liaison could not read its activity list.' });
    if (!parsed.data.ok) return setListed({ state: 'error', error: parsed.data.error });
    setListed({ state: 'ready', entries: [...parsed.data.entries].sort((a, b) => b.at - a.at) });
  };
  useEffect(() => {
    void load();
  }, [env]);

  const clear = async () => {
    const reply = await env.send({ type: 'clear-activity' });
    setStatus(reply.ok ? { text: 'Activity cleared.' } : { text: reply.error, error: true });
    await load();
  };

  return (
    <section aria-labelledby="activity-title" data-activity>
      <h2 id="activity-title">Activity</h2>
      <p class="muted">
        What Liaison wrote (or tried to) through connections that allow writing, newest first. Kept in this
        browser only.
      </p>
      {listed.state === 'loading' && <p>Loading…</p>}
      {listed.state === 'error' && (
        <p class="error" role="alert">
          {listed.error}
        </p>
      )}
      {listed.state === 'ready' && listed.entries.length === 0 && (
        <p data-activity-empty>Nothing written yet.</p>
      )}
      {listed.state === 'ready' && listed.entries.length > 0 && (
        <ol class="activity">
          {listed.entries.map((entry) => (
            <li key={`${entry.at}-${entry.marker}-${entry.target}`} data-activity-ref={entry.target}>
              <div>
                <time dateTime={new Date(entry.at).toISOString()}>{new Date(entry.at).toLocaleString()}</time>
                {' · '}
                {systemName(entry.system)} · <code>{entry.target}</code> · {entry.where}
              </div>
              <div>
                <span class={`result-${entry.result}`} data-result={entry.result}>
                  {resultWords[entry.result]}
                </span>
                {entry.message && <>: {entry.message}</>}
                {entry.url && (
                  <>
                    {' '}
                    <SafeLink href={entry.url}>Open</SafeLink>
                  </>
                )}
              </div>
            </li>
          ))}
        </ol>
      )}
      <div class="actions">
        <button type="button" onClick={() => void load()}>
          Refresh list
        </button>
        <button
          type="button"
          onClick={() => void clear()}
          disabled={listed.state !== 'ready' || listed.entries.length === 0}
        >
          Clear activity
        </button>
      </div>
      <p role="status" class={status?.error ? 'error' : 'ok'} data-status="activity">
        {status?.text}
      </p>
    </section>
  );
}
