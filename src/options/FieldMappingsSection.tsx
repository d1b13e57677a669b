import { useEffect, useState } from 'preact/hooks';
import { type Settings, settingsShellSchema } from '../core/settings';
import type { SettingsList } from '../systems/forms';
import { systems } from '../systems/index';
import type { SectionProps } from './ConnectionsSection';
import type { RawSettings } from './settings-edit';
import { setSection } from './settings-edit';
import { TextField } from './TextField';

/**
 * Where references hide in each system (ServiceNow fields searched and fields holding a Jira key, its tables,
 * Zendesk custom fields holding references: each system's forms facet lists its own), and extra reference
 * prefixes. Lists are comma-separated; only values that differ from what is in effect are written.
 */

type ListSpec = SettingsList;

/** Every system's lists, then every system's prefix lists (`fieldLists`, `prefixLists` of its forms facet). */
const specs: ListSpec[] = [
  ...systems().flatMap((s) => s.forms.fieldLists ?? []),
  ...systems().flatMap((s) => s.forms.prefixLists ?? []),
];

const keyOf = (s: ListSpec) => `${s.section}.${s.field}`;
const current = (settings: Settings, s: ListSpec): unknown[] =>
  ((settings as Record<string, unknown>)[s.section] as Record<string, unknown[]>)[s.field] ?? [];
const listIn = (text: string, s: ListSpec): unknown[] =>
  text
    .split(/[\s,]+/)
    .filter(Boolean)
    .map((v) => (s.numbers ? Number(v) : s.upper ? v.toUpperCase() : v));

export function FieldMappingsSection({
  raw,
  write,
  settings,
}: SectionProps & { settings: Settings | undefined }) {
  const shown = (s: Settings | undefined) =>
    Object.fromEntries(specs.map((spec) => [keyOf(spec), s ? current(s, spec).join(', ') : '']));
  const [texts, setTexts] = useState<Record<string, string>>(() => shown(settings));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [status, setStatus] = useState<{ text: string; error?: boolean }>();
  useEffect(() => setTexts(shown(settings)), [JSON.stringify(shown(settings))]);

  const apply = (latest: RawSettings) => {
    let next = latest;
    for (const spec of specs) {
      const list = listIn(texts[keyOf(spec)] ?? '', spec);
      if (settings && JSON.stringify(list) === JSON.stringify(current(settings, spec))) continue;
      next = setSection(next, spec.section, { [spec.field]: list });
    }
    return next;
  };

  const onSubmit = (event: Event) => {
    event.preventDefault();
    const parsed = settingsShellSchema.safeParse(apply(raw));
    if (!parsed.success) {
      const found: Record<string, string> = {};
      for (const issue of parsed.error.issues) {
        const spec = specs.find((s) => issue.path[0] === s.section && issue.path[1] === s.field);
        if (spec) found[keyOf(spec)] ??= spec.rule;
      }
      setErrors(found);
      setStatus({ text: 'Not saved: fix the fields marked below.', error: true });
      return;
    }
    setErrors({});
    void write(apply).then((error) => setStatus(error ? { text: error, error: true } : { text: 'Saved.' }));
  };

  return (
    <section aria-labelledby="mappings-title">
      <h2 id="mappings-title">Fields and prefixes</h2>
      <form onSubmit={onSubmit} noValidate>
        {specs.map((spec) => (
          <TextField
            key={keyOf(spec)}
            id={`map-${spec.section}-${spec.field}`}
            name={keyOf(spec)}
            label={spec.label}
            value={texts[keyOf(spec)] ?? ''}
            onInput={(value) => setTexts((t) => ({ ...t, [keyOf(spec)]: value }))}
            hint={spec.hint}
            error={errors[keyOf(spec)]}
          />
        ))}
        <div class="actions">
          <button type="submit">Save fields and prefixes</button>
        </div>
        <p role="status" class={status?.error ? 'error' : 'ok'} data-status="mappings">
          {status?.text}
        </p>
      </form>
    </section>
  );
}
