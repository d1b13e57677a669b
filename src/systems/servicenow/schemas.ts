import { z } from 'zod';
import { field, listOf, scalar } from '../../providers/items';

/**
 * ServiceNow Table API (https://docs.servicenow.com → REST API → Table API). Every value is a string; a field comes
 * back as a plain string, or as an object with `value` / `display_value` / `link` depending on the field kind and on
 * `sysparm_display_value` (false | true | all). See ../shared/reference/servicenow/incident-table-response.json.
 * We ask for `all` and accept every shape, so an instance (or proxy) that ignores the parameter still maps.
 */
export const fieldSchema = z.union([
  z.string(),
  z.looseObject({
    value: z.string().optional(),
    display_value: z.string().nullable().optional(),
    link: z.string().optional(),
  }),
  z.null(),
]);
export type Field = z.infer<typeof fieldSchema>;

export const recordSchema = z.record(z.string(), fieldSchema.optional());
export type ServiceNowRecord = z.infer<typeof recordSchema>;

/** A record's number, as far as a record that did not validate tells it, for the note that it was skipped. */
const recordName = (raw: unknown) => {
  const number = field(raw, 'number');
  return scalar(number) ?? scalar(field(number, 'display_value')) ?? scalar(field(number, 'value'));
};

// Each record on its own: one that does not match costs that record alone (items.ts).
export const tableResponseSchema = z.looseObject({ result: listOf(recordSchema, recordName) });

export const currentUserSchema = z.looseObject({
  result: z.union([z.array(recordSchema), z.looseObject({ user_name: z.string().optional() })]),
});

/** The display string of a field whatever shape it came in. */
export function display(field: Field | undefined): string {
  if (field === undefined || field === null) return '';
  if (typeof field === 'string') return field;
  return field.display_value ?? field.value ?? '';
}

/** The stored value (a code or sys_id) of a field, when the response carries it. */
export function value(field: Field | undefined): string {
  if (field === undefined || field === null) return '';
  if (typeof field === 'string') return field;
  return field.value ?? field.display_value ?? '';
}
