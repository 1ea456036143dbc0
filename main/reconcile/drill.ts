// The customer-months behind one part of a month's difference (the screen's
// drill-down), from the run's rows table: largest differences first.
import type { ReconcileDrill, ReconcileRow } from '../../shared/reconcile.js';
import { num, str } from '../runtime/sql.js';
import type { Runner } from './run.js';
import { monthIndexOf, monthOfIndex } from './compare.js';

function partFilter(drill: ReconcileDrill): string {
  switch (drill.part) {
    case 'all':
      return 'TRUE';
    case 'explained':
      return `status = 'differs' AND rule IS NOT NULL${drill.rule ? ` AND rule = ${str(drill.rule)}` : ''}`;
    case 'unexplained':
      return "status = 'differs' AND rule IS NULL";
    case 'within_tolerance':
      return "status = 'within_tolerance'";
    case 'only_ours':
      return "status = 'differs' AND rule IS NULL AND side = 'only_ours'";
    case 'only_theirs':
      return "status = 'differs' AND rule IS NULL AND side = 'only_theirs'";
  }
}

export async function drillRows(run: Runner, rows: string, drill: ReconcileDrill): Promise<{ total: number; rows: ReconcileRow[] }> {
  const where = `${partFilter(drill)}${drill.month ? ` AND m = ${num(monthIndexOf(drill.month))}` : ''}`;
  const [count] = await run.rows(`SELECT count(*) AS n FROM ${rows} WHERE ${where}`);
  const page = await run.rows(`
    SELECT customer_id, m, CAST(ours AS DOUBLE) AS ours, CAST(theirs AS DOUBLE) AS theirs, CAST(difference AS DOUBLE) AS difference,
           status, rule, side, CAST(ours_rule AS DOUBLE) AS ours_rule, our_movement, their_movement
    FROM ${rows} WHERE ${where}
    ORDER BY abs(difference) DESC, customer_id, m LIMIT ${num(drill.limit)} OFFSET ${num(drill.offset)}`);
  return {
    total: Number(count?.n ?? 0),
    rows: page.map((r) => ({
      customerId: String(r.customer_id),
      month: monthOfIndex(Number(r.m)),
      ours: r.ours === null ? null : Number(r.ours),
      theirs: r.theirs === null ? null : Number(r.theirs),
      difference: Number(r.difference),
      part: r.status === 'within_tolerance' ? 'within_tolerance' : r.rule !== null ? 'explained' : r.side === 'only_ours' ? 'only_ours' : r.side === 'only_theirs' ? 'only_theirs' : 'unexplained',
      rule: (r.rule as string | null) ?? null,
      oursUnderRule: r.ours_rule === null ? null : Number(r.ours_rule),
      ourMovement: (r.our_movement as ReconcileRow['ourMovement']) ?? null,
      theirMovement: (r.their_movement as ReconcileRow['theirMovement']) ?? null,
    })),
  };
}
