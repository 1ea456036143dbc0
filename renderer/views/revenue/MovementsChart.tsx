// MRR movements by period: new, reactivation and expansion stacked up,
// contraction and churn down, with MRR at the end of each period (right axis)
// and net new MRR. A bar opens its customers; an MRR point the customers at
// the period's end; a net new MRR point the period's bridge.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Data, Layout } from 'plotly.js-dist-min';
import type { PeriodRow } from '../../../shared/analysis.js';
import { Plot, type PlotClick } from '../../components/charts/Plot.js';
import { formatMoney, formatNumber } from '../../components/format.js';
import { MOVEMENTS, MRR_COLOR, NET_NEW_COLOR, amount, isMovement, type Movement } from './movements.js';

export function MovementsChart({ periods, currency, onMovement, onEnd, onPeriod }: {
  periods: PeriodRow[];
  currency: string | null;
  onMovement: (period: string, movement: Movement) => void;
  onEnd: (period: string) => void;
  onPeriod: (period: string) => void;
}) {
  const { t, i18n } = useTranslation(['revenue', 'metrics']);
  const money = (value: number) => formatMoney(value, currency, 0).replace(/^-/, '−');
  const unit = (label: string) => (currency ? `${label} (${currency})` : label);

  const data = useMemo<Data[]>(() => {
    const x = periods.map((p) => p.period);
    const bars: Data[] = MOVEMENTS.map((m) => {
      const name = t(`metrics:movements.${m.movement}`);
      return {
        type: 'bar',
        name,
        x,
        y: periods.map((p) => m.sign * amount(p, m.mrr)),
        marker: { color: m.color },
        customdata: periods.map((p) => [p.period, m.movement]),
        hovertext: periods.map(
          (p) => `${name} · ${p.period}<br>${money(m.sign * amount(p, m.mrr))} · ${t('customersCount', { formatted: formatNumber(amount(p, m.customers)) })}`,
        ),
        hovertemplate: '%{hovertext}<extra></extra>',
      };
    });
    const mrr: Data = {
      type: 'scatter',
      mode: 'lines+markers',
      name: t('mrrEnd'),
      x,
      y: periods.map((p) => p.mrr_end),
      yaxis: 'y2',
      line: { color: MRR_COLOR, width: 2 },
      marker: { size: 5 },
      customdata: periods.map((p) => [p.period, 'end']),
      hovertext: periods.map((p) => `${t('mrrEnd')} · ${p.period}<br>${money(p.mrr_end)}`),
      hovertemplate: '%{hovertext}<extra></extra>',
    };
    // Net new MRR = MRR at the end − MRR at the start: the two engine amounts
    // the movements bridge (docs/METRICS.md, "Movements").
    const netNew: Data = {
      type: 'scatter',
      mode: 'lines+markers',
      name: t('netNew'),
      x,
      y: periods.map((p) => p.mrr_end - p.mrr_start),
      line: { color: NET_NEW_COLOR, width: 1.5, dash: 'dot' },
      marker: { size: 7, symbol: 'diamond' },
      customdata: periods.map((p) => [p.period, 'net']),
      hovertext: periods.map((p) => `${t('netNew')} · ${p.period}<br>${money(p.mrr_end - p.mrr_start)}<br>${t('netNewHint')}`),
      hovertemplate: '%{hovertext}<extra></extra>',
    };
    return [...bars, netNew, mrr];
    // The labels follow the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [periods, currency, i18n.language]);

  const layout = useMemo<Partial<Layout>>(
    () => ({
      barmode: 'relative',
      hovermode: 'closest',
      xaxis: { type: 'category', automargin: true },
      yaxis: { title: { text: unit(t('movementsAxis')) }, automargin: true, tickformat: '~s' },
      // Its own ticks (not synced to the movements' grid), from zero.
      yaxis2: { title: { text: unit(t('mrrAxis')) }, overlaying: 'y', side: 'right', showgrid: false, rangemode: 'tozero', tickmode: 'auto', automargin: true, tickformat: '~s' },
      legend: { orientation: 'h', y: -0.18 },
      margin: { l: 70, r: 70, t: 20, b: 60 },
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [currency, i18n.language],
  );

  function onClick(click: PlotClick) {
    const [period, what] = Array.isArray(click.custom) ? (click.custom as unknown[]) : [];
    if (typeof period !== 'string') return;
    if (isMovement(what)) onMovement(period, what);
    else if (what === 'end') onEnd(period);
    else if (what === 'net') onPeriod(period);
  }

  return <Plot data={data} layout={layout} height={400} onClick={onClick} name="mrr-movements" testId="revenue-movements" />;
}
