import { useEffect, useState } from 'preact/hooks';
import { type Settings, settingsShellSchema } from '../core/settings';
import type { SectionProps } from './ConnectionsSection';
import type { RawSettings } from './settings-edit';
import { setSection } from './settings-edit';
import { TextField } from './TextField';

/**
 * Where references hide in each system: ServiceNow fields searched and fields holding a Jira key, its tables,
 * Zendesk custom fields holding references, and extra reference prefixes. Lists are comma-separated; only values
 * that differ from what is in effect are written.
 */

interface ListSpec {
  section: 'servicenow' | 'zendesk' | 'prefixes';
  field: string;
  label: string;
  hint: string;
  /** Said when a value does not fit. */
  rule: string;
  numbers?: boolean;
  upper?: boolean;
}

const specs: ListSpec[] = [
  {
    section: 'servicenow',
    field: 'searchFields',
    label: 'ServiceNow fields searched for references',
    hint: 'Text fields searched for a Jira key or pull request URL, e.g. short_description, description.',
    rule: 'Field names are lower-case letters, digits, _ and . (e.g. short_description).',
  },
  {
    section: 'servicenow',
    field: 'jiraKeyFields',
    label: 'ServiceNow fields that hold a Jira key',
    hint: 'Custom fields whose value is a Jira key, e.g. u_jira_key.',
    rule: 'Field names are lower-case letters, digits, _ and . (e.g. u_jira_key).',
  },
  {
    section: 'servicenow',
    field: 'tables',
    label: 'ServiceNow tables',
    hint: 'Where linked tickets are looked for, e.g. incident, problem, sc_req_item.',
    rule: 'Table names are lower-case letters, digits and _ (e.g. incident).',
  },
  {
    section: 'zendesk',
    field: 'referenceFieldIds',
    label: 'Zendesk ticket fields that hold references',
    hint: 'Numeric ids of custom ticket fields (Admin Center → Objects and rules → Tickets → Fields).',
    rule: 'Field ids are whole numbers, e.g. 360001234567.',
    numbers: true,
  },
  {
    section: 'prefixes',
    field: 'servicenow',
    label: 'Extra ServiceNow number prefixes',
    hint: 'Besides INC, PRB, CHG, RITM, KB, TASK…: e.g. SIR for security incidents.',
    rule: 'Prefixes are 2 to 8 capital letters.',
    upper: true,
  },
  {
    section: 'prefixes',
    field: 'zendesk',
    label: 'Zendesk ticket prefixes',
    hint: 'How your team writes Zendesk tickets in text, e.g. ZD for ZD-123 (never read as a Jira key).',
    rule: 'Prefixes are capital letters and digits, starting with a letter.',
    upper: true,
  },
];

const keyOf = (s: ListSpec) => `${s.section}.${s.field}`;
const current = (settings: Settings, s: ListSpec): unknown[] =>
  (settings[s.section] as Record<string, unknown[]>)[s.field] ?? [];
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
