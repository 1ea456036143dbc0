// One period's MRR bridge: MRR at the start, + new + reactivation + expansion
// − contraction − churn, MRR at the end — every step the engine's amount, the
// end bar the engine's MRR at the end (not a sum made here). Each bar opens
// the customers behind it.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Data, Layout } from 'plotly.js-dist-min';
import type { PeriodRow } from '../../../shared/analysis.js';
import { Plot, type PlotClick } from '../../components/charts/Plot.js';
import { formatMoney } from '../../components/format.js';
import { MOVEMENTS, TOTAL_COLOR, amount, isMovement, type Movement } from './movements.js';

export function Waterfall({ row, currency, onMovement, onStart, onEnd }: {
  row: PeriodRow;
  currency: string | null;
  onMovement: (period: string, movement: Movement) => void;
  onStart: (period: string) => void;
  onEnd: (period: string) => void;
}) {
  const { t, i18n } = useTranslation(['revenue', 'metrics']);

  const { data, layout } = useMemo(() => {
    const money = (value: number) => formatMoney(value, currency, 0).replace(/^-/, '−');
    const steps = MOVEMENTS.map((m) => ({ key: m.movement, label: t(`metrics:movements.${m.movement}`), y: m.sign * amount(row, m.mrr) }));
    const labels = [t('mrrStart'), ...steps.map((s) => s.label), t('mrrEnd')];
    const y = [row.mrr_start, ...steps.map((s) => s.y), row.mrr_end];
    const text = y.map((v, i) => (i > 0 && i < y.length - 1 && v > 0 ? '+' : '') + money(v));
    const trace: Data = {
      type: 'waterfall',
      name: t('bridge'),
      orientation: 'v',
      x: labels,
      y,
      measure: ['absolute', ...steps.map(() => 'relative'), 'absolute'],
      customdata: ['start', ...steps.map((s) => s.key), 'end'],
      text,
      textposition: 'outside',
      cliponaxis: false,
      hovertext: labels.map((label, i) => `${label} · ${row.period}<br>${text[i]}`),
      hovertemplate: '%{hovertext}<extra></extra>',
      increasing: { marker: { color: MOVEMENTS[0]!.color } },
      decreasing: { marker: { color: MOVEMENTS[4]!.color } },
      totals: { marker: { color: TOTAL_COLOR } },
      connector: { line: { color: TOTAL_COLOR, width: 1, dash: 'dot' } },
    } as Data;
    // Zoom on the span the steps cover, so that the movements are visible next to MRR.
    let level = row.mrr_start;
    let low = Math.min(row.mrr_start, row.mrr_end);
    let high = Math.max(row.mrr_start, row.mrr_end);
    for (const step of steps) {
      level += step.y;
      low = Math.min(low, level);
      high = Math.max(high, level);
    }
    const pad = Math.max((high - low) * 0.6, Math.abs(high) * 0.01, 1);
    const layout: Partial<Layout> = {
      showlegend: false,
      hovermode: 'closest',
      xaxis: { type: 'category' },
      yaxis: { title: { text: currency ? `${t('mrrAxis')} (${currency})` : t('mrrAxis') }, range: [Math.max(0, low - pad), high + pad], tickformat: '~s', automargin: true },
      margin: { l: 70, r: 20, t: 20, b: 40 },
    };
    return { data: [trace], layout };
    // The labels follow the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [row, currency, i18n.language]);

  function onClick(click: PlotClick) {
    const what = click.custom;
    if (isMovement(what)) onMovement(row.period, what);
    else if (what === 'start') onStart(row.period);
    else if (what === 'end') onEnd(row.period);
  }

  return <Plot data={data} layout={layout} height={360} onClick={onClick} name={`mrr-bridge-${row.period}`} testId="revenue-waterfall" />;
}
