/**
 * Noise vocabulary. Sentences deliberately contain strings that look like Jira keys but are not
 * (UTF-8, SHA-256, ISO-8601, CVE-2024-12345): a key detector must only accept project keys that exist.
 * Nothing here may mention a story key; `isSafeNoiseKey` keeps generated keys from even starting with one
 * (SHOP-1010 contains "SHOP-101" as a substring, which substring searches such as ServiceNow LIKE would match).
 */
import type { Rng } from './prng.ts';

export const storyKeys = ['SHOP-101', 'SHOP-102', 'OPS-12', 'SUP-7', 'PLAT-5'] as const;

export function isSafeNoiseKey(key: string): boolean {
  return !storyKeys.some((k) => key.startsWith(k));
}

/** Ticket ids 4711/4712 belong to the story; no noise id may contain them. */
export function isSafeNoiseTicketId(id: number): boolean {
  const s = String(id);
  return !s.includes('4711') && !s.includes('4712');
}

const components = [
  'Invoice PDF',
  'Search',
  'Password reset',
  'Order history',
  'Wishlist',
  'Gift cards',
  'Returns portal',
  'Shipping labels',
  'Product images',
  'Newsletter signup',
  'Store locator',
  'Loyalty points',
];
const symptoms = [
  'shows the wrong currency',
  'is slow in the afternoon',
  'returns an empty page',
  'fails for some accounts',
  'sends duplicate e-mails',
  'rounds totals incorrectly',
  'does not load on Safari',
  'times out intermittently',
  'shows another language',
  'is missing recent items',
];
const details = [
  'The export file is not valid UTF-8 when names contain accents.',
  'Webhook signature verification (SHA-256) fails now and then.',
  'Dates in the partner feed are not ISO-8601, so the import rejects them.',
  'Our scanner flagged CVE-2024-12345 in an image library; please confirm.',
  'It started after the last maintenance window.',
  'Only users in the EU region are affected.',
  'A screenshot is attached; the console shows a 502 from the gateway.',
  'Clearing the browser cache did not help.',
  'The customer asks for an ETA before their month-end close.',
];

export function noiseSubject(rng: Rng): string {
  return `${rng.pick(components)} ${rng.pick(symptoms)}`;
}

export function noiseDescription(rng: Rng): string {
  const a = rng.pick(details);
  let b = rng.pick(details);
  if (b === a) b = details[(details.indexOf(a) + 1) % details.length] as string;
  return `${a} ${b}`;
}

export const engineers = ['mona-dev', 'hubert-r', 'priya-n'];

/** An ISO timestamp between start and end (ISO strings), whole minutes. */
export function isoBetween(rng: Rng, start: string, end: string): string {
  const a = Date.parse(start);
  const b = Date.parse(end);
  const t = a + Math.floor(rng.next() * (b - a));
  return new Date(t - (t % 60000)).toISOString().replace('.000Z', 'Z');
}

export function addMs(iso: string, ms: number): string {
  return new Date(Date.parse(iso) + ms).toISOString().replace('.000Z', 'Z');
}
