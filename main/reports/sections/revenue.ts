// Revenue: MRR movements period by period, and the bridge from start to end.
// Pure: it picks and formats figures of the analysis, never computes a metric.
import { baseLayout, COLORS } from '../chartStyle.js';
import { fill } from '../strings.js';
import type { ReportChart, SectionModel } from '../document.js';
import { type Ctx, periodsTable } from './context.js';

export function revenueSection(ctx: Ctx): Omit<SectionModel, 'id' | 'title'> {
  const { result, s, f } = ctx;
  const periods = result.periods;
  const first = periods[0];
  const last = periods.at(-1);
  const items: string[] = [];
  if (first && last) {
    items.push(fill(s.summary.growth, { start: f.money(first.mrr_start), first: first.period, end: f.money(last.mrr_end), last: last.period, customers: f.integer(last.customers_end) }));
    items.push(fill(s.summary.lost, { period: last.period, lostMrr: f.money(last.revenue_lost_mrr), lostArr: f.money(last.revenue_lost_arr), needed: f.money(last.new_mrr_needed) }));
  }
  const x = periods.map((p) => p.period);
  const bar = (name: string, color: string, y: number[]) => ({ type: 'bar', name, x, y, marker: { color }, hovertemplate: `%{x}<br>${name}: %{y:,.0f}<extra></extra>` });
  const chart: ReportChart = {
    id: 'movements',
    title: s.charts.movements,
    height: 380,
    data: [
      bar(s.movements.new, COLORS.new, periods.map((p) => p.mrr_new)),
      bar(s.movements.reactivation, COLORS.reactivation, periods.map((p) => p.mrr_reactivation)),
      bar(s.movements.expansion, COLORS.expansion, periods.map((p) => p.mrr_expansion)),
      // Losses drawn below zero: the amounts themselves are positive (docs/METRICS.md).
      bar(s.movements.contraction, COLORS.contraction, periods.map((p) => -p.mrr_contraction)),
      bar(s.movements.churn, COLORS.churn, periods.map((p) => -p.mrr_churned)),
      { type: 'scatter', mode: 'lines+markers', name: s.charts.mrr, x, y: periods.map((p) => p.mrr_end), yaxis: 'y2', line: { color: COLORS.mrr, width: 2 }, marker: { size: 4 } },
    ],
    layout: baseLayout({
      barmode: 'relative',
      yaxis: { title: { text: fill(s.charts.amount, { currency: ctx.currency ?? '' }) }, gridcolor: '#e6e9ef', zerolinecolor: '#9aa1ad', tickformat: '~s', automargin: true },
      yaxis2: { title: { text: s.charts.mrr }, overlaying: 'y', side: 'right', showgrid: false, tickmode: 'auto', nticks: 6, tickformat: '~s', rangemode: 'tozero', automargin: true },
      margin: { l: 64, r: 64, t: 36, b: 48 },
    }),
  };
  return {
    blocks: [
      { type: 'paragraphs', items },
      { type: 'chart', chart },
      {
        type: 'table',
        table: periodsTable(ctx),
        title: s.tables.periodsRevenue,
        columns: ['period', 'mrr_start', 'mrr_new', 'mrr_reactivation', 'mrr_expansion', 'mrr_contraction', 'mrr_churned', 'mrr_end', 'gross_mrr_churn_rate', 'net_mrr_churn_rate'],
      },
    ],
    dataTables: [],
  };
}
