// The churn rates over the whole range under each method, grouped by rate:
// one bar per method, the method in use drawn solid, the others lighter.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Data, Layout } from 'plotly.js-dist-min';
import type { AnalysisResult } from '../../../shared/analysis.js';
import { Plot } from '../../components/charts/Plot.js';
import { formatPercent } from '../../components/format.js';

type Row = AnalysisResult['methodology_comparison'][number];

const RATES = ['customer_churn_rate', 'gross_mrr_churn_rate', 'net_mrr_churn_rate'] as const;
const COLORS: Record<string, string> = { chartmogul: '#4f7fe0', stripe: '#8b5cf6', profitwell: '#2e9e6b', baremetrics: '#e0992a' };

export function ComparisonChart({ rows, current }: { rows: Row[]; current: string }) {
  const { t, i18n } = useTranslation(['methodology', 'metrics']);

  const { data, layout } = useMemo(() => {
    const x = RATES.map((rate) => t(`metrics:${rate}.name`));
    const data: Data[] = rows.map((row) => {
      const inUse = row.preset === current;
      const name = inUse ? t('inUse', { label: row.label }) : row.label;
      const text = RATES.map((rate) => formatPercent(row[rate], 2).replace(/^-/, '−'));
      return {
        type: 'bar',
        name,
        x,
        y: RATES.map((rate) => row[rate]),
        text,
        textposition: 'outside',
        cliponaxis: false,
        customdata: RATES.map((rate) => [row.preset, rate]),
        hovertext: RATES.map((rate, i) => `${name}<br>${x[i]}: ${text[i]}`),
        hovertemplate: '%{hovertext}<extra></extra>',
        marker: { color: COLORS[row.preset] ?? '#7f8aa3', opacity: inUse ? 1 : 0.55, line: { width: inUse ? 2 : 0, color: COLORS[row.preset] ?? '#7f8aa3' } },
      };
    });
    const layout: Partial<Layout> = {
      barmode: 'group',
      hovermode: 'closest',
      xaxis: { type: 'category' },
      yaxis: { tickformat: '.1%', rangemode: 'tozero', automargin: true, title: { text: t('chartAxis') } },
      legend: { orientation: 'h', y: -0.15 },
      margin: { l: 70, r: 20, t: 30, b: 40 },
    };
    return { data, layout };
    // The labels follow the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rows, current, i18n.language]);

  return <Plot data={data} layout={layout} height={340} name="churn-rates-by-method" testId="methodology-chart" />;
}
