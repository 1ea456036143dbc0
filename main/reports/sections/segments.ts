// Segments: churn per segment against the benchmark bands for its size.
// Pure: it picks and formats figures of the analysis, never computes a metric.
import { baseLayout, COLORS } from '../chartStyle.js';
import { fill } from '../strings.js';
import type { Cell, ReportChart, SectionModel } from '../document.js';
import { bandText, type Ctx, PERIOD_KEYS, segmentName, table, verdictOf } from './context.js';

export function segmentsSection(ctx: Ctx): Omit<SectionModel, 'id' | 'title'> {
  const { result, s, f } = ctx;
  const segments = result.segments;
  const names = segments.map((seg) => segmentName(ctx, seg.segment));
  const verdict = (v: ReturnType<typeof verdictOf>) => s.verdicts[v];
  const keys = [
    'segment',
    'customers_total',
    'customers_churned_total',
    'churned_share',
    'mean_mrr',
    'churned_mrr_total',
    'churned_mrr_share',
    'monthly_customer_churn_rate',
    'annualized_customer_churn_rate',
    'benchmark_low',
    'benchmark_high',
    'verdict',
  ];
  const segmentsTable = table(
    ctx,
    'segments',
    s.tables.segments,
    keys,
    segments.map((seg, i) => [
      names[i]!,
      seg.customers_total,
      seg.customers_churned_total,
      seg.churned_share,
      seg.mean_mrr,
      seg.churned_mrr_total,
      seg.churned_mrr_share,
      seg.monthly_customer_churn_rate,
      seg.annualized_customer_churn_rate,
      seg.benchmark_low,
      seg.benchmark_high,
      verdict(verdictOf(seg.annualized_customer_churn_rate, seg.benchmark_low, seg.benchmark_high)),
    ]),
  );
  const segmentPeriods = table(
    ctx,
    'segment_periods',
    s.tables.segmentPeriods,
    ['segment', ...PERIOD_KEYS],
    segments.flatMap((seg, i) => seg.periods.map((p) => [names[i]!, ...PERIOD_KEYS.map((k) => p[k] as Cell)])),
  );
  const withBand = segments.map((seg) => seg.benchmark_low !== null && seg.benchmark_high !== null);
  const chart: ReportChart = {
    id: 'segments',
    title: s.charts.segments,
    height: 340,
    data: [
      {
        type: 'bar',
        name: s.charts.benchmark,
        x: names,
        // The band drawn as a bar from its low to its high end: geometry only.
        base: segments.map((seg) => seg.benchmark_low),
        y: segments.map((seg, i) => (withBand[i] ? seg.benchmark_high! - seg.benchmark_low! : null)),
        customdata: segments.map((seg) => `${f.percent(seg.benchmark_low, 0)}–${f.percent(seg.benchmark_high, 0)}`),
        marker: { color: COLORS.band, line: { color: 'rgba(46, 158, 106, 0.9)', width: 1 } },
        width: 0.7,
        hovertemplate: `%{x}<br>${s.charts.benchmark}: %{customdata}<extra></extra>`,
      },
      {
        type: 'bar',
        name: s.columns.annualized_customer_churn_rate,
        x: names,
        y: segments.map((seg) => seg.annualized_customer_churn_rate),
        text: segments.map((seg) => f.percent(seg.annualized_customer_churn_rate, 1)),
        textposition: 'outside',
        marker: { color: segments.map((seg, i) => (seg.segment in s.segmentNames ? COLORS.segments[['SMB', 'Mid-market', 'Enterprise', 'Unknown'].indexOf(seg.segment)]! : COLORS.segments[(i + 4) % 8]!)) },
        width: 0.35,
        hovertemplate: `%{x}: %{text}<extra></extra>`,
      },
    ],
    layout: baseLayout({ barmode: 'overlay', yaxis: { title: { text: s.charts.rate }, tickformat: '.0%', gridcolor: '#e6e9ef', rangemode: 'tozero', automargin: true } }),
  };
  const items = segments.map((seg, i) =>
    fill(s.segments.row, { segment: names[i]!, rate: f.percent(seg.annualized_customer_churn_rate), verdict: bandText(ctx, seg.annualized_customer_churn_rate, seg.benchmark_low, seg.benchmark_high) }),
  );
  return {
    blocks: [
      { type: 'paragraphs', items },
      { type: 'chart', chart },
      {
        type: 'table',
        table: segmentsTable,
        columns: ['segment', 'customers_total', 'customers_churned_total', 'churned_mrr_total', 'churned_mrr_share', 'monthly_customer_churn_rate', 'annualized_customer_churn_rate', 'benchmark_low', 'benchmark_high', 'verdict'],
      },
    ],
    dataTables: [segmentPeriods],
  };
}
