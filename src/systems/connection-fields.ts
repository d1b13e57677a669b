import { idOf, type RawSettings, rawList } from '../options/settings-edit';

/**
 * Sets (or, with `undefined`, removes) one field of a stored connection, keeping everything else as stored
 * (settings-edit.ts's rule: the value as stored, one change). Systems keep their write settings there (ServiceNow's `knowledgeBase`, Zendesk's `helpCenter`).
 */
export function setConnectionField(
  raw: RawSettings,
  connectionId: string,
  field: string,
  value: unknown,
): RawSettings {
  const connections = rawList(raw, 'connections').map((c) => {
    if (idOf(c) !== connectionId) return c;
    const { [field]: _, ...rest } = c;
    return value === undefined ? rest : { ...rest, [field]: value };
  });
  return { ...raw, connections };
}
