import { type ConnectionKind, kindOfStored, lowerFirst } from './connection-kinds';

/**
 * A connection imported without its secret: listed until someone enters one; the background ignores it. When its
 * URL moved away from the saved secret's, `pendingReason` says so.
 */
export interface PendingRowProps {
  stored: Record<string, unknown>;
  onComplete(kind: ConnectionKind): void;
  onRemove(): void;
}

export function PendingRow({ stored, onComplete, onRemove }: PendingRowProps) {
  const kind = kindOfStored(stored);
  const id = String(stored.id);
  const secret = lowerFirst(kind?.fields.secret?.label ?? 'secret');
  return (
    <li class="connection pending" data-pending-id={id}>
      <div class="connection-head">
        <strong>{kind?.name ?? String(stored.system)}</strong>{' '}
        <span class="url">{String(stored.baseUrl ?? '')}</span>
      </div>
      <p class="warning">
        {typeof stored.pendingReason === 'string'
          ? stored.pendingReason
          : `Imported without its ${secret}: not in use until you enter it.`}
      </p>
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
