import type { SourceStatus } from '../core/model';

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
