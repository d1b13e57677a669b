import type { Connection, System } from '../core/settings';
import type { HttpOptions } from './http';
import type { ProviderOptions } from './provider';

/**
 * Construction-time checks shared by the provider factories (CONVENTIONS.md: "missing options rejected at
 * construction with a clear error"). A provider that would only fail on its first request is harder to
 * diagnose than one that refuses to exist.
 */

export function requireConnection(
  options: ProviderOptions | undefined,
  system: System,
  factory: string,
): Connection {
  if (!options || typeof options !== 'object') throw new Error(`${factory}: options are required`);
  const { connection } = options;
  if (!connection) throw new Error(`${factory}: options.connection is required`);
  if (connection.system !== system) {
    throw new Error(`${factory}: connection ${connection.id} is ${connection.system}, not ${system}`);
  }
  if (!connection.auth) throw new Error(`${factory}: connection ${connection.id} has no auth`);
  return connection;
}

/** An integer option within bounds, or its default. */
export function intOption(
  factory: string,
  name: string,
  value: number | undefined,
  fallback: number,
  min: number,
  max: number,
) {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(
      `${factory}: options.${name} must be an integer from ${min} to ${max}, got ${String(value)}`,
    );
  }
  return value;
}

/** A list option whose every entry passes `valid`, or its default. */
export function listOption<T>(
  factory: string,
  name: string,
  value: readonly T[] | undefined,
  valid: (entry: T) => boolean,
  what: string,
): T[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) throw new Error(`${factory}: options.${name} must be a list of ${what}`);
  const bad = value.find((entry) => !valid(entry));
  if (bad !== undefined)
    throw new Error(`${factory}: options.${name} has ${JSON.stringify(bad)}, expected ${what}`);
  return [...value];
}

/** The transport settings every provider passes through to its HTTP client. */
export function transportOptions(
  options: ProviderOptions,
): Pick<HttpOptions, 'fetch' | 'timeoutMs' | 'retries'> {
  return {
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.retries !== undefined ? { retries: options.retries } : {}),
  };
}
