// The cohorts screen: logo and net revenue retention by cohort as a heatmap
// (cohorts × periods since joining, the weighted average as the last row),
// retention curves per cohort with the weighted average, and the matrix as a
// table. Every cell drills down to the customers behind it. All numbers are
// the engine's (useAnalysis().result.cohorts); nothing is recomputed here.
import { useMemo, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { Data, Layout } from 'plotly.js-dist-min';
import type { Drill } from '../../../shared/metrics.js';
import { DrillPanel } from '../../components/DrillPanel.js';
import { Plot, type PlotClick } from '../../components/charts/Plot.js';
import { SqlButton } from '../../components/SqlButton.js';
import { DataTable, type TableColumn } from '../../components/table/DataTable.js';
import { formatMoney, formatNumber, formatPercent } from '../../components/format.js';
import { useAnalysis } from '../../state/analysis.js';
import { cohortMatrix, supported, type Basis, type CohortMatrix, type Measure, type Unit } from './matrix.js';
import './cohorts.css';

type TableRow = Record<string, string | number | null>;
type Translate = ReturnType<typeof useTranslation>['t'];

const DARK_QUERY = '(prefers-color-scheme: dark)';

function subscribeScheme(onChange: () => void) {
  const query = window.matchMedia?.(DARK_QUERY);
  query?.addEventListener('change', onChange);
  return () => query?.removeEventListener('change', onChange);
}

function useDarkScheme(): boolean {
  return useSyncExternalStore(subscribeScheme, () => window.matchMedia?.(DARK_QUERY).matches ?? false, () => false);
}

/** Sequential single-hue scales: low retention blends into the page, high retention stands out, in either theme. */
const SCALES = {
  light: [
    [0, '#f3f6fc'],
    [0.35, '#c7d7f6'],
    [0.7, '#6e97e6'],
    [1, '#1f4fa8'],
  ],
  dark: [
    [0, '#1f2633'],
    [0.35, '#2b4270'],
    [0.7, '#3f6fcf'],
    [1, '#9cc0ff'],
  ],
} as const;

const kKey = (k: number) => `k${k}`;

function formatValue(value: number | null, format: CohortMatrix['format'], currency: string | null, language: string, compact = false): string {
  if (value === null) return '';
  if (format === 'percent') return formatPercent(value, compact ? 0 : 1);
  if (format === 'integer') return formatNumber(value, 0);
  if (!compact) return formatMoney(value, currency, 2);
  return new Intl.NumberFormat(language === 'zh-CN' ? 'zh-CN' : 'en-US', { notation: 'compact', maximumSignificantDigits: 3 }).format(value);
}

function Toggle<T extends string>({
  label,
  value,
  options,
  onChange,
  testId,
}: {
  label: string;
  value: T;
  options: { value: T; label: string; disabled?: string | false }[];
  onChange: (value: T) => void;
  testId: string;
}) {
  return (
    <div className="cohort-toggle" role="group" aria-label={label}>
      <span className="cohort-toggle-label">{label}</span>
      {options.map((option) => (
        <button
          key={option.value}
          type="button"
          aria-pressed={value === option.value}
          className={value === option.value ? 'selected' : ''}
          disabled={!!option.disabled}
          title={option.disabled || undefined}
          onClick={() => onChange(option.value)}
          data-testid={`${testId}-${option.value}`}
        >
          {option.label}
        </button>
      ))}
    </div>
  );
}

function heatmapFigure(matrix: CohortMatrix, t: Translate, currency: string | null, language: string, dark: boolean) {
  const showAverage = matrix.format === 'percent';
  const averageLabel = t('average');
  const labels = [...matrix.rows.map((r) => r.cohort), ...(showAverage ? [averageLabel] : [])];
  const cell = (row: (number | null)[], k: number) => row[k] ?? null;
  const z = matrix.rows.map((r) => matrix.ks.map((k) => cell(r.shares, k)));
  const text = matrix.rows.map((r) => matrix.ks.map((k) => formatValue(cell(r.values, k), matrix.format, currency, language, true)));
  const hover = matrix.rows.map((r) =>
    matrix.ks.map((k) => {
      const share = cell(r.shares, k);
      const value = cell(r.values, k);
      if (value === null && share === null) return '';
      const lines = [t('hover.cell', { cohort: r.cohort, k })];
      if (matrix.format !== 'percent') lines.push(`${t('hover.value')}: ${formatValue(value, matrix.format, currency, language)}`);
      lines.push(`${t('hover.retention')}: ${formatPercent(share, 1)}`);
      return lines.join('<br>');
    }),
  );
  const custom: string[][] = matrix.rows.map((r) => matrix.ks.map(() => r.cohort));
  if (showAverage) {
    z.push(matrix.average);
    text.push(matrix.average.map((v) => formatValue(v, 'percent', currency, language, true)));
    hover.push(matrix.ks.map((k) => (matrix.average[k] === null ? '' : `${averageLabel} · k = ${k}<br>${formatPercent(matrix.average[k], 1)}`)));
    custom.push(matrix.ks.map(() => ''));
  }
  const shares = z.flat().filter((v): v is number => v !== null);
  // The colour range spans the values shown (from the nearest 10% below the lowest), so
  // differences stay visible; net revenue retention can exceed 100%: the scale stretches
  // a little, then clamps.
  const zmin = Math.max(0, Math.floor(Math.min(1, ...shares) * 10) / 10);
  const zmax = Math.min(1.5, Math.max(1, ...shares));
  const columns = matrix.ks.length;
  const fontSize = columns <= 13 ? 12 : columns <= 25 ? 10 : matrix.format === 'money' ? 7 : 8;
  const rowHeight = columns <= 13 ? 30 : columns <= 25 ? 24 : 19;
  const data: Data[] = [
    {
      type: 'heatmap',
      x: matrix.ks,
      y: labels,
      z,
      text,
      texttemplate: '%{text}',
      textfont: { size: fontSize },
      hovertext: hover,
      hoverinfo: 'text',
      hoverongaps: false,
      customdata: custom,
      colorscale: (dark ? SCALES.dark : SCALES.light).map(([stop, colour]) => [stop, colour]),
      zmin,
      zmax,
      xgap: 1,
      ygap: 1,
      colorbar: { title: { text: t('heatmap.colorbar') }, tickformat: '.0%', thickness: 12, outlinewidth: 0 },
    } as Data,
  ];
  const layout: Partial<Layout> = {
    xaxis: {
      title: { text: t(matrix.period === 'month' ? 'axis.monthsSince' : 'axis.quartersSince') },
      type: 'linear',
      dtick: columns > 24 ? 2 : 1,
      showgrid: false,
      zeroline: false,
      fixedrange: true,
    },
    yaxis: { type: 'category', autorange: 'reversed', showgrid: false, automargin: true, fixedrange: true },
    margin: { l: 70, r: 10, t: 10, b: 50 },
  };
  return { data, layout, height: Math.max(220, labels.length * rowHeight + 70) };
}

function curvesFigure(matrix: CohortMatrix, t: Translate, dark: boolean) {
  const thin = dark ? 'rgba(156, 192, 255, 0.35)' : 'rgba(47, 111, 237, 0.3)';
  const thick = dark ? '#ffb454' : '#c2410c';
  const data: Data[] = matrix.rows.map((r) => ({
    type: 'scatter',
    mode: 'lines',
    name: r.cohort,
    x: matrix.ks.slice(0, r.shares.length),
    y: r.shares,
    customdata: r.shares.map(() => r.cohort),
    line: { width: 1, color: thin },
    showlegend: false,
    hovertemplate: `${r.cohort} · k = %{x}: %{y:.1%}<extra></extra>`,
  }));
  data.push({
    type: 'scatter',
    mode: 'lines+markers',
    name: t('average'),
    x: matrix.ks,
    y: matrix.average,
    line: { width: 4, color: thick },
    marker: { size: 5, color: thick },
    showlegend: true,
    hovertemplate: `${t('average')} · k = %{x}: %{y:.1%}<extra></extra>`,
  });
  const layout: Partial<Layout> = {
    xaxis: { title: { text: t(matrix.period === 'month' ? 'axis.monthsSince' : 'axis.quartersSince') }, dtick: matrix.ks.length > 24 ? 3 : 1 },
    yaxis: { title: { text: t('axis.retention') }, tickformat: '.0%', rangemode: 'tozero' },
    legend: { orientation: 'h', y: 1.08, x: 1, xanchor: 'right' },
    margin: { t: 30 },
    hovermode: 'closest',
  };
  return { data, layout };
}

export function CohortsView() {
  const { t, i18n } = useTranslation('cohorts');
  const { result, invoke } = useAnalysis();
  const dark = useDarkScheme();
  const [measure, setMeasure] = useState<Measure>('logo');
  const [unit, setUnit] = useState<Unit>('percent');
  const [basis, setBasis] = useState<Basis>('period');
  const [open, setOpen] = useState<{ drill: Drill; title: string } | null>(null);
  const [picked, setPicked] = useState<{ cohort: string; k: number } | null>(null);
  const language = i18n.language;
  const cohorts = result?.cohorts ?? null;
  const currency = result?.settings.reporting_currency ?? null;

  const matrix = useMemo(() => (cohorts ? cohortMatrix(cohorts, measure, unit, basis) : null), [cohorts, measure, unit, basis]);
  // t and language: the figures carry translated titles and locale-formatted cell text.
  const heatmap = useMemo(() => (matrix ? heatmapFigure(matrix, t, currency, language, dark) : null), [matrix, t, currency, language, dark]);
  const curves = useMemo(() => (matrix ? curvesFigure(matrix, t, dark) : null), [matrix, t, dark]);

  if (!cohorts || !matrix || !heatmap || !curves) return null;

  function drillInto(cohort: string, k: number) {
    if (!cohorts) return;
    setOpen({ drill: { kind: 'cohort', cohortPeriod: cohorts.period, cohort, k }, title: t('drillTitle', { cohort, k }) });
  }

  function onCellClick(click: PlotClick) {
    const cohort = typeof click.custom === 'string' ? click.custom : '';
    const k = Number(click.x);
    if (cohort && Number.isInteger(k)) drillInto(cohort, k);
  }

  const setMeasureSafely = (next: Measure) => {
    setMeasure(next);
    if (!supported(next, unit, basis)) setBasis('period');
  };
  const orLaterUnavailable = measure === 'revenue' ? t('unavailable.revenueOrLater') : false;
  const countsUnavailable = false;

  const columnLabel = (k: number) => t(`column.${matrix.period}`, { k });
  const tableColumns: TableColumn<TableRow>[] = [
    { key: 'cohort', label: t('table.cohort') },
    { key: 'base', label: measure === 'logo' ? t('table.size') : t('table.startMrr'), format: measure === 'logo' ? 'integer' : 'money' },
    ...matrix.ks.map((k) => ({ key: kKey(k), label: columnLabel(k), format: matrix.format })),
  ];
  const tableRows: TableRow[] = matrix.rows.map((r) => ({
    cohort: r.cohort,
    base: r.base,
    ...Object.fromEntries(matrix.ks.map((k) => [kKey(k), r.values[k] ?? null])),
  }));
  if (matrix.format === 'percent') {
    tableRows.push({ cohort: t('average'), base: null, ...Object.fromEntries(matrix.ks.map((k) => [kKey(k), matrix.average[k] ?? null])) });
  }

  const pickedCohort = matrix.rows.find((r) => r.cohort === picked?.cohort) ?? matrix.rows[0];
  const pickedK = Math.min(picked?.k ?? 0, Math.max(0, (pickedCohort?.shares.length ?? 1) - 1));
  const exportName = `cohorts-${measure}-${unit}${basis === 'later' ? '-or-later' : ''}`;

  return (
    <div className="cohorts-view" data-testid="cohorts-view">
      <header className="cohorts-header">
        <h2>{t('title')}</h2>
        <p className="muted">{t('intro', { period: t(`periodWord.${cohorts.period}`) })}</p>
      </header>
      <div className="cohort-toggles">
        <Toggle
          label={t('toggles.measure')}
          value={measure}
          onChange={setMeasureSafely}
          testId="cohort-measure"
          options={[
            { value: 'logo', label: t('toggles.logo') },
            { value: 'revenue', label: t('toggles.revenue') },
          ]}
        />
        <Toggle
          label={t('toggles.unit')}
          value={unit}
          onChange={setUnit}
          testId="cohort-unit"
          options={[
            { value: 'percent', label: t('toggles.percent') },
            { value: 'counts', label: t('toggles.counts'), disabled: countsUnavailable },
          ]}
        />
        <Toggle
          label={t('toggles.basis')}
          value={basis}
          onChange={setBasis}
          testId="cohort-basis"
          options={[
            { value: 'period', label: t('toggles.inPeriod') },
            { value: 'later', label: t('toggles.orLater'), disabled: orLaterUnavailable },
          ]}
        />
      </div>

      {matrix.rows.length === 0 ? (
        <div className="empty">
          <p>{t('empty')}</p>
        </div>
      ) : (
        <>
          <section className="panel" aria-labelledby="cohort-heatmap-title">
            <h3>
              <span id="cohort-heatmap-title">
                {t('heatmap.title')}: {t(`toggles.${measure}`)}
              </span>
              <span className="cohort-sql">
                <span>
                  <span className="muted">{t('sql.cells')}:</span> <SqlButton query="cohorts" />
                </span>
                <span>
                  <span className="muted">{t('sql.average')}:</span> <SqlButton query="cohort_average" />
                </span>
              </span>
            </h3>
            <p className="muted cohort-hint">
              {t('heatmap.hint')}
              {matrix.format !== 'percent' && <> {t('heatmap.countsNote')}</>}
            </p>
            <Plot
              data={heatmap.data}
              layout={heatmap.layout}
              height={heatmap.height}
              onClick={onCellClick}
              name={`${exportName}-heatmap`}
              testId="cohort-heatmap"
            />
            <form
              className="cohort-picker"
              aria-label={t('picker.label')}
              onSubmit={(event) => {
                event.preventDefault();
                if (pickedCohort) drillInto(pickedCohort.cohort, pickedK);
              }}
            >
              <span className="muted">{t('picker.label')}</span>
              <label>
                {t('picker.cohort')}
                <select
                  value={pickedCohort?.cohort ?? ''}
                  onChange={(e) => setPicked({ cohort: e.target.value, k: pickedK })}
                  data-testid="cohort-picker-cohort"
                >
                  {matrix.rows.map((r) => (
                    <option key={r.cohort} value={r.cohort}>
                      {r.cohort}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('picker.k')}
                <select
                  value={pickedK}
                  onChange={(e) => setPicked({ cohort: pickedCohort?.cohort ?? '', k: Number(e.target.value) })}
                  data-testid="cohort-picker-k"
                >
                  {(pickedCohort?.shares ?? []).map((_, k) => (
                    <option key={k} value={k}>
                      {columnLabel(k)}
                    </option>
                  ))}
                </select>
              </label>
              <button type="submit" data-testid="cohort-picker-show">
                {t('picker.show')}
              </button>
            </form>
          </section>

          <section className="panel" aria-labelledby="cohort-curves-title">
            <h3>
              <span id="cohort-curves-title">
                {t('curves.title')}: {t(`toggles.${measure}`)}
              </span>
            </h3>
            <p className="muted cohort-hint">{t('curves.hint')}</p>
            <Plot data={curves.data} layout={curves.layout} height={380} onClick={onCellClick} name={`${exportName}-curves`} testId="cohort-curves" />
          </section>

          <section className="panel" aria-labelledby="cohort-table-title">
            <h3>
              <span id="cohort-table-title">{t('table.title')}</span>
            </h3>
            <DataTable name={exportName} columns={tableColumns} rows={tableRows} invoke={invoke} currency={currency} testId="cohort-table" />
          </section>
        </>
      )}

      {open && <DrillPanel drill={open.drill} title={open.title} onClose={() => setOpen(null)} />}
    </div>
  );
}
