// Scenarios on a workspace: the baseline read from hand-made customer_month
// data equals the hand computation; Monte Carlo; saved scenarios; the CLI
// command; and the XLSX export, whose formulas are recalculated and compared
// with the engine's numbers — by LibreOffice when `soffice` is installed (a
// real recalculation), and always by the small evaluator below, which knows
// exactly the formula shapes xlsx.ts writes: numbers, cell and range
// references (optionally 'Sheet'! qualified, with $), + − * / ^, parentheses,
// and MIN, MAX, SUM, SUMPRODUCT.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { loadBaseline } from '../../main/scenarios/baseline.js';
import { runScenarios } from '../../main/scenarios/run.js';
import { deleteScenario, listScenarios, saveScenario } from '../../main/scenarios/store.js';
import { scenarioWorkbook } from '../../main/scenarios/xlsx.js';
import { pcol, monthRow, sheetNames, summaryRow, C } from '../../main/scenarios/xlsxLayout.js';
import { plain } from '../../main/runtime/sqlRunner.js';
import { scenarioCommand } from '../../main/cli/commands/scenario.js';
import type { Engine } from '../../main/engine/engine.js';
import type { ScenarioInput, ScenarioResult } from '../../shared/scenarios.js';
import { context, modelEngine, type MonthRow } from '../support/model.js';
import { generateHistories } from '../support/generated.js';

const close = (actual: number | null | undefined, expected: number, tolerance = 1e-9) =>
  assert.ok(
    typeof actual === 'number' && Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)),
    `${actual} ≠ ${expected}`,
  );

const runSql = (engine: Engine) => async (sql: string) => plain(await engine.database.rows(sql));
const SETTINGS = { asOf: '2024-06-30' };

/** SMB: steady, churned in May, expanded in May, new in April, back in April, contracted in June. Enterprise: steady, new in June. */
const HAND_MADE: MonthRow[] = [
  ...['01', '02', '03', '04', '05', '06'].map((m): MonthRow => ['s1', `2024-${m}`, 100]),
  ...['01', '02', '03', '04'].map((m): MonthRow => ['s2', `2024-${m}`, 100]),
  ...['01', '02', '03', '04'].map((m): MonthRow => ['s3', `2024-${m}`, 100]),
  ['s3', '2024-05', 150], ['s3', '2024-06', 150],
  ['s4', '2024-04', 60], ['s4', '2024-05', 60], ['s4', '2024-06', 60],
  ['s5', '2024-01', 80], ['s5', '2024-02', 80], ['s5', '2024-04', 80], ['s5', '2024-05', 80], ['s5', '2024-06', 80],
  ...['01', '02', '03', '04', '05'].map((m): MonthRow => ['s6', `2024-${m}`, 200]),
  ['s6', '2024-06', 150],
  ...['01', '02', '03', '04', '05', '06'].map((m): MonthRow => ['e1', `2024-${m}`, 1000]),
  ['e2', '2024-06', 500],
];
const SEGMENTS = Object.fromEntries(['s1', 's2', 's3', 's4', 's5', 's6', 'e1', 'e2'].map((id) => [id, { segment: id.startsWith('s') ? 'SMB' : 'Enterprise' }]));

test('baseline: customers, MRR and trailing-average rates per segment equal the hand computation', async () => {
  const engine = await modelEngine(HAND_MADE, SEGMENTS);
  const baseline = await loadBaseline(runSql(engine), await context(engine, SETTINGS), { trailingMonths: 3, churnModel: 'flat' });
  assert.deepEqual(baseline.window, { from: '2024-04', to: '2024-06' });
  assert.equal(baseline.as_of, '2024-06');
  const smb = baseline.segments.find((s) => s.segment === 'SMB')!;
  // April: start 4 (500), s4 new 60, s5 back 80. May: start 6 (640), s2 churns, s3 +50. June: start 5 (590), s6 −50.
  assert.equal(smb.customers, 5);
  close(smb.mrr, 540);
  close(smb.new_customers, 1 / 3);
  close(smb.new_mrr_per_customer, 60);
  close(smb.customer_churn_rate, (0 + 1 / 6 + 0) / 3);
  close(smb.expansion_rate, (0 + 50 / 640 + 0) / 3);
  close(smb.contraction_rate, (0 + 0 + 50 / 590) / 3);
  close(smb.reactivation_customer_rate, (1 / 4 + 0 + 0) / 3);
  close(smb.reactivation_mrr_rate, (80 / 500 + 0 + 0) / 3);
  assert.deepEqual(smb.history.map((m) => [m.period, m.customers_start, m.mrr_start]), [['2024-04', 4, 500], ['2024-05', 6, 640], ['2024-06', 5, 590]]);
  const ent = baseline.segments.find((s) => s.segment === 'Enterprise')!;
  assert.equal(ent.customers, 2);
  close(ent.mrr, 1500);
  close(ent.new_customers, 1 / 3);
  close(ent.new_mrr_per_customer, 500);
  close(ent.customer_churn_rate, 0);
  // History, all segments: month-end customers and MRR of every month up to the as-of month.
  assert.deepEqual(
    baseline.history.map((m) => [m.date, m.customers, m.mrr, m.arr]),
    [['2024-01', 6, 1580, 18960], ['2024-02', 6, 1580, 18960], ['2024-03', 5, 1500, 18000], ['2024-04', 7, 1640, 19680], ['2024-05', 6, 1590, 19080], ['2024-06', 7, 2040, 24480]],
  );
  engine.close();
});

test('baseline by tenure: churn per age from the cohort cells, customers and MRR by age at the as-of month', async () => {
  const engine = await modelEngine(HAND_MADE, SEGMENTS);
  const baseline = await loadBaseline(runSql(engine), await context(engine, SETTINGS), { trailingMonths: 3, churnModel: 'tenure' });
  const smb = baseline.segments.find((s) => s.segment === 'SMB')!;
  // January cohort (s1 s2 s3 s5 s6) active at k = 0…5: 5 5 4 5 4 4; April cohort (s4): 1 1 1.
  const h = smb.tenure_churn!;
  close(h[0], 0); // 6 → 6
  close(h[1], 1 / 6); // 6 → 5
  close(h[2], 0); // 4 → 5: more back than gone, taken as no churn
  close(h[3], 1 / 5); // 5 → 4
  close(h[4], 0); // 4 → 4
  close(h[5], 1 / 18); // no cohort reached age 6 yet: the flat trailing average
  assert.equal(smb.tenure_customers![2], 1);
  assert.equal(smb.tenure_customers![5], 4);
  close(smb.tenure_mrr![5], 480);
  close(smb.tenure_customers!.reduce((a, b) => a + b, 0), smb.customers);
  close(smb.tenure_mrr!.reduce((a, b) => a + b, 0), smb.mrr);
  engine.close();
});

test('a run projects from the baseline: month 1 of SMB by hand', async () => {
  const engine = await modelEngine(HAND_MADE, SEGMENTS);
  const result = await runScenarios(runSql(engine), engine.database, SETTINGS, [{ name: 'base', trailingMonths: 3, horizonMonths: 12 }]);
  const smb = result.scenarios[0]!.baseline_projection.segments.find((s) => s.segment === 'SMB')!.months[1]!;
  close(smb.customers, 5 * (1 - 1 / 18 + 1 / 12) + 1 / 3);
  close(smb.mrr, 540 * (1 - 1 / 18 + 50 / 640 / 3 - 50 / 590 / 3 + 0.16 / 3) + 60 / 3);
  assert.equal(smb.date, '2024-07');
  engine.close();
});

/** Customer k{i} pays 10 a month for 10 months from month i: every month 10 at start, 1 churn, 1 new — no variance. */
function steadyState(): MonthRow[] {
  const rows: MonthRow[] = [];
  for (let i = 0; i < 18; i += 1) {
    for (let k = 0; k < 10 && i + k < 18; k += 1) {
      const m = i + k;
      rows.push([`k${i}`, `${2023 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`, 10]);
    }
  }
  return rows;
}

test('Monte Carlo with zero historical variance equals the deterministic projection (flat and by tenure)', async () => {
  const engine = await modelEngine(steadyState());
  for (const churnModel of ['flat', 'tenure'] as const) {
    const result = await runScenarios(runSql(engine), engine.database, SETTINGS, [
      { name: 'mc', trailingMonths: 3, churnModel, horizonMonths: 24, levers: { All: { churnPercent: -10 } }, monteCarlo: { runs: 100, seed: 5 } },
    ]);
    const s = result.scenarios[0]!;
    const baseline = s.baseline.segments[0]!;
    close(baseline.customer_churn_rate, 0.1);
    close(baseline.new_customers, 1);
    s.monte_carlo!.months.forEach((m, t) => {
      for (const p of ['p10', 'p50', 'p90'] as const) {
        close(m.mrr[p], s.projection.total[t]!.mrr);
        close(m.customers[p], s.projection.total[t]!.customers);
      }
    });
  }
  engine.close();
});

test('Monte Carlo: the same seed gives the same bands, another seed other bands', async () => {
  const engine = await modelEngine([]);
  await generateHistories(engine, 400, 24, 3);
  const run = async (seed: number) =>
    (await runScenarios(runSql(engine), engine.database, { asOf: '2023-12-31' }, [{ name: 'mc', monteCarlo: { runs: 300, seed } }])).scenarios[0]!.monte_carlo!;
  const [a, b, c] = [await run(9), await run(9), await run(10)];
  assert.deepEqual(a, b);
  assert.notDeepEqual(a.arr_at_horizon, c.arr_at_horizon);
  assert.ok(a.arr_at_horizon.p10 < a.arr_at_horizon.p90);
  engine.close();
});

test('named scenarios are saved in the workspace, replaced by name, listed and deleted', async () => {
  const engine = await modelEngine([]);
  const db = engine.database;
  assert.deepEqual(await listScenarios(db), []);
  await saveScenario(db, { name: 'Price +5%', levers: { All: { priceChangePercent: 5 } } });
  await saveScenario(db, { name: 'Churn −20%', horizonMonths: 36, levers: { SMB: { churnPercent: -20 } } });
  const saved = await saveScenario(db, { name: 'Price +5%', levers: { All: { priceChangePercent: 6 } } });
  assert.deepEqual(saved.map((s) => s.name), ['Churn −20%', 'Price +5%']);
  assert.equal(saved[1]!.scenario.levers.All!.priceChangePercent, 6);
  assert.equal(saved[0]!.scenario.horizonMonths, 36);
  assert.match(saved[0]!.saved_at, /^\d{4}-\d{2}-\d{2}T/);
  assert.deepEqual((await deleteScenario(db, 'Price +5%')).map((s) => s.name), ['Churn −20%']);
  await assert.rejects(deleteScenario(db, 'nope'), /no saved scenario named "nope"/);
  const rows = await db.rows("SELECT count(*) AS n FROM duckdb_tables() WHERE schema_name = 'churn' AND table_name = 'scenarios'");
  assert.equal(Number(rows[0]!.n), 1);
  engine.close();
});

test('the scenario command reads scenario files and writes JSON and XLSX', async () => {
  const engine = await modelEngine(HAND_MADE, SEGMENTS);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scenario-cli-'));
  const file = path.join(dir, 'scenarios.json');
  fs.writeFileSync(file, JSON.stringify([{ name: 'A', trailingMonths: 3 }, { name: 'B', trailingMonths: 3, levers: { All: { churnPoints: -1 } } }]));
  const out = path.join(dir, 'out.json');
  const result = await scenarioCommand(engine, [], { scenario: [file], json: out, xlsx: path.join(dir, 'out.xlsx'), 'as-of': '2024-06-30' });
  assert.ok(result.ok);
  const json = JSON.parse(fs.readFileSync(out, 'utf8'));
  assert.deepEqual(json.scenarios.map((s: { scenario: { name: string } }) => s.scenario.name), ['A', 'B']);
  assert.ok(fs.statSync(path.join(dir, 'out.xlsx')).size > 0);
  fs.writeFileSync(file, JSON.stringify({ name: 'bad', horizonMonths: 6 }));
  const bad = await scenarioCommand(engine, [], { scenario: [file] });
  assert.ok(!bad.ok && /horizonMonths/.test(bad.error.message) && bad.error.message.includes(file));
  engine.close();
});

// ---- XLSX: recalculating the formulas ----

type Value = number | number[];

/** Recalculates every formula of a workbook from its inputs, ignoring cached results. */
function evaluator(wb: ExcelJS.Workbook) {
  const memo = new Map<string, number>();
  const colIndex = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  const cellValue = (sheet: string, address: string): number => {
    const key = `${sheet}!${address}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    const ws = wb.getWorksheet(sheet);
    assert.ok(ws, `no sheet ${sheet}`);
    const raw = ws.getCell(address).value;
    let result = 0;
    if (typeof raw === 'number') result = raw;
    else if (raw && typeof raw === 'object' && 'formula' in raw) result = evaluate(raw.formula!, sheet);
    memo.set(key, result);
    return result;
  };
  const range = (sheet: string, from: string, to: string): number[] => {
    const [, c1, r1] = /^([A-Z]+)(\d+)$/.exec(from)!;
    const [, c2, r2] = /^([A-Z]+)(\d+)$/.exec(to)!;
    const values: number[] = [];
    for (let r = Number(r1); r <= Number(r2); r += 1) {
      for (let c = colIndex(c1!); c <= colIndex(c2!); c += 1) values.push(cellValue(sheet, `${wb.getWorksheet(sheet)!.getColumn(c).letter}${r}`));
    }
    return values;
  };
  function evaluate(text: string, sheet: string): number {
    const tokens = text.match(/'[^']+'!\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?|[A-Za-z_]+!\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?|\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?|[A-Z]+(?=\()|\d+(?:\.\d+)?(?:E[+-]?\d+)?|[-+*/^(),]/g)!;
    assert.equal(tokens.join(''), text, `unknown formula shape: ${text}`);
    let i = 0;
    const peek = () => tokens[i];
    const next = () => tokens[i++]!;
    const scalar = (v: Value) => (Array.isArray(v) ? (v.length === 1 ? v[0]! : NaN) : v);
    const primary = (): Value => {
      const token = next();
      if (token === '(') {
        const v = expr();
        assert.equal(next(), ')');
        return v;
      }
      if (/^\d/.test(token)) return Number(token);
      if (/^[A-Z]+$/.test(token) && peek() === '(') {
        next();
        const args: Value[] = [];
        while (peek() !== ')') {
          args.push(expr());
          if (peek() === ',') next();
        }
        next();
        const flat = args.flatMap((a) => (Array.isArray(a) ? a : [a]));
        if (token === 'SUM') return flat.reduce((s, v) => s + v, 0);
        if (token === 'MIN') return Math.min(...flat);
        if (token === 'MAX') return Math.max(...flat);
        if (token === 'SUMPRODUCT') {
          const [a, b] = args as [number[], number[]];
          assert.equal(a.length, b.length);
          return a.reduce((s, v, k) => s + v * b[k]!, 0);
        }
        throw new Error(`unknown function ${token}`);
      }
      const match = /^(?:'([^']+)'!|([A-Za-z_]+)!)?(.+)$/.exec(token)!;
      const target = match[1] ?? match[2] ?? sheet;
      const [from, to] = match[3]!.replaceAll('$', '').split(':') as [string, string | undefined];
      return to ? range(target, from, to) : cellValue(target, from);
    };
    const unary = (): Value => (peek() === '-' ? (next(), -scalar(unary())) : primary());
    const power = (): Value => {
      let v = unary();
      while (peek() === '^') {
        next();
        v = scalar(v) ** scalar(unary());
      }
      return v;
    };
    const term = (): Value => {
      let v = power();
      while (peek() === '*' || peek() === '/') v = next() === '*' ? scalar(v) * scalar(power()) : scalar(v) / scalar(power());
      return v;
    };
    function expr(): Value {
      let v = term();
      while (peek() === '+' || peek() === '-') v = next() === '+' ? scalar(v) + scalar(term()) : scalar(v) - scalar(term());
      return v;
    }
    const v = scalar(expr());
    assert.equal(i, tokens.length, `trailing tokens in ${text}`);
    return v;
  }
  return { cellValue };
}

/** Every formula cell of the workbook: sheet, address, cached result. */
function formulaCells(wb: ExcelJS.Workbook) {
  const cells: { sheet: string; address: string; result: number }[] = [];
  wb.eachSheet((ws) =>
    ws.eachRow((row) =>
      row.eachCell((c) => {
        const v = c.value;
        if (v && typeof v === 'object' && 'formula' in v) cells.push({ sheet: ws.name, address: c.address, result: Number(v.result ?? 0) }); // exceljs reads a cached 0 back as no result
      }),
    ),
  );
  return cells;
}

const XLSX_SCENARIOS: ScenarioInput[] = [
  {
    name: 'Flat, every lever',
    trailingMonths: 3,
    horizonMonths: 18,
    levers: {
      All: { churnPoints: -0.5, churnPercent: -10, newCustomersPercent: 25, discountRateAnnual: 0.1, grossMargin: 0.8 },
      SMB: { expansionRate: 0.03, contractionRate: 0.01, newMrrPerCustomer: 75, priceChangePercent: 8, priceExtraChurnPoints: 2 },
    },
  },
  { name: 'By tenure', trailingMonths: 3, horizonMonths: 12, churnModel: 'tenure', levers: { All: { churnPercent: -20, priceChangePercent: 5, priceExtraChurnPoints: 1 } } },
];

/** The engine's number behind a Projection/Baseline/Comparison cell of scenario i. */
function engineCells(results: ScenarioResult[]) {
  const expected: { sheet: string; address: string; value: number }[] = [];
  const letter = (c: number) => {
    let name = '';
    for (let n = c; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
    return name;
  };
  results.forEach((result, i) => {
    const names = sheetNames(i);
    for (const [sheet, projection] of [[names.projection, result.projection], [names.baseline, result.baseline_projection]] as const) {
      const segments = projection.segments.length;
      projection.total.forEach((m, t) => {
        for (const column of ['customers', 'mrr', 'arr', 'churned_mrr', 'expansion_mrr', 'new_mrr', 'price_change_mrr'] as const) {
          expected.push({ sheet, address: `${letter(pcol(segments, column))}${monthRow(t)}`, value: m[column] });
          projection.segments.forEach((seg, s) => expected.push({ sheet, address: `${letter(pcol(s, column))}${monthRow(t)}`, value: seg.months[t]![column] }));
        }
      });
    }
    const total = summaryRow(result.projection.segments.length);
    const c = result.comparison;
    const summary: [number, number][] = [
      [C.arrScenario, c.arr_at_horizon_scenario],
      [C.arrDifference, c.arr_at_horizon_difference],
      [C.revenueDifference, c.revenue_difference],
      [C.revenueDifferencePv, c.revenue_difference_pv],
      [C.grossProfitDifferencePv, c.gross_profit_difference_pv],
      [C.churnedMrrAvoided, c.churned_mrr_avoided],
    ];
    for (const [column, value] of summary) expected.push({ sheet: names.comparison, address: `${letter(column)}${total}`, value });
    c.segments.forEach((seg, s) => {
      if (seg.ltv_scenario !== null) expected.push({ sheet: names.comparison, address: `${letter(C.ltvScenario)}${summaryRow(s)}`, value: seg.ltv_scenario });
    });
  });
  return expected;
}

async function xlsxFixture() {
  const engine = await modelEngine(HAND_MADE, SEGMENTS);
  const run = await runScenarios(runSql(engine), engine.database, SETTINGS, XLSX_SCENARIOS);
  engine.close();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'scenario-xlsx-'));
  const file = path.join(dir, 'scenarios.xlsx');
  await scenarioWorkbook(run.scenarios).xlsx.writeFile(file);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(file);
  return { run, dir, file, wb };
}

test('XLSX: the formulas, recalculated from the assumptions, equal the engine numbers and their cached results', async () => {
  const { run, wb } = await xlsxFixture();
  const { cellValue } = evaluator(wb);
  const cells = formulaCells(wb);
  assert.ok(cells.length > 1000, `${cells.length} formula cells`);
  for (const c of cells) close(cellValue(c.sheet, c.address), c.result, 1e-9);
  for (const e of engineCells(run.scenarios)) close(cellValue(e.sheet, e.address), e.value, 1e-9);
  // A change in Excel moves the projection: churn down 5 more points on SMB raises its ARR.
  const assumptions = wb.getWorksheet('Assumptions')!;
  const smbRow = [5, 6].find((r) => assumptions.getCell(r, 1).value === 'SMB')!;
  assumptions.getCell(smbRow, 12).value = -5.5;
  const moved = evaluator(wb).cellValue('Comparison', `C${summaryRow(2)}`);
  assert.ok(moved > run.scenarios[0]!.comparison.arr_at_horizon_scenario);
});

const soffice = spawnSync('soffice', ['--version'], { encoding: 'utf8' }).status === 0;

test('XLSX: LibreOffice recalculates the workbook to the engine numbers', { skip: soffice ? false : 'LibreOffice (soffice) is not installed' }, async () => {
  const { run, dir, wb } = await xlsxFixture();
  // No cached results, and a profile that recalculates on load: LibreOffice computes every formula itself.
  for (const c of formulaCells(wb)) {
    const cell = wb.getWorksheet(c.sheet)!.getCell(c.address);
    cell.value = { formula: (cell.value as ExcelJS.CellFormulaValue).formula } as ExcelJS.CellFormulaValue;
  }
  const bare = path.join(dir, 'bare.xlsx');
  await wb.xlsx.writeFile(bare);
  const profile = path.join(dir, 'profile');
  fs.mkdirSync(path.join(profile, 'user'), { recursive: true });
  fs.writeFileSync(
    path.join(profile, 'user', 'registrymodifications.xcu'),
    `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`,
  );
  const out = path.join(dir, 'csv');
  const converted = spawnSync(
    'soffice',
    [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1', '--outdir', out, bare],
    { encoding: 'utf8', timeout: 120_000 },
  );
  assert.equal(converted.status, 0, converted.stderr);
  const sheets = new Map<string, string[][]>();
  const read = (sheet: string) => {
    if (!sheets.has(sheet)) sheets.set(sheet, parseCsv(fs.readFileSync(path.join(out, `bare-${sheet}.csv`), 'utf8')));
    return sheets.get(sheet)!;
  };
  const expected = engineCells(run.scenarios);
  for (const e of expected) {
    const [, letters, row] = /^([A-Z]+)(\d+)$/.exec(e.address)!;
    const col = [...letters!].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
    const text = read(e.sheet)[Number(row) - 1]?.[col - 1];
    close(Number(text), e.value, 1e-9);
  }
});

function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const endField = () => {
    row.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]!;
    if (quoted && ch === '"' && text[i + 1] === '"') {
      field += '"';
      i += 1;
    } else if (ch === '"') quoted = !quoted;
    else if (quoted) field += ch;
    else if (ch === ',') endField();
    else if (ch === '\n') {
      endField();
      rows.push(row);
      row = [];
    } else if (ch !== '\r') field += ch;
  }
  if (field || row.length) {
    endField();
    rows.push(row);
  }
  return rows;
}
