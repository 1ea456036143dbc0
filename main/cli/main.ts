// `churn-workbench`: the engine on the command line (docs/CLI.md). Each
// command is a thin call through the same contract the app uses.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Engine } from '../engine/engine.js';
// Static, unlike the commands: loaded with this file, so inspect's reader starts without waiting for another import.
import { inspectReader } from './commands/inspectReader.js';
import type { Result } from '../../shared/result.js';

const HELP = `Churn Workbench — offline churn analysis on an embedded DuckDB

Usage:
  churn-workbench inspect <file> [--json] [--encoding <name>] [--sheet <name>]
      Row count, columns and types, encoding and delimiter of a CSV/TSV/delimited text
      (optionally .gz), Parquet, JSON, NDJSON or Excel (.xlsx) file.
  churn-workbench import <file>... --workspace <ws.duckdb> [import options]
      Maps the files onto the churn model and prints the data-quality audit.
  churn-workbench analyze [<file>...] [import options] [analysis options] [--json <out.json|->]
      Imports the files (into --workspace, or a scratch workspace) and computes every metric.
  churn-workbench scenario [<file>...] [import options] [analysis options] --scenario <scenario.json>...
      [--xlsx <out.xlsx>] [--json <out.json|->]
      Projects scenarios against the baseline from history (docs/SCENARIOS.md); --xlsx writes the
      projection as live formulas over an assumptions sheet.
  churn-workbench report [<file>...] [import options] [analysis options] --out <report.html|.pdf|.xlsx|.zip>
      [--title <text>] [--client <text>] [--author <text>] [--logo <image>] [--sections <list>]
      [--lang en|zh-CN] [--note <section>=<text>]... [--date <YYYY-MM-DD>] [--scenario <scenario.json>]...
      A client-ready report (docs/REPORTS.md); PDF through the system Chromium. --scenario adds a
      Scenarios section (default: the scenarios saved in the workspace, if any).
  churn-workbench survival [<file>...] [import options] [analysis options] [--group-by <attr>]
      [--time <column> --event <column>] [--unit months|days] [--spells first|every]
      [--times 12,24,36] [--horizon <t>] [--hazard-width <t>] [--json <out.json|->]
      How long customers stay: Kaplan-Meier per group, medians, survival at chosen times,
      restricted means, hazard and the log-rank test (docs/METRICS.md, "Survival"). With --time
      and --event the one file named is a plain lifetime table (events 1/0, true/false, yes/no,
      or R's 2 = event / 1 = censored).
  churn-workbench reconcile [<file>...] [import options] [analysis options] --reference <ref.csv>
      [--reference-preset <id>] [--reference-map <field>=<column>]... [--reference-currency <CUR>]
      [--reference-month <YYYY-MM>] [--tolerance-abs <x>] [--tolerance-rel <fraction>] [--json <out.json|->]
      The billing system's own MRR beside ours, month by month: every difference explained by a
      methodology setting or listed as unexplained (docs/RECONCILIATION.md). --reference-month: the
      month of a customer list's current MRR (ChartMogul, Baremetrics), or the month a movement
      export was taken, to which MRR is carried forward.
  churn-workbench compact --workspace <ws.duckdb>
      Rewrites the workspace file without the space failed or cancelled imports left in it
      (done by itself after such an import when the file grew).

Import options:
  --kind <kind>            subscriptions | invoices | mrr | customer_list | customers | churn_events:
                           fixes the kind of the revenue file(s); customer files are still recognised
  --map <field>=<column>   maps a column to a field of the model (repeatable). Fields:
                           customer_id subscription_id plan start_date end_date amount billing_interval
                           interval_count quantity discount discount_amount tax currency status canceled_at trial_end
                           pause_date resume_date cancellation_reason churn_type date period_start period_end is_refund recurring month mrr
                           tenure_months churned name first_seen employees annual_revenue contract_value
                           segment country industry (docs/DATA_MODEL.md)
  --encoding <name>        utf-8, utf-16le, utf-16be, gb18030, gbk, big5, shift_jis, windows-1252, latin1 …
  --sheet <name>           the worksheet of an Excel workbook
  --day-first | --month-first   how to read ambiguous dates such as 03/04/2024
  --amount-tax <how>       included | excluded: whether the amount includes the mapped tax (default:
                           decided from the file — amount + tax = a total column, or the header's words)
  --skip-statuses <list>   invoice statuses that are not revenue (default void,voided,draft,deleted,
                           uncollectible,failed,not_paid; "none" keeps every invoice)
  --grace-days <N>         keep a customer active N days after their invoice coverage ends (default 0;
                           the workspace keeps the last value given)
  --pauses <how>           zero_mrr (default: a paused subscription's months are at MRR 0, the customer
                           stays a customer) | churn (a pause is a churn, its resume a reactivation);
                           the workspace keeps the last value given
  --end-date <how>         exclusive (default: the first day no longer paid) | inclusive (the last day paid)
  --rate <CUR>=<rate>      units of the reporting currency per unit of CUR (repeatable)
  --currency <CUR>         the reporting currency (default: the most common one)
  --discounts <how>        apply (default) | ignore
  --unit-price             amounts are per seat: multiply by quantity
  --as-of <YYYY-MM-DD>     open subscriptions are active up to this date, and the analysis ends there
  --earliest-date <YYYY-MM-DD>   rows dated before this are rejected (default 1970-01-01)
  --years-ahead <N>        rows dated more than N years after the as-of date (or today) are rejected
                           (default 10; 9999-12-31 in an end column means "no end")
  --misshapen-lines <how>  lines with more or fewer values than the header: reject_few (default:
                           rejected while at most 10 or 1% of the rows) | stop
  --interval <interval>    subscriptions without an interval column: how every row the file says nothing
                           about bills (month, year, quarter, week, "3 months")
  --interval-by-plan <plan>=<interval>   the same for one plan, over what the file says (repeatable)
  --time-zone <zone>       the reporting time zone timestamps' dates are taken in (default: the
                           workspace's, else UTC), e.g. America/Los_Angeles, Asia/Shanghai
  --workspace <file>       a .duckdb workspace (created if missing)

Analysis options:
  --period <p>             month (default) | quarter | year
  --preset <name>          chartmogul (default) | stripe | profitwell | baremetrics
  --segment-by <rule>      employees (default) | acv | column:<name>
  --segment-thresholds <m>,<e>   where mid-market and enterprise start (default 100,1000; acv 10000,100000)
  --from, --to <YYYY-MM-DD>      the reported range
  --filter <attr>=<value>  only customers with this attribute (repeatable; a,b for several; != >= <=)
  --json <out.json|->      every metric as JSON (rates as fractions, money in the reporting currency)

  churn-workbench sql "<query>" [--workspace <ws.duckdb>] [--format table|csv|json|parquet] [--out <file>]
      Console SQL on the workspace (docs/CONSOLE.md): queries, and writes only to a schema of your
      own; the churn model, imported tables, files and extensions are out of reach. Several
      statements run in order; the last query's rows are printed (table: the first 1,000) or
      written (csv, json, parquet: all of them, by DuckDB's COPY).

  churn-workbench --help | --version
`;

/** A bare `--json` (last, or before another flag) means JSON on stdout. */
function bareJsonToStdout(argv: string[]): string[] {
  return argv.flatMap((arg, i) => (arg === '--json' && (i === argv.length - 1 || argv[i + 1]!.startsWith('--')) ? ['--json', '-'] : [arg]));
}

export async function main(argv: string[]): Promise<number> {
  // inspect's reader process starts first: it loads Node and DuckDB while this one loads the rest.
  // (A flag's value before the command only makes it start later, with the command.)
  if (argv.find((arg) => !arg.startsWith('-')) === 'inspect') inspectReader();
  const { IMPORT_OPTIONS, RECONCILE_OPTIONS, REPORT_OPTIONS, SURVIVAL_OPTIONS, UsageError } = await import('./options.js');
  const { values, positionals } = parseArgs({
    args: bareJsonToStdout(argv),
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      version: { type: 'boolean' },
      ...IMPORT_OPTIONS,
      json: { type: 'string' },
      period: { type: 'string' },
      preset: { type: 'string' },
      'segment-by': { type: 'string' },
      'segment-thresholds': { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      filter: { type: 'string', multiple: true },
      scenario: { type: 'string', multiple: true },
      xlsx: { type: 'string' },
      ...REPORT_OPTIONS,
      ...SURVIVAL_OPTIONS,
      ...RECONCILE_OPTIONS,
      format: { type: 'string' },
    },
  });
  const [command, ...files] = positionals;
  if (values.version) {
    process.stdout.write(`${process.env.npm_package_version ?? '0.1.0'}\n`);
    return 0;
  }
  if (values.help || !command) {
    process.stdout.write(HELP);
    return command || values.help ? 0 : 2;
  }
  // Each command's modules load only when it runs: --help and a small inspect start without the rest.
  // inspect needs no workspace, and starts without the Engine's modules too.
  let engine: Engine | null = null;
  const withEngine = (run: (engine: Engine) => Promise<Result<unknown>>) => async () => {
    const { Engine } = await import('../engine/engine.js');
    // A command given files reads them first: its reader starts while the workspace opens.
    const reads = files.length > 0 && ['import', 'analyze', 'reconcile'].includes(command);
    engine = await Engine.open(values.workspace ? path.resolve(values.workspace) : null, { prestartReader: reads });
    return run(engine);
  };
  const commands = {
    inspect: async () => (await import('./commands/inspect.js')).inspect(files, { json: values.json !== undefined, encoding: values.encoding, sheet: values.sheet }),
    import: withEngine(async (engine) => (await import('./commands/importFiles.js')).importCommand(engine, files, values)),
    analyze: withEngine(async (engine) => (await import('./commands/analyze.js')).analyzeCommand(engine, files, values)),
    scenario: withEngine(async (engine) => (await import('./commands/scenario.js')).scenarioCommand(engine, files, values)),
    report: withEngine(async (engine) => (await import('./commands/report.js')).reportCommand(engine, files, values)),
    survival: withEngine(async (engine) => (await import('./commands/survival.js')).survivalCommand(engine, files, values)),
    sql: withEngine(async (engine) => (await import('./commands/sql.js')).sqlCommand(engine, files, values)),
    reconcile: withEngine(async (engine) => (await import('./commands/reconcile.js')).reconcileCommand(engine, files, values)),
    compact: withEngine(async (engine) => (await import('./commands/compact.js')).compactCommand(engine, files, values.workspace)),
  };
  if (!(command in commands)) {
    process.stderr.write(`Unknown command "${command}". Run churn-workbench --help for the list.\n`);
    return 2;
  }
  if (command === 'sql' && values.workspace && !fs.existsSync(path.resolve(values.workspace))) {
    // A query of a workspace that is not there would only make an empty one.
    process.stderr.write(`Error: there is no workspace at ${path.resolve(values.workspace)}.\n`);
    return 1;
  }
  try {
    const result = await commands[command as keyof typeof commands]();
    if (!result.ok) {
      process.stderr.write(`Error: ${result.error.message}\n`);
      return 1;
    }
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  } finally {
    (engine as Engine | null)?.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: Error) => {
    process.stderr.write(`Error: ${error.message}\n`);
    process.exitCode = 1;
  },
);
