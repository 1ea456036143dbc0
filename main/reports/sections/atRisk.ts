// At risk: customers whose MRR is shrinking, by the at-risk rule.
// Pure: it picks and formats figures of the analysis, never computes a metric.
import { fill } from '../strings.js';
import type { SectionModel } from '../document.js';
import { atRiskReason, type Ctx, table } from './context.js';
import { atRiskSentence } from './summary.js';

export function atRiskSection(ctx: Ctx): Omit<SectionModel, 'id' | 'title'> {
  const { result, s } = ctx;
  const atRisk = table(
    ctx,
    'at_risk',
    s.tables.atRisk,
    ['customer_id', 'mrr_before', 'mrr', 'change', 'contractions', 'reason'],
    result.at_risk.map((a) => [a.customer_id, a.mrr_before, a.mrr, a.change, a.contractions, atRiskReason(ctx, a.reason)]),
  );
  const rule = result.settings.at_risk;
  const ruleText = fill(s.settingValues.atRisk, { ...rule, drop: ctx.f.percent(rule.drop, 0) });
  return {
    blocks: [{ type: 'paragraphs', items: [atRiskSentence(ctx), `${s.settingNames.atRisk}: ${ruleText}.`] }, { type: 'table', table: atRisk }],
    dataTables: [],
  };
}
