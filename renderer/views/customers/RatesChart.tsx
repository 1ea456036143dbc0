// Customer churn, retention and acquisition rate per period, as the engine
// gives them. A point lists its customers: churn → who churned, acquisition →
// who was new, retention → who was there at the start of the period.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Data, Layout } from 'plotly.js-dist-min';
import type { PeriodRow } from '../../../shared/analysis.js';
import type { Drill } from '../../../shared/metrics.js';
import { Plot, type PlotClick } from '../../components/charts/Plot.js';
import { formatPercent } from '../../components/format.js';
import { HOVER, RATE_COLORS, TOP_LEGEND, customArray, percentAxis, periodAxis } from '../customer/labels.js';

type RateKey = 'customer_churn_rate' | 'customer_retention_rate' | 'customer_acquisition_rate';

const SERIES: { key: RateKey; drill: 'churn' | 'new' | 'start'; color: string; right?: boolean }[] = [
  { key: 'customer_churn_rate', drill: 'churn', color: RATE_COLORS.churn },
  { key: 'customer_acquisition_rate', drill: 'new', color: RATE_COLORS.acquisition },
  { key: 'customer_retention_rate', drill: 'start', color: RATE_COLORS.retention, right: true },
];

export function RatesChart({ periods, onDrill }: { periods: PeriodRow[]; onDrill: (drill: Drill, title: string) => void }) {
  const { t } = useTranslation('customers');

  const data = useMemo<Data[]>(
    () =>
      SERIES.map((s) => ({
        type: 'scatter',
        mode: 'lines+markers',
        name: t(`metrics:${s.key}.name`),
        x: periods.map((p) => p.period),
        y: periods.map((p) => p[s.key]),
        text: periods.map((p) => formatPercent(p[s.key], 2)),
        customdata: periods.map((p) => [p.period, s.drill]),
        hovertemplate: HOVER,
        yaxis: s.right ? 'y2' : 'y',
        line: { color: s.color, width: 2, dash: s.right ? 'dot' : 'solid' },
        marker: { color: s.color, size: 6 },
      })),
    [periods, t],
  );

  const layout = useMemo<Partial<Layout>>(
    () => ({
      xaxis: periodAxis(),
      legend: TOP_LEGEND,
      yaxis: percentAxis(t('rates.churnAndAcquisition'), 1),
      yaxis2: { ...percentAxis(t('rates.retention')), overlaying: 'y', side: 'right', showgrid: false, rangemode: 'normal' },
      margin: { l: 70, r: 70, t: 40, b: 40 },
    }),
    [t],
  );

  function click({ custom }: PlotClick) {
    const [period, kind] = (customArray(custom) ?? []) as [string?, string?];
    if (!period || !kind) return;
    if (kind === 'start') onDrill({ kind: 'start', period }, t('drill.start', { period }));
    else onDrill({ kind: 'movement', period, movement: kind as 'churn' | 'new' }, t(`drill.${kind}`, { period }));
  }

  return <Plot data={data} layout={layout} onClick={click} name="customer-rates" testId="chart-customer-rates" />;
}
