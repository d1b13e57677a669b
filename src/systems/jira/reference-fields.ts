import { type ExtractOptions, fieldTextForRefs, refsIn } from '../../core/extract';
import type { Link } from '../../core/model';
import { formatRef } from '../../core/refs';
import { referenceFieldValue, type Target } from '../../providers/mentions';
import { systems } from '../index';
import { jqlField, jqlPhrase, jqlString } from './jql';
import { fieldText } from './mapping';
import type { JiraIssue } from './schemas';

/**
 * Custom fields that hold references to other systems: a "Zendesk Ticket IDs" field (bare ticket ids, written
 * by the Zendesk Support for Jira integration), a ServiceNow number field, a PR URL field. Bare numbers only
 * mean something with a Zendesk subdomain to put them in.
 */

export interface ReferenceField {
  id: string;
  /** For people: the field's name when discovery saw it, else its id. */
  name: string;
  /** Jira schema type (`string`, `array`, `number`…); configured fields are assumed to be text. */
  type: string;
}

export function referenceFieldLinks(
  issue: JiraIssue,
  from: string,
  fields: readonly ReferenceField[],
  extract: ExtractOptions,
  idTenant: string | undefined,
): Link[] {
  // The system whose bare ids these are (Zendesk's ticket ids, `SystemBackend.bareIds`).
  const bareIds = systems().find(({ backend }) => backend.bareIds)?.backend.bareIds;
  return fields.flatMap((field) => {
    const text = fieldTextForRefs(fieldText(issue.fields[field.id]));
    if (!text) return [];
    const refs = new Set(refsIn(text, extract));
    if (idTenant && bareIds) {
      for (const id of text.match(/(?<![\w/#-])\d{1,12}(?![\w/-])/g) ?? []) {
        refs.add(formatRef(bareIds.ref(idTenant, Number(id))));
      }
    }
    return [...refs]
      .filter((to) => to !== from)
      .map((to) => ({ from, to, via: 'field' as const, detail: field.name }));
  });
}

/**
 * JQL clauses matching a target's value in a reference field, by the field's type (`~` only works on text).
 */
export function referenceFieldClauses(
  fields: readonly ReferenceField[],
  targets: readonly Target[],
): string[] {
  return fields.flatMap((field) =>
    targets.flatMap((target) => {
      // What a reference field would hold for this target: a Zendesk id, a ServiceNow number, a URL.
      const value = referenceFieldValue(target);
      if (!value) return [];
      const name = jqlField(field.id);
      if (field.type === 'number') return /^\d+$/.test(value) ? [`${name} = ${value}`] : [];
      if (field.type === 'array' || field.type === 'option') return [`${name} in (${jqlString(value)})`];
      return [`${name} ~ ${jqlPhrase(value)}`];
    }),
  );
}
