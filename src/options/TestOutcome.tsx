import type { TestState } from './useConnectionTest';

/** The result of "Test connection": who the credentials belong to, or what went wrong and how to fix it. */
export function TestOutcome({ outcome }: { outcome: TestState | undefined }) {
  return (
    <div class="test-outcome" role="status" aria-live="polite">
      {outcome?.state === 'testing' && <p data-test-result="testing">Testing…</p>}
      {outcome?.state === 'ok' && (
        <p class="ok" data-test-result="ok">
          Connected as {outcome.who}
        </p>
      )}
      {outcome?.state === 'failed' && (
        <div class="error" data-test-result="error">
          <p>{outcome.error}</p>
          {outcome.fix && <p class="fix">{outcome.fix}</p>}
        </div>
      )}
    </div>
  );
}
