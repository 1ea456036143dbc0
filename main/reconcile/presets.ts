// The reference exports that billing-analytics products document (ChartMogul,
// Stripe, Baremetrics …): the header names of each field and where each name
// was read (shared/reconcile.ts, ReferencePreset). A file without a preset is
// read by the generic names of main/reconcile/suggest.ts.
import type { ReferencePreset } from '../../shared/reconcile.js';

export const REFERENCE_PRESETS: readonly ReferencePreset[] = [];

export function referencePresetById(id: string): ReferencePreset | undefined {
  return REFERENCE_PRESETS.find((preset) => preset.id === id);
}
