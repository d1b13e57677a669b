import type { SourceStatus } from '../core/model';
import { systemName } from '../core/systems';

/** One line per failed source, naming it and the fix (DESIGN.md contract 3: `data-source-error`). */
export function SourceErrors({ failed }: { failed: SourceStatus[] }) {
  if (failed.length === 0) return null;
  return (
    <div role="alert">
      {failed.map((s) => (
        <p class="error" data-source-error={s.system} key={s.connectionId}>
          {s.error?.message}
        </p>
      ))}
    </div>
  );
}

/**
 * What a source answered but Liaison left out (an item that did not match what it expects, issue 10), quietly,
 * beside the items it did show: not an error, the source answered.
 */
export function SourceNotes({ sources }: { sources: SourceStatus[] }) {
  const noted = sources.filter((s) => s.notes?.length);
  if (noted.length === 0) return null;
  return (
    <div class="notes">
      {noted.flatMap((s) =>
        (s.notes ?? []).map((note) => (
          <p class="note" data-source-note={s.system} key={`${s.connectionId}:${note}`}>
            {systemName(s.system)}: {note}
          </p>
        )),
      )}
    </div>
  );
}
