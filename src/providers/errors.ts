import type { ErrorKind, SourceError } from '../core/model';
import type { System } from '../core/settings';
import { systemName } from '../core/systems';

/** A failure at one source, with the sentence that tells people what happened and what fixes it. */
export class SourceFailure extends Error {
  constructor(
    readonly system: System,
    readonly host: string,
    readonly kind: ErrorKind,
    readonly userMessage: string,
    readonly status?: number,
    readonly retryAt?: number,
  ) {
    super(`[liaison] [${system}] ${status ? `${status} from ` : ''}${host}: ${userMessage}`);
    this.name = 'SourceFailure';
  }

  toSourceError(): SourceError {
    return { kind: this.kind, message: this.userMessage, ...(this.retryAt ? { retryAt: this.retryAt } : {}) };
  }
}

const timeOf = (ms: number) => new Date(ms).toISOString().slice(11, 16);

/** Turns an HTTP status (or a transport failure) into a typed failure with its fix. */
export function failureFor(
  system: System,
  host: string,
  status: number | 'timeout' | 'offline',
  retryAt?: number,
  detail?: string,
): SourceFailure {
  const name = `${systemName(system)} (${host})`;
  const make = (kind: ErrorKind, message: string, code?: number) =>
    new SourceFailure(system, host, kind, message, code, retryAt);
  if (status === 'timeout')
    return make(
      'timeout',
      `${name} did not answer in time. Try refresh; if it persists, check the instance is up.`,
    );
  if (status === 'offline') {
    return make(
      'offline',
      `${name} could not be reached. Check your network connection or the instance URL in Liaison options.`,
    );
  }
  if (status === 401) {
    return make(
      'auth',
      `${name} rejected the credentials (401). Update the token in Liaison options.`,
      status,
    );
  }
  if (status === 403) {
    return make(
      'forbidden',
      `${name} refused access (403)${detail ? `: ${detail}` : ''}. Check the token's scopes or your permissions on that instance.`,
      status,
    );
  }
  if (status === 404) {
    return make('not-found', `${name} answered 404. Check the instance URL in Liaison options.`, status);
  }
  if (status === 429) {
    const when = retryAt ? ` until ${timeOf(retryAt)} UTC` : '';
    return make(
      'rate-limited',
      `${name} is rate limiting requests${when}. Liaison will retry later; other sources still show.`,
      status,
    );
  }
  if (status >= 500) {
    return make('unavailable', `${name} is unavailable (${status}). Try refresh in a few minutes.`, status);
  }
  return make('unknown', `${name} answered ${status}${detail ? `: ${detail}` : ''}.`, status);
}

export function schemaFailure(
  system: System,
  host: string,
  what: string,
  path: string,
  problem: string,
): SourceFailure {
  return new SourceFailure(
    system,
    host,
    'schema',
    `${systemName(system)} (${host}) sent an unexpected ${what}: ${path ? `${path}: ` : ''}${problem}. Liaison may need an update for this instance.`,
  );
}
