// A chart of a console result: the kind and the columns picked by the user,
// with defaults from the column types; the points are aggregated by the
// engine in SQL (console.chart), never computed here from rows.
import { useEffect, useMemo, useState } from 'react';
import { tableFromIPC } from 'apache-arrow';
import { useTranslation } from 'react-i18next';
import type { Data } from 'plotly.js-dist-min';
import { CHART_KINDS, type ChartKind, type ChartRequest, type ConsoleResult } from '../../../shared/console.js';
import type { Invoke } from '../../../shared/transport.js';
import { Plot } from '../../components/charts/Plot.js';
import { defaultChart } from './chartDefaults.js';

/** Plotly traces from the engine's points (x, y and maybe series). */
function traces(kind: ChartKind, bytes: Uint8Array): Data[] {
  const table = tableFromIPC(bytes);
  const x = table.getChild('x')?.toArray() as unknown[] | undefined;
  const y = table.getChild('y')?.toArray() as unknown[] | undefined;
  const seriesColumn = table.getChild('series');
  const xs = Array.from(x ?? [], (v) => (typeof v === 'bigint' ? Number(v) : v));
  const ys = Array.from(y ?? [], (v) => (typeof v === 'bigint' ? Number(v) : v));
  if (kind === 'heatmap') {
    const series = Array.from(seriesColumn?.toArray() ?? [], String);
    return [{ type: 'heatmap', x: xs as never, y: series, z: ys as never, colorscale: 'Blues' }];
  }
  const groups = new Map<string, { x: unknown[]; y: unknown[] }>();
  for (let i = 0; i < xs.length; i += 1) {
    const key = seriesColumn ? String(seriesColumn.get(i) ?? '∅') : '';
    const group = groups.get(key) ?? { x: [], y: [] };
    group.x.push(xs[i]);
    group.y.push(ys[i]);
    groups.set(key, group);
  }
  return [...groups.entries()].map(([name, points]) => ({
    name,
    x: points.x as never,
    y: points.y as never,
    ...(kind === 'bar'
      ? { type: 'bar' as const }
      : kind === 'scatter'
        ? { type: 'scatter' as const, mode: 'markers' as const }
        : { type: 'scatter' as const, mode: 'lines' as const, ...(kind === 'area' ? { fill: 'tozeroy' as const, stackgroup: 'one' } : {}) }),
  }));
}

export function ResultChart({ result, invoke }: { result: ConsoleResult; invoke: Invoke }) {
  const { t } = useTranslation('console');
  const [chart, setChart] = useState<ChartRequest | null>(() => defaultChart(result.columns));
  const [points, setPoints] = useState<{ data: Data[]; truncated: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!chart) return;
    let current = true;
    void invoke('console.chart', { resultId: result.resultId, chart }).then((answer) => {
      if (!current) return;
      if (!answer.ok) {
        setError(answer.error.message);
        setPoints(null);
      } else {
        setError(null);
        setPoints({ data: traces(answer.value.kind, answer.value.points), truncated: answer.value.truncated });
      }
    });
    return () => {
      current = false;
    };
  }, [chart, invoke, result.resultId]);

  const layout = useMemo(() => ({ xaxis: { title: { text: chart?.x ?? '' } }, yaxis: { title: { text: chart?.kind === 'heatmap' ? (chart.series ?? '') : (chart?.y ?? '') } }, barmode: 'group' as const }), [chart]);
  if (!chart) return null;
  const update = (change: Partial<ChartRequest>) => setChart({ ...chart, ...change });
  const picker = (label: string, value: string | null, onChange: (value: string | null) => void, optional: boolean, testId: string) => (
    <label>
      {label}
      <select value={value ?? ''} onChange={(e) => onChange(e.target.value === '' ? null : e.target.value)} data-testid={testId}>
        {optional && <option value="">{t('chart.none')}</option>}
        {result.columns.map((c) => (
          <option key={c.name} value={c.name}>
            {c.name}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <div className="console-chart" data-testid="console-chart">
      <div className="console-controls">
        <label>
          {t('chart.kind')}
          <select value={chart.kind} onChange={(e) => update({ kind: e.target.value as ChartKind })} data-testid="chart-kind">
            {CHART_KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {t(`chart.kinds.${kind}`)}
              </option>
            ))}
          </select>
        </label>
        {picker(t('chart.x'), chart.x, (x) => x && update({ x }), false, 'chart-x')}
        {picker(chart.kind === 'heatmap' ? t('chart.value') : t('chart.y'), chart.y, (y) => y && update({ y }), false, 'chart-y')}
        {picker(chart.kind === 'heatmap' ? t('chart.yAxis') : t('chart.series'), chart.series, (series) => update({ series }), true, 'chart-series')}
        {points?.truncated && <span className="muted">{t('chart.truncated')}</span>}
      </div>
      {error && <div className="error" role="alert">{error}</div>}
      {points && !error && <Plot data={points.data} layout={layout} name={`console-${chart.kind}`} testId="console-plot" height={320} />}
    </div>
  );
}
