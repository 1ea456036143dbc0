// The data-quality audit, as stored in the workspace (model.audit): per
// imported file its rows read, loaded and rejected (right after an import),
// then each check with its severity, count and examples; and the rejected
// rows themselves in the paged grid, exportable as CSV.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { DataType, tableFromIPC } from 'apache-arrow';
import { useTranslation } from 'react-i18next';
import type { ColumnInfo } from '../../../shared/contract.js';
import type { AuditRow, ImportSummary } from '../../../shared/model.js';
import type { Invoke } from '../../../shared/transport.js';
import { Grid } from '../../components/grid/Grid.js';
import type { Row } from '../../components/grid/paging.js';
import { arrowRows } from '../data/DataView.js';
import { downloadCsv, toCsv } from '../../components/export/csv.js';
import { fileName } from './draft.js';
import type { Translate } from './fields.js';

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

/** The checks with a label of their own (import:audit.checks); any other reads as its code in words. */
const CHECK_LABELS = new Set([
  'rejected',
  'future_dates',
  'duplicate_ids',
  'zero_amounts',
  'refunds_and_negative_amounts',
  'overlapping_subscriptions',
  'customers_without_revenue',
  'revenue_without_customers',
  'currency_without_rate',
  'currency_mix',
  'amount_includes_tax',
  'amount_excludes_tax',
  'not_revenue_status',
  'one_off_charges',
  'lines_without_service_period',
  'rows_without_customer',
  'tax_relation_differs',
]);

/** Reasons of the rejects table with a fixed wording (import:audit.reasons). */
const REASONS = new Set(['end_before_start', 'negative_amount_is_not_mrr', 'negative_mrr', 'duplicate_row']);
const VALUE_TYPES = new Set(['text', 'date', 'money', 'number', 'integer', 'percent', 'boolean']);

const words = (text: string) => text.replace(/_/g, ' ');

/** A rejects reason in words: "unparseable_money" → "unparseable money", "missing_a_or_b" → "missing a or b". */
function reasonLabel(t: Translate, reason: string): string {
  if (REASONS.has(reason)) return t(`import:audit.reasons.${reason}`);
  const unparseable = /^unparseable_(.+)$/.exec(reason)?.[1];
  if (unparseable && VALUE_TYPES.has(unparseable)) return t('import:audit.reasons.unparseable', { type: t(`import:valueTypes.${unparseable}`) });
  const missing = /^missing_(.+)$/.exec(reason)?.[1];
  if (missing) return t('import:audit.reasons.missing', { fields: missing.split('_or_').map(words).join(t('import:words.or')) });
  return words(reason);
}

/** "rejected:unparseable_money:amount" → "Rejected rows: unparseable money (column amount)". */
export function checkLabel(t: Translate, check: string): string {
  const [head = '', ...rest] = check.split(':');
  const label = CHECK_LABELS.has(head) ? t(`import:audit.checks.${head}`) : words(head).replace(/^./, (c) => c.toUpperCase());
  if (head === 'rejected') {
    const [reason, column] = rest;
    const text = reasonLabel(t, reason ?? '');
    return column ? t('import:audit.rejectedCheckColumn', { label, reason: text, column }) : t('import:audit.rejectedCheck', { label, reason: text });
  }
  return rest.length ? t('import:audit.checkWithArgs', { label, args: rest.join(t('import:words.list')) }) : label;
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
  const { t } = useTranslation('import');
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
      setExporting(t('audit.exporting', { rows: rows.length.toLocaleString('en-US') }));
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
        ? t('audit.exportedCapped', { cap: EXPORT_CAP.toLocaleString('en-US') })
        : t('audit.exported', { rows: rows.length.toLocaleString('en-US') }),
    );
  }

  return (
    <section className="audit-view" aria-label={t('audit.title')} data-testid="audit-view">
      <header className="data-header">
        <h2>{t('audit.title')}</h2>
        <span className="muted">{summary ? t('audit.justImported') : t('audit.everyImport')}</span>
        <button type="button" onClick={() => setVersion((v) => v + 1)}>
          {t('audit.refresh')}
        </button>
      </header>
      {audit === null ? (
        <p className="muted">{t('audit.reading')}</p>
      ) : groups.length === 0 ? (
        <p className="muted">{t('audit.nothingImported')}</p>
      ) : (
        groups.map((group) => <ImportAudit key={group.importId} group={group} />)
      )}
      <section className="rejects" aria-label={t('audit.rejectedRows')}>
        <header className="data-header">
          <h3>{t('audit.rejectedRows')}</h3>
          <span className="row-count" data-testid="rejects-count">
            {t('audit.rowCount', { count: rejectCount, rows: rejectCount.toLocaleString('en-US') })}
          </span>
          <button type="button" onClick={() => void exportRejects()} disabled={rejectCount === 0 || exporting !== null}>
            {exporting ?? t('audit.exportRejects')}
          </button>
        </header>
        {exportNote && (
          <p className="muted" role="status">
            {exportNote}
          </p>
        )}
        {rejectCount === 0 ? (
          <p className="muted">{t('audit.noRejects')}</p>
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
  const { t } = useTranslation('import');
  const { counts } = group;
  return (
    <article className="import-audit" aria-label={t('audit.auditOf', { file: fileName(group.file) })} data-testid="import-audit">
      <header>
        <h3 title={group.file}>{fileName(group.file)}</h3>
        <span className="muted">
          {counts ? t('audit.importNumberKind', { id: group.importId, kind: t(`kindNames.${counts.kind}`) }) : t('audit.importNumber', { id: group.importId })}
        </span>
      </header>
      {counts && (
        <dl className="import-counts" data-testid="import-counts">
          <div>
            <dt>{t('audit.rowsRead')}</dt>
            <dd>{counts.rowsRead.toLocaleString('en-US')}</dd>
          </div>
          <div>
            <dt>{t('audit.loaded')}</dt>
            <dd>{counts.rowsLoaded.toLocaleString('en-US')}</dd>
          </div>
          <div className={counts.rowsRejected ? 'bad' : ''}>
            <dt>{t('audit.rejected')}</dt>
            <dd>{counts.rowsRejected.toLocaleString('en-US')}</dd>
          </div>
        </dl>
      )}
      {group.checks.length === 0 ? (
        <p className="muted">{t('audit.noFindings')}</p>
      ) : (
        <table className="audit-table">
          <thead>
            <tr>
              <th>{t('audit.severity')}</th>
              <th>{t('audit.check')}</th>
              <th className="numeric">{t('audit.count')}</th>
              <th className="numeric">{t('audit.amount')}</th>
              <th>{t('audit.examples')}</th>
            </tr>
          </thead>
          <tbody>
            {group.checks.map((row) => (
              <tr key={row.check} data-check={row.check}>
                <td>
                  <span className={`badge ${row.severity}`}>{t(`audit.severities.${row.severity}`, { defaultValue: row.severity })}</span>
                </td>
                <td>
                  {checkLabel(t, row.check)}
                  <div className="muted check-code">
                    <code>{row.check}</code>
                  </div>
                </td>
                <td className="numeric">{row.count.toLocaleString('en-US')}</td>
                <td className="numeric">{row.amount === null ? '' : row.amount.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}</td>
                <td>
                  <div className="examples">
                    {row.examples.map((example, i) => (
                      <span key={i} className="example" title={example.value ?? undefined}>
                        {example.line !== null ? t('audit.line', { line: example.line }) : ''}
                        {example.value ?? <em>{t('audit.empty')}</em>}
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
