// What the mapping dialog offers for each kind of file: the model's fields
// (shared/fields.ts, the same catalog the engine maps with) and how their
// requirements read, in the chosen language (the "import" namespace).
import { FIELD_DEFS, fieldsOfKind as fieldNamesOfKind, REQUIRED, requirementText, type FieldDef } from '../../../shared/fields.js';
import type { Kind } from '../../../shared/model.js';

export type { FieldDef };

/** `t` of react-i18next or i18next; keys are written with their namespace (`import:kinds.mrr`). */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/** The kind as the dialog offers it: "Subscriptions — one row per subscription or period". */
export function kindLabel(t: Translate, kind: Kind): string {
  return t(`import:kinds.${kind}`);
}

/** The fields a file of this kind may map, with their types and meanings. */
export function fieldsOfKind(kind: Kind): FieldDef[] {
  return fieldNamesOfKind(kind).map((field) => FIELD_DEFS[field]);
}

/** What the field means, translated. */
export function fieldMeaning(t: Translate, def: FieldDef): string {
  return t(`import:meanings.${def.field}`, { defaultValue: def.meaning });
}

/** The other fields that may stand in for a required field ([] when it is required alone), or null when it is optional. */
export function alternativesOf(kind: Kind, field: string): string[] | null {
  for (const requirement of REQUIRED[kind]) {
    if (requirement === field) return [];
    if (typeof requirement !== 'string' && (requirement as readonly string[]).includes(field)) {
      return requirement.filter((other) => other !== field);
    }
  }
  return null;
}

/** How the field's requirement reads: "required", "required (or tenure_months)", or null. */
export function requirementOf(t: Translate, kind: Kind, field: string): string | null {
  const others = alternativesOf(kind, field);
  if (others === null) return null;
  if (others.length === 0) return t('import:requirement.required');
  return t('import:requirement.requiredOr', { others: others.join(t('import:words.or')) });
}

/** The requirements a mapping leaves unmet, in words: ["amount", "start_date or tenure_months"]. */
export function unmetRequirements(kind: Kind, mapped: Iterable<string>): string[] {
  const have = new Set(mapped);
  return REQUIRED[kind]
    .filter((requirement) => (typeof requirement === 'string' ? !have.has(requirement) : !requirement.some((field) => have.has(field))))
    .map(requirementText);
}

/** The unmet requirements as the chosen language reads them: "amount, start_date or tenure_months". */
export function unmetText(t: Translate, kind: Kind, mapped: Iterable<string>): string {
  return unmetRequirements(kind, mapped)
    .map((text) => text.split(' or ').join(t('import:words.or')))
    .join(t('import:words.list'));
}
