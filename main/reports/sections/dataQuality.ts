// Data quality: the files read and what the import audit found.
// Pure: it picks and formats figures of the analysis, never computes a metric.
import path from 'node:path';
import { fill } from '../strings.js';
import type { Provenance, ReportTable, SectionModel } from '../document.js';
import { type Ctx, table } from './context.js';

export function filesTable(ctx: Ctx, provenance: Provenance): ReportTable {
  const p = ctx.s.provenance;
  return table(
    ctx,
    'data_files',
    ctx.s.tables.files,
    ['file', 'kind', 'rows_read', 'rows_loaded', 'rows_rejected', 'sha256'],
    provenance.files.map((file) => [file.file, file.kind, file.rowsRead, file.rowsLoaded, file.rowsRejected, file.sha256]),
    { file: p.file, kind: p.kind, rows_read: p.rowsRead, rows_loaded: p.rowsLoaded, rows_rejected: p.rowsRejected, sha256: p.sha256 },
  );
}

export function dataQualitySection(ctx: Ctx, provenance: Provenance): Omit<SectionModel, 'id' | 'title'> {
  const { s, f } = ctx;
  const severity = (value: string) => (s.dataQualityText as Record<string, string>)[value] ?? value;
  const audit = table(
    ctx,
    'audit',
    s.tables.audit,
    ['file', 'check', 'severity', 'count', 'audit_amount', 'examples'],
    provenance.audit.map((row) => [
      path.basename(row.file),
      row.check,
      severity(row.severity),
      row.count,
      row.amount,
      row.examples
        .slice(0, 3)
        .map((e) => (e.line === null ? `${e.value ?? ''}` : `${e.line}: ${e.value ?? ''}`))
        .join(s.listSeparator),
    ]),
  );
  const rows = provenance.files.reduce((sum, file) => sum + file.rowsRead, 0);
  const rejected = provenance.files.reduce((sum, file) => sum + file.rowsRejected, 0);
  const items = [fill(s.dataQualityText.files, { files: provenance.files.length, rows: f.integer(rows), rejected: f.integer(rejected) })];
  if (provenance.audit.length === 0) items.push(s.dataQualityText.none);
  return {
    blocks: [{ type: 'paragraphs', items }, { type: 'table', table: filesTable(ctx, provenance) }, ...(provenance.audit.length ? [{ type: 'table' as const, table: audit }] : [])],
    dataTables: [],
  };
}
