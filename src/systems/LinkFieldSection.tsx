import type { JSX } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { type Connection, connectionSchema, type System } from '../core/settings';
import type { SectionProps } from '../options/ConnectionsSection';
import { rawList } from '../options/settings-edit';
import { TextField } from '../options/TextField';
import { setConnectionField } from './connection-fields';

/**
 * The field link-bug writes a bug's key to instead of a note (issue 14), per connection that writes: kept on the
 * connection as `linkField`; emptied, it is removed and the note comes back. Each system says what the field is
 * (a column name, a custom field id) and how typed text becomes the stored value.
 */
export interface LinkFieldConfig {
  system: System;
  /** Prefix of element ids: `${idPrefix}-title`, `${idPrefix}-${connection id}`. */
  idPrefix: string;
  title: string;
  /** The one sentence: what Liaison writes there, that it replaces the value, what the preview shows. */
  intro: string;
  label: string;
  hint: string;
  placeholder: string;
  /** The stored value of a connection's field, as text for the box ('' when unset). */
  shown(connection: Connection): string;
  /** Typed text → the value to store, or the rule it breaks. */
  parse(text: string): { value: unknown } | { error: string };
}

export function linkFieldSection(config: LinkFieldConfig): (props: SectionProps) => JSX.Element | null {
  return function LinkFieldSection({ raw, write }: SectionProps) {
    const writing = rawList(raw, 'connections').flatMap((c) => {
      const parsed = connectionSchema.safeParse(c);
      return parsed.success && parsed.data.system === config.system && parsed.data.write === true
        ? [parsed.data]
        : [];
    });
    if (writing.length === 0) return null;
    return (
      <section aria-labelledby={`${config.idPrefix}-title`}>
        <h2 id={`${config.idPrefix}-title`}>{config.title}</h2>
        <p class="muted">{config.intro}</p>
        {writing.map((connection) => (
          <LinkFieldForm
            key={connection.id}
            config={config}
            connection={connection}
            save={(value) => write((latest) => setConnectionField(latest, connection.id, 'linkField', value))}
          />
        ))}
      </section>
    );
  };
}

function LinkFieldForm(props: {
  config: LinkFieldConfig;
  connection: Connection;
  save(value: unknown): Promise<string | undefined>;
}) {
  const { config, connection } = props;
  const stored = config.shown(connection);
  const [text, setText] = useState(stored);
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState<{ text: string; error?: boolean }>();
  useEffect(() => setText(stored), [stored]);
  const id = `${config.idPrefix}-${connection.id}`;

  const onSubmit = (event: Event) => {
    event.preventDefault();
    const typed = text.trim();
    let value: unknown;
    if (typed) {
      const parsed = config.parse(typed);
      if ('error' in parsed) {
        setError(parsed.error);
        setStatus(undefined);
        return;
      }
      value = parsed.value;
    }
    setError(undefined);
    void props
      .save(value)
      .then((problem) =>
        setStatus(
          problem
            ? { text: problem, error: true }
            : { text: value === undefined ? 'Saved: links are written as notes.' : 'Saved.' },
        ),
      );
  };

  return (
    <form
      class="subsection"
      onSubmit={onSubmit}
      aria-label={`${config.label} of ${connection.baseUrl}`}
      noValidate
    >
      <h3>{connection.label ?? connection.baseUrl}</h3>
      <TextField
        id={id}
        name="linkField"
        label={config.label}
        hint={config.hint}
        placeholder={config.placeholder}
        value={text}
        onInput={setText}
        error={error}
        optional
      />
      <div class="actions">
        <button type="submit">Save link field</button>
      </div>
      <p role="status" class={status?.error ? 'error' : 'ok'}>
        {status?.text}
      </p>
    </form>
  );
}
