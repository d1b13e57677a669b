import { useEffect, useState } from 'preact/hooks';
import type { Connection } from '../../core/settings';
import { ConnectionListForm } from '../../options/ConnectionListForm';
import type { OptionsEnv } from '../../options/env';

/**
 * One Jira connection's project keys: what discovery found there (refreshable), and the keys to use instead when
 * set (`settings.jira.projectKeys[id]`). Only keys of listed projects count as Jira references in text.
 */
export interface JiraProjectKeysProps {
  env: OptionsEnv;
  connection: Connection;
  /** The saved override, empty when discovery decides. */
  override: readonly string[];
  save(keys: string[]): Promise<string | undefined>;
}

const keysIn = (text: string) => [
  ...new Set(
    text
      .split(/[\s,]+/)
      .filter(Boolean)
      .map((k) => k.toUpperCase()),
  ),
];

export function JiraProjectKeys({ env, connection, override, save }: JiraProjectKeysProps) {
  const [found, setFound] = useState<{ keys?: string[]; error?: string; loading?: boolean }>({
    loading: true,
  });
  const discover = (refresh: boolean) => {
    setFound((f) => ({ ...f, loading: true }));
    void env
      .jiraProjects(connection.id, refresh)
      .then((reply) => setFound(reply.ok ? { keys: reply.keys } : { error: reply.error }));
  };
  useEffect(() => discover(false), [connection.id]);

  return (
    <ConnectionListForm
      connection={connection}
      label={`Project keys of ${connection.baseUrl}`}
      field={{
        id: `jira-keys-${connection.id}`,
        name: 'projectKeys',
        label: 'Use only these project keys',
        hint: 'Comma-separated, e.g. SHOP, OPS. Leave empty to use the projects found.',
      }}
      submit="Save project keys"
      override={override}
      entriesOf={keysIn}
      save={save}
    >
      <p data-discovered-keys={found.keys?.join(' ')}>
        {found.loading
          ? 'Looking for projects…'
          : found.keys
            ? `Projects found: ${found.keys.join(', ') || 'none'}.`
            : `Could not list projects: ${found.error}`}{' '}
        <button type="button" onClick={() => discover(true)} disabled={found.loading}>
          Refresh
        </button>
      </p>
    </ConnectionListForm>
  );
}
