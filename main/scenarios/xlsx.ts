// The scenario workbook (docs/SCENARIOS.md, "XLSX"): per scenario an
// Assumptions sheet (baseline values from history, the levers as inputs, the
// effective rates as formulas), the Projection and Baseline sheets as live
// formulas over it, and a Comparison sheet. Every formula cell carries the
// engine's value as its cached result, so a reader that does not recalculate
// shows the app's numbers, and one that does gets the same.
import type ExcelJS from 'exceljs';
import { excel } from '../runtime/lazy.js';
import type { ScenarioResult } from '../../shared/scenarios.js';
import { discountFactor } from './compare.js';
import { baseRates, effectiveChurn } from './levers.js';
import { buildModel, type ScenarioModel } from './model.js';
import { bucketHistory, constant } from './project.js';
import {
  A, ASSUMPTION_HEADERS, C, COUNT, MONEY, RATE, ageCol, cell, comparisonMonthRow, ext, extRange, formula, mcol, monthRow, monthlyHeaderRow, pcol, segmentRow,
  sheetNames, summaryRow, tenureRows, value, type SheetNames,
} from './xlsxLayout.js';
import { writeProjectionSheet, writeTenureSheet } from './xlsxProjection.js';

const INPUT_FONT = { color: { argb: 'FF1F4FD8' }, bold: true };
const INPUT_FILL = { type: 'pattern' as const, pattern: 'solid' as const, fgColor: { argb: 'FFEAF1FF' } };

function writeAssumptions(wb: ExcelJS.Workbook, names: SheetNames, model: ScenarioModel): void {
  const sheet = wb.addWorksheet(names.assumptions);
  const { scenario, baseline } = model;
  const rates = model.rates();
  value(sheet, 1, 1, `Scenario "${scenario.name}": assumptions — as of ${baseline.as_of}, trailing ${baseline.trailing_months} months (${baseline.window.from} to ${baseline.window.to}), churn ${scenario.churnModel}${baseline.tenure_rates === 'hazard' ? ' (rates from the survival hazard)' : ''}, horizon ${scenario.horizonMonths} months`);
  sheet.getRow(1).font = { bold: true };
  value(sheet, 1, 2, 'Blue cells are inputs: change one and the Projection, Baseline and Comparison sheets recalculate. Rates are monthly fractions; changes are in points (1 = 0.01) or percent as named. docs/SCENARIOS.md defines every formula.');
  for (const [key, column] of Object.entries(A)) value(sheet, column, 4, ASSUMPTION_HEADERS[key as keyof typeof A]);
  sheet.getRow(4).font = { bold: true };
  sheet.getRow(4).alignment = { wrapText: true, vertical: 'top' };
  baseline.segments.forEach((segment, s) => {
    const r = segmentRow(s);
    const base = baseRates(segment, model.tenure);
    const levers = model.levers[s]!;
    const own = (column: number) => cell(column, r);
    const input = (column: number, v: number, numFmt: string) => {
      value(sheet, column, r, v, numFmt);
      sheet.getCell(r, column).font = INPUT_FONT;
      sheet.getCell(r, column).fill = INPUT_FILL;
    };
    value(sheet, A.segment, r, segment.segment);
    value(sheet, A.customers, r, segment.customers, COUNT);
    value(sheet, A.mrr, r, segment.mrr, MONEY);
    value(sheet, A.churn, r, segment.customer_churn_rate ?? 0, RATE);
    value(sheet, A.expansion, r, base.expansion, RATE);
    value(sheet, A.contraction, r, base.contraction, RATE);
    value(sheet, A.reactivationCustomers, r, base.reactivationCustomers, RATE);
    value(sheet, A.reactivationMrr, r, base.reactivationMrr, RATE);
    value(sheet, A.newCustomers, r, base.newCustomers, COUNT);
    value(sheet, A.newMrrPerCustomer, r, base.newMrrPerCustomer, MONEY);
    value(sheet, A.grossMargin, r, baseline.gross_margin, RATE);
    input(A.churnPoints, levers.churnPoints ?? 0, '0.00');
    input(A.churnPercent, levers.churnPercent ?? 0, '0.00');
    input(A.scenarioExpansion, rates[s]!.expansion, RATE);
    input(A.scenarioContraction, rates[s]!.contraction, RATE);
    input(A.newCustomersPercent, levers.newCustomersPercent ?? 0, '0.00');
    input(A.scenarioNewMrrPerCustomer, rates[s]!.newMrrPerCustomer, MONEY);
    input(A.priceChangePercent, levers.priceChangePercent ?? 0, '0.00');
    input(A.priceExtraChurnPoints, levers.priceExtraChurnPoints ?? 0, '0.00');
    input(A.scenarioGrossMargin, model.starts[s]!.grossMargin, RATE);
    input(A.discountRateAnnual, model.starts[s]!.discountRateAnnual, RATE);
    formula(sheet, A.effectiveChurn, r, `MIN(1,MAX(0,${own(A.churn)}*(1+${own(A.churnPercent)}/100)+${own(A.churnPoints)}/100))`,
      effectiveChurn(segment.customer_churn_rate ?? 0, levers), RATE);
    formula(sheet, A.effectiveNewCustomers, r, `MAX(0,${own(A.newCustomers)}*(1+${own(A.newCustomersPercent)}/100))`, rates[s]!.newCustomers, COUNT);
  });
  if (model.tenure) writeTenureAssumptions(sheet, model);
  sheet.getColumn(1).width = 16;
  for (let c = 2; c <= A.effectiveNewCustomers; c += 1) sheet.getColumn(c).width = 14;
  sheet.views = [{ state: 'frozen', xSplit: 1, ySplit: 4 }];
}

function writeTenureAssumptions(sheet: ExcelJS.Worksheet, model: ScenarioModel): void {
  const segments = model.baseline.segments;
  const rows = tenureRows(segments.length);
  const buckets = model.baseRates[0]?.churn.length ?? 1;
  const rates = model.rates();
  const blocks: [number, string][] = [
    [rows.baseHeader, 'Baseline monthly churn by tenure age (from the cohort curves)'],
    [rows.scenarioHeader, 'Scenario monthly churn by tenure age (churn changes applied)'],
    [rows.monthOneHeader, 'Scenario churn in month 1 (with the extra churn of the price change)'],
  ];
  for (const [row, title] of blocks) {
    value(sheet, 1, row, title);
    for (let a = 0; a < buckets; a += 1) value(sheet, ageCol(a), row, a === buckets - 1 ? `age ${a}+` : `age ${a}`);
    sheet.getRow(row).font = { bold: true };
  }
  segments.forEach((segment, s) => {
    const lever = (column: number) => ext(sheet.name, column, segmentRow(s), true);
    const base = baseRates(segment, true).churn;
    for (const row of [rows.base(s), rows.scenario(s), rows.monthOne(s)]) value(sheet, 1, row, segment.segment);
    for (let a = 0; a < buckets; a += 1) {
      const c = ageCol(a);
      value(sheet, c, rows.base(s), base[a]!, RATE);
      formula(sheet, c, rows.scenario(s), `MIN(1,MAX(0,${cell(c, rows.base(s))}*(1+${lever(A.churnPercent)}/100)+${lever(A.churnPoints)}/100))`, rates[s]!.churn[a]!, RATE);
      formula(sheet, c, rows.monthOne(s), `MIN(1,${cell(c, rows.scenario(s))}+${lever(A.priceExtraChurnPoints)}/100)`,
        Math.min(1, rates[s]!.churn[a]! + rates[s]!.priceExtraChurn), RATE);
    }
  });
}

function writeComparison(wb: ExcelJS.Workbook, names: SheetNames, model: ScenarioModel, result: ScenarioResult): void {
  const sheet = wb.addWorksheet(names.comparison);
  const horizon = model.scenario.horizonMonths;
  const segments = result.projection.segments;
  const S = segments.length;
  const last = monthRow(horizon);
  value(sheet, 1, 1, `Scenario "${model.scenario.name}" against the baseline, months 1 to ${horizon}`);
  sheet.getRow(1).font = { bold: true };
  const labels = ['Segment', 'ARR at horizon, baseline', 'ARR at horizon, scenario', 'ARR difference', 'Revenue difference', 'Revenue difference, present value',
    'Gross profit difference', 'Gross profit difference, present value', 'Churned MRR avoided', 'LTV, baseline', 'LTV, scenario'];
  labels.forEach((label, i) => value(sheet, 1 + i, 3, label));
  sheet.getRow(3).font = { bold: true };
  const firstMonth = comparisonMonthRow(S, 1);
  const lastMonth = comparisonMonthRow(S, horizon);
  const sumRange = (sheetName: string, column: number, from: number, to: number) => `SUM(${extRange(sheetName, column, from, column, to)})`;
  segments.forEach((seg, s) => {
    const r = summaryRow(s);
    const cmp = result.comparison.segments[s]!;
    const assumption = (column: number) => ext(names.assumptions, column, segmentRow(s), true);
    value(sheet, 1, r, seg.segment);
    formula(sheet, C.arrBaseline, r, ext(names.baseline, pcol(s, 'arr'), last), cmp.arr_at_horizon_baseline, MONEY);
    formula(sheet, C.arrScenario, r, ext(names.projection, pcol(s, 'arr'), last), cmp.arr_at_horizon_scenario, MONEY);
    formula(sheet, C.arrDifference, r, `${cell(C.arrScenario, r)}-${cell(C.arrBaseline, r)}`, cmp.arr_at_horizon_difference, MONEY);
    const total = (column: number, what: Parameters<typeof mcol>[1], result: number) =>
      formula(sheet, column, r, `SUM(${cell(mcol(s, what), firstMonth)}:${cell(mcol(s, what), lastMonth)})`, result, MONEY);
    total(C.revenueDifference, 'difference', cmp.revenue_difference);
    total(C.revenueDifferencePv, 'pv', cmp.revenue_difference_pv);
    total(C.grossProfitDifference, 'profit', cmp.gross_profit_difference);
    total(C.grossProfitDifferencePv, 'profitPv', cmp.gross_profit_difference_pv);
    formula(sheet, C.churnedMrrAvoided, r,
      `${sumRange(names.baseline, pcol(s, 'churned_mrr'), monthRow(1), last)}-${sumRange(names.projection, pcol(s, 'churned_mrr'), monthRow(1), last)}`,
      cmp.churned_mrr_avoided, MONEY);
    const ltv = (column: number, sheetName: string, margin: number, engineValue: number | null) => {
      if (engineValue === null) return value(sheet, column, r, 'no churn');
      const sum = (what: Parameters<typeof pcol>[1], from: number, to: number) => sumRange(sheetName, pcol(s, what), from, to);
      formula(sheet, column, r,
        `${assumption(margin)}*(${sum('mrr', monthRow(1), last)}/${sum('customers', monthRow(1), last)})/(${sum('churned_customers', monthRow(1), last)}/${sum('customers', monthRow(0), monthRow(horizon - 1))})`,
        engineValue, MONEY);
    };
    ltv(C.ltvBaseline, names.baseline, A.scenarioGrossMargin, cmp.ltv_baseline);
    ltv(C.ltvScenario, names.projection, A.scenarioGrossMargin, cmp.ltv_scenario);
  });
  const totalRow = summaryRow(S);
  value(sheet, 1, totalRow, 'Total');
  sheet.getRow(totalRow).font = { bold: true };
  const totals: [number, number][] = [
    [C.arrBaseline, result.comparison.arr_at_horizon_baseline],
    [C.arrScenario, result.comparison.arr_at_horizon_scenario],
    [C.arrDifference, result.comparison.arr_at_horizon_difference],
    [C.revenueDifference, result.comparison.revenue_difference],
    [C.revenueDifferencePv, result.comparison.revenue_difference_pv],
    [C.grossProfitDifference, result.comparison.gross_profit_difference],
    [C.grossProfitDifferencePv, result.comparison.gross_profit_difference_pv],
    [C.churnedMrrAvoided, result.comparison.churned_mrr_avoided],
  ];
  for (const [column, engineValue] of totals) {
    if (S) formula(sheet, column, totalRow, `SUM(${cell(column, summaryRow(0))}:${cell(column, summaryRow(S - 1))})`, engineValue, MONEY);
    else value(sheet, column, totalRow, 0, MONEY);
  }
  writeComparisonMonths(sheet, names, model, result);
  sheet.getColumn(1).width = 16;
  for (let c = 2; c <= 3 + S * 5; c += 1) sheet.getColumn(c).width = 16;
}

/** Month by month: the MRR difference, its discount factor and present value, and the same for gross profit. */
function writeComparisonMonths(sheet: ExcelJS.Worksheet, names: SheetNames, model: ScenarioModel, result: ScenarioResult): void {
  const segments = result.projection.segments;
  const header = monthlyHeaderRow(segments.length);
  value(sheet, 1, header, 'Month');
  value(sheet, 2, header, 'Date');
  const labels = ['MRR difference', 'Discount factor', 'Present value', 'Gross profit difference', 'Present value (gross profit)'];
  segments.forEach((seg, s) => {
    value(sheet, mcol(s, 'difference'), header - 1, seg.segment);
    labels.forEach((label, i) => value(sheet, mcol(s, 'difference') + i, header, label));
  });
  sheet.getRow(header - 1).font = { bold: true };
  sheet.getRow(header).font = { bold: true };
  for (let t = 1; t <= model.scenario.horizonMonths; t += 1) {
    const r = comparisonMonthRow(segments.length, t);
    value(sheet, 1, r, t);
    value(sheet, 2, r, result.projection.total[t]!.date);
    segments.forEach((seg, s) => {
      const assumption = (column: number) => ext(names.assumptions, column, segmentRow(s), true);
      const scen = seg.months[t]!.mrr;
      const base = result.baseline_projection.segments[s]!.months[t]!.mrr;
      const start = model.starts[s]!;
      const factor = discountFactor(start.discountRateAnnual, t);
      const profit = (scen - base) * start.grossMargin;
      const projected = ext(names.projection, pcol(s, 'mrr'), monthRow(t));
      const baselined = ext(names.baseline, pcol(s, 'mrr'), monthRow(t));
      formula(sheet, mcol(s, 'difference'), r, `${projected}-${baselined}`, scen - base, MONEY);
      formula(sheet, mcol(s, 'factor'), r, `1/(1+${assumption(A.discountRateAnnual)})^(${cell(1, r)}/12)`, factor, '0.000000');
      formula(sheet, mcol(s, 'pv'), r, `${cell(mcol(s, 'difference'), r)}*${cell(mcol(s, 'factor'), r)}`, (scen - base) * factor, MONEY);
      formula(sheet, mcol(s, 'profit'), r, `(${projected}-${baselined})*${assumption(A.scenarioGrossMargin)}`, profit, MONEY);
      formula(sheet, mcol(s, 'profitPv'), r, `${cell(mcol(s, 'profit'), r)}*${cell(mcol(s, 'factor'), r)}`, profit * factor, MONEY);
    });
  }
}

/** The workbook of one or more scenario results, in memory. */
export function scenarioWorkbook(results: ScenarioResult[]): ExcelJS.Workbook {
  const wb = new (excel().Workbook)();
  wb.creator = 'Churn Workbench';
  wb.calcProperties.fullCalcOnLoad = true;
  results.forEach((result, i) => {
    const names = sheetNames(i);
    const model = buildModel(result.baseline, result.scenario);
    const horizon = result.scenario.horizonMonths;
    writeAssumptions(wb, names, model);
    writeProjectionSheet(wb, names, model, result.projection, 'scenario');
    writeProjectionSheet(wb, names, model, result.baseline_projection, 'baseline');
    writeComparison(wb, names, model, result);
    if (model.tenure) {
      const dates = result.projection.total.map((m) => m.date);
      writeTenureSheet(wb, names, model, bucketHistory(model.starts, constant(model.rates()), horizon), dates, 'scenario');
      writeTenureSheet(wb, names, model, bucketHistory(model.baseStarts, constant(model.baseRates), horizon), dates, 'baseline');
    }
  });
  return wb;
}

export async function writeScenarioWorkbook(results: ScenarioResult[], path: string): Promise<void> {
  await scenarioWorkbook(results).xlsx.writeFile(path);
}

/** The workbook's bytes, for a download. */
export async function scenarioWorkbookBytes(results: ScenarioResult[]): Promise<Uint8Array> {
  return new Uint8Array(await scenarioWorkbook(results).xlsx.writeBuffer());
}
