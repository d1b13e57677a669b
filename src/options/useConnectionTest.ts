import { useState } from 'preact/hooks';
import type { Connection } from '../core/settings';
import { askAccess } from './access';
import type { ConnectionKind } from './connection-kinds';
import type { OptionsEnv } from './env';
import { fixFor } from './test-hints';

export type TestState =
  | { state: 'testing' }
  | { state: 'ok'; who: string; write?: { ok: boolean; message: string } | undefined }
  | { state: 'failed'; error: string; fix?: string | undefined };

/** The write access sentence of a connection that allows writing, when the answer carries a well-formed one. */
function writeAccess(write: unknown): { ok: boolean; message: string } | undefined {
  if (typeof write !== 'object' || write === null) return undefined;
  const { ok, message } = write as Record<string, unknown>;
  return typeof ok === 'boolean' && typeof message === 'string' && message ? { ok, message } : undefined;
}

/**
 * "Test connection": for a saved connection (by id) or a draft (the connection itself, checked again by the
 * background). `run` must be called from the click handler: it may ask for host access first.
 */
export function useConnectionTest(env: OptionsEnv) {
  const [outcome, setOutcome] = useState<TestState>();
  const run = (
    kind: ConnectionKind,
    target: { connectionId: string } | { connection: Connection },
    origins: readonly string[],
  ) => {
    const access = askAccess(env, origins);
    setOutcome({ state: 'testing' });
    void (async () => {
      const granted = await access;
      if (!granted.ok) return setOutcome({ state: 'failed', error: granted.error });
      const reply = await env.send({ type: 'test-connection', ...target });
      setOutcome(
        reply.ok
          ? { state: 'ok', who: reply.who ?? 'an unnamed user', write: writeAccess(reply.write) }
          : { state: 'failed', error: reply.error, fix: fixFor(kind, reply.kind) },
      );
    })();
  };
  return { outcome, run, clear: () => setOutcome(undefined) };
}
