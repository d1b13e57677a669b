import { connectionSchema } from '../core/settings';
import { type ConnectionKind, kindOf, lowerFirst } from './connection-kinds';

/** A connection imported without its secret: listed until someone enters one; the background ignores it. */
export interface PendingRowProps {
  stored: Record<string, unknown>;
  onComplete(kind: ConnectionKind): void;
  onRemove(): void;
}

/** The kind of an imported connection, read as if it had a secret. */
export function pendingKind(stored: Record<string, unknown>): ConnectionKind | undefined {
  const parsed = connectionSchema.safeParse({ ...stored, auth: { type: 'token', token: 'pending' } });
  return parsed.success ? kindOf(parsed.data) : undefined;
}

export function PendingRow({ stored, onComplete, onRemove }: PendingRowProps) {
  const kind = pendingKind(stored);
  const id = String(stored.id);
  const secret = lowerFirst(kind?.fields.secret?.label ?? 'secret');
  return (
    <li class="connection pending" data-pending-id={id}>
      <div class="connection-head">
        <strong>{kind?.name ?? String(stored.system)}</strong>{' '}
        <span class="url">{String(stored.baseUrl ?? '')}</span>
      </div>
      <p class="warning">Imported without its {secret}: not in use until you enter it.</p>
      <div class="actions">
        {kind && (
          <button type="button" onClick={() => onComplete(kind)}>
            Enter {secret}
          </button>
        )}
        <button type="button" onClick={onRemove}>
          Remove
        </button>
      </div>
    </li>
  );
}
