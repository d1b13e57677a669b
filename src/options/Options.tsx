import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { parseSettings, SETTINGS_KEY, type Settings } from '../core/settings';
import { systemName } from '../core/systems';
import type { RuntimeReply } from '../messaging/protocol';
import './options.css';

/**
 * Settings as JSON (DESIGN.md contract 2), validated before saving, with a connection test per connection.
 * The guided form for each system is tracked in issue 5.
 */
export function Options() {
  const [text, setText] = useState('');
  const [settings, setSettings] = useState<Settings | undefined>();
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string } | undefined>();
  const [tests, setTests] = useState<Record<string, string>>({});

  const load = async () => {
    const stored = (await browser.storage.local.get(SETTINGS_KEY))[SETTINGS_KEY];
    const parsed = parseSettings(stored);
    setText(JSON.stringify(stored ?? { version: 1, connections: [] }, null, 2));
    setSettings(parsed.ok ? parsed.settings : undefined);
    if (!parsed.ok) setMessage({ kind: 'error', text: parsed.error });
  };
  useEffect(() => {
    void load();
    const listener = (changes: Record<string, unknown>, area: string) => {
      if (area === 'local' && SETTINGS_KEY in changes) void load();
    };
    browser.storage.onChanged.addListener(listener);
    return () => browser.storage.onChanged.removeListener(listener);
  }, []);

  const save = async (event: Event) => {
    event.preventDefault();
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      setMessage({ kind: 'error', text: `Not JSON: ${error instanceof Error ? error.message : error}` });
      return;
    }
    const parsed = parseSettings(json);
    if (!parsed.ok) {
      setMessage({ kind: 'error', text: parsed.error });
      return;
    }
    await browser.storage.local.set({ [SETTINGS_KEY]: json });
    setMessage({ kind: 'ok', text: 'Saved. Open pages pick the change up on their next refresh.' });
  };

  const test = async (id: string) => {
    setTests((t) => ({ ...t, [id]: 'Testing…' }));
    const reply = (await browser.runtime.sendMessage({
      type: 'test-connection',
      connectionId: id,
    })) as RuntimeReply;
    setTests((t) => ({ ...t, [id]: reply.ok ? `Connected as ${reply.who}` : reply.error }));
  };

  return (
    <main>
      <h1>Liaison options</h1>
      <form onSubmit={save}>
        <label for="settings">
          Settings (JSON; credentials stay in this browser's local extension storage)
        </label>
        <textarea
          id="settings"
          rows={20}
          spellcheck={false}
          value={text}
          onInput={(e) => setText(e.currentTarget.value)}
        />
        <button type="submit">Save</button>
        {message && (
          <p role={message.kind === 'error' ? 'alert' : 'status'} class={message.kind}>
            {message.text}
          </p>
        )}
      </form>
      <h2>Connections</h2>
      <ul>
        {settings?.connections.map((c) => (
          <li key={c.id}>
            <strong>{systemName(c.system)}</strong> {c.baseUrl}{' '}
            <button type="button" onClick={() => void test(c.id)}>
              Test connection
            </button>{' '}
            <output>{tests[c.id]}</output>
          </li>
        ))}
      </ul>
    </main>
  );
}
