// Movements per segment, side by side: for each segment its new,
// reactivation and expansion above zero and contraction and churn below, per
// period, in MRR or customers (segments[].periods). A bar lists its customers.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Data, Layout } from 'plotly.js-dist-min';
import type { PeriodRow, SegmentRow } from '../../../shared/analysis.js';
import type { Drill } from '../../../shared/metrics.js';
import { Plot, type PlotClick } from '../../components/charts/Plot.js';
import { formatMoney, formatNumber } from '../../components/format.js';
import { MOVEMENTS, MOVEMENT_COLORS, customArray, moneyAxis, movementLabel, periodAxis, segmentLabel, type Movement } from '../customer/labels.js';

type Measure = 'mrr' | 'customers';

const FIELDS: Record<Measure, Record<Movement, keyof PeriodRow>> = {
  mrr: { new: 'mrr_new', reactivation: 'mrr_reactivation', expansion: 'mrr_expansion', contraction: 'mrr_contraction', churn: 'mrr_churned' },
  customers: {
    new: 'customers_new',
    reactivation: 'customers_reactivated',
    expansion: 'customers_expanded',
    contraction: 'customers_contracted',
    churn: 'customers_churned',
  },
};
/** Losses are drawn below zero; the hover shows the engine's value as it is. */
const BELOW: Movement[] = ['contraction', 'churn'];

interface ChartProps {
  segment: SegmentRow;
  measure: Measure;
  currency: string | null;
  onDrill: (drill: Drill, title: string) => void;
}

function SegmentChart({ segment, measure, currency, onDrill }: ChartProps) {
  const { t } = useTranslation('segments');
  const data = useMemo<Data[]>(
    () =>
      MOVEMENTS.map((movement) => {
        const values = segment.periods.map((p) => p[FIELDS[measure][movement]] as number);
        return {
          type: 'bar',
          name: movementLabel(t, movement),
          x: segment.periods.map((p) => p.period),
          y: BELOW.includes(movement) ? values.map((v) => -v) : values,
          text: values.map((v) => (measure === 'mrr' ? formatMoney(v, currency) : formatNumber(v))),
          textposition: 'none',
          customdata: segment.periods.map((p) => [p.period, movement, segment.segment]),
          hovertemplate: '%{fullData.name}<br>%{x}: <b>%{text}</b><extra></extra>',
          marker: { color: MOVEMENT_COLORS[movement] },
        };
      }),
    [segment, measure, currency, t],
  );
  const layout = useMemo<Partial<Layout>>(
    () => ({
      barmode: 'relative',
      title: { text: segmentLabel(t, segment.segment), font: { size: 13 }, x: 0.02 },
      xaxis: periodAxis(),
      yaxis: measure === 'mrr' ? { ...moneyAxis(currency), rangemode: 'normal' } : { tickformat: ',d' },
      showlegend: false,
      margin: { l: 80, r: 10, t: 36, b: 30 },
    }),
    [segment.segment, measure, currency, t],
  );
  function click({ custom }: PlotClick) {
    const [period, movement, name] = (customArray(custom) ?? []) as [string?, Movement?, string?];
    if (!period || !movement || name === undefined) return;
    onDrill(
      { kind: 'movement', period, movement, segment: name },
      t('drill.movement', { movement: movementLabel(t, movement), period, segment: segmentLabel(t, name) }),
    );
  }
  return <Plot data={data} layout={layout} onClick={click} height={260} name={`segment-movements-${segment.segment}`} testId="chart-segment-movements" />;
}

export function SegmentMovements({ segments, currency, onDrill }: { segments: SegmentRow[]; currency: string | null; onDrill: ChartProps['onDrill'] }) {
  const { t } = useTranslation('segments');
  const [measure, setMeasure] = useState<Measure>('mrr');
  return (
    <>
      <div className="segments-toolbar">
        <div className="segments-toggle" role="radiogroup" aria-label={t('movements.measure')}>
          {(['mrr', 'customers'] as const).map((m) => (
            <button key={m} type="button" role="radio" aria-checked={measure === m} className={measure === m ? 'selected' : ''} onClick={() => setMeasure(m)} data-testid={`measure-${m}`}>
              {t(`movements.${m}`)}
            </button>
          ))}
        </div>
        <ul className="segments-legend" aria-label={t('movements.legend')}>
          {MOVEMENTS.map((m) => (
            <li key={m}>
              <span className="swatch" style={{ background: MOVEMENT_COLORS[m] }} />
              {movementLabel(t, m)}
            </li>
          ))}
        </ul>
      </div>
      <div className="segments-multiples">
        {segments.map((segment) => (
          <SegmentChart key={segment.segment} segment={segment} measure={measure} currency={currency} onDrill={onDrill} />
        ))}
      </div>
    </>
  );
}
