// The Projection and Baseline sheets (and, for churn by tenure, the sheets of
// customers and MRR by tenure age): every month a row of live formulas over
// the Assumptions sheet, the same arithmetic as project.ts, each formula's
// cached result the engine's own value.
import type ExcelJS from 'exceljs';
import type { Projection } from '../../shared/scenarios.js';
import type { ScenarioModel } from './model.js';
import type { bucketHistory } from './project.js';
import {
  A, BLOCK, COUNT, MONEY, P, PROJECTION_HEADERS, ageCol, cell, ext, extRange, formula, monthRow, pcol, segmentRow, tcol, tenureRows, value,
  type ProjectionColumn, type SheetNames,
} from './xlsxLayout.js';

export type Variant = 'scenario' | 'baseline';
type Buckets = ReturnType<typeof bucketHistory>;

const COUNTS = new Set<ProjectionColumn>(['customers', 'new_customers', 'reactivated_customers', 'churned_customers']);

/** The Assumptions cells a variant reads, for segment s in month t. */
function refs(names: SheetNames, variant: Variant, s: number, segments: number) {
  const a = (column: number) => ext(names.assumptions, column, segmentRow(s), true);
  const scenario = variant === 'scenario';
  const rows = tenureRows(segments);
  return {
    a,
    scenario,
    churn: (t: number) => (scenario ? (t === 1 ? `MIN(1,${a(A.effectiveChurn)}+${a(A.priceExtraChurnPoints)}/100)` : a(A.effectiveChurn)) : a(A.churn)),
    hazardRow: (t: number) => (scenario ? (t === 1 ? rows.monthOne(s) : rows.scenario(s)) : rows.base(s)),
    expansion: a(scenario ? A.scenarioExpansion : A.expansion),
    contraction: a(scenario ? A.scenarioContraction : A.contraction),
    newCustomers: a(scenario ? A.effectiveNewCustomers : A.newCustomers),
    newMrrPerCustomer: a(scenario ? A.scenarioNewMrrPerCustomer : A.newMrrPerCustomer),
    /** The price factor of month t, as a prefix of a product. */
    priceFactor: (t: number) => (scenario && t === 1 ? `(1+${a(A.priceChangePercent)}/100)*` : ''),
  };
}

function headers(sheet: ExcelJS.Worksheet, title: string, blocks: string[], width: number, labels: string[]): void {
  value(sheet, 1, 1, title);
  sheet.getRow(1).font = { bold: true };
  value(sheet, 1, 3, 'Month');
  value(sheet, 2, 3, 'Date');
  blocks.forEach((name, b) => {
    value(sheet, 3 + b * width, 2, name);
    labels.forEach((label, i) => value(sheet, 3 + b * width + i, 3, label));
  });
  sheet.getRow(2).font = { bold: true };
  sheet.getRow(3).font = { bold: true };
  sheet.views = [{ state: 'frozen', xSplit: 2, ySplit: 3 }];
}

export function writeProjectionSheet(wb: ExcelJS.Workbook, names: SheetNames, model: ScenarioModel, projection: Projection, variant: Variant): void {
  const sheetName = variant === 'scenario' ? names.projection : names.baseline;
  const tenureSheet = variant === 'scenario' ? names.tenure : names.tenureBaseline;
  const sheet = wb.addWorksheet(sheetName);
  const segments = projection.segments.length;
  const buckets = model.tenure ? (model.baseRates[0]?.churn.length ?? 1) : 1;
  const columns = Object.keys(P) as ProjectionColumn[];
  headers(sheet, `${variant === 'scenario' ? `Scenario "${model.scenario.name}"` : 'Baseline (no levers)'}: month by month, formulas over ${names.assumptions}`,
    [...projection.segments.map((s) => s.segment), 'Total'], BLOCK, columns.map((c) => PROJECTION_HEADERS[c]));
  const fmt = (column: ProjectionColumn) => (COUNTS.has(column) ? COUNT : MONEY);

  projection.total.forEach((month, t) => {
    const r = monthRow(t);
    value(sheet, 1, r, t);
    value(sheet, 2, r, month.date);
    projection.segments.forEach((seg, s) => {
      const engine = seg.months[t]!;
      const ref = refs(names, variant, s, segments);
      const at = (column: ProjectionColumn, row = r) => cell(pcol(s, column), row);
      const put = (column: ProjectionColumn, text: string) => formula(sheet, pcol(s, column), r, text, engine[column], fmt(column));
      const ages = (what: 'customers' | 'mrr', row: number) =>
        extRange(tenureSheet, tcol(s, buckets, what, 0), row, tcol(s, buckets, what, buckets - 1), row);
      if (t === 0) {
        put('customers', model.tenure ? `SUM(${ages('customers', r)})` : ref.a(A.customers));
        put('mrr', model.tenure ? `SUM(${ages('mrr', r)})` : ref.a(A.mrr));
        put('arr', `12*${at('mrr')}`);
        for (const column of columns.slice(3)) value(sheet, pcol(s, column), r, 0, fmt(column));
        return;
      }
      const prev = (column: ProjectionColumn) => at(column, r - 1);
      if (ref.scenario && t === 1) put('price_change_mrr', `${prev('mrr')}*${ref.a(A.priceChangePercent)}/100`);
      else value(sheet, pcol(s, 'price_change_mrr'), r, 0, MONEY);
      const base = `(${prev('mrr')}+${at('price_change_mrr')})`;
      if (model.tenure) {
        const row = ref.hazardRow(t);
        const hazards = extRange(names.assumptions, ageCol(0), row, ageCol(buckets - 1), row, true);
        put('churned_customers', `SUMPRODUCT(${ages('customers', r - 1)},${hazards})`);
        put('churned_mrr', `${ref.priceFactor(t)}SUMPRODUCT(${ages('mrr', r - 1)},${hazards})`);
      } else {
        put('churned_customers', `${prev('customers')}*${ref.churn(t)}`);
        put('churned_mrr', `${base}*${ref.churn(t)}`);
      }
      put('expansion_mrr', `${base}*${ref.expansion}`);
      put('contraction_mrr', `${base}*${ref.contraction}`);
      put('reactivated_customers', `${prev('customers')}*${ref.a(A.reactivationCustomers)}`);
      put('reactivation_mrr', `${base}*${ref.a(A.reactivationMrr)}`);
      put('new_customers', ref.newCustomers);
      put('new_mrr', `${at('new_customers')}*${ref.newMrrPerCustomer}`);
      put('customers', `${prev('customers')}-${at('churned_customers')}+${at('reactivated_customers')}+${at('new_customers')}`);
      put('mrr', `${prev('mrr')}+${at('price_change_mrr')}+${at('new_mrr')}+${at('reactivation_mrr')}+${at('expansion_mrr')}-${at('contraction_mrr')}-${at('churned_mrr')}`);
      put('arr', `12*${at('mrr')}`);
    });
    for (const column of columns) {
      const parts = projection.segments.map((_, s) => cell(pcol(s, column), r));
      if (parts.length) formula(sheet, pcol(segments, column), r, parts.join('+'), month[column], fmt(column));
      else value(sheet, pcol(segments, column), r, 0, fmt(column));
    }
  });
  sheet.getColumn(2).width = 9;
  for (let c = 3; c < 3 + (segments + 1) * BLOCK; c += 1) sheet.getColumn(c).width = 14;
}

export function writeTenureSheet(wb: ExcelJS.Workbook, names: SheetNames, model: ScenarioModel, history: Buckets, dates: string[], variant: Variant): void {
  const sheet = wb.addWorksheet(variant === 'scenario' ? names.tenure : names.tenureBaseline);
  const projectionSheet = variant === 'scenario' ? names.projection : names.baseline;
  const buckets = history[0]?.[0]?.customers.length ?? 1;
  const segments = history.length;
  const label = (a: number) => (a === buckets - 1 ? `${a}+` : `${a}`);
  headers(sheet, `${variant === 'scenario' ? 'Scenario' : 'Baseline'}: customers and MRR by tenure age (months since the first month)`,
    model.baseline.segments.map((s) => s.segment), 2 * buckets,
    [...Array.from({ length: buckets }, (_, a) => `Customers age ${label(a)}`), ...Array.from({ length: buckets }, (_, a) => `MRR age ${label(a)}`)]);
  dates.forEach((date, t) => {
    const r = monthRow(t);
    value(sheet, 1, r, t);
    value(sheet, 2, r, date);
    for (let s = 0; s < segments; s += 1) {
      const state = history[s]![t]!;
      const ref = refs(names, variant, s, segments);
      const c = (a: number) => tcol(s, buckets, 'customers', a);
      const m = (a: number) => tcol(s, buckets, 'mrr', a);
      if (t === 0) {
        for (let a = 0; a < buckets; a += 1) {
          value(sheet, c(a), r, state.customers[a]!, COUNT);
          value(sheet, m(a), r, state.mrr[a]!, MONEY);
        }
        continue;
      }
      const hz = (a: number) => ext(names.assumptions, ageCol(a), ref.hazardRow(t), true);
      const survivors = (a: number) => `${cell(c(a), r - 1)}*(1-${hz(a)})`;
      const kept = (a: number) => `${cell(m(a), r - 1)}*${ref.priceFactor(t)}(1-${hz(a)}+${ref.expansion}-${ref.contraction})`;
      formula(sheet, c(0), r, ext(projectionSheet, pcol(s, 'new_customers'), r), state.customers[0]!, COUNT);
      formula(sheet, m(0), r, ext(projectionSheet, pcol(s, 'new_mrr'), r), state.mrr[0]!, MONEY);
      for (let a = 1; a < buckets; a += 1) {
        const last = a === buckets - 1;
        formula(sheet, c(a), r, last ? `${survivors(a - 1)}+${survivors(a)}` : survivors(a - 1), state.customers[a]!, COUNT);
        formula(sheet, m(a), r, last ? `${kept(a - 1)}+${kept(a)}` : kept(a - 1), state.mrr[a]!, MONEY);
      }
    }
  });
}
