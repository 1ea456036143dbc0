// MRR mix: each segment's MRR at the end of every period, stacked (a point
// lists the segment's customers at that period's end); beside it each
// segment's share of churned MRR, as the engine gives it.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Data, Layout } from 'plotly.js-dist-min';
import type { SegmentRow } from '../../../shared/analysis.js';
import type { Drill } from '../../../shared/metrics.js';
import { Plot, type PlotClick } from '../../components/charts/Plot.js';
import { formatMoney, formatPercent } from '../../components/format.js';
import { HOVER, TOP_LEGEND, customArray, moneyAxis, periodAxis, segmentColor, segmentLabel } from '../customer/labels.js';

interface MixProps {
  segments: SegmentRow[];
  currency: string | null;
  onDrill: (drill: Drill, title: string) => void;
}

export function MrrMix({ segments, currency, onDrill }: MixProps) {
  const { t } = useTranslation('segments');
  const data = useMemo<Data[]>(
    () =>
      segments.map((s, i) => ({
        type: 'scatter',
        mode: 'lines',
        stackgroup: 'mrr',
        name: segmentLabel(t, s.segment),
        x: s.periods.map((p) => p.period),
        y: s.periods.map((p) => p.mrr_end),
        text: s.periods.map((p) => formatMoney(p.mrr_end, currency)),
        customdata: s.periods.map((p) => [p.period, s.segment]),
        hovertemplate: HOVER,
        line: { color: segmentColor(s.segment, i), width: 1 },
        fillcolor: segmentColor(s.segment, i),
      })),
    [segments, currency, t],
  );
  const layout = useMemo<Partial<Layout>>(
    () => ({ xaxis: periodAxis(), legend: TOP_LEGEND, yaxis: moneyAxis(currency, t('mix.axis')), margin: { l: 90, r: 20, t: 40, b: 40 }, hovermode: 'closest' }),
    [currency, t],
  );
  function click({ custom }: PlotClick) {
    const [period, segment] = (customArray(custom) ?? []) as [string?, string?];
    if (!period || segment === undefined) return;
    onDrill({ kind: 'end', period, segment }, t('drill.end', { period, segment: segmentLabel(t, segment) }));
  }
  return <Plot data={data} layout={layout} onClick={click} height={320} name="segment-mrr-mix" testId="chart-segment-mix" />;
}

export function ChurnedMrrShare({ segments, currency }: { segments: SegmentRow[]; currency: string | null }) {
  const { t } = useTranslation('segments');
  const shown = useMemo(() => segments.filter((s) => (s.churned_mrr_share ?? 0) > 0), [segments]);
  const data = useMemo<Data[]>(
    () => [
      {
        type: 'pie',
        hole: 0.55,
        sort: false,
        name: t('share.title'),
        labels: shown.map((s) => segmentLabel(t, s.segment)),
        values: shown.map((s) => s.churned_mrr_share ?? 0),
        text: shown.map((s) => formatPercent(s.churned_mrr_share, 1)),
        customdata: shown.map((s) => formatMoney(s.churned_mrr_total, currency)),
        textinfo: 'text',
        hovertemplate: `%{label}<br>${t('share.share')}: <b>%{text}</b><br>${t('share.total')}: %{customdata}<extra></extra>`,
        marker: { colors: shown.map((s) => segmentColor(s.segment, segments.indexOf(s))) },
      },
    ],
    [shown, segments, currency, t],
  );
  const layout = useMemo<Partial<Layout>>(() => ({ margin: { l: 10, r: 10, t: 10, b: 40 } }), []);
  if (shown.length === 0) return <p className="muted">{t('share.none')}</p>;
  return <Plot data={data} layout={layout} height={320} name="segment-churned-mrr-share" testId="chart-segment-share" />;
}
