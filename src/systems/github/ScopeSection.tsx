import { useEffect, useState } from 'preact/hooks';
import { type Connection, connectionSchema } from '../../core/settings';
import { ConnectionListForm } from '../../options/ConnectionListForm';
import type { SectionProps } from '../../options/ConnectionsSection';
import { rawList } from '../../options/settings-edit';
import { isScopeEntry } from './scope';
import { setSearchScope } from './settings-edit';

/**
 * Where each GitHub connection's reverse lookups search: never all of GitHub (./scope.ts). Shows
 * the scope in effect, learned from the token unless set here (`settings.github.searchScope[id]`).
 */
export function GithubScopeSection({ env, raw, write }: SectionProps) {
  const github = rawList(raw, 'connections').flatMap((c) => {
    const parsed = connectionSchema.safeParse(c);
    return parsed.success && parsed.data.system === 'github' ? [parsed.data] : [];
  });
  if (github.length === 0) return null;
  const stored = (raw.github as { searchScope?: unknown } | undefined)?.searchScope;
  const configured = (id: string): string[] => {
    const value = Array.isArray(stored) ? stored : (stored as Record<string, unknown> | undefined)?.[id];
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  };
  return (
    <section aria-labelledby="github-scope-title">
      <h2 id="github-scope-title">GitHub search scope</h2>
      <p class="muted">
        Pull requests that mention a ticket are looked for only in these organisations and repositories (and
        in the repository of the page), never in all of GitHub.
      </p>
      {github.map((connection) => (
        <GithubScope
          key={connection.id}
          env={env}
          connection={connection}
          override={configured(connection.id)}
          save={(scope) => write((latest) => setSearchScope(latest, connection.id, scope))}
        />
      ))}
    </section>
  );
}

interface GithubScopeProps {
  env: SectionProps['env'];
  connection: Connection;
  override: readonly string[];
  save(scope: string[]): Promise<string | undefined>;
}

const entriesIn = (text: string) => [...new Set(text.split(/[\s,]+/).filter(Boolean))];

function GithubScope({ env, connection, override, save }: GithubScopeProps) {
  const [inEffect, setInEffect] = useState<{ scope?: string[]; error?: string; loading?: boolean }>({
    loading: true,
  });
  const key = override.join(',');
  useEffect(() => {
    setInEffect({ loading: true });
    void env
      .githubScope(connection.id)
      .then((reply) => setInEffect(reply.ok ? { scope: reply.scope } : { error: reply.error }));
  }, [connection.id, key]);

  const problem = (entries: string[]) => {
    const wrong = entries.filter((e) => !isScopeEntry(e));
    return wrong.length > 0
      ? `Not a scope: ${wrong.join(', ')}. Use org:NAME, user:NAME or repo:OWNER/NAME.`
      : undefined;
  };

  return (
    <ConnectionListForm
      connection={connection}
      label={`Search scope of ${connection.baseUrl}`}
      field={{
        id: `github-scope-${connection.id}`,
        name: 'searchScope',
        label: 'Search only in',
        hint: 'Comma-separated org:NAME, user:NAME or repo:OWNER/NAME. Leave empty to use what the token can reach.',
      }}
      submit="Save search scope"
      override={override}
      entriesOf={entriesIn}
      problem={problem}
      save={save}
    >
      <p data-search-scope={inEffect.scope?.join(' ')}>
        {inEffect.loading
          ? 'Reading the organisations of this token…'
          : inEffect.scope
            ? `Searching in: ${inEffect.scope.join(', ') || 'only the repository of each page'}${override.length ? ' (set here)' : ' (learned from the token)'}.`
            : `Could not read the scope: ${inEffect.error}`}
      </p>
    </ConnectionListForm>
  );
}
