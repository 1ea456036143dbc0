// At-risk customers: still paying at the as-of month, with revenue declining
// now — contraction in at least N of the last W months, or MRR down by a set
// share against L months ago — with the reason spelled out.
import { movementCtes } from './periods.js';
import { asOfIndex, type MetricContext } from './scope.js';
import { num, withCtes } from '../runtime/sql.js';

export function atRiskSql(ctx: MetricContext, bySegment = false): string {
  const { window, contractions, lookback, drop } = ctx.settings.atRisk;
  const asOf = asOfIndex(ctx);
  return withCtes(
    {
      ...movementCtes(ctx, bySegment),
      current: `SELECT dim, customer_id, cidx, mrr FROM active WHERE m = ${asOf}`,
      past: `SELECT cidx, mrr FROM active WHERE m = ${asOf} - ${num(lookback)}`,
      recent: `SELECT cidx, count(*) AS contractions FROM moves
               WHERE movement = 'contraction' AND m > ${asOf} - ${num(window)} GROUP BY cidx`,
      flagged: `
SELECT c.dim, c.customer_id, c.mrr, p.mrr AS mrr_before, coalesce(r.contractions, 0) AS contractions,
  coalesce(r.contractions, 0) >= ${num(contractions)} AS by_contractions,
  p.mrr > 0 AND c.mrr <= p.mrr * (1 - ${num(drop)}) AS by_drop
FROM current c LEFT JOIN past p USING (cidx) LEFT JOIN recent r USING (cidx)`,
    },
    `
SELECT dim AS segment, customer_id, CAST(mrr_before AS DOUBLE) AS mrr_before, CAST(mrr AS DOUBLE) AS mrr,
  CAST(mrr - coalesce(mrr_before, mrr) AS DOUBLE) AS change, contractions,
  concat_ws('; ',
    CASE WHEN by_contractions THEN 'contraction in ' || contractions || ' of the last ${num(window)} months' END,
    CASE WHEN by_drop THEN 'MRR down ' || CAST(round(100 * (1 - mrr / mrr_before), 1) AS VARCHAR) || '% against ${num(lookback)} months ago' END
  ) AS reason
FROM flagged WHERE by_contractions OR by_drop
ORDER BY (mrr - coalesce(mrr_before, mrr)), customer_id`,
  );
}
