// Hand-made canonical data for metric tests: customer_month rows written
// directly, so every expected number can be worked out by hand.
import { Engine } from '../../main/engine/engine.js';
import { INDEX_CUSTOMERS_SQL, MODEL_DDL } from '../../main/model/schema.js';
import { DEFAULT_ANALYSIS_SETTINGS, type AnalysisSettings } from '../../shared/metrics.js';
import { metricContext } from '../../main/metrics/context.js';

export type MonthRow = [customer: string, month: string, mrr: number];

export async function modelEngine(rows: MonthRow[], customers: Record<string, Record<string, unknown>> = {}): Promise<Engine> {
  const engine = await Engine.open(null);
  const db = engine.database;
  await db.run(MODEL_DDL);
  if (rows.length) {
    const values = rows.map(([c, m, v]) => `('${c}', DATE '${m}-01', ${v})`).join(', ');
    await db.run(`INSERT INTO churn.customer_month (customer_id, month, mrr) VALUES ${values}`);
    await db.run('INSERT INTO churn.customer_month_by_cancellation SELECT * FROM churn.customer_month');
  }
  for (const [id, attributes] of Object.entries(customers)) {
    await db.run(
      'INSERT INTO churn.customers (customer_id, employees, segment, country, industry) VALUES (?, ?, ?, ?, ?)',
      [id, (attributes.employees as number) ?? null, (attributes.segment as string) ?? null, (attributes.country as string) ?? null, (attributes.industry as string) ?? null],
    );
  }
  // What the import does after writing customer_month.
  await db.run(INDEX_CUSTOMERS_SQL);
  return engine;
}

export async function context(engine: Engine, settings: Partial<AnalysisSettings> = {}) {
  return metricContext(engine.database, { ...DEFAULT_ANALYSIS_SETTINGS, ...settings });
}
