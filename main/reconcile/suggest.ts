// Which column of a reference file is which reference field: the preset's
// names when a preset is chosen (or recognised from the header), else the
// model's own header synonyms for customer, month, MRR and currency (the
// import's mapping layer) and the generic names below for the rest. Pure
// functions: no IO.
import { REFERENCE_FIELDS, REFERENCE_REQUIRED, type ReferenceField, type ReferenceLayout, type ReferenceReading } from '../../shared/reconcile.js';
import { normalizeHeader, normalizeHeaderLoose, suggestMapping, type ColumnInput, type MappingSuggestion } from '../ingest/mapping/index.js';
import { detectReferencePreset, REFERENCE_PRESETS, referencePresetById, type VendorReferencePreset } from './presets.js';
import { readingOf } from './reshape.js';

/** Header names of the fields the model does not have (normalised on comparison); the first column matching wins. */
const GENERIC_NAMES: Partial<Record<ReferenceField, readonly string[]>> = {
  movement: ['movement', 'movement type', 'mrr movement', 'type', 'activity type', 'activity', 'event type', 'change type', 'category'],
  customers: ['customers', 'customer count', 'paying customers', 'subscribers', 'active customers', 'active subscribers', 'logos'],
  new: ['new', 'new mrr', 'new business', 'new business mrr', 'new biz mrr'],
  reactivation: ['reactivation', 'reactivation mrr', 'reactivations', 'reactivated mrr'],
  expansion: ['expansion', 'expansion mrr', 'upgrades', 'upgrade mrr'],
  contraction: ['contraction', 'contraction mrr', 'downgrades', 'downgrade mrr'],
  churn: ['churn', 'churn mrr', 'churned mrr', 'cancellations', 'cancellation mrr'],
};

/** Movement words of generic files and vendors (lower case, spaces as underscores) → ours. */
export const GENERIC_MOVEMENT_WORDS: Record<string, 'new' | 'reactivation' | 'expansion' | 'contraction' | 'churn'> = {
  new: 'new', new_business: 'new', new_biz: 'new', newbiz: 'new',
  reactivation: 'reactivation', reactivated: 'reactivation', reactivations: 'reactivation',
  expansion: 'expansion', upgrade: 'expansion', upsell: 'expansion',
  contraction: 'contraction', downgrade: 'contraction',
  churn: 'churn', churned: 'churn', cancellation: 'churn', cancelled: 'churn', canceled: 'churn',
};

export interface ReferenceMapping {
  layout: ReferenceLayout;
  layoutReason: string;
  preset: VendorReferencePreset | null;
  /** How the rows become customer-months (main/reconcile/reshape.ts); null: as they are. */
  reading: ReferenceReading | null;
  /** Reference field → the file's column, or a column the reading adds (reshape.ts). */
  fields: Partial<Record<ReferenceField, string>>;
  /** The fields the reading gives, in words (for the dialog). */
  readingFields: Partial<Record<ReferenceField, string>>;
  missingRequired: ReferenceField[];
  /** The model's suggestion for customer, month, MRR and currency: its date formats and number styles. */
  modelSuggestion: MappingSuggestion;
  notes: string[];
}

const byName = (columns: readonly ColumnInput[], names: readonly string[], taken: Set<string>): string | undefined => {
  for (const name of names) {
    const key = normalizeHeader(name);
    const hit = columns.find((c) => !taken.has(c.name) && (normalizeHeader(c.name) === key || normalizeHeaderLoose(c.name) === key));
    if (hit) return hit.name;
  }
  return undefined;
};

export function suggestReference(
  columns: readonly ColumnInput[],
  request: { preset?: string; layout?: ReferenceLayout; map?: Partial<Record<ReferenceField, string>> },
): ReferenceMapping {
  const chosen = request.preset ? referencePresetById(request.preset) : undefined;
  if (request.preset && !chosen) {
    throw new Error(`unknown reference preset "${request.preset}" (presets: ${REFERENCE_PRESETS.map((p) => p.id).join(', ') || 'none'})`);
  }
  const preset = chosen ?? (request.layout ? null : (detectReferencePreset(columns.map((c) => c.name))?.preset ?? null));
  const suggested = suggestMapping(columns, { kind: 'mrr' });
  // A "Customers" column of a monthly file is a count, not the customer's id.
  const countColumn = byName(columns, GENERIC_NAMES.customers ?? [], new Set());
  const modelSuggestion =
    suggested.fields.customer_id !== undefined && suggested.fields.customer_id === countColumn
      ? { ...suggested, fields: Object.fromEntries(Object.entries(suggested.fields).filter(([field]) => field !== 'customer_id')) }
      : suggested;
  const hasCustomer = request.map?.customer_id !== undefined || modelSuggestion.fields.customer_id !== undefined;
  const layout: ReferenceLayout = request.layout ?? preset?.layout ?? (hasCustomer ? 'customer_month' : 'monthly');
  const layoutReason = request.layout
    ? 'chosen'
    : preset
      ? `the ${preset.label} preset`
      : hasCustomer
        ? `a customer column ("${modelSuggestion.fields.customer_id}") is present: one row per customer and month`
        : 'no customer column: one row per month';
  const reading = layout === 'customer_month' ? readingOf(preset, columns.map((c) => c.name), request.map) : readingOf(null, [], undefined);
  const fields: Partial<Record<ReferenceField, string>> = {};
  const taken = new Set<string>(Object.values(request.map ?? {}));
  for (const field of REFERENCE_FIELDS[layout] as readonly ReferenceField[]) {
    const given = request.map?.[field] ?? reading.fields[field];
    if (given !== undefined) {
      fields[field] = given;
      continue;
    }
    let column: string | undefined;
    if (preset) column = byName(columns, preset.columns[field] ?? [], taken);
    else if (field === 'customer_id' || field === 'month' || field === 'mrr' || field === 'currency') {
      const suggested = modelSuggestion.fields[field];
      column = suggested !== undefined && !taken.has(suggested) ? suggested : undefined;
    } else column = byName(columns, GENERIC_NAMES[field] ?? [], taken);
    if (column !== undefined) {
      fields[field] = column;
      taken.add(column);
    }
  }
  const missingRequired = REFERENCE_REQUIRED[layout].filter((field) => fields[field] === undefined);
  const notes = [...(preset?.notes ?? [])];
  if (preset?.amountUnit === 'cents') notes.push('Amounts are in cents (the preset says so): divided by 100.');
  return { layout, layoutReason, preset, reading: reading.reading, fields, readingFields: reading.described, missingRequired, modelSuggestion, notes };
}
