import type { ErrorKind, SourceError } from '../core/model';
import type { System } from '../core/settings';
import { systemName } from '../core/systems';

/**
 * A failure at one source, with the sentence that tells people what happened and what fixes it, and every
 * message the vendor sent (`messages`: e.g. each of Jira's `errorMessages` and `errors` values), cleaned of
 * credentials and URL query strings. None of it ever holds a credential or a full request URL.
 */
export class SourceFailure extends Error {
  constructor(
    readonly system: System,
    readonly host: string,
    readonly kind: ErrorKind,
    readonly userMessage: string,
    readonly status?: number,
    readonly retryAt?: number,
    readonly messages: readonly string[] = [],
  ) {
    super(`[liaison] [${system}] ${status ? `${status} from ` : ''}${host}: ${userMessage}`);
    this.name = 'SourceFailure';
  }

  toSourceError(): SourceError {
    return { kind: this.kind, message: this.userMessage, ...(this.retryAt ? { retryAt: this.retryAt } : {}) };
  }
}

const timeOf = (ms: number) => new Date(ms).toISOString().slice(11, 16);

/** The first vendor message for a sentence, and how many more there are. */
function detailOf(messages: readonly string[]): string | undefined {
  const [first] = messages;
  if (!first) return undefined;
  const short = first.length > 160 ? `${first.slice(0, 159)}…` : first;
  return messages.length > 1 ? `${short} (and ${messages.length - 1} more)` : short;
}

/**
 * Turns an HTTP status (or a transport failure) into a typed failure with its fix. `messages` are the vendor's
 * own (already cleaned, see vendorMessages); a single string is one message.
 */
export function failureFor(
  system: System,
  host: string,
  status: number | 'timeout' | 'offline',
  retryAt?: number,
  messages?: string | readonly string[],
): SourceFailure {
  const name = `${systemName(system)} (${host})`;
  const all = typeof messages === 'string' ? [messages] : [...(messages ?? [])];
  const detail = detailOf(all);
  const make = (kind: ErrorKind, message: string, code?: number) =>
    new SourceFailure(system, host, kind, message, code, retryAt, all);
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
  if (status === 429) return rateLimitFailure(system, host, retryAt, all, status);
  if (status >= 500) {
    return make('unavailable', `${name} is unavailable (${status}). Try refresh in a few minutes.`, status);
  }
  return make(
    'unknown',
    `${name} answered ${status}${detail ? `: ${detail}` : ''}. Try refresh; if it persists, check the connection in Liaison options.`,
    status,
  );
}

/**
 * Any error a source's call threw, as that source's failure: a SourceFailure stands as it is; anything else (a bug,
 * a TypeError from a malformed answer) becomes an `unknown` failure of that source, saying what it was doing.
 */
export function asSourceFailure(
  error: unknown,
  system: System,
  host: string,
  doing = 'Unexpected error',
): SourceFailure {
  if (error instanceof SourceFailure) return error;
  return new SourceFailure(
    system,
    host,
    'unknown',
    `${doing}: ${error instanceof Error ? error.message : String(error)}`,
  );
}

/**
 * A source that is rate limiting: a 429, GitHub's 403 rate limits, or an answer that says so in its body
 * (GitHub GraphQL answers 200 with `errors[].type: "RATE_LIMITED"`; then `status` is 200).
 */
export function rateLimitFailure(
  system: System,
  host: string,
  retryAt: number | undefined,
  messages: readonly string[],
  status = 429,
): SourceFailure {
  const when = retryAt ? ` until ${timeOf(retryAt)} UTC` : '';
  const after = retryAt ? 'Refresh after that' : 'Refresh in a minute';
  const sentence = `${systemName(system)} (${host}) is rate limiting requests${when}. ${after}; other sources still show.`;
  return new SourceFailure(system, host, 'rate-limited', sentence, status, retryAt, messages);
}

/**
 * A credentialed request answered with a redirect. Requests are sent with `redirect: 'manual'`, so it was not
 * followed: a browser only shows an opaque redirect (no status, no Location), Node's fetch the 3xx itself, whose
 * target host (`to`, never its path or query, which may carry tokens) is named when known.
 */
export function redirectFailure(system: System, host: string, status?: number, to?: string): SourceFailure {
  const where = to && to !== host ? ` to ${to}` : '';
  return new SourceFailure(
    system,
    host,
    'config',
    `${systemName(system)} (${host}) answered with a redirect${where}; Liaison sends your credentials only to the URL you configured. Check the connection's URL in Liaison options.`,
    status,
  );
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
    `${systemName(system)} (${host}) sent an unexpected ${what}: ${path ? `at ${path}: ` : ''}${problem}. Liaison may need an update for this instance.`,
  );
}

/** A zod issue path as people read it: `issues[0].fields.status`. */
export function pathText(path: readonly PropertyKey[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : `${i === 0 ? '' : '.'}${String(part)}`))
    .join('');
}

/**
 * Removes what must never reach the UI from a vendor's text: the connection's secrets (raw or as sent in
 * Basic auth) and URL query strings (which can carry tokens).
 */
export function redactor(secrets: readonly string[]): (text: string) => string {
  const hidden = secrets.filter((s) => s.length >= 4);
  return (text) => {
    let clean = text.replace(/(https?:\/\/[^\s?#"'<>]+)[?#][^\s"'<>]*/gi, '$1');
    clean = clean.replace(/\b((?:access_)?token|api_key|apikey|password|secret)=[^\s&"']+/gi, '$1=…');
    for (const secret of hidden) clean = clean.split(secret).join('…');
    return clean;
  };
}

const maxMessages = 50;
const maxMessageChars = 500;

/**
 * Every error message in a vendor's error body, in order, deduplicated: GitHub `{message, errors: [{message}]}`
 * and GraphQL `{errors: [{message}]}`; Jira `{errorMessages: [...], errors: {field: message}}`; ServiceNow
 * `{error: {message, detail}}`; Zendesk `{error, description, details: {field: [{description}]}}` or
 * `{error: {title, message}}`. Markup and non-JSON bodies give nothing.
 */
export function vendorMessages(text: string, clean: (text: string) => string = (t) => t): string[] {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return [];
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) return [];
  const found: string[] = [];
  const add = (value: unknown) => {
    if (typeof value === 'string' && value.trim()) found.push(value.trim());
  };
  const record = (value: unknown) =>
    value && typeof value === 'object' && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  const b = body as Record<string, unknown>;
  add(b.message);
  if (Array.isArray(b.errorMessages)) b.errorMessages.forEach(add);
  if (Array.isArray(b.errors)) {
    for (const e of b.errors) {
      const r = record(e);
      if (!r) add(e);
      else if (typeof r.message === 'string') add(r.message);
      else if (typeof r.code === 'string')
        add(
          [r.resource, r.field]
            .filter((x) => typeof x === 'string')
            .concat(r.code)
            .join(' '),
        );
    }
  } else {
    const errors = record(b.errors);
    if (errors) for (const value of Object.values(errors)) add(value);
  }
  const error = record(b.error);
  if (error) {
    add(error.message ?? error.title);
    add(error.detail);
  }
  add(b.description);
  const details = record(b.details);
  if (details) {
    for (const list of Object.values(details)) {
      if (Array.isArray(list)) for (const d of list) add(record(d)?.description);
    }
  }
  if (found.length === 0) add(b.error);
  return [...new Set(found.map((m) => clean(m).slice(0, maxMessageChars)))].slice(0, maxMessages);
}
