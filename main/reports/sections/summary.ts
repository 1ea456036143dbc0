// The summary: headline figures and the sentences that say what they mean.
// Pure: it picks and formats figures of the analysis, never computes a metric.
import { fill } from '../strings.js';
import type { Block, SectionModel } from '../document.js';
import { atRiskReason, bandText, type Ctx, headlineKpis, headlineTable, largest, segmentName } from './context.js';

/** The cohort period to read retention at: a year in (12 months or 4 quarters), or the last one reached. */
export function cohortK(ctx: Ctx): number | null {
  const average = ctx.result.cohorts.average;
  if (average.length === 0) return null;
  const target = ctx.result.cohorts.period === 'month' ? 12 : 4;
  return average.some((a) => a.k === target) ? target : average.at(-1)!.k;
}

export function summarySection(ctx: Ctx): Omit<SectionModel, 'id' | 'title'> {
  const { result, s, f } = ctx;
  const h = result.headline;
  const first = result.periods[0];
  const last = result.periods.at(-1);
  const items: string[] = [];
  if (h && first && last) {
    items.push(
      fill(s.summary.overview, {
        periods: h.periods,
        periodName: ctx.periodName,
        first: first.period,
        last: last.period,
        churn: f.percent(h.customer_churn_rate),
        gross: f.percent(h.gross_mrr_churn_rate),
        net: f.percent(h.net_mrr_churn_rate),
        nrr: f.percent(h.nrr),
      }),
    );
    if (h.net_mrr_churn_rate !== null) items.push(h.net_mrr_churn_rate < 0 ? s.summary.negativeChurn : s.summary.positiveChurn);
    items.push(
      fill(s.summary.lost, { period: last.period, lostMrr: f.money(last.revenue_lost_mrr), lostArr: f.money(last.revenue_lost_arr), needed: f.money(last.new_mrr_needed) }),
    );
    if (h.quick_ratio !== null) items.push(fill(s.summary.quickRatio, { quickRatio: f.number(h.quick_ratio) }));
  }
  const driver = largest(result.segments, (seg) => seg.churned_mrr_share);
  if (driver) {
    items.push(
      fill(s.summary.segmentDriver, {
        segment: segmentName(ctx, driver.segment),
        share: f.percent(driver.churned_mrr_share),
        rate: f.percent(driver.annualized_customer_churn_rate),
        verdict: bandText(ctx, driver.annualized_customer_churn_rate, driver.benchmark_low, driver.benchmark_high),
      }),
    );
  }
  const k = cohortK(ctx);
  const average = result.cohorts.average.find((a) => a.k === k);
  if (average && k !== null) {
    items.push(
      fill(s.summary.cohort, {
        k,
        periodName: s.settingValues[result.cohorts.period],
        logo: f.percent(average.logo_retention),
        revenue: f.percent(average.revenue_retention),
      }),
    );
  }
  items.push(...reasonSentences(ctx));
  items.push(atRiskSentence(ctx));
  const blocks: Block[] = [{ type: 'kpis', items: headlineKpis(ctx) }, { type: 'paragraphs', items }, { type: 'paragraphs', items: [s.summary.context] }];
  return { blocks, dataTables: [headlineTable(ctx)] };
}

export function reasonSentences(ctx: Ctx): string[] {
  const { result, s, f } = ctx;
  const out: string[] = [];
  const top = largest(result.churn_reasons, (r) => r.customers);
  if (top) out.push(fill(s.summary.reasons, { reason: top.reason, share: f.percent(top.share_of_customers) }));
  const voluntary = result.churn_types.find((t) => t.churn_type === 'voluntary');
  const involuntary = result.churn_types.find((t) => t.churn_type === 'involuntary');
  if (voluntary && involuntary) out.push(fill(s.summary.types, { voluntary: f.integer(voluntary.customers), involuntary: f.integer(involuntary.customers) }));
  return out;
}

export function atRiskSentence(ctx: Ctx): string {
  const { result, s, f } = ctx;
  const top = largest(result.at_risk, (a) => a.mrr);
  if (!top) return s.summary.noAtRisk;
  return fill(s.summary.atRisk, { count: f.integer(result.at_risk.length), customer: top.customer_id, mrr: f.money(top.mrr), reason: atRiskReason(ctx, top.reason) });
}
