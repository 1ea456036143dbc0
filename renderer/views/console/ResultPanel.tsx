// A console result: its row count, column types and time taken; all its rows
// in the paged grid the Data screen uses (pages of Arrow from DuckDB); sort and
// filter asked of the engine as SQL (console.view); a chart; and exports.
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONSOLE_FILTER_OPS, DOWNLOAD_CHUNK_MAX, type ConsoleResult, type ExportFormat, type ResultView } from '../../../shared/console.js';
import type { Invoke } from '../../../shared/transport.js';
import { newJobId } from '../../api/jobs.js';
import { Grid } from '../../components/grid/Grid.js';
import { downloadParts } from '../../components/export/csv.js';
import { arrowRows } from '../data/DataView.js';
import { ResultChart } from './ResultChart.js';

const EXPORTS: { format: ExportFormat; mime: string }[] = [
  { format: 'csv', mime: 'text/csv;charset=utf-8' },
  { format: 'xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' },
  { format: 'parquet', mime: 'application/vnd.apache.parquet' },
];

interface ResultPanelProps {
  /** The run's own result (the base of every view). */
  base: ConsoleResult;
  durationMs: number;
  invoke: Invoke;
  onError: (message: string) => void;
  /** Work under way (a view, an export) with its job, for Cancel. */
  onBusy: (jobId: string | null) => void;
}

export function ResultPanel({ base, durationMs, invoke, onError, onBusy }: ResultPanelProps) {
  const { t } = useTranslation('console');
  const [shown, setShown] = useState<ConsoleResult>(base);
  const [view, setView] = useState<ResultView>({ sort: null, filter: null });
  const [chartShown, setChartShown] = useState(false);
  const [filterText, setFilterText] = useState('');

  const fetchPage = useCallback(
    async (offset: number, limit: number) => {
      const page = await invoke('console.page', { resultId: shown.resultId, offset, limit });
      if (!page.ok) throw new Error(page.error.message);
      return arrowRows(page.value);
    },
    [invoke, shown.resultId],
  );
  const onGridError = useCallback((error: Error) => onError(error.message), [onError]);

  async function apply(next: ResultView) {
    setView(next);
    const jobId = newJobId();
    onBusy(jobId);
    const answer = await invoke('console.view', { resultId: base.resultId, view: next, jobId });
    onBusy(null);
    if (!answer.ok) return onError(answer.error.message);
    setShown(answer.value);
  }

  async function exportAs(format: ExportFormat, mime: string) {
    const jobId = newJobId();
    onBusy(jobId);
    const started = await invoke('console.download', { resultId: shown.resultId, format, jobId });
    if (!started.ok) {
      onBusy(null);
      return onError(started.error.message);
    }
    // Chunk by chunk: neither the engine nor this page holds the whole file in one piece.
    const parts: Uint8Array[] = [];
    const { downloadId, size } = started.value;
    for (let offset = 0; offset < size || parts.length === 0; offset += DOWNLOAD_CHUNK_MAX) {
      const chunk = await invoke('console.downloadChunk', { downloadId, offset, length: DOWNLOAD_CHUNK_MAX });
      if (!chunk.ok) {
        onBusy(null);
        return onError(chunk.error.message);
      }
      parts.push(chunk.value);
      if (size === 0) break;
    }
    onBusy(null);
    downloadParts(`query-result.${format}`, parts, mime);
  }

  const columns = base.columns;
  const filterColumn = view.filter?.column ?? columns[0]?.name ?? '';
  const filterOp = view.filter?.op ?? 'contains';
  return (
    <section className="console-result" aria-label={t('result.label')}>
      <header className="console-result-header">
        <span data-testid="result-rows">{t('result.rows', { count: shown.rowCount, rows: shown.rowCount.toLocaleString('en-US') })}</span>
        {shown.rowCount !== base.rowCount && <span className="muted">{t('result.ofRows', { rows: base.rowCount.toLocaleString('en-US') })}</span>}
        <span className="muted" data-testid="result-duration">{t('result.duration', { seconds: (durationMs / 1000).toFixed(durationMs < 10_000 ? 2 : 1) })}</span>
        <span className="spacer" />
        <button type="button" onClick={() => setChartShown((s) => !s)} aria-pressed={chartShown} data-testid="chart-toggle">
          {t('result.chart')}
        </button>
        {EXPORTS.map(({ format, mime }) => (
          <button key={format} type="button" onClick={() => void exportAs(format, mime)} title={t('result.exportTitle', { format: format.toUpperCase() })} data-testid={`export-${format}`}>
            {format.toUpperCase()}
          </button>
        ))}
      </header>
      <div className="console-controls">
        <label>
          {t('view.sortBy')}
          <select
            value={view.sort?.column ?? ''}
            onChange={(e) => void apply({ ...view, sort: e.target.value ? { column: e.target.value, descending: view.sort?.descending ?? false } : null })}
            data-testid="sort-column"
          >
            <option value="">{t('view.noSort')}</option>
            {columns.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          <input
            type="checkbox"
            checked={view.sort?.descending ?? false}
            disabled={!view.sort}
            onChange={(e) => view.sort && void apply({ ...view, sort: { ...view.sort, descending: e.target.checked } })}
          />
          {t('view.descending')}
        </label>
        <form
          className="console-filter"
          onSubmit={(event) => {
            event.preventDefault();
            const form = new FormData(event.currentTarget);
            const op = String(form.get('op')) as (typeof CONSOLE_FILTER_OPS)[number];
            void apply({ ...view, filter: { column: String(form.get('column')), op, value: op === 'is_null' || op === 'not_null' ? null : filterText } });
          }}
        >
          {t('view.filter')}
          <select name="column" defaultValue={filterColumn} data-testid="filter-column">
            {columns.map((c) => (
              <option key={c.name} value={c.name}>
                {c.name}
              </option>
            ))}
          </select>
          <select name="op" defaultValue={filterOp} data-testid="filter-op">
            {CONSOLE_FILTER_OPS.map((op) => (
              <option key={op} value={op}>
                {t(`view.ops.${op}`)}
              </option>
            ))}
          </select>
          <input value={filterText} onChange={(e) => setFilterText(e.target.value)} aria-label={t('view.value')} data-testid="filter-value" />
          <button type="submit">{t('view.apply')}</button>
          {view.filter && (
            <button type="button" onClick={() => void apply({ ...view, filter: null })}>
              {t('view.clear')}
            </button>
          )}
        </form>
      </div>
      {chartShown && <ResultChart key={shown.resultId} result={shown} invoke={invoke} />}
      <ul className="column-types" aria-label={t('result.columns')}>
        {shown.columns.map((column) => (
          <li key={column.name}>
            <strong>{column.name}</strong> <code>{column.type}</code>
          </li>
        ))}
      </ul>
      <Grid key={shown.resultId} columns={shown.columns} rowCount={shown.rowCount} fetchPage={fetchPage} onError={onGridError} />
    </section>
  );
}
