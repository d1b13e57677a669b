import { useEffect, useState } from 'preact/hooks';
import { type Connection, connectionSchema } from '../../core/settings';
import type { SectionProps } from '../../options/ConnectionsSection';
import { rawList } from '../../options/settings-edit';
import { TextField } from '../../options/TextField';
import { setConnectionField } from '../connection-fields';
import { knowledgeBaseOf } from './writes';

/**
 * Where draft knowledge articles go, per ServiceNow connection that writes (issue 14): a `kb_knowledge_base`
 * sys_id kept on the connection (`knowledgeBase`), or, left empty, the first active knowledge base the user sees.
 */
export function ServiceNowKnowledgeBaseSection({ raw, write }: SectionProps) {
  const writing = rawList(raw, 'connections').flatMap((c) => {
    const parsed = connectionSchema.safeParse(c);
    return parsed.success && parsed.data.system === 'servicenow' && parsed.data.write === true
      ? [parsed.data]
      : [];
  });
  if (writing.length === 0) return null;
  return (
    <section aria-labelledby="servicenow-kb-title">
      <h2 id="servicenow-kb-title">ServiceNow knowledge base for drafts</h2>
      <p class="muted">
        Draft articles Liaison creates from a resolved bug go to this knowledge base, as drafts only:
        publishing stays with your knowledge workflow.
      </p>
      {writing.map((connection) => (
        <KnowledgeBaseForm
          key={connection.id}
          connection={connection}
          save={(value) =>
            write((latest) => setConnectionField(latest, connection.id, 'knowledgeBase', value))
          }
        />
      ))}
    </section>
  );
}

const sysIdPattern = /^[0-9A-Za-z]{1,64}$/;

function KnowledgeBaseForm(props: {
  connection: Connection;
  save(value: string | undefined): Promise<string | undefined>;
}) {
  const { connection } = props;
  const stored = knowledgeBaseOf(connection) ?? '';
  const [text, setText] = useState(stored);
  const [error, setError] = useState<string>();
  const [status, setStatus] = useState<{ text: string; error?: boolean }>();
  useEffect(() => setText(stored), [stored]);
  const id = `servicenow-kb-${connection.id}`;

  const onSubmit = (event: Event) => {
    event.preventDefault();
    const value = text.trim();
    if (value && !sysIdPattern.test(value)) {
      setError('A sys_id is letters and digits, e.g. dfc19531bf2021003f07e2c1ac0739ab.');
      setStatus(undefined);
      return;
    }
    setError(undefined);
    void props
      .save(value || undefined)
      .then((problem) => setStatus(problem ? { text: problem, error: true } : { text: 'Saved.' }));
  };

  return (
    <form
      class="subsection"
      onSubmit={onSubmit}
      aria-label={`Knowledge base of ${connection.baseUrl}`}
      noValidate
    >
      <h3>{connection.baseUrl}</h3>
      <TextField
        id={id}
        name="knowledgeBase"
        label="Knowledge base sys_id"
        hint="Knowledge → Administration → Knowledge Bases, open one, Copy sys_id. Empty: the first active knowledge base your user can see."
        value={text}
        onInput={setText}
        error={error}
        optional
      />
      <div class="actions">
        <button type="submit">Save knowledge base</button>
      </div>
      <p role="status" class={status?.error ? 'error' : 'ok'}>
        {status?.text}
      </p>
    </form>
  );
}
