// Customers: counts, churn and retention rates, reasons and churn types.
// Pure: it picks and formats figures of the analysis, never computes a metric.
import { baseLayout, COLORS } from '../chartStyle.js';
import type { ReportChart, SectionModel } from '../document.js';
import { churnTypeName, type Ctx, periodsTable, table } from './context.js';
import { reasonSentences } from './summary.js';

export function customersSection(ctx: Ctx): Omit<SectionModel, 'id' | 'title'> {
  const { result, s } = ctx;
  const periods = result.periods;
  const x = periods.map((p) => p.period);
  const line = (name: string, color: string, y: (number | null)[]) => ({
    type: 'scatter',
    mode: 'lines+markers',
    name,
    x,
    y,
    line: { color, width: 2 },
    marker: { size: 4 },
    hovertemplate: `%{x}<br>${name}: %{y:.2%}<extra></extra>`,
  });
  const rates: ReportChart = {
    id: 'rates',
    title: s.charts.rates,
    height: 320,
    data: [
      line(s.columns.customer_churn_rate, COLORS.churn, periods.map((p) => p.customer_churn_rate)),
      line(s.columns.gross_mrr_churn_rate, COLORS.contraction, periods.map((p) => p.gross_mrr_churn_rate)),
      line(s.columns.net_mrr_churn_rate, COLORS.expansion, periods.map((p) => p.net_mrr_churn_rate)),
    ],
    layout: baseLayout({ yaxis: { title: { text: s.charts.rate }, tickformat: '.1%', gridcolor: '#e6e9ef', zerolinecolor: '#9aa1ad', automargin: true } }),
  };
  const reasons = [...result.churn_reasons].sort((a, b) => a.customers - b.customers || b.reason.localeCompare(a.reason));
  const reasonChart: ReportChart = {
    id: 'reasons',
    title: s.charts.reasons,
    height: Math.max(220, 60 + 24 * reasons.length),
    data: [
      {
        type: 'bar',
        orientation: 'h',
        name: s.charts.customers,
        y: reasons.map((r) => `${r.reason} (${churnTypeName(ctx, r.churn_type)})`),
        x: reasons.map((r) => r.customers),
        marker: { color: reasons.map((r) => (r.churn_type === 'involuntary' ? COLORS.contraction : COLORS.churn)) },
        hovertemplate: '%{y}: %{x:,}<extra></extra>',
      },
    ],
    layout: baseLayout({ showlegend: false, margin: { l: 200, r: 24, t: 8, b: 40 }, yaxis: { automargin: true } }),
  };
  const reasonsTable = table(
    ctx,
    'churn_reasons',
    s.tables.churnReasons,
    ['reason', 'churn_type', 'customers', 'mrr', 'share_of_customers', 'share_of_mrr'],
    result.churn_reasons.map((r) => [r.reason, churnTypeName(ctx, r.churn_type), r.customers, r.mrr, r.share_of_customers, r.share_of_mrr]),
  );
  const typesTable = table(
    ctx,
    'churn_types',
    s.tables.churnTypes,
    ['churn_type', 'customers', 'mrr'],
    result.churn_types.map((t) => [churnTypeName(ctx, t.churn_type), t.customers, t.mrr]),
  );
  return {
    blocks: [
      { type: 'paragraphs', items: reasonSentences(ctx) },
      { type: 'chart', chart: rates },
      {
        type: 'table',
        table: periodsTable(ctx),
        title: s.tables.periodsCustomers,
        columns: ['period', 'customers_start', 'customers_new', 'customers_reactivated', 'customers_churned', 'customers_end', 'customer_churn_rate', 'customer_retention_rate', 'annualized_customer_churn_rate'],
      },
      { type: 'chart', chart: reasonChart },
      { type: 'table', table: reasonsTable },
      { type: 'table', table: typesTable },
    ],
    dataTables: [],
  };
}
