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
      {outcome?.state === 'ok' && outcome.write && (
        // Reading works either way; this says whether writing will (contract 7), or what permission is missing.
        <p class={outcome.write.ok ? 'ok' : 'warning'} data-test-write={outcome.write.ok ? 'ok' : 'missing'}>
          {outcome.write.message}
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
