import { idOf, isObject, type RawSettings, rawList } from '../../options/settings-edit';

/**
 * The GitHub search scope of one connection (`settings.github.searchScope[id]`); an empty list goes back to the
 * scope learned from the token. A list alone (every connection) becomes a map keyed by connection first.
 */
export function setSearchScope(
  raw: RawSettings,
  connectionId: string,
  scope: readonly string[],
): RawSettings {
  const github = isObject(raw.github) ? raw.github : {};
  const ids = rawList(raw, 'connections').map(idOf).filter(Boolean) as string[];
  const current = Array.isArray(github.searchScope)
    ? Object.fromEntries(ids.map((id) => [id, github.searchScope]))
    : isObject(github.searchScope)
      ? github.searchScope
      : {};
  const { [connectionId]: _, ...others } = current;
  const searchScope = scope.length > 0 ? { ...others, [connectionId]: [...scope] } : others;
  return { ...raw, github: { ...github, searchScope } };
}
