// The plain DuckDB script the app is measured against (npm run bench): what a
// good analyst would write by hand in DuckDB SQL for the same files. It loads
// the customer-month CSV and the customers CSV with typed columns, then
// computes the monthly MRR movements and the cohort matrix, for all customers
// and per segment (employees: SMB < 100 ≤ Mid-market < 1000 ≤ Enterprise),
// and again for each re-analysis the app is timed on.
//   node --import tsx scripts/bench/baseline.ts <dir> <out.json> <memory limit>
// Prints nothing; writes timings (seconds), peak RSS after each step (MiB)
// and the first screen's numbers (for the agreement check) to out.json.
import fs from 'node:fs';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { REANALYSES, SURVIVAL_STEP, type StepTiming } from './steps.js';

interface Variant {
  /** Only these customers (a WHERE on the customers table). */
  where?: string;
  /** Segment by annual contract value (12 × the latest MRR) instead of employees. */
  acv?: boolean;
  /** Months with zero MRR do not count as active (every preset but ChartMogul's). */
  positiveOnly?: boolean;
  /** Months per period: 1 or 3. */
  months?: number;
  /** Only report periods in [from, to] (month indexes since 2000-01). */
  range?: { from: number; to: number };
}

const MONTH = "date_diff('month', DATE '2000-01-01', month)";
const LABEL = (m: string) => `strftime(DATE '2000-01-01' + to_months(CAST(${m} AS INTEGER)), '%Y-%m')`;

function script(asOfM: number, v: Variant): string[] {
  const k = v.months ?? 1;
  const segment = v.acv
    ? `CASE WHEN 12 * last_mrr >= 100000 THEN 'Enterprise' WHEN 12 * last_mrr >= 10000 THEN 'Mid-market' ELSE 'SMB' END`
    : `CASE WHEN employees IS NULL THEN 'Unknown' WHEN employees >= 1000 THEN 'Enterprise' WHEN employees >= 100 THEN 'Mid-market' ELSE 'SMB' END`;
  const lastMrr = v.acv ? `LEFT JOIN (SELECT customer_id, arg_max(mrr, month) AS last_mrr FROM cm GROUP BY ALL) l USING (customer_id)` : '';
  const active = `
    CREATE OR REPLACE TEMP TABLE active AS
    SELECT cm.customer_id, coalesce(s.segment, 'Unknown') AS segment, ${MONTH} AS m, cm.mrr
    FROM cm LEFT JOIN (SELECT customer_id, ${segment} AS segment FROM customers ${lastMrr}) s USING (customer_id)
    WHERE ${MONTH} <= ${asOfM}${v.positiveOnly ? ' AND cm.mrr > 0' : ''}
    ${v.where ? `AND cm.customer_id IN (SELECT customer_id FROM customers WHERE ${v.where})` : ''}`;
  const shown = (m: string) => (v.range ? `${m} BETWEEN ${v.range.from} AND ${v.range.to}` : 'TRUE');
  const movements = `
    WITH w AS (
      SELECT *, lag(m) OVER c AS prev_m, lag(mrr) OVER c AS prev_mrr, lead(m) OVER c AS next_m
      FROM active WINDOW c AS (PARTITION BY customer_id ORDER BY m)
    ), mv AS (
      SELECT segment, m,
        CASE WHEN prev_m IS NULL THEN 'new' WHEN prev_m < m - 1 THEN 'reactivation'
             WHEN mrr > prev_mrr THEN 'expansion' WHEN mrr < prev_mrr THEN 'contraction' END AS kind,
        CASE WHEN prev_m = m - 1 THEN mrr - prev_mrr ELSE mrr END AS delta
      FROM w
      UNION ALL
      SELECT segment, m + 1, 'churn', -mrr FROM w WHERE (next_m IS NULL OR next_m > m + 1) AND m + 1 <= ${asOfM}
    ), moves AS (
      SELECT coalesce(segment, 'All') AS segment, m // ${k} AS p,
        count(*) FILTER (kind = 'new') AS customers_new, count(*) FILTER (kind = 'reactivation') AS customers_reactivated,
        count(*) FILTER (kind = 'expansion') AS customers_expanded, count(*) FILTER (kind = 'contraction') AS customers_contracted,
        count(*) FILTER (kind = 'churn') AS customers_churned,
        sum(delta) FILTER (kind = 'new') AS mrr_new, sum(delta) FILTER (kind = 'reactivation') AS mrr_reactivation,
        sum(delta) FILTER (kind = 'expansion') AS mrr_expansion, -sum(delta) FILTER (kind = 'contraction') AS mrr_contraction,
        -sum(delta) FILTER (kind = 'churn') AS mrr_churned
      FROM mv WHERE ${shown('m')} GROUP BY GROUPING SETS ((m // ${k}), (segment, m // ${k}))
    ), ends AS (
      SELECT coalesce(segment, 'All') AS segment, m // ${k} AS p, count(*) AS customers_end, sum(mrr) AS mrr_end
      FROM active WHERE (m % ${k} = ${k - 1} OR m = ${asOfM}) AND ${shown('m')}
      GROUP BY GROUPING SETS ((m // ${k}), (segment, m // ${k}))
    )
    SELECT segment, ${LABEL(`p * ${k}`)} AS period, moves.* EXCLUDE (segment, p), customers_end, mrr_end
    FROM ends FULL JOIN moves USING (segment, p) ORDER BY segment, p`;
  const cohorts = `
    WITH firsts AS (SELECT customer_id, min(m) // ${k} AS cohort_p FROM active GROUP BY ALL)
    SELECT coalesce(segment, 'All') AS segment, ${LABEL(`cohort_p * ${k}`)} AS cohort, m // ${k} - cohort_p AS k,
           count(*) AS active, sum(mrr) AS mrr
    FROM active JOIN firsts USING (customer_id)
    WHERE (m % ${k} = ${k - 1} OR m = ${asOfM}) AND ${shown('m')}
    GROUP BY GROUPING SETS ((cohort_p, m // ${k}), (segment, cohort_p, m // ${k})) ORDER BY ALL`;
  return [active, movements, cohorts];
}

/**
 * Kaplan-Meier by segment as a hand-written query: each customer's first run
 * of consecutive months (ended before the as-of month: churned; else
 * censored), the table of distinct times per segment with those at risk,
 * S(t) as a running product, and the log-rank test's observed and expected
 * events per segment (the expected ones over the pooled event times).
 */
function survivalScript(asOfM: number): string[] {
  const table = `
    CREATE OR REPLACE TEMP TABLE km AS
    WITH w AS (
      SELECT customer_id, segment, m, lead(m) OVER c AS next_m, min(m) OVER (PARTITION BY customer_id) AS first_m
      FROM active WINDOW c AS (PARTITION BY customer_id ORDER BY m)
    ), life AS (
      SELECT any_value(segment) AS segment, CAST(min(m) - min(first_m) + 1 AS DOUBLE) AS time, min(m) < ${asOfM} AS event
      FROM w WHERE next_m IS NULL OR next_m > m + 1 GROUP BY customer_id
    ), tt AS (
      SELECT segment, time, count(*) FILTER (event) AS events, count(*) FILTER (NOT event) AS censored,
        sum(count(*)) OVER (PARTITION BY segment ORDER BY time DESC) AS at_risk
      FROM life GROUP BY segment, time
    )
    SELECT *, product(1 - events / at_risk) OVER (PARTITION BY segment ORDER BY time) AS surv FROM tt`;
  const curves = `SELECT segment, time, at_risk, events, censored, surv FROM km ORDER BY segment, time`;
  const logRank = `
    WITH event_times AS (SELECT time, sum(events) AS d FROM km GROUP BY time HAVING sum(events) > 0),
    segments AS (SELECT DISTINCT segment FROM km),
    risk AS (
      SELECT s.segment, e.time, e.d,
        coalesce((SELECT max(at_risk) FILTER (WHERE k.time >= e.time) FROM km k WHERE k.segment = s.segment), 0) AS n_g,
        coalesce((SELECT sum(k.events) FROM km k WHERE k.segment = s.segment AND k.time = e.time), 0) AS d_g
      FROM segments s CROSS JOIN event_times e
    )
    SELECT segment, sum(d_g) AS observed, sum(n_g * d / n) AS expected
    FROM (SELECT *, sum(n_g) OVER (PARTITION BY time) AS n FROM risk) GROUP BY segment ORDER BY segment`;
  return [table, curves, logRank];
}

type Row = Record<string, unknown>;
const plain = (rows: Row[]) => rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));

async function runScript(connection: DuckDBConnection, statements: string[]): Promise<{ movements: Row[]; cohorts: Row[] }> {
  const [active, movements, cohorts] = statements as [string, string, string];
  await connection.run(active);
  const m = plain((await connection.runAndReadAll(movements)).getRowObjectsJS() as Row[]);
  const c = plain((await connection.runAndReadAll(cohorts)).getRowObjectsJS() as Row[]);
  return { movements: m, cohorts: c };
}

async function main(): Promise<void> {
  const [dir, out, memoryLimit] = process.argv.slice(2) as [string, string, string];
  const file = path.join(dir, `baseline-${process.pid}.duckdb`);
  const timings: StepTiming[] = [];
  const rss = () => process.resourceUsage().maxRSS / 1024;
  const time = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
    const start = process.hrtime.bigint();
    const value = await work();
    timings.push({ step, seconds: Number(process.hrtime.bigint() - start) / 1e9, rssMiB: rss() });
    return value;
  };
  const instance = await DuckDBInstance.create(file, { memory_limit: memoryLimit, temp_directory: `${file}.tmp` });
  const connection = await instance.connect();
  try {
    await time('import', async () => {
      await connection.run(`CREATE TABLE cm AS SELECT * FROM read_csv(${sqlPath(path.join(dir, 'customer_month.csv'))}, header = true,
        columns = {'customer_id': 'VARCHAR', 'month': 'DATE', 'mrr': 'DOUBLE'})`);
      await connection.run(`CREATE TABLE customers AS SELECT * FROM read_csv(${sqlPath(path.join(dir, 'customers.csv'))}, header = true,
        columns = {'customer_id': 'VARCHAR', 'employees': 'INTEGER', 'country': 'VARCHAR', 'industry': 'VARCHAR'})`);
    });
    const [asOf] = (await connection.runAndReadAll(`SELECT max(${MONTH}) AS m FROM cm WHERE mrr > 0`)).getRowObjectsJS() as Row[];
    const asOfM = Number(asOf!.m);
    const first = await time('first screen', () => runScript(connection, script(asOfM, {})));
    const variants: Record<(typeof REANALYSES)[number], Variant> = {
      filter: { where: "country = 'US'" },
      'segment rule': { acv: true },
      preset: { positiveOnly: true },
      period: { months: 3 },
      range: { range: { from: asOfM - 11, to: asOfM } },
    };
    for (const kind of REANALYSES) await time(kind, () => runScript(connection, script(asOfM, variants[kind])));
    await connection.run(script(asOfM, {})[0]!);
    const survival = await time(SURVIVAL_STEP, async () => {
      const [table, curves, logRank] = survivalScript(asOfM) as [string, string, string];
      await connection.run(table);
      return {
        curves: plain((await connection.runAndReadAll(curves)).getRowObjectsJS() as Row[]),
        logRank: plain((await connection.runAndReadAll(logRank)).getRowObjectsJS() as Row[]),
      };
    });
    fs.writeFileSync(out, JSON.stringify({ timings, first: { ...first, survival } }));
  } finally {
    connection.closeSync();
    instance.closeSync();
    fs.rmSync(file, { force: true });
    fs.rmSync(`${file}.wal`, { force: true });
    fs.rmSync(`${file}.tmp`, { recursive: true, force: true });
  }
}

const sqlPath = (p: string) => `'${p.replaceAll("'", "''")}'`;

await main();
