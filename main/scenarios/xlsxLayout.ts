// Where everything sits in the scenario workbook (docs/SCENARIOS.md, "XLSX"):
// sheet names, the Assumptions sheet's columns and rows, the projection
// blocks. The writers (xlsx.ts, xlsxProjection.ts) and the tests share it.
import type ExcelJS from 'exceljs';

export function colName(n: number): string {
  let name = '';
  for (let c = n; c > 0; c = Math.floor((c - 1) / 26)) name = String.fromCharCode(65 + ((c - 1) % 26)) + name;
  return name;
}

export const cell = (c: number, r: number) => `${colName(c)}${r}`;
/** A reference into another sheet, absolute or relative. */
export const ext = (sheet: string, c: number, r: number, absolute = false) =>
  absolute ? `'${sheet}'!$${colName(c)}$${r}` : `'${sheet}'!${colName(c)}${r}`;
export const extRange = (sheet: string, c1: number, r1: number, c2: number, r2: number, absolute = false) =>
  absolute ? `'${sheet}'!$${colName(c1)}$${r1}:$${colName(c2)}$${r2}` : `'${sheet}'!${colName(c1)}${r1}:${colName(c2)}${r2}`;

export interface SheetNames {
  assumptions: string;
  projection: string;
  baseline: string;
  tenure: string;
  tenureBaseline: string;
  comparison: string;
}

/** The sheets of the i-th scenario (the first has the plain names). */
export function sheetNames(i: number): SheetNames {
  const suffix = i === 0 ? '' : ` ${i + 1}`;
  return {
    assumptions: `Assumptions${suffix}`,
    projection: `Projection${suffix}`,
    baseline: `Baseline${suffix}`,
    tenure: `Tenure${suffix}`,
    tenureBaseline: `Tenure baseline${suffix}`,
    comparison: `Comparison${suffix}`,
  };
}

/** Assumptions: one row per segment from row 5; baseline values, scenario inputs, effective values. */
export const A = {
  segment: 1,
  customers: 2,
  mrr: 3,
  churn: 4,
  expansion: 5,
  contraction: 6,
  reactivationCustomers: 7,
  reactivationMrr: 8,
  newCustomers: 9,
  newMrrPerCustomer: 10,
  grossMargin: 11,
  churnPoints: 12,
  churnPercent: 13,
  scenarioExpansion: 14,
  scenarioContraction: 15,
  newCustomersPercent: 16,
  scenarioNewMrrPerCustomer: 17,
  priceChangePercent: 18,
  priceExtraChurnPoints: 19,
  scenarioGrossMargin: 20,
  discountRateAnnual: 21,
  effectiveChurn: 22,
  effectiveNewCustomers: 23,
} as const;

export const ASSUMPTION_HEADERS: Record<keyof typeof A, string> = {
  segment: 'Segment',
  customers: 'Customers at as-of',
  mrr: 'MRR at as-of',
  churn: 'Baseline monthly churn',
  expansion: 'Baseline expansion rate',
  contraction: 'Baseline contraction rate',
  reactivationCustomers: 'Baseline reactivation (customers)',
  reactivationMrr: 'Baseline reactivation (MRR)',
  newCustomers: 'Baseline new customers a month',
  newMrrPerCustomer: 'Baseline new MRR per customer',
  grossMargin: 'Methodology gross margin',
  churnPoints: 'Churn change (points)',
  churnPercent: 'Churn change (%)',
  scenarioExpansion: 'Expansion rate',
  scenarioContraction: 'Contraction rate',
  newCustomersPercent: 'New customers change (%)',
  scenarioNewMrrPerCustomer: 'New MRR per customer',
  priceChangePercent: 'Price change (%)',
  priceExtraChurnPoints: 'Extra churn in month 1 (points)',
  scenarioGrossMargin: 'Gross margin (both projections)',
  discountRateAnnual: 'Discount rate (annual, for the difference)',
  effectiveChurn: 'Scenario monthly churn',
  effectiveNewCustomers: 'Scenario new customers a month',
};

export const FIRST_ROW = 5;
export const segmentRow = (s: number) => FIRST_ROW + s;

/** Tenure blocks below the segment rows: baseline churn by age, scenario, scenario in month 1. */
export function tenureRows(segments: number) {
  const baseHeader = FIRST_ROW + segments + 1;
  const scenarioHeader = baseHeader + segments + 1;
  const monthOneHeader = scenarioHeader + segments + 1;
  return {
    baseHeader,
    scenarioHeader,
    monthOneHeader,
    base: (s: number) => baseHeader + 1 + s,
    scenario: (s: number) => scenarioHeader + 1 + s,
    monthOne: (s: number) => monthOneHeader + 1 + s,
  };
}
/** Column of tenure age a in the Assumptions tenure blocks. */
export const ageCol = (a: number) => 2 + a;

/** Projection and Baseline sheets: row 4 is month 0; one block of columns per segment, then the total. */
export const P = {
  customers: 0,
  mrr: 1,
  arr: 2,
  new_customers: 3,
  new_mrr: 4,
  reactivated_customers: 5,
  reactivation_mrr: 6,
  expansion_mrr: 7,
  contraction_mrr: 8,
  churned_customers: 9,
  churned_mrr: 10,
  price_change_mrr: 11,
} as const;
export type ProjectionColumn = keyof typeof P;
export const BLOCK = Object.keys(P).length;
export const PROJECTION_HEADERS: Record<ProjectionColumn, string> = {
  customers: 'Customers',
  mrr: 'MRR',
  arr: 'ARR',
  new_customers: 'New customers',
  new_mrr: 'New MRR',
  reactivated_customers: 'Reactivated customers',
  reactivation_mrr: 'Reactivation MRR',
  expansion_mrr: 'Expansion MRR',
  contraction_mrr: 'Contraction MRR',
  churned_customers: 'Churned customers',
  churned_mrr: 'Churned MRR',
  price_change_mrr: 'Price change MRR',
};
export const monthRow = (t: number) => 4 + t;
/** Column of `column` in segment s's block (s = number of segments for the total). */
export const pcol = (s: number, column: ProjectionColumn) => 3 + s * BLOCK + P[column];

/** Tenure sheets: per segment, customers by age then MRR by age. */
export const tcol = (s: number, buckets: number, what: 'customers' | 'mrr', age: number) => 3 + s * 2 * buckets + (what === 'mrr' ? buckets : 0) + age;

/** Comparison: summary rows from 4 (total last), monthly rows below, 5 columns per segment. */
export const C = {
  arrBaseline: 2,
  arrScenario: 3,
  arrDifference: 4,
  revenueDifference: 5,
  revenueDifferencePv: 6,
  grossProfitDifference: 7,
  grossProfitDifferencePv: 8,
  churnedMrrAvoided: 9,
  ltvBaseline: 10,
  ltvScenario: 11,
} as const;
export const summaryRow = (s: number) => 4 + s;
export const monthlyHeaderRow = (segments: number) => 4 + segments + 3;
export const comparisonMonthRow = (segments: number, t: number) => monthlyHeaderRow(segments) + t;
export const M = { difference: 0, factor: 1, pv: 2, profit: 3, profitPv: 4 } as const;
export const mcol = (s: number, what: keyof typeof M) => 3 + s * 5 + M[what];

export type Sheet = ExcelJS.Worksheet;

/** A formula cell with the engine's own value as its cached result. */
export function formula(sheet: Sheet, c: number, r: number, text: string, result: number, numFmt?: string): void {
  const target = sheet.getCell(r, c);
  target.value = { formula: text, result };
  if (numFmt) target.numFmt = numFmt;
}

export function value(sheet: Sheet, c: number, r: number, v: number | string | null, numFmt?: string): void {
  const target = sheet.getCell(r, c);
  target.value = v;
  if (numFmt) target.numFmt = numFmt;
}

export const MONEY = '#,##0.00';
export const RATE = '0.00%';
export const COUNT = '#,##0.0';
