// One customer explained: attributes, MRR month by month and every movement,
// from the same CTEs as the metrics; and the searchable customer list.
import type { CustomerHistory } from '../../shared/analysis.js';
import type { Database } from '../runtime/database.js';
import { readerToArrow } from '../runtime/arrow.js';
import { movementCtes } from './periods.js';
import type { MetricContext } from './scope.js';
import { monthText, str, withCtes } from '../runtime/sql.js';


export async function customerHistory(db: Database, ctx: MetricContext, customerId: string): Promise<CustomerHistory> {
  const ctes = movementCtes(ctx, true);
  const id = str(customerId);
  const months = await db.rows(withCtes(ctes, `SELECT ${monthText('m')} AS month, CAST(mrr AS DOUBLE) AS mrr FROM active WHERE customer_id = ${id} ORDER BY m`));
  const movements = await db.rows(
    withCtes(ctes, `SELECT ${monthText('m')} AS month, movement, CAST(mrr_before AS DOUBLE) AS mrr_before, CAST(mrr_after AS DOUBLE) AS mrr_after
                    FROM moves WHERE customer_id = ${id} ORDER BY m, movement`),
  );
  const [segment] = await db.rows(withCtes({ scope: ctes.scope! }, `SELECT segment FROM scope WHERE customer_id = ${id}`));
  const [attributes] = await db.rows(`SELECT * EXCLUDE (customer_id) FROM churn.customers WHERE customer_id = ${id}`);
  const extra = await db.rows(`SELECT attribute, any_value(value) AS value FROM churn.customer_attributes WHERE customer_id = ${id} GROUP BY attribute ORDER BY attribute`);
  const plainAttributes: Record<string, string | number | null> = {};
  for (const [key, value] of Object.entries(attributes ?? {})) {
    plainAttributes[key] = value === null || value === undefined ? null : typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : String(value instanceof Date ? value.toISOString().slice(0, 10) : value);
  }
  for (const row of extra) plainAttributes[String(row.attribute)] = row.value === null ? null : String(row.value);
  return {
    customerId,
    segment: segment ? String(segment.segment) : 'Unknown',
    attributes: plainAttributes,
    months: months.map((r) => ({ month: String(r.month), mrr: Number(r.mrr) })),
    movements: movements.map((r) => ({ month: String(r.month), movement: String(r.movement), mrr_before: Number(r.mrr_before), mrr_after: Number(r.mrr_after) })),
  };
}

/** Customers whose id, name, country or industry contains the query, largest MRR first. */
export async function searchCustomers(db: Database, ctx: MetricContext, query: string, offset: number, limit: number) {
  const ctes = { ...movementCtes(ctx, true) };
  const match = query.trim()
    ? `WHERE s.customer_id ILIKE ${str(`%${query.trim()}%`)} OR c.name ILIKE ${str(`%${query.trim()}%`)} OR c.country ILIKE ${str(query.trim())} OR c.industry ILIKE ${str(`%${query.trim()}%`)}`
    : '';
  const body = `
SELECT s.customer_id, c.name, s.segment, c.country, c.industry,
       CAST(coalesce(cur.mrr, 0) AS DOUBLE) AS current_mrr, span.first_month, span.last_month
FROM scope s
LEFT JOIN churn.customers c ON c.customer_id = s.customer_id
LEFT JOIN (SELECT customer_id, mrr FROM active WHERE m = (SELECT max(m) FROM active)) cur ON cur.customer_id = s.customer_id
LEFT JOIN (SELECT customer_id, ${monthText('min(m)')} AS first_month, ${monthText('max(m)')} AS last_month FROM active GROUP BY customer_id) span
  ON span.customer_id = s.customer_id
${match}`;
  const [count] = await db.rows(withCtes(ctes, `SELECT count(*) AS n FROM (${body})`));
  const reader = await db.reader(withCtes(ctes, `${body} ORDER BY current_mrr DESC, s.customer_id LIMIT ${limit} OFFSET ${offset}`));
  return { total: Number(count?.n ?? 0), rows: readerToArrow(reader) };
}
