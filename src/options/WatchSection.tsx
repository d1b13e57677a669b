import { useEffect, useState } from 'preact/hooks';
import { type Settings, WATCH_MAX_MINUTES, WATCH_MIN_MINUTES } from '../core/settings';
import type { SectionProps } from './ConnectionsSection';
import { setSection } from './settings-edit';
import { TextField } from './TextField';

/** How often watched items are checked (`settings.watch.intervalMinutes`, README "Watching"). */
export function WatchSection({ write, settings }: SectionProps & { settings: Settings | undefined }) {
  const [minutes, setMinutes] = useState(String(settings?.watch.intervalMinutes ?? 5));
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState<{ text: string; error?: boolean }>();
  useEffect(() => {
    if (settings) setMinutes(String(settings.watch.intervalMinutes));
  }, [settings?.watch.intervalMinutes]);

  const onSubmit = (event: Event) => {
    event.preventDefault();
    const patch = { intervalMinutes: Number(minutes) };
    const n = patch.intervalMinutes;
    // The settings schema would bring it within; here the user is told instead.
    if (minutes.trim() === '' || !Number.isFinite(n) || n < WATCH_MIN_MINUTES || n > WATCH_MAX_MINUTES) {
      setError('Enter a number of minutes from 0.5 (the browsers’ shortest alarm) to 1440, e.g. 5.');
      return;
    }
    setError(undefined);
    void write((latest) => setSection(latest, 'watch', patch)).then((problem) =>
      setStatus(problem ? { text: problem, error: true } : { text: 'Saved.' }),
    );
  };

  return (
    <section aria-labelledby="watch-title">
      <h2 id="watch-title">Watching</h2>
      <p class="muted">
        Items you watch are checked in the background and a notification tells you when one moves: merged,
        released, reopened, a new linked ticket. Each check costs a few requests per connected system.
      </p>
      <form onSubmit={onSubmit} noValidate>
        <TextField
          id="watch-interval"
          name="intervalMinutes"
          label="Check every (minutes)"
          type="number"
          value={minutes}
          onInput={setMinutes}
          error={error}
        />
        <div class="actions">
          <button type="submit">Save watch settings</button>
        </div>
        <p role="status" class={status?.error ? 'error' : 'ok'} data-status="watch">
          {status?.text}
        </p>
      </form>
    </section>
  );
}
