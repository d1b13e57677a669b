import { connectionSchema, type Settings } from '../../core/settings';
import type { SectionProps } from '../../options/ConnectionsSection';
import { rawList } from '../../options/settings-edit';
import { JiraProjectKeys } from './ProjectKeys';
import { setProjectKeys } from './settings-edit';

/** Discovered Jira project keys per Jira connection, each with its override. */
export function JiraProjectsSection({
  env,
  raw,
  write,
  settings,
}: SectionProps & { settings: Settings | undefined }) {
  const jira = rawList(raw, 'connections').flatMap((c) => {
    const parsed = connectionSchema.safeParse(c);
    return parsed.success && parsed.data.system === 'jira' ? [parsed.data] : [];
  });
  if (jira.length === 0) return null;
  return (
    <section aria-labelledby="jira-title">
      <h2 id="jira-title">Jira projects</h2>
      <p class="muted">
        Only keys of these projects are read as Jira references, so look-alikes such as UTF-8 or SHA-256 are
        not.
      </p>
      {jira.map((connection) => (
        <JiraProjectKeys
          key={connection.id}
          env={env}
          connection={connection}
          override={settings?.jira.projectKeys[connection.id] ?? []}
          save={(keys) => write((latest) => setProjectKeys(latest, connection.id, keys))}
        />
      ))}
    </section>
  );
}
