import { GENERIC_WRITE_SCOPE } from '../systems/forms';
import { systemOf } from '../systems/index';
import type { ConnectionKind } from './connection-kinds';

/**
 * "Allow Liaison to write through this connection" (DESIGN.md contract 7): stored as `write: true`, absent when off.
 * The sentence under it says what the system's connections may write and where (`SystemForms.writeScope`).
 */
export function WriteField({
  kind,
  checked,
  onChange,
}: {
  kind: ConnectionKind;
  checked: boolean;
  onChange(checked: boolean): void;
}) {
  const id = 'conn-write';
  const scope = systemOf(kind.system)?.forms.writeScope ?? GENERIC_WRITE_SCOPE;
  return (
    <div class="field confirm" data-write-field>
      <label for={id}>
        <input
          id={id}
          name="write"
          type="checkbox"
          checked={checked}
          aria-describedby={`${id}-hint`}
          onChange={(e) => onChange(e.currentTarget.checked)}
        />{' '}
        Allow Liaison to write through this connection
      </label>
      <p id={`${id}-hint`} class="hint" data-write-scope>
        {kind.name}: {scope} Nothing is written until you confirm it in a preview; off, Liaison only reads.
      </p>
    </div>
  );
}
