import { useEffect, useState } from 'preact/hooks';
import { type Settings, settingsShellSchema } from '../core/settings';
import type { SectionProps } from './ConnectionsSection';
import { setSection } from './settings-edit';
import { TextField } from './TextField';

/** The entity cache: how long items are served without asking again, how many are kept, and "clear now". */
export function CacheSection({
  env,
  raw,
  write,
  settings,
}: SectionProps & { settings: Settings | undefined }) {
  const [ttl, setTtl] = useState(String(settings?.cache.ttlMinutes ?? 5));
  const [size, setSize] = useState(String(settings?.cache.maxEntries ?? 5000));
  const [errors, setErrors] = useState<{ ttl?: string; size?: string }>({});
  const [status, setStatus] = useState<{ text: string; error?: boolean }>();
  useEffect(() => {
    if (!settings) return;
    setTtl(String(settings.cache.ttlMinutes));
    setSize(String(settings.cache.maxEntries));
  }, [settings?.cache.ttlMinutes, settings?.cache.maxEntries]);

  const onSubmit = (event: Event) => {
    event.preventDefault();
    const patch = { ttlMinutes: Number(ttl), maxEntries: Number(size) };
    const parsed = settingsShellSchema.safeParse(setSection(raw, 'cache', patch));
    if (!parsed.success) {
      const fields = new Set(parsed.error.issues.map((i) => i.path[1]));
      setErrors({
        ...(fields.has('ttlMinutes') ? { ttl: 'Enter a number of minutes above 0, e.g. 5.' } : {}),
        ...(fields.has('maxEntries') ? { size: 'Enter a whole number above 0, e.g. 5000.' } : {}),
      });
      return;
    }
    setErrors({});
    void write((latest) => setSection(latest, 'cache', patch)).then((error) =>
      setStatus(error ? { text: error, error: true } : { text: 'Saved.' }),
    );
  };

  const clear = () => {
    setStatus({ text: 'Clearing…' });
    void env
      .send({ type: 'clear-cache' })
      .then((reply) => setStatus(reply.ok ? { text: 'Cache cleared.' } : { text: reply.error, error: true }));
  };

  return (
    <section aria-labelledby="cache-title">
      <h2 id="cache-title">Cache</h2>
      <p class="muted">
        Items fetched from your systems are kept in this browser and shown at once; older than the time to
        live, they are shown and refreshed in the background.
      </p>
      <form onSubmit={onSubmit} noValidate>
        <TextField
          id="cache-ttl"
          name="ttlMinutes"
          label="Time to live (minutes)"
          type="number"
          value={ttl}
          onInput={setTtl}
          error={errors.ttl}
        />
        <TextField
          id="cache-size"
          name="maxEntries"
          label="Items kept at most"
          type="number"
          value={size}
          onInput={setSize}
          error={errors.size}
          hint="The least recently used go first."
        />
        <div class="actions">
          <button type="submit">Save cache settings</button>
          <button type="button" onClick={clear}>
            Clear cache now
          </button>
        </div>
        <p role="status" class={status?.error ? 'error' : 'ok'} data-status="cache">
          {status?.text}
        </p>
      </form>
    </section>
  );
}
