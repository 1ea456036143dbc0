// Hand-made canonical data for metric tests: customer_month rows written
// directly, so every expected number can be worked out by hand.
import { Engine } from '../../main/engine/engine.js';
import { customerMonthFromIdsSql } from '../../main/model/schema.js';
import { DEFAULT_ANALYSIS_SETTINGS, type AnalysisSettings } from '../../shared/metrics.js';
import { metricContext } from '../../main/metrics/context.js';

export type MonthRow = [customer: string, month: string, mrr: number];

export async function modelEngine(rows: MonthRow[], customers: Record<string, Record<string, unknown>> = {}): Promise<Engine> {
  const engine = await Engine.open(null);
  const db = engine.database;
  for (const [id, attributes] of Object.entries(customers)) {
    await db.run(
      'INSERT INTO churn.customers (customer_id, employees, segment, country, industry) VALUES (?, ?, ?, ?, ?)',
      [id, (attributes.employees as number) ?? null, (attributes.segment as string) ?? null, (attributes.country as string) ?? null, (attributes.industry as string) ?? null],
    );
  }
  // Both customer_month tables, and the customers numbered as an import numbers them.
  const values = rows.length
    ? `(VALUES ${rows.map(([c, m, v]) => `('${c}', DATE '${m}-01', ${v})`).join(', ')}) t(customer_id, month, mrr)`
    : '(SELECT NULL AS customer_id, NULL AS month, NULL AS mrr WHERE false)';
  await db.run(customerMonthFromIdsSql(values, true));
  return engine;
}

export async function context(engine: Engine, settings: Partial<AnalysisSettings> = {}) {
  return metricContext(engine.database, { ...DEFAULT_ANALYSIS_SETTINGS, ...settings });
}
