// How every report chart looks: the colours of the movements and segments, the
// report font and the Plotly layout they share. Its own module so the section
// builders outside model.ts (scenarioSection.ts) draw the same way.

export const COLORS = {
  new: '#2e9e6a',
  reactivation: '#7cc4a4',
  expansion: '#4a7fd8',
  contraction: '#e79a3a',
  churn: '#d6524e',
  mrr: '#1d2330',
  accent: '#1f4e8c',
  band: 'rgba(46, 158, 106, 0.22)',
  segments: ['#4e79a7', '#e08a2c', '#59a14f', '#8d95a5', '#b07aa1', '#4fa3a5', '#d4a72c', '#c65b7c'],
};

export const REPORT_FONT = 'CW Report Sans';

export function baseLayout(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    font: { family: `'${REPORT_FONT}', sans-serif`, size: 11, color: '#1d2330' },
    paper_bgcolor: '#ffffff',
    plot_bgcolor: '#ffffff',
    margin: { l: 64, r: 24, t: 36, b: 48 },
    legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom' },
    xaxis: { gridcolor: '#e6e9ef', zerolinecolor: '#c9ced8', automargin: true },
    yaxis: { gridcolor: '#e6e9ef', zerolinecolor: '#c9ced8', automargin: true },
    hoverlabel: { namelength: -1 },
    ...extra,
  };
}
