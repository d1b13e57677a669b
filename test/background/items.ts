import type { Item } from '../../src/core/model';
import type { System } from '../../src/core/settings';

/** An item of the resolver tests' in-memory worlds: open, titled by its key. */
export const item = (ref: string, kind: Item['kind'], key: string, extra: Partial<Item> = {}): Item => ({
  ref,
  system: ref.split(':')[0] as System,
  kind,
  key,
  title: key,
  url: `https://example/${key}`,
  status: { name: 'Open', category: 'todo' },
  ...extra,
});
