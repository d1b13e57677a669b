import type { ComponentChildren } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import type { Connection } from '../core/settings';
import { TextField } from './TextField';

/**
 * One connection's list setting (Jira's project keys, GitHub's search scope): what is in effect (the system's own
 * paragraph, `children`), a comma-separated field for the list to use instead, and the save status. Systems' options
 * sections (`src/systems/<id>/`) render it per connection.
 */
export interface ConnectionListFormProps {
  connection: Connection;
  /** The form's accessible name: "Project keys of https://acme.atlassian.net". */
  label: string;
  field: { id: string; name: string; label: string; hint: string };
  submit: string;
  /** The saved list, empty when the connection's default decides. */
  override: readonly string[];
  /** The entries of the typed text (split, deduplicated, normalised). */
  entriesOf(text: string): string[];
  /** Why the entries cannot be saved, or undefined. */
  problem?(entries: string[]): string | undefined;
  save(entries: string[]): Promise<string | undefined>;
  children: ComponentChildren;
}

export function ConnectionListForm(props: ConnectionListFormProps) {
  const { connection, override } = props;
  const [text, setText] = useState(override.join(', '));
  const [status, setStatus] = useState<{ text: string; error?: boolean }>();
  useEffect(() => setText(override.join(', ')), [override.join(',')]);

  const onSubmit = (event: Event) => {
    event.preventDefault();
    const entries = props.entriesOf(text);
    const problem = props.problem?.(entries);
    if (problem) {
      setStatus({ text: problem, error: true });
      return;
    }
    void props
      .save(entries)
      .then((error) => setStatus(error ? { text: error, error: true } : { text: 'Saved.' }));
  };

  return (
    <form class="subsection" onSubmit={onSubmit} aria-label={props.label} noValidate>
      <h3>{connection.baseUrl}</h3>
      {props.children}
      <TextField {...props.field} value={text} onInput={setText} optional />
      <div class="actions">
        <button type="submit">{props.submit}</button>
      </div>
      <p role="status" class={status?.error ? 'error' : 'ok'}>
        {status?.text}
      </p>
    </form>
  );
}
