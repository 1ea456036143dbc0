// Sensitivity: ARR at the horizon with each lever stepped down and up (the
// engine's levers and results, each step worded in the screen's language), widest bar on top, around the scenario's ARR.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Data, Layout } from 'plotly.js-dist-min';
import type { Sensitivity } from '../../../shared/scenarios.js';
import { Plot } from '../../components/charts/Plot.js';
import { formatMoney } from '../../components/format.js';

export function TornadoChart({ sensitivity, currency, name }: { sensitivity: Sensitivity; currency: string | null; name: string }) {
  const { t, i18n } = useTranslation('scenarios');
  const data = useMemo<Data[]>(() => {
    const money = (v: number) => formatMoney(v, currency, 0);
    const levers = sensitivity.levers;
    const y = levers.map((l) => `${t(`sensitivity.levers.${l.lever}`)} (${t(`sensitivity.steps.${l.lever}`)})`);
    const bar = (side: 'minus' | 'plus', color: string): Data => ({
      type: 'bar',
      orientation: 'h',
      name: t(`sensitivity.${side}`),
      y,
      x: levers.map((l) => (side === 'minus' ? l.delta_minus : l.delta_plus)),
      base: levers.map(() => sensitivity.arr_at_horizon),
      marker: { color },
      hovertext: levers.map((l) =>
        side === 'minus'
          ? `${t(`sensitivity.levers.${l.lever}`)} − ${t(`sensitivity.steps.${l.lever}`)}<br>${t('sensitivity.arr')}: ${money(l.arr_minus)} (${money(l.delta_minus)})`
          : `${t(`sensitivity.levers.${l.lever}`)} + ${t(`sensitivity.steps.${l.lever}`)}<br>${t('sensitivity.arr')}: ${money(l.arr_plus)} (${money(l.delta_plus)})`,
      ),
      hovertemplate: '%{hovertext}<extra></extra>',
    });
    return [bar('minus', '#e8590c'), bar('plus', '#2f6fed')];
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [sensitivity, currency, i18n.language]);

  const layout = useMemo<Partial<Layout>>(
    () => ({
      barmode: 'overlay',
      hovermode: 'closest',
      yaxis: { type: 'category', autorange: 'reversed', automargin: true },
      xaxis: { title: { text: currency ? `${t('sensitivity.arr')} (${currency})` : t('sensitivity.arr') }, tickformat: '~s', automargin: true },
      shapes: [{ type: 'line', xref: 'x', yref: 'paper', x0: sensitivity.arr_at_horizon, x1: sensitivity.arr_at_horizon, y0: 0, y1: 1, line: { color: '#868e96', dash: 'dot' } }],
      legend: { orientation: 'h', y: -0.2 },
      margin: { l: 160, r: 20, t: 20, b: 70 },
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [sensitivity, currency, i18n.language],
  );
  return <Plot data={data} layout={layout} height={Math.max(260, 60 + 36 * sensitivity.levers.length)} name={`tornado-${name}`} testId="scenario-tornado" />;
}
