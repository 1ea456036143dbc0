// The survival screen's Plotly figures, built from the engine's answer
// (shared/survival.ts SurvivalResult): step curves with their confidence
// bands and the number-at-risk table on the same time axis, and the hazard by
// tenure interval. Nothing here estimates anything; the risk table reads the
// curve's own at-risk counts.
import type { Data, Layout } from 'plotly.js-dist-min';
import type { KaplanMeierRow, SurvivalGroup, SurvivalResult } from '../../../shared/survival.js';
import { formatNumber, formatPercent } from '../../components/format.js';

type Translate = (key: string, values?: Record<string, unknown>) => string;

const COLOURS = ['#2f6fed', '#c2410c', '#15803d', '#7c3aed', '#b91c1c', '#0e7490', '#a16207', '#be185d'];
export const groupColour = (index: number) => COLOURS[index % COLOURS.length]!;

function translucent(hex: string, alpha: number): string {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${alpha})`;
}

/** A round step for the time axis: whole years of months where they fit, else 1, 2 or 5 × 10^k; about ten ticks at most. */
export function axisStep(maxTime: number, unit: SurvivalResult['unit']): number {
  const candidates = unit === 'months' ? [1, 2, 3, 6, 12, 24, 36, 60, 120, 240] : [];
  for (let power = 0; candidates.length < 40; power++) candidates.push(...[1, 2, 5].map((m) => m * 10 ** power));
  return candidates.find((step) => maxTime / step <= 10) ?? candidates.at(-1)!;
}

/** Those at risk at t: the at-risk count of the first listed time at or after t (none after the last time). */
export function atRiskAt(curve: readonly KaplanMeierRow[], time: number): number {
  return curve.find((row) => row.time >= time)?.n_risk ?? 0;
}

/** The time axis's ticks, where the risk table reads its counts. */
export function riskTicks(result: SurvivalResult): number[] {
  const maxTime = Math.max(0, ...result.groups.map((g) => g.curve.at(-1)?.time ?? 0));
  const step = axisStep(maxTime, result.unit);
  return Array.from({ length: Math.floor(maxTime / step) + 1 }, (_, i) => i * step);
}

/** Curve points carry [group, time] for the drill-down. */
export type CurvePoint = [group: string, time: number];

export function curvesFigure(result: SurvivalResult, t: Translate, unitLabel: string) {
  const ticks = riskTicks(result);
  const maxTime = Math.max(1, ...result.groups.map((g) => g.curve.at(-1)?.time ?? 0));
  const percent = (v: number | null) => formatPercent(v, 1);
  const data: Data[] = [];
  result.groups.forEach((group, index) => {
    const colour = groupColour(index);
    const times = [0, ...group.curve.map((r) => r.time)];
    // The band: upper edge first, then the lower edge filled up to it; gaps where S(t) = 0 leave the band open.
    data.push({
      type: 'scatter',
      mode: 'lines',
      x: times,
      y: [1, ...group.curve.map((r) => r.upper)],
      line: { shape: 'hv', width: 0, color: colour },
      hoverinfo: 'skip',
      showlegend: false,
      legendgroup: group.group,
      name: `${group.group} upper`,
    });
    data.push({
      type: 'scatter',
      mode: 'lines',
      x: times,
      y: [1, ...group.curve.map((r) => r.lower)],
      line: { shape: 'hv', width: 0, color: colour },
      fill: 'tonexty',
      fillcolor: translucent(colour, 0.15),
      hoverinfo: 'skip',
      showlegend: false,
      legendgroup: group.group,
      name: `${group.group} lower`,
    });
    data.push({
      type: 'scatter',
      mode: 'lines+markers',
      name: group.group,
      legendgroup: group.group,
      x: times,
      y: [1, ...group.curve.map((r) => r.surv)],
      line: { shape: 'hv', width: 2, color: colour },
      marker: { size: 5, color: colour },
      customdata: times.map((time): CurvePoint => [group.group, time]),
      hovertext: [
        t('curves.hover', { group: group.group, time: 0, unit: unitLabel, surv: percent(1), lower: percent(1), upper: percent(1), atRisk: formatNumber(group.n), events: 0, censored: 0 }),
        ...group.curve.map((r) =>
          t('curves.hover', {
            group: group.group,
            time: formatNumber(r.time, Number.isInteger(r.time) ? 0 : 2),
            unit: unitLabel,
            surv: percent(r.surv),
            lower: percent(r.lower),
            upper: percent(r.upper),
            atRisk: formatNumber(r.n_risk),
            events: formatNumber(r.n_event),
            censored: formatNumber(r.n_censor),
          }),
        ),
      ],
      hoverinfo: 'text',
    } as Data);
    // The number at risk under the chart, on the same x axis.
    data.push({
      type: 'scatter',
      mode: 'text',
      x: ticks,
      y: ticks.map(() => group.group),
      text: ticks.map((tick) => formatNumber(atRiskAt(group.curve, tick))),
      textfont: { color: colour, size: 11 },
      yaxis: 'y2',
      hoverinfo: 'skip',
      showlegend: false,
      name: `${group.group} at risk`,
    } as Data);
  });
  // The risk table takes a row per group under the plot, below the axis's tick labels and title.
  const height = 460 + 24 * result.groups.length;
  const plotHeight = height - 80;
  const tableShare = Math.min(0.4, (20 + 26 * result.groups.length) / plotHeight);
  const gap = 80 / plotHeight;
  const layout: Partial<Layout> = {
    xaxis: {
      title: { text: t('curves.axisTime', { unit: unitLabel }) },
      range: [-maxTime * 0.03, maxTime * 1.03],
      tick0: 0,
      dtick: ticks[1] ?? 1,
      anchor: 'y',
      zeroline: false,
    },
    yaxis: { title: { text: t('curves.axisSurvival') }, tickformat: '.0%', range: [0, 1.02], domain: [tableShare + gap, 1] },
    yaxis2: {
      domain: [0, tableShare],
      type: 'category',
      autorange: 'reversed',
      showgrid: false,
      zeroline: false,
      fixedrange: true,
      automargin: true,
    },
    annotations: [
      { text: t('curves.atRisk'), xref: 'paper', yref: 'paper', x: 0, y: tableShare + 0.01, xanchor: 'right', yanchor: 'bottom', showarrow: false, font: { size: 11 } },
    ],
    legend: { orientation: 'h', y: 1.08, x: 1, xanchor: 'right' },
    margin: { t: 30, l: 110, b: 20 },
    hovermode: 'closest',
  };
  return { data, layout, height };
}

export function hazardFigure(result: SurvivalResult, t: Translate, unitLabel: string) {
  const data: Data[] = result.groups.map((group: SurvivalGroup, index) => ({
    type: 'scatter',
    mode: 'lines+markers',
    name: group.group,
    x: group.hazard.map((h) => h.to),
    y: group.hazard.map((h) => h.hazard),
    line: { width: 2, color: groupColour(index) },
    marker: { size: 4, color: groupColour(index) },
    hovertext: group.hazard.map((h) =>
      t('hazard.hover', {
        group: group.group,
        from: formatNumber(h.from, Number.isInteger(h.from) ? 0 : 1),
        to: formatNumber(h.to, Number.isInteger(h.to) ? 0 : 1),
        unit: unitLabel,
        events: formatNumber(h.events),
        atRisk: formatNumber(h.at_risk),
        hazard: formatPercent(h.hazard, 1),
      }),
    ),
    hoverinfo: 'text',
  }));
  const layout: Partial<Layout> = {
    xaxis: { title: { text: t('hazard.axisInterval', { unit: unitLabel }) }, rangemode: 'tozero' },
    yaxis: { title: { text: t('hazard.axisHazard') }, tickformat: '.0%', rangemode: 'tozero' },
    legend: { orientation: 'h', y: 1.1, x: 1, xanchor: 'right' },
    margin: { t: 30 },
    hovermode: 'closest',
  };
  return { data, layout };
}
