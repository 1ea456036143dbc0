// Methodology: the headline under every preset, and why they differ.
// Pure: it picks and formats figures of the analysis, never computes a metric.
import { PRESET_SETTINGS, type Methodology, type PresetName } from '../../../shared/metrics.js';
import { baseLayout, COLORS } from '../chartStyle.js';
import { fill } from '../strings.js';
import type { ReportChart, SectionModel } from '../document.js';
import { type Ctx, table } from './context.js';
import { settingValueText } from './sources.js';

function differsText(ctx: Ctx, preset: string, differs: string[]): string {
  const current = ctx.result.settings.methodology;
  if (differs.length === 0) return ctx.s.methodologyText.same;
  const presetSettings = PRESET_SETTINGS[preset as PresetName];
  return differs
    .map((key) => {
      const name = (ctx.s.settingNames as Record<string, string>)[key] ?? key;
      if (!presetSettings || !(key in current)) return name;
      const k = key as keyof Methodology;
      return `${name}: ${settingValueText(ctx, k, presetSettings[k])} (${settingValueText(ctx, k, current[k])})`;
    })
    .join(ctx.s.listSeparator);
}

export function methodologySection(ctx: Ctx): Omit<SectionModel, 'id' | 'title'> {
  const { result, s, f } = ctx;
  const current = result.settings.preset;
  const rows = [...result.methodology_comparison].sort((a, b) => Number(b.preset === current) - Number(a.preset === current));
  const label = (row: (typeof rows)[number]) => (row.preset === current ? fill(s.methodologyText.inUse, { label: row.label }) : row.label);
  const comparison = table(
    ctx,
    'methodology_comparison',
    s.tables.methodology,
    ['method', 'preset', 'customer_churn_rate', 'gross_mrr_churn_rate', 'net_mrr_churn_rate', 'nrr', 'grr', 'quick_ratio', 'customers_churned', 'differs_in'],
    rows.map((r) => [label(r), r.preset, r.customer_churn_rate, r.gross_mrr_churn_rate, r.net_mrr_churn_rate, r.nrr, r.grr, r.quick_ratio, r.customers_churned, differsText(ctx, r.preset, r.differs_in)]),
  );
  const rates = ['customer_churn_rate', 'gross_mrr_churn_rate', 'net_mrr_churn_rate'] as const;
  const chart: ReportChart = {
    id: 'methodology',
    title: s.charts.methodology,
    height: 320,
    data: rates.map((rate, i) => ({
      type: 'bar',
      name: s.columns[rate],
      x: rows.map((r) => r.label),
      y: rows.map((r) => r[rate]),
      marker: { color: [COLORS.churn, COLORS.contraction, COLORS.expansion][i] },
      hovertemplate: `%{x}<br>${s.columns[rate]}: %{y:.2%}<extra></extra>`,
    })),
    layout: baseLayout({ barmode: 'group', yaxis: { title: { text: s.charts.rate }, tickformat: '.1%', gridcolor: '#e6e9ef', zerolinecolor: '#9aa1ad', automargin: true } }),
  };
  const items: string[] = [];
  const inUse = rows.find((r) => r.preset === current);
  const churnRates = rows.map((r) => r.customer_churn_rate).filter((v): v is number => v !== null);
  if (inUse && churnRates.length) {
    items.push(
      fill(s.methodologyText.reading, { label: inUse.label, rate: f.percent(inUse.customer_churn_rate), low: f.percent(Math.min(...churnRates)), high: f.percent(Math.max(...churnRates)) }),
    );
  }
  return {
    blocks: [
      { type: 'paragraphs', items },
      { type: 'chart', chart },
      {
        type: 'table',
        table: comparison,
        columns: ['method', 'customer_churn_rate', 'gross_mrr_churn_rate', 'net_mrr_churn_rate', 'nrr', 'grr', 'quick_ratio', 'customers_churned'],
      },
      // Where each method differs: sentences read better under the table than in a narrow column.
      { type: 'definitions', title: s.columns.differs_in, items: rows.map((r) => ({ term: label(r), text: differsText(ctx, r.preset, r.differs_in) })) },
    ],
    dataTables: [],
  };
}
