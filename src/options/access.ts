import type { OptionsEnv } from './env';
import { accessRefused } from './test-hints';

export type Access = { ok: true } | { ok: false; error: string };

/**
 * Asks for the host permissions a self-hosted connection needs. Call it synchronously in the click handler
 * (before any `await`): `permissions.request` needs the user's gesture, which Firefox forgets after an `await`.
 */
export function askAccess(env: OptionsEnv, origins: readonly string[]): Promise<Access> {
  if (origins.length === 0) return Promise.resolve({ ok: true });
  const refused = (detail?: string): Access => ({
    ok: false,
    error: detail ? `${accessRefused(origins)} (${detail})` : accessRefused(origins),
  });
  try {
    return env.requestOrigins([...origins]).then(
      (granted) => (granted ? { ok: true } : refused()),
      (error: unknown) => refused(error instanceof Error ? error.message : String(error)),
    );
  } catch (error) {
    return Promise.resolve(refused(error instanceof Error ? error.message : String(error)));
  }
}
