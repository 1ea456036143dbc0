// What the mapping dialog offers for each kind of file: the model's fields
// (shared/fields.ts, the same catalog the engine maps with) and how their
// requirements read.
import { FIELD_DEFS, fieldsOfKind as fieldNamesOfKind, REQUIRED, requirementText, type FieldDef } from '../../../shared/fields.js';
import type { Kind } from '../../../shared/model.js';

export type { FieldDef };

export const KIND_LABELS: Readonly<Record<Kind, string>> = {
  subscriptions: 'Subscriptions — one row per subscription or period',
  invoices: 'Invoices or payments — one row per line or payment',
  mrr: 'MRR snapshots — one row per customer and month',
  customer_list: 'Customer list — one row per customer with MRR',
  customers: 'Customer attributes — one row per customer',
  churn_events: 'Churn events — one row per churn, with its reason',
};

/** The fields a file of this kind may map, with their types and meanings. */
export function fieldsOfKind(kind: Kind): FieldDef[] {
  return fieldNamesOfKind(kind).map((field) => FIELD_DEFS[field]);
}

/** How the field's requirement reads: "required", "required (or tenure_months)", or null. */
export function requirementOf(kind: Kind, field: string): string | null {
  for (const requirement of REQUIRED[kind]) {
    if (requirement === field) return 'required';
    if (typeof requirement !== 'string' && (requirement as readonly string[]).includes(field)) {
      return `required (or ${requirement.filter((other) => other !== field).join(' or ')})`;
    }
  }
  return null;
}

/** The requirements a mapping leaves unmet, in words: ["amount", "start_date or tenure_months"]. */
export function unmetRequirements(kind: Kind, mapped: Iterable<string>): string[] {
  const have = new Set(mapped);
  return REQUIRED[kind]
    .filter((requirement) => (typeof requirement === 'string' ? !have.has(requirement) : !requirement.some((field) => have.has(field))))
    .map(requirementText);
}
