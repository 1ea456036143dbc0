// History, then baseline and scenario ARR (or MRR) by month as the engine
// projected them, each scenario's Monte Carlo P10–P90 band shaded behind its
// line: the history is there so the user can judge the baseline.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Data, Layout } from 'plotly.js-dist-min';
import type { ScenarioResult } from '../../../shared/scenarios.js';
import { Plot } from '../../components/charts/Plot.js';
import { formatMoney } from '../../components/format.js';

const COLORS = ['#2f6fed', '#e8590c', '#2b8a3e', '#ae3ec9', '#c92a2a', '#1098ad'];
const BASELINE = '#868e96';
const HISTORY = '#343a40';

function rgba(hex: string, alpha: number) {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${alpha})`;
}

export function ProjectionChart({ results, measure, currency }: { results: ScenarioResult[]; measure: 'arr' | 'mrr'; currency: string | null }) {
  const { t, i18n } = useTranslation('scenarios');
  const data = useMemo<Data[]>(() => {
    const money = (v: number) => formatMoney(v, currency, 0);
    const label = t(`chart.${measure}`);
    const traces: Data[] = [];
    const first = results[0];
    if (first) {
      const history = first.baseline.history;
      traces.push({
        type: 'scatter',
        mode: 'lines',
        name: t('chart.history'),
        x: history.map((m) => m.date),
        y: history.map((m) => m[measure]),
        line: { color: HISTORY, width: 2 },
        hovertext: history.map((m) => `${t('chart.history')} · ${m.date}<br>${label}: ${money(m[measure])}`),
        hovertemplate: '%{hovertext}<extra></extra>',
      });
      const months = first.baseline_projection.total;
      traces.push({
        type: 'scatter',
        mode: 'lines',
        name: t('chart.baseline'),
        x: months.map((m) => m.date),
        y: months.map((m) => m[measure]),
        line: { color: BASELINE, width: 2, dash: 'dash' },
        hovertext: months.map((m) => `${t('chart.baseline')} · ${m.date}<br>${label}: ${money(m[measure])}`),
        hovertemplate: '%{hovertext}<extra></extra>',
      });
    }
    results.forEach((result, index) => {
      const color = COLORS[index % COLORS.length]!;
      const name = result.scenario.name;
      const mc = result.monte_carlo;
      if (mc) {
        const x = mc.months.map((m) => m.date);
        traces.push({
          type: 'scatter',
          mode: 'lines',
          name: `${name} P10`,
          x,
          y: mc.months.map((m) => m[measure].p10),
          line: { width: 0, color },
          showlegend: false,
          legendgroup: `band-${index}`,
          hovertext: mc.months.map((m) => `${name} · ${m.date}<br>P10: ${money(m[measure].p10)}`),
          hovertemplate: '%{hovertext}<extra></extra>',
        });
        traces.push({
          type: 'scatter',
          mode: 'lines',
          name: t('chart.band', { name }),
          x,
          y: mc.months.map((m) => m[measure].p90),
          line: { width: 0, color },
          fill: 'tonexty',
          fillcolor: rgba(color, 0.15),
          legendgroup: `band-${index}`,
          hovertext: mc.months.map((m) => `${name} · ${m.date}<br>P90: ${money(m[measure].p90)} · P50: ${money(m[measure].p50)}`),
          hovertemplate: '%{hovertext}<extra></extra>',
        });
      }
      const months = result.projection.total;
      traces.push({
        type: 'scatter',
        mode: 'lines+markers',
        name,
        x: months.map((m) => m.date),
        y: months.map((m) => m[measure]),
        line: { color, width: 2 },
        marker: { size: 4 },
        hovertext: months.map((m) => `${name} · ${m.date}<br>${label}: ${money(m[measure])}`),
        hovertemplate: '%{hovertext}<extra></extra>',
      });
    });
    return traces;
    // The labels follow the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [results, measure, currency, i18n.language]);

  const layout = useMemo<Partial<Layout>>(
    () => ({
      hovermode: 'closest',
      xaxis: { type: 'category', automargin: true },
      yaxis: { title: { text: currency ? `${t(`chart.${measure}`)} (${currency})` : t(`chart.${measure}`) }, automargin: true, tickformat: '~s' },
      legend: { orientation: 'h', y: -0.18 },
      margin: { l: 70, r: 20, t: 20, b: 60 },
    }),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [measure, currency, i18n.language],
  );
  return <Plot data={data} layout={layout} height={400} name={`scenario-${measure}`} testId="scenario-projection" />;
}
