// The data-quality audit, as stored in the workspace (model.audit): per
// imported file its rows read, loaded and rejected (right after an import),
// then each check with its severity, count and examples; and the rejected
// rows themselves in the paged grid, exportable as CSV.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { DataType, tableFromIPC } from 'apache-arrow';
import type { ColumnInfo } from '../../../shared/contract.js';
import type { AuditRow, ImportSummary } from '../../../shared/model.js';
import type { Invoke } from '../../../shared/transport.js';
import { Grid } from '../../components/grid/Grid.js';
import type { Row } from '../../components/grid/paging.js';
import { arrowRows } from '../data/DataView.js';
import { downloadCsv, toCsv } from '../../components/export/csv.js';
import { fileName } from './draft.js';

export interface AuditViewProps {
  invoke: Invoke;
  /** The import just made, for its per-file counts; null when the audit is opened on demand. */
  summary: ImportSummary | null;
  onError: (error: Error) => void;
}

const EXPORT_PAGE = 5000;
/** The grid's header, borders and a horizontal scrollbar: its height beside the rows (28px each). */
const GRID_CHROME = 52;
export const EXPORT_CAP = 100_000;

const CHECK_LABELS: Record<string, string> = {
  rejected: 'Rejected rows',
  future_dates: 'Dates in the future',
  duplicate_ids: 'Duplicate ids',
  zero_amounts: 'Zero amounts',
  refunds_and_negative_amounts: 'Refunds and negative amounts',
  overlapping_subscriptions: 'Overlapping subscriptions of one customer',
  customers_without_revenue: 'Customers without revenue',
  revenue_without_customers: 'Revenue of customers missing from the customer files',
  currency_without_rate: 'Currencies without an exchange rate',
};

const words = (text: string) => text.replace(/_/g, ' ');

/** "rejected:unparseable_money:amount" → "Rejected rows: unparseable money (column amount)". */
export function checkLabel(check: string): string {
  const [head = '', ...rest] = check.split(':');
  const label = CHECK_LABELS[head] ?? words(head).replace(/^./, (c) => c.toUpperCase());
  if (head === 'rejected') {
    const [reason, column] = rest;
    return `${label}: ${words(reason ?? '')}${column ? ` (column ${column})` : ''}`;
  }
  return rest.length ? `${label} (${rest.join(', ')})` : label;
}

/** Arrow's column types as the grid's DuckDB-style names (numbers right-aligned). */
function columnsOf(bytes: Uint8Array): ColumnInfo[] {
  return tableFromIPC(bytes).schema.fields.map((field) => ({
    name: field.name,
    type: DataType.isInt(field.type) ? 'BIGINT' : DataType.isFloat(field.type) ? 'DOUBLE' : 'VARCHAR',
  }));
}

interface ImportGroup {
  importId: number;
  file: string;
  checks: AuditRow[];
  counts: ImportSummary['files'][number] | null;
}

function groupByImport(audit: AuditRow[], summary: ImportSummary | null): ImportGroup[] {
  const groups = new Map<number, ImportGroup>();
  for (const file of summary?.files ?? []) groups.set(file.importId, { importId: file.importId, file: file.file, checks: [], counts: file });
  for (const row of audit) {
    const group = groups.get(row.importId) ?? { importId: row.importId, file: row.file, checks: [], counts: null };
    group.checks.push(row);
    groups.set(row.importId, group);
  }
  return [...groups.values()].sort((a, b) => b.importId - a.importId);
}

export function AuditView({ invoke, summary, onError }: AuditViewProps) {
  const [audit, setAudit] = useState<AuditRow[] | null>(null);
  const [version, setVersion] = useState(0);
  const [columns, setColumns] = useState<ColumnInfo[] | null>(null);
  const [exporting, setExporting] = useState<string | null>(null);
  const [exportNote, setExportNote] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    void (async () => {
      const [result, first] = await Promise.all([invoke('model.audit', {}), invoke('model.rejects', { offset: 0, limit: 1 })]);
      if (!live) return;
      if (!result.ok) return onError(new Error(result.error.message));
      setAudit(result.value);
      if (first.ok) setColumns(columnsOf(first.value));
      else onError(new Error(first.error.message));
    })();
    return () => {
      live = false;
    };
  }, [invoke, onError, summary, version]);

  const groups = useMemo(() => groupByImport(audit ?? [], summary), [audit, summary]);
  // The audit counts every rejects row under one "rejected:…" check: their sum is the rejects table's size.
  const rejectCount = useMemo(
    () => (audit ?? []).filter((row) => row.check.startsWith('rejected:')).reduce((sum, row) => sum + row.count, 0),
    [audit],
  );

  const fetchPage = useCallback(
    async (offset: number, limit: number) => {
      const result = await invoke('model.rejects', { offset, limit });
      if (!result.ok) throw new Error(result.error.message);
      return arrowRows(result.value);
    },
    // A new audit (after an import or a refresh) means new rejects: start afresh.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [invoke, audit],
  );

  async function exportRejects() {
    setExportNote(null);
    const rows: Row[] = [];
    let header: string[] | null = null;
    let more = true;
    while (more && rows.length < EXPORT_CAP) {
      setExporting(`Exporting… ${rows.length.toLocaleString('en-US')} rows`);
      const limit = Math.min(EXPORT_PAGE, EXPORT_CAP - rows.length);
      const page = await invoke('model.rejects', { offset: rows.length, limit });
      if (!page.ok) {
        setExporting(null);
        return onError(new Error(page.error.message));
      }
      header ??= columnsOf(page.value).map((c) => c.name);
      const pageRows = arrowRows(page.value);
      rows.push(...pageRows);
      more = pageRows.length === limit;
    }
    if (more) {
      const next = await invoke('model.rejects', { offset: rows.length, limit: 1 });
      more = next.ok && arrowRows(next.value).length > 0;
    }
    downloadCsv('rejects.csv', toCsv(header ?? [], rows));
    setExporting(null);
    setExportNote(
      more
        ? `Exported the first ${EXPORT_CAP.toLocaleString('en-US')} rejected rows only: there are more. Fix the file's most common problem and import it again.`
        : `Exported ${rows.length.toLocaleString('en-US')} rejected rows to rejects.csv.`,
    );
  }

  return (
    <section className="audit-view" aria-label="Data quality" data-testid="audit-view">
      <header className="data-header">
        <h2>Data quality</h2>
        <span className="muted">{summary ? 'Audit of the import just made, and of earlier imports' : 'Audit of every import into this workspace'}</span>
        <button type="button" onClick={() => setVersion((v) => v + 1)}>
          Refresh
        </button>
      </header>
      {audit === null ? (
        <p className="muted">Reading the audit…</p>
      ) : groups.length === 0 ? (
        <p className="muted">Nothing has been imported into the churn model yet. Use “Import into churn model…”.</p>
      ) : (
        groups.map((group) => <ImportAudit key={group.importId} group={group} />)
      )}
      <section className="rejects" aria-label="Rejected rows">
        <header className="data-header">
          <h3>Rejected rows</h3>
          <span className="row-count" data-testid="rejects-count">
            {rejectCount.toLocaleString('en-US')} {rejectCount === 1 ? 'row' : 'rows'}
          </span>
          <button type="button" onClick={() => void exportRejects()} disabled={rejectCount === 0 || exporting !== null}>
            {exporting ?? 'Export rejects (CSV)'}
          </button>
        </header>
        {exportNote && (
          <p className="muted" role="status">
            {exportNote}
          </p>
        )}
        {rejectCount === 0 ? (
          <p className="muted">No row was rejected.</p>
        ) : (
          columns && (
            <div className="rejects-grid" style={{ height: Math.min(480, GRID_CHROME + 28 * rejectCount) }}>
              <Grid key={version} columns={columns} rowCount={rejectCount} fetchPage={fetchPage} onError={onError} />
            </div>
          )
        )}
      </section>
    </section>
  );
}

function ImportAudit({ group }: { group: ImportGroup }) {
  const { counts } = group;
  return (
    <article className="import-audit" aria-label={`Audit of ${fileName(group.file)}`} data-testid="import-audit">
      <header>
        <h3 title={group.file}>{fileName(group.file)}</h3>
        <span className="muted">import {group.importId}{counts ? ` · ${counts.kind}` : ''}</span>
      </header>
      {counts && (
        <dl className="import-counts" data-testid="import-counts">
          <div>
            <dt>Rows read</dt>
            <dd>{counts.rowsRead.toLocaleString('en-US')}</dd>
          </div>
          <div>
            <dt>Loaded</dt>
            <dd>{counts.rowsLoaded.toLocaleString('en-US')}</dd>
          </div>
          <div className={counts.rowsRejected ? 'bad' : ''}>
            <dt>Rejected</dt>
            <dd>{counts.rowsRejected.toLocaleString('en-US')}</dd>
          </div>
        </dl>
      )}
      {group.checks.length === 0 ? (
        <p className="muted">No findings: every check passed.</p>
      ) : (
        <table className="audit-table">
          <thead>
            <tr>
              <th>Severity</th>
              <th>Check</th>
              <th className="numeric">Count</th>
              <th>Examples (line: value)</th>
            </tr>
          </thead>
          <tbody>
            {group.checks.map((row) => (
              <tr key={row.check} data-check={row.check}>
                <td>
                  <span className={`badge ${row.severity}`}>{row.severity}</span>
                </td>
                <td>
                  {checkLabel(row.check)}
                  <div className="muted check-code">
                    <code>{row.check}</code>
                  </div>
                </td>
                <td className="numeric">{row.count.toLocaleString('en-US')}</td>
                <td>
                  <div className="examples">
                    {row.examples.map((example, i) => (
                      <span key={i} className="example" title={example.value ?? undefined}>
                        {example.line !== null ? `line ${example.line}: ` : ''}
                        {example.value ?? <em>empty</em>}
                      </span>
                    ))}
                    {row.count > row.examples.length && <span className="muted">…</span>}
                  </div>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </article>
  );
}
