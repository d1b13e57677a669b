import { isObject, type RawSettings } from '../../options/settings-edit';

/** The Jira project keys to use for one connection; an empty list goes back to what discovery finds. */
export function setProjectKeys(raw: RawSettings, connectionId: string, keys: readonly string[]): RawSettings {
  const jira = isObject(raw.jira) ? raw.jira : {};
  const current = isObject(jira.projectKeys) ? jira.projectKeys : {};
  const { [connectionId]: _, ...others } = current;
  const projectKeys = keys.length > 0 ? { ...others, [connectionId]: [...keys] } : others;
  return { ...raw, jira: { ...jira, projectKeys } };
}
