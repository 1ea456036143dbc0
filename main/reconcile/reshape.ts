// How a vendor export whose rows are not one per customer and month becomes
// customer-months, in the reference import's own SQL (docs/RECONCILIATION.md,
// "Vendor presets"; the preset's `reading`):
// - wide_months: one row per customer, one column per month — unpivoted before
//   staging, each cell keeping the line of its row, so a bad cell is rejected
//   with its line and its month column;
// - snapshot: the current MRR per customer — the month the user states is added
//   to every row before staging;
// - movements: one row per MRR movement — staged and checked as rows (a bad
//   movement is rejected with its line), then the accepted changes are summed
//   per customer and month and their running sum carried forward month by month
//   until it is 0 (churn).
import type { ReferenceField, ReferenceReading } from '../../shared/reconcile.js';
import { ident, monthDate, monthIndex, num, str } from '../runtime/sql.js';
import type { ColumnInput } from '../ingest/mapping/index.js';
import type { VendorReferencePreset } from './presets.js';

/** The columns a reading adds to the rows it reshapes (named so in the mapping and in the rejects' rows). */
export const WIDE_MONTH = 'month (column)';
export const WIDE_MRR = 'MRR (month column)';
export const SNAPSHOT_MONTH = 'month (stated)';
/** A wide row's line before it is unpivoted into one row per month. */
const ROW = '__reference_row';

/** The month columns of a wide file. */
export const monthColumns = (preset: VendorReferencePreset, columns: readonly string[]) =>
  preset.monthColumns ? columns.filter((column) => preset.monthColumns!.test(column.trim())) : [];

/**
 * The reading a preset applies to this file, and the fields it gives: none
 * when the user mapped those fields to columns of their own (then the rows are
 * read as they are).
 */
export function readingOf(
  preset: VendorReferencePreset | null,
  columns: readonly string[],
  map: Partial<Record<ReferenceField, string>> | undefined,
): { reading: ReferenceReading | null; fields: Partial<Record<ReferenceField, string>>; described: Partial<Record<ReferenceField, string>> } {
  const none = { reading: null, fields: {}, described: {} };
  if (!preset?.reading || preset.layout !== 'customer_month') return none;
  switch (preset.reading) {
    case 'movements':
      return { reading: 'movements', fields: {}, described: {} };
    case 'wide_months': {
      const months = monthColumns(preset, columns);
      if (months.length === 0 || map?.month !== undefined || map?.mrr !== undefined) return none;
      const span = months.length > 1 ? `${months[0]} … ${months[months.length - 1]}` : months[0]!;
      return {
        reading: 'wide_months',
        fields: { month: WIDE_MONTH, mrr: WIDE_MRR },
        described: { month: `the month columns (${span})`, mrr: 'the month columns\' values' },
      };
    }
    case 'snapshot':
      if (map?.month !== undefined) return none;
      return { reading: 'snapshot', fields: { month: SNAPSHOT_MONTH }, described: { month: 'the month you state' } };
  }
}

/**
 * The relation staging reads, with the columns the reading adds (their sample
 * values too, for the date and number guesses), and the column holding each
 * row's line when rows are not the file's lines one for one.
 */
export function reshapedRelation(
  reading: ReferenceReading | null,
  preset: VendorReferencePreset | null,
  relation: string,
  columns: ColumnInput[],
  referenceMonth: string | undefined,
): { relation: string; columns: ColumnInput[]; lineColumn?: string } {
  if (reading === 'snapshot') {
    return {
      relation: `(SELECT *, ${str(referenceMonth!)} AS ${ident(SNAPSHOT_MONTH)} FROM ${relation})`,
      columns: [...columns, { name: SNAPSHOT_MONTH, type: 'VARCHAR', samples: [referenceMonth!] }],
    };
  }
  if (reading === 'wide_months') {
    const months = monthColumns(preset!, columns.map((c) => c.name));
    const kept = columns.filter((c) => !months.includes(c.name));
    const cells = columns.filter((c) => months.includes(c.name)).flatMap((c) => c.samples);
    return {
      // A blank cell is a month without MRR: no row.
      relation: `(
        SELECT ${[ROW, ...kept.map((c) => c.name), WIDE_MONTH, WIDE_MRR].map(ident).join(', ')}
        FROM (SELECT row_number() OVER () AS ${ident(ROW)}, * FROM ${relation})
        UNPIVOT (${ident(WIDE_MRR)} FOR ${ident(WIDE_MONTH)} IN (${months.map(ident).join(', ')}))
        WHERE NULLIF(trim(CAST(${ident(WIDE_MRR)} AS VARCHAR)), '') IS NOT NULL)`,
      columns: [
        ...kept,
        { name: WIDE_MONTH, type: 'VARCHAR', samples: months },
        { name: WIDE_MRR, type: 'VARCHAR', samples: cells },
      ],
      lineColumn: ROW,
    };
  }
  return { relation, columns };
}

/** A rejected cell of a wide file names its month column, not the unpivoted one. */
export const rejectColumnSql = (reading: ReferenceReading | null, column: string, source: string) =>
  reading === 'wide_months' ? `CASE WHEN ${column} = ${str(WIDE_MRR)} THEN struct_extract(${source}, ${str(WIDE_MONTH)}) ELSE ${column} END` : column;

/**
 * A movement stream's customer-months `(customer_id, month, mrr, movement,
 * source_line)` from the checked rows `checked` (__customer_id, __month,
 * __mrr: the change, __movement, __rate, __line, __rejected):
 * - a loss (churn, contraction) lowers MRR and a gain raises it whatever the
 *   sign it is written with; other labels count as written;
 * - a customer's MRR in a month is the running sum of its changes up to the
 *   month's end, carried forward to the months without a movement up to the
 *   stream's last month (or `throughMonth`, YYYY-MM, when later), and not past
 *   a month where it is 0 or less (churn) until a movement raises it again;
 * - the month's movement is the vendor's label when its movements of the month
 *   have one label, else the month's net change (new or reactivation from 0,
 *   churn to 0, expansion, contraction); carried months have none;
 * - source_line: the line of the month's last movement (a carried month, that
 *   of the movement it is carried from).
 */
export function movementMonthsSql(checked: string, throughMonth: string | undefined): string {
  const through = throughMonth ? num(Number(throughMonth.slice(0, 4)) * 12 + Number(throughMonth.slice(5, 7)) - 1) : 'NULL';
  return `
WITH moves AS (
  SELECT __customer_id AS customer_id, ${monthIndex('__month')} AS m, __line AS line, __movement AS movement,
         CASE WHEN __movement IN ('churn', 'contraction') THEN -abs(__mrr)
              WHEN __movement IN ('new', 'reactivation', 'expansion') THEN abs(__mrr) ELSE __mrr END * __rate AS change
  FROM ${checked} WHERE NOT __rejected AND __customer_id IS NOT NULL
), months AS (
  SELECT customer_id, m, sum(change) AS change, max(line) AS line,
         CASE WHEN count(DISTINCT movement) = 1 THEN any_value(movement) END AS labelled,
         coalesce(bool_or(movement = 'reactivation'), false) AS reactivated
  FROM moves GROUP BY customer_id, m
), running AS (
  SELECT *, sum(change) OVER w AS mrr, sum(change) OVER w - change AS before, lead(m) OVER w AS next_m
  FROM months WINDOW w AS (PARTITION BY customer_id ORDER BY m)
), carried AS (
  SELECT customer_id, m, mrr, line,
         coalesce(labelled, CASE WHEN before <= 0 AND mrr > 0 THEN CASE WHEN reactivated THEN 'reactivation' ELSE 'new' END
                                 WHEN before > 0 AND mrr <= 0 THEN 'churn'
                                 WHEN mrr > before THEN 'expansion'
                                 WHEN mrr < before THEN 'contraction' END) AS movement,
         unnest(generate_series(m, CASE WHEN mrr > 0 THEN coalesce(next_m - 1, last_m) ELSE m END)) AS month_index
  FROM running, (SELECT greatest(max(m), coalesce(${through}, max(m))) AS last_m FROM moves)
)
SELECT customer_id, CAST(${monthDate('month_index')} AS DATE),
       CAST(round(mrr, 6) AS DECIMAL(18,6)), CASE WHEN month_index = m THEN movement END, line
FROM carried`;
}
