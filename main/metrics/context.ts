// Resolves analysis settings against the workspace: the preset's methodology
// with overrides, and the as-of month (explicit, else the data's own as-of
// date recorded by the import, else its last month of revenue).
import { analysisSettingsSchema, resolveMethodology, type AnalysisSettings } from '../../shared/metrics.js';
import { EngineError } from '../../shared/result.js';
import type { Database } from '../runtime/database.js';
import { TRANSACTION_LINE, type MetricContext } from './scope.js';

const firstOfMonth = (isoDate: string) => `${isoDate.slice(0, 7)}-01`;

export async function dataAsOf(db: Database): Promise<string | null> {
  // The recorded date first: the scan for the last month of revenue (~0.1 s over ten million rows) only without one.
  const [recorded] = await db.rows(`SELECT CAST(CAST(json_extract_string(value, '$') AS DATE) AS VARCHAR) AS as_of FROM churn.settings WHERE key = 'data_as_of'`);
  const [row] = recorded?.as_of ? [recorded] : await db.rows('SELECT CAST(max(month) AS VARCHAR) AS as_of FROM churn.customer_month_rows WHERE mrr > 0');
  const value = row?.as_of;
  return value === null || value === undefined ? null : String(value).slice(0, 10);
}

/** Whether the model has data to compute from (metricContext refuses a workspace without): a date to be as of, or a customer list. */
export async function hasModelData(db: Database): Promise<boolean> {
  if (await dataAsOf(db)) return true;
  const [list] = await db.rows('SELECT count(*) AS n FROM churn.customer_list');
  return Number(list?.n) > 0;
}

export async function metricContext(db: Database, input: AnalysisSettings): Promise<MetricContext> {
  const settings = analysisSettingsSchema.parse(input);
  let asOf = settings.asOf ?? (await dataAsOf(db));
  if (!asOf) {
    // A customer list without any dates (tenure only) has no as-of of its own: it is taken as of today.
    const [list] = await db.rows('SELECT count(*) AS n FROM churn.customer_list');
    if (!Number(list?.n)) throw new EngineError('not_found', 'There is no revenue data in this workspace yet: import a file first.');
    asOf = new Date().toISOString().slice(0, 10);
  }
  const [transactions] = await db.rows(`SELECT count(*) > 0 AS yes FROM (SELECT 1 FROM churn.revenue_lines WHERE ${TRANSACTION_LINE} LIMIT 1)`);
  return {
    hasTransactions: transactions?.yes === true,
    settings,
    methodology: resolveMethodology(settings),
    asOfMonth: firstOfMonth(asOf),
    fromMonth: settings.from ? firstOfMonth(settings.from) : null,
    toMonth: settings.to ? firstOfMonth(settings.to) : null,
  };
}
