// Customer churn rate per period, one line per segment (segments[].periods).
// A point lists the customers of that segment who churned in that period.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Data, Layout } from 'plotly.js-dist-min';
import type { SegmentRow } from '../../../shared/analysis.js';
import type { Drill } from '../../../shared/metrics.js';
import { Plot, type PlotClick } from '../../components/charts/Plot.js';
import { formatPercent } from '../../components/format.js';
import { HOVER, TOP_LEGEND, customArray, percentAxis, periodAxis, segmentColor, segmentLabel } from '../customer/labels.js';

export function SegmentTrend({ segments, onDrill }: { segments: SegmentRow[]; onDrill: (drill: Drill, title: string) => void }) {
  const { t } = useTranslation('segments');
  const data = useMemo<Data[]>(
    () =>
      segments.map((s, i) => ({
        type: 'scatter',
        mode: 'lines+markers',
        name: segmentLabel(t, s.segment),
        x: s.periods.map((p) => p.period),
        y: s.periods.map((p) => p.customer_churn_rate),
        text: s.periods.map((p) => formatPercent(p.customer_churn_rate, 2)),
        customdata: s.periods.map((p) => [p.period, s.segment]),
        hovertemplate: HOVER,
        line: { color: segmentColor(s.segment, i), width: 2 },
        marker: { color: segmentColor(s.segment, i), size: 5 },
      })),
    [segments, t],
  );
  const layout = useMemo<Partial<Layout>>(
    () => ({ xaxis: periodAxis(), legend: TOP_LEGEND, yaxis: percentAxis(t('trend.axis'), 1), margin: { l: 70, r: 20, t: 40, b: 40 } }),
    [t],
  );
  function click({ custom }: PlotClick) {
    const [period, segment] = (customArray(custom) ?? []) as [string?, string?];
    if (!period || segment === undefined) return;
    onDrill({ kind: 'movement', period, movement: 'churn', segment }, t('drill.churn', { period, segment: segmentLabel(t, segment) }));
  }
  return <Plot data={data} layout={layout} onClick={click} name="segment-churn-trend" testId="chart-segment-trend" />;
}
