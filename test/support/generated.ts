// Random but reproducible customer histories written straight into the model
// with SQL (hash-based, so the same seed gives the same data at any size).
import type { Engine } from '../../main/engine/engine.js';
import { customerMonthFromIdsSql } from '../../main/model/schema.js';

export async function generateHistories(engine: Engine, customers: number, months = 36, seed = 1): Promise<void> {
  const db = engine.database;
  // u(k): a uniform number in [0, 1) for customer i and salt k.
  const u = (salt: string) => `(hash(${seed}, i, ${salt}) % 1000000) / 1000000.0`;
  await db.run(`
    INSERT INTO churn.customers (customer_id, employees, country)
    SELECT 'C' || i, CAST(floor(pow(10, 1 + 3.5 * ${u("'size'")})) AS BIGINT), CASE WHEN ${u("'cc'")} < 0.6 THEN 'US' ELSE 'DE' END
    FROM range(${customers}) t(i)`);
  // Each customer: a start month, a base MRR, then month by month a chance to
  // stop, come back, expand or contract.
  // Both customer_month tables, and the customers numbered as an import numbers them.
  await db.run(customerMonthFromIdsSql(`(
    SELECT 'C' || i, make_date(2022 + CAST((start_m + k) // 12 AS BIGINT), CAST((start_m + k) % 12 + 1 AS BIGINT), 1),
           CAST(round(base * (1 + 0.25 * floor(3 * (hash(${seed}, i, k, 'chg') % 1000) / 1000.0) - 0.25), 2) AS DECIMAL(18,6))
    FROM (
      SELECT i, CAST(floor(${months} * ${u("'start'")}) AS INTEGER) AS start_m, 20 + round(500 * ${u("'base'")}, 2) AS base,
             CAST(floor(2 + 40 * ${u("'life'")}) AS INTEGER) AS life
      FROM range(${customers}) t(i)
    ), range(0, ${months}) r(k)
    WHERE start_m + k < ${months} AND k < life AND (hash(${seed}, i, k, 'gap') % 100) >= 8) t(customer_id, month, mrr)`, true));
}
