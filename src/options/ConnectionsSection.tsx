import { useState } from 'preact/hooks';
import { originsToRequest } from '../core/host-access';
import { type Connection, connectionSchema } from '../core/settings';
import { ConnectionForm } from './ConnectionForm';
import { ConnectionRow } from './ConnectionRow';
import { type ConnectionKind, kindOf, perConnectionSettings } from './connection-kinds';
import type { OptionsEnv } from './env';
import { PendingRow } from './PendingRow';
import { freshId, type RawSettings, rawList, removeConnection, upsertConnection } from './settings-edit';

/** The connections: saved ones with their actions, imported ones waiting for a secret, and the add/edit form. */
export interface SectionProps {
  env: OptionsEnv;
  /** The settings as stored now (always the latest: settings written elsewhere show up here). */
  raw: RawSettings;
  /** Validates and writes new settings; resolves to an error message when it could not. */
  write(next: (latest: RawSettings) => RawSettings): Promise<string | undefined>;
}

type Editing =
  | { id?: string; kind?: ConnectionKind; pending?: boolean; prefill?: { baseUrl: string } }
  | undefined;

const hostOf = (c: Connection) => new URL(c.baseUrl).host;

export function ConnectionsSection({ env, raw, write }: SectionProps) {
  // Opened from the popup to connect a site: the add form, for that system, with the site's address.
  const [editing, setEditing] = useState<Editing>(() =>
    env.connectRequest
      ? { kind: env.connectRequest.kind, prefill: { baseUrl: env.connectRequest.baseUrl } }
      : undefined,
  );
  const [status, setStatus] = useState<{ text: string; error?: boolean }>();
  const connections = rawList(raw, 'connections');
  const pending = rawList(raw, 'pendingConnections');
  const stored = editing?.id
    ? (editing.pending ? pending : connections).find((c) => c.id === editing.id)
    : undefined;

  const save = async (connection: Connection) => {
    const error = await write((latest) => upsertConnection(latest, connection));
    if (error) return error;
    setEditing(undefined);
    setStatus({ text: `Saved ${kindOf(connection).name} (${hostOf(connection)}).` });
    return undefined;
  };

  const remove = (id: string) => {
    const parsed = connectionSchema.safeParse(connections.find((c) => c.id === id));
    void (async () => {
      const error = await write((latest) => removeConnection(latest, id, perConnectionSettings()));
      if (error) return setStatus({ text: error, error: true });
      if (editing?.id === id) setEditing(undefined);
      let note = '';
      if (parsed.success) {
        // Give back host access only this connection used.
        const others = rawList(raw, 'connections').flatMap((c) => {
          const other = connectionSchema.safeParse(c);
          return other.success && other.data.id !== id ? originsToRequest(other.data, env.manifest) : [];
        });
        const unused = originsToRequest(parsed.data, env.manifest).filter((o) => !others.includes(o));
        if (unused.length > 0) {
          const removed = await env.removeOrigins(unused).catch(() => false);
          note = removed ? ' Its host access was removed too.' : '';
        }
      }
      setStatus({ text: `Removed ${id}.${note}` });
    })();
  };

  return (
    <section aria-labelledby="connections-title">
      <h2 id="connections-title">Connections</h2>
      <p class="muted">
        Each connection uses your own credentials; Liaison sees only what they allow, and only reads.
      </p>
      {connections.length === 0 && pending.length === 0 && (
        <p data-empty>No connection yet: add the systems you work with.</p>
      )}
      <ul class="connections">
        {connections.map((c) => (
          <ConnectionRow
            key={String(c.id)}
            env={env}
            stored={c}
            onEdit={() => {
              const parsed = connectionSchema.safeParse(c);
              setStatus(undefined);
              setEditing({ id: String(c.id), ...(parsed.success ? { kind: kindOf(parsed.data) } : {}) });
            }}
            onRemove={() => remove(String(c.id))}
          />
        ))}
        {pending.map((c) => (
          <PendingRow
            key={`pending-${String(c.id)}`}
            stored={c}
            onComplete={(kind) => setEditing({ id: String(c.id), kind, pending: true })}
            onRemove={() => remove(String(c.id))}
          />
        ))}
      </ul>
      <p class="status" role="status" data-status="connections">
        {status && <span class={status.error ? 'error' : 'ok'}>{status.text}</span>}
      </p>
      {editing ? (
        <ConnectionForm
          key={editing.id ?? 'new'}
          env={env}
          stored={stored}
          kind={editing.kind}
          prefill={editing.prefill}
          idFor={(kind) => freshId(raw, kind.idBase)}
          onSave={save}
          onCancel={() => setEditing(undefined)}
        />
      ) : (
        <button
          type="button"
          onClick={() => {
            setStatus(undefined);
            setEditing({});
          }}
        >
          Add a connection
        </button>
      )}
    </section>
  );
}
