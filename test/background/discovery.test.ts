import { describe, expect, test } from 'vitest';
import type { Config } from '../../src/background/config';
import { jiraProjectKeys } from '../../src/background/discovery';
import { parseSettings } from '../../src/core/settings';
import type { Provider } from '../../src/providers/provider';
import { replicaSettings } from '../replica/credentials';

/** Discovery: Jira's project keys for the grammar; the other systems learn about themselves alongside. */

function configWith(discover: { jira: Provider['discover']; servicenow: Provider['discover'] }): Config {
  const parsed = parseSettings(replicaSettings());
  if (!parsed.ok) throw new Error(parsed.error);
  const connection = (system: string) => {
    const found = parsed.settings.connections.find((c) => c.system === system);
    if (!found) throw new Error(`replica settings have no ${system}`);
    return found;
  };
  const provider = (system: 'jira' | 'servicenow'): Provider => ({
    system,
    connection: connection(system),
    refHost: undefined,
    owns: () => false,
    fetchItems: async () => ({ items: [], links: [] }),
    findReferencing: async () => ({ items: [], links: [] }),
    whoAmI: async () => 'me',
    ...(discover[system] ? { discover: discover[system] } : {}),
  });
  return { settings: parsed.settings, providers: [provider('jira'), provider('servicenow')] };
}

describe('discovery', () => {
  test('ServiceNow learns which key fields exist along with it, and nobody waits for that', async () => {
    let asked = 0;
    const config = configWith({
      jira: async () => ({ jiraProjectKeys: ['shop', 'OPS'] }),
      servicenow: () => {
        asked++;
        return new Promise(() => {}); // a slow instance
      },
    });
    const keys = await jiraProjectKeys(config);
    const jiraId = config.providers[0]?.connection.id ?? '';
    expect(keys.get(jiraId)).toEqual(new Set(['SHOP', 'OPS']));
    expect(asked).toBe(1);
    await jiraProjectKeys(config); // within the hour: neither is asked again
    expect(asked).toBe(1);
  });

  test('a ServiceNow discovery that fails costs nothing else', async () => {
    const config = configWith({
      jira: async () => ({ jiraProjectKeys: ['SHOP'] }),
      servicenow: async () => {
        throw new Error('down');
      },
    });
    const keys = await jiraProjectKeys(config);
    expect([...keys.values()]).toEqual([new Set(['SHOP'])]);
  });
});
