// One Plotly chart, bundled locally (no CDN), themed for light and dark, with
// clicks on points, bars and heatmap cells reported for drill-down and the
// chart exportable as PNG or SVG.
import { useEffect, useRef } from 'react';
import Plotly from 'plotly.js-dist-min';
import type { Config, Data, Layout, PlotMouseEvent } from 'plotly.js-dist-min';

export interface PlotClick {
  /** The trace's name (e.g. a movement or a segment). */
  trace: string;
  x: unknown;
  y: unknown;
  /** Anything the trace put in `customdata` for this point. */
  custom: unknown;
}

export interface PlotProps {
  data: Data[];
  layout?: Partial<Layout>;
  height?: number;
  onClick?: (click: PlotClick) => void;
  /** File name for PNG/SVG exports. */
  name: string;
  testId?: string;
}

function themeLayout(): Partial<Layout> {
  const dark = window.matchMedia?.('(prefers-color-scheme: dark)').matches ?? false;
  const text = dark ? '#e4e8f0' : '#1d2330';
  const grid = dark ? '#2e3440' : '#e6e9ef';
  return {
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    font: { family: "system-ui, 'Noto Sans', 'Noto Sans CJK SC', sans-serif", size: 12, color: text },
    xaxis: { gridcolor: grid, zerolinecolor: grid },
    yaxis: { gridcolor: grid, zerolinecolor: grid },
    legend: { orientation: 'h', y: -0.2 },
    margin: { l: 60, r: 20, t: 30, b: 50 },
    hoverlabel: { namelength: -1 },
  };
}

function merge(base: Partial<Layout>, extra: Partial<Layout>): Partial<Layout> {
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current = out[key];
    out[key] = current && typeof current === 'object' && value && typeof value === 'object' && !Array.isArray(value) ? { ...current, ...value } : value;
  }
  return out as Partial<Layout>;
}

export function Plot({ data, layout = {}, height = 360, onClick, name, testId }: PlotProps) {
  const ref = useRef<HTMLDivElement>(null);
  const clickRef = useRef(onClick);
  clickRef.current = onClick;

  useEffect(() => {
    const element = ref.current;
    if (!element) return;
    const config: Partial<Config> = {
      displaylogo: false,
      responsive: true,
      toImageButtonOptions: { filename: name },
      // Offline: nothing that would send a chart anywhere.
      modeBarButtonsToRemove: ['lasso2d', 'select2d', 'sendChartToCloud'],
      // PNG comes with Plotly's camera button; SVG is one more button.
      modeBarButtonsToAdd: [
        {
          name: 'downloadSvg',
          title: 'Download plot as SVG',
          icon: Plotly.Icons.disk,
          click: (gd) => void Plotly.downloadImage(gd, { format: 'svg', filename: name, width: gd.clientWidth, height: gd.clientHeight }),
        },
      ],
    };
    void Plotly.react(element, data, merge(merge(themeLayout(), { height }), layout), config).then(() => {
      const plot = element as unknown as Plotly.PlotlyHTMLElement;
      plot.removeAllListeners?.('plotly_click');
      plot.on('plotly_click', (event: PlotMouseEvent) => {
        const point = event.points[0];
        if (!point || !clickRef.current) return;
        clickRef.current({ trace: String(point.data.name ?? ''), x: point.x, y: point.y, custom: point.customdata });
      });
    });
  }, [data, layout, height, name]);

  useEffect(() => {
    const element = ref.current;
    return () => {
      if (element) Plotly.purge(element);
    };
  }, []);

  return <div ref={ref} className="plot" data-testid={testId} />;
}
