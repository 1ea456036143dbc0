// Cohorts: logo and revenue retention by signup cohort.
// Pure: it picks and formats figures of the analysis, never computes a metric.
import { baseLayout, COLORS } from '../chartStyle.js';
import type { CellFormat } from '../format.js';
import { fill } from '../strings.js';
import type { ReportChart, ReportTable, SectionModel } from '../document.js';
import { type Ctx, table } from './context.js';
import { cohortK } from './summary.js';

/** Periods 0–12 (or 0–4 quarters) are what fits a printed page; exports hold all. */
const COHORT_SHOWN = { month: 12, quarter: 8 } as const;

export function cohortsSection(ctx: Ctx): Omit<SectionModel, 'id' | 'title'> {
  const { result, s, f } = ctx;
  const cohorts = result.cohorts;
  const width = Math.max(0, ...cohorts.logo.map((c) => c.retention.length));
  const ks = Array.from({ length: width }, (_, k) => k);
  const kKeys = ks.map((k) => `k${k}`);
  const kLabels = Object.fromEntries(kKeys.map((key, k) => [key, String(k)]));
  const matrix = (id: string, title: string, first: 'size' | 'mrr', firstValues: number[], values: (number | null)[][], format: CellFormat): ReportTable => {
    const t = table(ctx, id, title, ['cohort', first, ...kKeys], cohorts.logo.map((c, i) => [c.cohort, firstValues[i]!, ...ks.map((k) => values[i]![k] ?? null)]), kLabels);
    if (format !== 'percent') for (const column of t.columns.slice(2)) column.format = format;
    return t;
  };
  const sizes = cohorts.logo.map((c) => c.size);
  const revenueByCohort = new Map(cohorts.revenue.map((r) => [r.cohort, r]));
  const revenueOf = (cohort: string) => revenueByCohort.get(cohort);
  const logo = matrix('cohort_logo', s.tables.cohortLogo, 'size', sizes, cohorts.logo.map((c) => c.retention), 'percent');
  const orLater = matrix('cohort_logo_or_later', s.tables.cohortLogoOrLater, 'size', sizes, cohorts.logo.map((c) => c.retention_or_later), 'percent');
  const active = matrix('cohort_active', s.tables.cohortActive, 'size', sizes, cohorts.logo.map((c) => c.active), 'integer');
  const revenue = matrix(
    'cohort_revenue',
    s.tables.cohortRevenue,
    'mrr',
    cohorts.logo.map((c) => revenueOf(c.cohort)?.mrr ?? 0),
    cohorts.logo.map((c) => revenueOf(c.cohort)?.retention ?? []),
    'percent',
  );
  const mrr = matrix('cohort_mrr', s.tables.cohortMrr, 'mrr', cohorts.logo.map((c) => revenueOf(c.cohort)?.mrr ?? 0), cohorts.logo.map((c) => revenueOf(c.cohort)?.mrr_by_period ?? []), 'money');
  const averageTable = table(
    ctx,
    'cohort_average',
    s.tables.cohortAverage,
    ['k', 'size', 'logo_retention', 'logo_retention_or_later', 'revenue_retention'],
    cohorts.average.map((a) => [a.k, a.size, a.logo_retention, a.logo_retention_or_later, a.revenue_retention]),
  );
  const shown = Math.min(width - 1, COHORT_SHOWN[cohorts.period]);
  const shownKeys = ['cohort', 'size', ...kKeys.slice(0, shown + 1)];
  const heatmap: ReportChart = {
    id: 'cohort_heatmap',
    title: s.charts.cohortHeatmap,
    height: Math.max(320, Math.min(720, 80 + 14 * cohorts.logo.length)),
    data: [
      {
        type: 'heatmap',
        x: ks,
        y: cohorts.logo.map((c) => c.cohort),
        z: cohorts.logo.map((c) => ks.map((k) => c.retention[k] ?? null)),
        zmin: 0,
        zmax: 1,
        colorscale: [
          [0, '#f7fbff'],
          [0.5, '#6baed6'],
          [1, '#08306b'],
        ],
        colorbar: { tickformat: '.0%', thickness: 12 },
        hovertemplate: `${s.charts.cohort} %{y}, k = %{x}: %{z:.1%}<extra></extra>`,
      },
    ],
    layout: baseLayout({
      xaxis: { title: { text: s.charts.periodsSince }, dtick: cohorts.period === 'month' ? 3 : 1, automargin: true },
      yaxis: { title: { text: s.charts.cohort }, autorange: 'reversed', type: 'category', automargin: true },
      margin: { l: 72, r: 24, t: 8, b: 48 },
    }),
  };
  const curves: ReportChart = {
    id: 'cohort_curves',
    title: s.charts.cohortCurves,
    height: 300,
    data: [
      { type: 'scatter', mode: 'lines+markers', name: s.columns.logo_retention, x: cohorts.average.map((a) => a.k), y: cohorts.average.map((a) => a.logo_retention), line: { color: COLORS.accent, width: 2 }, marker: { size: 4 } },
      { type: 'scatter', mode: 'lines+markers', name: s.columns.revenue_retention, x: cohorts.average.map((a) => a.k), y: cohorts.average.map((a) => a.revenue_retention), line: { color: COLORS.new, width: 2 }, marker: { size: 4 } },
    ],
    layout: baseLayout({
      xaxis: { title: { text: s.charts.periodsSince }, gridcolor: '#e6e9ef', automargin: true },
      yaxis: { title: { text: s.charts.rate }, tickformat: '.0%', gridcolor: '#e6e9ef', rangemode: 'tozero', automargin: true },
    }),
  };
  const items: string[] = [];
  const k = cohortK(ctx);
  const average = cohorts.average.find((a) => a.k === k);
  if (average && k !== null) {
    items.push(fill(s.summary.cohort, { k, periodName: s.settingValues[cohorts.period], logo: f.percent(average.logo_retention), revenue: f.percent(average.revenue_retention) }));
    const min = 20;
    const weakest = [...cohorts.logo]
      .filter((c) => c.size >= min && c.retention.length > k)
      .sort((a, b) => a.retention[k]! - b.retention[k]! || a.cohort.localeCompare(b.cohort))[0];
    if (weakest) {
      items.push(fill(s.cohortText.weakest, { min, k, periodName: s.settingValues[cohorts.period], cohort: weakest.cohort, logo: f.percent(weakest.retention[k]) }));
    }
  }
  const cut = width - 1 > shown ? fill(s.fullTableInExports, { last: shown }) : undefined;
  return {
    blocks: [
      { type: 'paragraphs', items },
      { type: 'chart', chart: heatmap },
      { type: 'chart', chart: curves },
      { type: 'table', table: averageTable },
      { type: 'table', table: logo, columns: shownKeys, compact: true, ...(cut ? { note: cut } : {}) },
      { type: 'table', table: revenue, columns: ['cohort', 'mrr', ...kKeys.slice(0, shown + 1)], compact: true, ...(cut ? { note: cut } : {}) },
    ],
    dataTables: [orLater, active, mrr],
  };
}
