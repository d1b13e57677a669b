import { useEffect, useState } from 'preact/hooks';
import { unconfirmedApiOrigin } from '../core/credential-origins';
import { originsToRequest } from '../core/host-access';
import { connectionSchema } from '../core/settings';
import { pathText } from '../providers/errors';
import { askAccess } from './access';
import { kindOf } from './connection-kinds';
import type { OptionsEnv } from './env';
import { TestOutcome } from './TestOutcome';
import { useConnectionTest } from './useConnectionTest';

/**
 * One saved connection: what it is, who it signs in as (never its secret), whether the browser granted access to
 * a self-hosted host, and its actions.
 */
export interface ConnectionRowProps {
  env: OptionsEnv;
  stored: Record<string, unknown>;
  onEdit(): void;
  onRemove(): void;
}

export function ConnectionRow({ env, stored, onEdit, onRemove }: ConnectionRowProps) {
  const parsed = connectionSchema.safeParse(stored);
  const test = useConnectionTest(env);
  const [granted, setGranted] = useState<boolean>();
  const [accessError, setAccessError] = useState<string>();
  const origins = parsed.success ? originsToRequest(parsed.data, env.manifest) : [];
  const originsKey = origins.join(' ');

  useEffect(() => {
    if (!originsKey) return;
    void env.hasOrigins(originsKey.split(' ')).then(setGranted, () => setGranted(false));
  }, [env, originsKey]);

  const id = String(stored.id ?? '(no id)');
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return (
      <li class="connection invalid" data-connection-id={id}>
        <p class="error">
          Connection <code>{id}</code> is not valid: {pathText(issue?.path ?? [])} {issue?.message}
        </p>
        <p class="muted">
          Liaison leaves it out; the other connections still work. Remove it and add it again.
        </p>
        <div class="actions">
          <button type="button" onClick={onRemove}>
            Remove
          </button>
        </div>
      </li>
    );
  }
  const connection = parsed.data;
  const kind = kindOf(connection);
  const unconfirmed = unconfirmedApiOrigin(connection);
  const user =
    connection.auth.type === 'basic'
      ? (kind.formUsername?.(connection.auth.username) ?? connection.auth.username)
      : undefined;
  const grant = () => {
    const access = askAccess(env, origins);
    void access.then((result) => {
      setAccessError(result.ok ? undefined : result.error);
      if (result.ok) setGranted(true);
    });
  };

  return (
    <li class="connection" data-connection-id={id}>
      <div class="connection-head">
        <strong>{kind.name}</strong> <span class="url">{connection.baseUrl}</span>
        {user && <span class="muted"> · {user}</span>}
        {connection.write === true && (
          <span class="tag" data-writes title="Liaison may write through this connection, after a preview">
            writes
          </span>
        )}
      </div>
      {granted === false && (
        <p class="warning" data-access="missing">
          Liaison has no access to this self-hosted instance yet.{' '}
          <button type="button" onClick={grant}>
            Grant access
          </button>
        </p>
      )}
      {accessError && <p class="error">{accessError}</p>}
      {unconfirmed && (
        <p class="warning" data-api-unconfirmed>
          Its API URL {unconfirmed} is on another site: Liaison sends it no credentials until you confirm it
          under Edit.
        </p>
      )}
      <div class="actions">
        <button type="button" onClick={() => test.run(kind, { connectionId: connection.id }, origins)}>
          Test connection
        </button>
        <button type="button" onClick={onEdit} aria-label={`Edit ${kind.name} ${connection.baseUrl}`}>
          Edit
        </button>
        <button type="button" onClick={onRemove} aria-label={`Remove ${kind.name} ${connection.baseUrl}`}>
          Remove
        </button>
      </div>
      <TestOutcome outcome={test.outcome} />
    </li>
  );
}
