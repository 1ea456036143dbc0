// A card's trend: the metric over every period of the range, its last point
// marked. Hover reads a period's value; a click reports the period.
import { useMemo } from 'react';
import type { Data, Layout } from 'plotly.js-dist-min';
import { Plot } from '../../components/charts/Plot.js';

export const SPARK_COLOR = '#4f7fe0';

export function Sparkline({ periods, values, labels, name, onPeriod }: {
  periods: string[];
  values: (number | null)[];
  /** The values as they read (formatted), for the hover. */
  labels: string[];
  name: string;
  onPeriod?: (period: string) => void;
}) {
  const data = useMemo<Data[]>(
    () => [
      {
        type: 'scatter',
        mode: 'lines',
        x: periods,
        y: values,
        hovertext: labels,
        customdata: periods,
        hovertemplate: '%{x}: %{hovertext}<extra></extra>',
        line: { color: SPARK_COLOR, width: 1.8, shape: 'linear' },
        fill: 'tozeroy',
        fillcolor: 'rgba(79, 127, 224, 0.12)',
        connectgaps: false,
        name,
      },
      {
        type: 'scatter',
        mode: 'markers',
        x: periods.slice(-1),
        y: values.slice(-1),
        hoverinfo: 'skip',
        marker: { color: SPARK_COLOR, size: 6 },
        name,
      },
    ],
    [periods, values, labels, name],
  );
  const layout = useMemo<Partial<Layout>>(() => {
    const finite = values.filter((v): v is number => v !== null);
    const low = Math.min(...finite);
    const high = Math.max(...finite);
    const pad = (high - low) * 0.1 || Math.abs(high) * 0.05 || 1;
    return {
      margin: { l: 2, r: 6, t: 4, b: 2 },
      showlegend: false,
      hovermode: 'x',
      dragmode: false,
      xaxis: { visible: false, type: 'category', fixedrange: true },
      // Zoomed on the values' span so small changes show.
      yaxis: { visible: false, fixedrange: true, range: finite.length ? [low - pad, high + pad] : undefined },
    };
  }, [values]);
  return (
    <div className="ov-spark">
      <Plot data={data} layout={layout} height={46} name={name} onClick={onPeriod ? (click) => onPeriod(String(click.custom ?? click.x)) : undefined} />
    </div>
  );
}
