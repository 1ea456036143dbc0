// Annualized customer churn per segment as bars, each drawn over its
// published benchmark band (benchmark_low..benchmark_high from the engine).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Data, Layout, Shape } from 'plotly.js-dist-min';
import type { SegmentRow } from '../../../shared/analysis.js';
import { Plot } from '../../components/charts/Plot.js';
import { formatPercent } from '../../components/format.js';
import { percentAxis, segmentColor, segmentLabel } from '../customer/labels.js';

const BAND_FILL = 'rgba(46, 158, 106, 0.18)';
const BAND_LINE = 'rgba(46, 158, 106, 0.85)';

export function BenchmarkChart({ segments }: { segments: SegmentRow[] }) {
  const { t } = useTranslation('segments');

  const data = useMemo<Data[]>(() => {
    const labels = segments.map((s) => segmentLabel(t, s.segment));
    const band = (s: SegmentRow) =>
      s.benchmark_low === null || s.benchmark_high === null ? t('benchmark.noBand') : t('benchmark.band', { low: formatPercent(s.benchmark_low, 0), high: formatPercent(s.benchmark_high, 0) });
    return [
      {
        type: 'bar',
        name: t('benchmark.rate'),
        x: labels,
        y: segments.map((s) => s.annualized_customer_churn_rate),
        text: segments.map((s) => formatPercent(s.annualized_customer_churn_rate, 1)),
        textposition: 'outside',
        customdata: segments.map((s) => band(s)),
        hovertemplate: '%{x}<br>%{fullData.name}: <b>%{text}</b><br>%{customdata}<extra></extra>',
        marker: { color: segments.map((s, i) => segmentColor(s.segment, i)) },
        width: 0.45,
      },
      // A legend entry for the shaded bands (the bands themselves are shapes).
      {
        type: 'scatter',
        mode: 'markers',
        name: t('benchmark.legend'),
        x: [null],
        y: [null],
        marker: { symbol: 'square', size: 14, color: BAND_FILL, line: { color: BAND_LINE, width: 1 } },
        hoverinfo: 'skip',
      },
    ];
  }, [segments, t]);

  const layout = useMemo<Partial<Layout>>(() => {
    const shapes: Partial<Shape>[] = segments.flatMap((s, i) =>
      s.benchmark_low === null || s.benchmark_high === null
        ? []
        : [
            {
              type: 'rect',
              xref: 'x',
              yref: 'y',
              x0: i - 0.4,
              x1: i + 0.4,
              y0: s.benchmark_low,
              y1: s.benchmark_high,
              fillcolor: BAND_FILL,
              line: { color: BAND_LINE, width: 1, dash: 'dot' },
              layer: 'below',
            },
          ],
    );
    return {
      shapes,
      xaxis: { type: 'category' },
      yaxis: percentAxis(t('benchmark.axis')),
      showlegend: true,
      margin: { l: 70, r: 20, t: 30, b: 60 },
    };
  }, [segments, t]);

  return <Plot data={data} layout={layout} height={320} name="segment-churn-benchmarks" testId="chart-segment-benchmarks" />;
}
