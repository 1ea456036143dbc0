// Imports a reference (a billing or analytics system's own MRR) on the import's
// path: the file is read by the ingest sources (any format and encoding) in a
// reader process, as a model import's is (ingest/reader), its rows staged and checked by the same SQL as a model import (dates,
// amounts, duplicates, misshapen lines → churn.rejects with their line), the
// audit stored, and everything written in one transaction that replaces the
// previous reference. Amounts are converted to the reporting currency with the
// workspace's rates, as the model's are.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { EngineError } from '../../shared/result.js';
import {
  REFERENCE_FIELDS,
  type ReferenceField,
  type ReferenceFileRequest,
  type ReferenceImportSummary,
  type ReferencePreview,
} from '../../shared/reconcile.js';
import type { Database } from '../runtime/database.js';
import type { JobContext } from '../runtime/jobs.js';
import { ident, str } from '../runtime/sql.js';
import { ensureModel } from '../model/schema.js';
import type { Source } from '../ingest/sources/index.js';
import { readIsolated, readPreview } from '../ingest/reader/isolated.js';
import { dropStageSql, stageFieldSql, stageSql, withDateFormats, type FileMapping } from '../ingest/stage.js';
import { handleMisshapenLines } from '../ingest/misshapen.js';
import { oneImportAtATime } from '../ingest/importLock.js';
import { rejectsAuditSql } from '../ingest/audit.js';
import { readAudit } from '../ingest/importer.js';
import { guessNumberStyle, type ColumnInput, type Field } from '../ingest/mapping/index.js';
import { ensureReconcile } from './schema.js';
import { GENERIC_MOVEMENT_WORDS, suggestReference, type ReferenceMapping } from './suggest.js';
import { REFERENCE_PRESETS } from './presets.js';
import { readReference } from './state.js';
import { movementMonthsSql, rejectColumnSql, reshapedRelation } from './reshape.js';

const SAMPLE_ROWS = 500;
const MOVEMENT_SUMS = ['new', 'reactivation', 'expansion', 'contraction', 'churn'] as const;

async function rows(conn: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return (await conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
}

async function sha256(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

/** Column names, types and first values: what the mapping is suggested from. */
async function describe(conn: DuckDBConnection, source: Source): Promise<ColumnInput[]> {
  let reader;
  try {
    reader = await conn.runAndReadAll(`SELECT * FROM ${source.relation({ allVarchar: true })} LIMIT ${SAMPLE_ROWS}`);
  } catch (error) {
    throw source.explain(error, 'import_failed');
  }
  const values = reader.getColumnsJS();
  return reader.columnNames().map((name, index) => ({
    name,
    type: reader.columnType(index).toString(),
    samples: (values[index] ?? []).map((v) => (v === null || v === undefined ? null : String(v))),
  }));
}

/** The model fields the staging reads for the reference fields it shares with an MRR snapshot file. */
const MODEL_FIELDS = ['customer_id', 'month', 'mrr', 'currency'] as const satisfies readonly (ReferenceField & Field)[];

/** The staging's mapping: an MRR snapshot file's, with the reference's columns, number styles and unit. */
function stagingMapping(mapping: ReferenceMapping, columns: ColumnInput[], request: ReferenceFileRequest): FileMapping {
  const fields: Partial<Record<Field, string>> = {};
  for (const field of MODEL_FIELDS) if (mapping.fields[field] !== undefined) fields[field] = mapping.fields[field];
  const cents = (request.amountUnit ?? mapping.preset?.amountUnit ?? 'major') === 'cents';
  const moneyColumns = (['mrr', ...MOVEMENT_SUMS] as const).map((f) => mapping.fields[f]).filter((c): c is string => c !== undefined);
  const samples = Object.fromEntries(columns.map((c) => [c.name, c.samples]));
  const numberStyles = { ...mapping.modelSuggestion.numberStyles };
  for (const column of moneyColumns) numberStyles[column] ??= guessNumberStyle(samples[column] ?? []);
  const staged: FileMapping = {
    kind: 'mrr',
    fields,
    dateFormats: Object.fromEntries(Object.entries(mapping.modelSuggestion.dateFormats).filter(([column]) => column === fields.month)),
    numberStyles,
    minorUnitDigits: cents ? Object.fromEntries(moneyColumns.map((c) => [c, 2])) : {},
    ...(request.dayFirst === undefined ? {} : { dayFirst: request.dayFirst }),
  };
  return withDateFormats(staged, samples);
}

/** Movement words → ours as a CASE over the lower-cased text; unknown words give 'unknown'. */
function movementSql(column: string, words: Record<string, string | null>): string {
  const key = `regexp_replace(lower(trim(CAST(${ident(column)} AS VARCHAR))), '[ -]+', '_', 'g')`;
  const cases = Object.entries(words).map(([word, movement]) => `WHEN ${str(word.replace(/[ -]+/g, '_'))} THEN ${movement === null ? 'NULL' : str(movement)}`);
  return `CASE WHEN NULLIF(trim(CAST(${ident(column)} AS VARCHAR)), '') IS NULL THEN NULL ELSE CASE ${key} ${cases.join(' ')} ELSE 'unknown' END END`;
}

/**
 * The staged rows with the reference's own fields (movement, customers,
 * movement sums) read from the row's source columns, their problems added,
 * and the rate into the reporting currency.
 */
function referenceStageSql(target: string, stage: string, mapping: ReferenceMapping, staging: FileMapping, columns: ColumnInput[], currency: string | null): string {
  const typeOf = new Map(columns.map((c) => [c.name, c.type]));
  const extras: string[] = [];
  const problems: string[] = [];
  const problem = (test: string, column: string, reason: string) =>
    `CASE WHEN ${test} THEN {'column': ${str(column)}, 'value': CAST(${ident(column)} AS VARCHAR), 'reason': ${str(reason)}} END`;
  const movementColumn = mapping.fields.movement;
  if (movementColumn !== undefined) {
    // A preset's labels that move none of our movements (ChartMogul's plan-length changes …) are read as no movement.
    const ignored = Object.fromEntries((mapping.preset?.ignoredMovements ?? []).map((word) => [word, null]));
    extras.push(`${movementSql(movementColumn, { ...GENERIC_MOVEMENT_WORDS, ...ignored, ...(mapping.preset?.movementValues ?? {}) })} AS __movement`);
  } else extras.push('CAST(NULL AS VARCHAR) AS __movement');
  for (const field of MOVEMENT_SUMS) {
    const column = mapping.fields[field];
    if (column === undefined) {
      extras.push(`CAST(NULL AS DECIMAL(18,6)) AS __${field}`);
      continue;
    }
    // Vendors write churn and contraction as negative amounts or positive ones: the model's movements are positive.
    extras.push(`abs(${stageFieldSql('mrr', column, typeOf.get(column)!, staging)}) AS __${field}`);
  }
  const customersColumn = mapping.fields.customers;
  extras.push(customersColumn === undefined ? 'CAST(NULL AS BIGINT) AS __customers' : `${stageFieldSql('employees', customersColumn, typeOf.get(customersColumn)!, staging)} AS __customers`);
  const reporting = `(SELECT json_extract_string(value, '$') FROM churn.settings WHERE key = 'reporting_currency')`;
  const rowCurrency = `upper(coalesce(__currency, ${currency ? str(currency) : 'NULL'}, ${reporting}))`;
  const rate = `CASE WHEN ${rowCurrency} IS NULL OR ${rowCurrency} = ${reporting} OR ${reporting} IS NULL THEN 1 ELSE (SELECT fx.rate FROM churn.fx_rates fx WHERE fx.currency = ${rowCurrency}) END`;
  const checked = [
    ...(movementColumn !== undefined ? [problem(`__movement = 'unknown'`, movementColumn, 'unknown_movement')] : []),
    ...MOVEMENT_SUMS.filter((f) => mapping.fields[f] !== undefined).map((f) =>
      problem(`NULLIF(trim(CAST(${ident(mapping.fields[f]!)} AS VARCHAR)), '') IS NOT NULL AND __${f} IS NULL`, mapping.fields[f]!, 'unparseable_money'),
    ),
    ...(customersColumn !== undefined
      ? [problem(`NULLIF(trim(CAST(${ident(customersColumn)} AS VARCHAR)), '') IS NOT NULL AND __customers IS NULL`, customersColumn, 'unparseable_integer')]
      : []),
    problem('__rate IS NULL', mapping.fields.currency ?? mapping.fields.mrr!, 'no_rate_for_currency'),
  ];
  problems.push(...checked);
  // A movement's change is negative for a loss: not a negative MRR.
  const staged = mapping.reading === 'movements' ? `list_filter(__staged_problems, p -> p.reason <> 'negative_mrr')` : '__staged_problems';
  return `
CREATE TEMP TABLE ${target} AS
SELECT *, len(__problems) > 0 AS __rejected FROM (
  SELECT __line, __source, __customer_id, __month, __mrr, __movement, __customers, ${MOVEMENT_SUMS.map((f) => `__${f}`).join(', ')}, __rate,
         list_concat(${staged}, list_filter([${problems.join(',\n    ')}], p -> p IS NOT NULL)) AS __problems
  FROM (
    SELECT *, ${rate} AS __rate FROM (
      SELECT *, ${extras.join(', ')} FROM (
        SELECT _line AS __line, _source AS __source, _problems AS __staged_problems, customer_id AS __customer_id, month AS __month,
               mrr AS __mrr, currency AS __currency, unnest(_source) FROM ${stage})))
)`;
}

export async function previewReference(db: Database, request: { path: string; preset?: string; layout?: 'customer_month' | 'monthly'; encoding?: string; sheet?: string }): Promise<ReferencePreview> {
  const file = path.resolve(request.path);
  return readPreview(db, file, { ...request, sampleRows: SAMPLE_ROWS }, async (source, conn) => {
      const columns = await describe(conn, source);
      const mapping = mappingOrError(file, columns, request);
      const previewRows = Math.min(20, columns[0]?.samples.length ?? 0);
      const month = mapping.fields.month;
      const guess = month ? mapping.modelSuggestion.dateFormats[month] : undefined;
      return {
        path: file,
        layout: mapping.layout,
        preset: mapping.preset?.id ?? null,
        layoutReason: mapping.layoutReason,
        fields: mapping.fields,
        missingRequired: mapping.missingRequired,
        ambiguousDates:
          month && guess?.ambiguous
            ? [{ column: month, examples: guess.examples.map((e) => ({ input: e.input, dayFirst: e.date, monthFirst: e.alternative ?? null })) }]
            : [],
        columns: columns.map(({ name, type }) => ({ name, type })),
        rows: Array.from({ length: previewRows }, (_, r) => columns.map((c) => c.samples[r] ?? null)),
        notes: mapping.notes,
        encoding: source.encoding,
        sheets: source.sheets,
        presets: REFERENCE_PRESETS.map((p) => ({ id: p.id, label: p.label, layout: p.layout })),
        reading: mapping.reading,
        readingFields: mapping.readingFields,
      };
  });
}

/** Every message names the file it is about. */
function inFile(file: string, source: Source, error: unknown): Error {
  if (error instanceof EngineError) return error.message.includes(file) ? error : new EngineError(error.code, `${file}: ${error.message}`, error.details);
  return source.explain(error, 'import_failed');
}

function mappingOrError(file: string, columns: ColumnInput[], request: Pick<ReferenceFileRequest, 'preset' | 'layout' | 'map'>): ReferenceMapping {
  const names = columns.map((c) => c.name);
  for (const [field, column] of Object.entries(request.map ?? {})) {
    if (!names.includes(column)) throw new EngineError('invalid_request', `${file}: there is no column "${column}" for ${field} (columns: ${names.join(', ')}).`, { file, column });
  }
  try {
    return suggestReference(columns, request);
  } catch (error) {
    throw new EngineError('invalid_request', `${file}: ${(error as Error).message}.`, { file });
  }
}

/** A reference file into the workspace: as an import, one at a time with the model's (its import id is the next one). */
export function importReference(db: Database, request: ReferenceFileRequest, job: JobContext): Promise<ReferenceImportSummary> {
  return oneImportAtATime(db, job, () => importReferenceNow(db, request, job));
}

async function importReferenceNow(db: Database, request: ReferenceFileRequest, job: JobContext): Promise<ReferenceImportSummary> {
  const conn = job.connection;
  const file = path.resolve(request.path);
  const name = path.basename(file);
  await ensureModel(db, conn);
  await ensureReconcile(conn);
  job.step(`Reading ${name}`);
  // The lines DuckDB kept out of the read (misshapen.ts), in a temporary table of the job's own connection.
  const misshapenTable = 'cw_refmisshapen';
  // The file is parsed in a reader process (ingest/reader/isolated.ts); its rows come back as Parquet.
  const source = await readIsolated(db, file, {
    mode: 'stage',
    ...(request.encoding ? { encoding: request.encoding } : {}),
    ...(request.sheet ? { sheet: request.sheet } : {}),
    rejectsTable: misshapenTable,
    connection: conn,
    signal: job.signal,
    onStep: (step) => job.step(`Reading ${name}: ${step}`),
    onPercent: (percent) => job.percent(percent),
  });
  let importId = 0;
  try {
    const columns = await describe(conn, source);
    if (columns.length === 0) throw new EngineError('unsupported_file', `${file}: no columns were found. Is it a table with a header row?`);
    const mapping = mappingOrError(file, columns, request);
    if (mapping.missingRequired.length) {
      throw new EngineError(
        'invalid_request',
        `${file}: as a reference (${mapping.layout === 'customer_month' ? 'one row per customer and month' : 'one row per month'}), the file needs ${mapping.missingRequired.join(', ')}, and no column was recognised for ${mapping.missingRequired.length > 1 ? 'them' : 'it'}. Name the column (columns: ${columns.map((c) => c.name).join(', ')}).`,
        { file, missing: mapping.missingRequired, columns: columns.map((c) => c.name) },
      );
    }
    if (mapping.reading === 'snapshot' && request.referenceMonth === undefined) {
      throw new EngineError(
        'invalid_request',
        `${file}: as the ${mapping.preset!.label}, the file holds each customer's MRR on the day it was exported, not by month: state which month that is (YYYY-MM; --reference-month on the command line).`,
        { file, missing: ['month'] },
      );
    }
    // Rows that are not one per customer and month are reshaped on the way in (reshape.ts).
    const shaped = reshapedRelation(mapping.reading, mapping.preset, source.relation({ allVarchar: true, rejectsTable: misshapenTable }), columns, request.referenceMonth);
    const staging = stagingMapping(mapping, shaped.columns, request);
    await conn.run('BEGIN TRANSACTION');
    try {
      const [next] = await rows(conn, 'SELECT coalesce(max(import_id), 0) + 1 AS id FROM churn.imports');
      importId = Number(next!.id);
      const stage = `cw_refstage_${importId}`;
      const checked = `cw_refrows_${importId}`;
      job.step(`Checking ${name}`);
      try {
        const input = { relation: shaped.relation, columns: shaped.columns, headerLines: source.headerLines, ...(shaped.lineColumn ? { lineColumn: shaped.lineColumn } : {}) };
        // Every row's source: the reference's rows are read from it (referenceStageSql).
        await conn.run(stageSql(stage, input, staging, { earliest: '1970-01-01', latest: '2999-12-31', amountIsUnitPrice: false }, true));
      } catch (error) {
        throw inFile(file, source, error);
      }
      // Before the reference's rows are made from the staged ones: it puts the staged rows' line numbers right.
      const [staged] = await rows(conn, `SELECT count(*) AS n FROM ${stage}`);
      const misshapen = await handleMisshapenLines(conn, source, misshapenTable, [stage], importId, Number(staged!.n), false);
      try {
        await conn.run(referenceStageSql(checked, stage, mapping, staging, shaped.columns, request.currency ?? null));
      } catch (error) {
        throw inFile(file, source, error);
      }
      const [counts] = await rows(conn, `SELECT count(*) AS n, count(*) FILTER (WHERE __rejected) AS rejected FROM ${checked}`);
      const rowsRead = Number(counts!.n) + misshapen;
      const rowsRejected = Number(counts!.rejected) + misshapen;
      if (rowsRead === 0) throw new EngineError('unsupported_file', `${file} has a header but no rows: there is nothing to import.`, { file });
      await conn.run(`
        INSERT INTO churn.rejects
        SELECT ${importId}, ${str(file)}, __line, ${rejectColumnSql(mapping.reading, 'p."column"', '__source')}, p.value, p.reason, to_json(__source)
        FROM (SELECT __line, __source, unnest(__problems) AS p FROM ${checked} WHERE __rejected)`);
      job.step(`Loading ${name}`);
      // The previous reference, its rows, audit and rejects give way (its sign-offs stay, no longer current).
      await conn.run(`
        DELETE FROM churn.audit WHERE import_id IN (SELECT import_id FROM reconcile.reference);
        DELETE FROM churn.rejects WHERE import_id IN (SELECT import_id FROM reconcile.reference);
        DELETE FROM churn.imports WHERE import_id IN (SELECT import_id FROM reconcile.reference);
        DELETE FROM reconcile.reference; DELETE FROM reconcile.reference_rows; DELETE FROM reconcile.reference_months;`);
      const accepted = `FROM ${checked} WHERE NOT __rejected`;
      if (mapping.reading === 'movements') {
        await conn.run(`INSERT INTO reconcile.reference_rows ${movementMonthsSql(checked, request.referenceMonth)}`);
      } else if (mapping.layout === 'customer_month') {
        await conn.run(`
          INSERT INTO reconcile.reference_rows
          SELECT __customer_id, CAST(date_trunc('month', __month) AS DATE), CAST(round(__mrr * __rate, 6) AS DECIMAL(18,6)), __movement, __line
          ${accepted} AND __customer_id IS NOT NULL`);
      } else {
        const sums = MOVEMENT_SUMS.map((f) => `CAST(round(__${f} * __rate, 6) AS DECIMAL(18,6))`).join(', ');
        await conn.run(`
          INSERT INTO reconcile.reference_months
          SELECT CAST(date_trunc('month', __month) AS DATE), CAST(round(__mrr * __rate, 6) AS DECIMAL(18,6)), __customers, ${sums}, __line ${accepted}`);
      }
      const [loaded] = await rows(
        conn,
        mapping.layout === 'customer_month' ? 'SELECT count(*) AS n FROM reconcile.reference_rows' : 'SELECT count(*) AS n FROM reconcile.reference_months',
      );
      const rowsLoaded = Number(loaded!.n);
      const digest = await sha256(file);
      const fields = JSON.stringify(mapping.fields);
      const amountUnit = request.amountUnit ?? mapping.preset?.amountUnit ?? 'major';
      await conn.run(
        `INSERT INTO churn.imports VALUES (${importId}, ${str(file)}, ${str(digest)}, 'reference', ${source.encoding ? str(source.encoding) : 'NULL'},
          ${source.sheet ? str(source.sheet) : 'NULL'}, ${str(JSON.stringify({ layout: mapping.layout, fields: mapping.fields, preset: mapping.preset?.id ?? null, reading: mapping.reading, referenceMonth: request.referenceMonth ?? null }))},
          ${rowsRead}, ${rowsLoaded}, ${rowsRejected}, now()::TIMESTAMP)`,
      );
      await conn.run(
        `INSERT INTO reconcile.reference VALUES (${importId}, ${str(file)}, ${str(digest)}, ${mapping.preset ? str(mapping.preset.id) : 'NULL'},
          ${str(mapping.layout)}, ${str(fields)}, ${source.encoding ? str(source.encoding) : 'NULL'}, ${source.sheet ? str(source.sheet) : 'NULL'},
          ${request.currency ? str(request.currency.toUpperCase()) : 'NULL'}, ${str(amountUnit)}, ${rowsRead}, ${rowsLoaded}, ${rowsRejected}, now()::TIMESTAMP)`,
      );
      await conn.run(rejectsAuditSql(importId));
      await conn.run(`${dropStageSql(stage)} DROP TABLE ${checked};`);
      job.throwIfCancelled();
      await conn.run('COMMIT');
    } catch (error) {
      await conn.run('ROLLBACK');
      throw error;
    }
  } finally {
    source.cleanup();
  }
  const reference = await readReference(db);
  return { reference: reference!, audit: await readAudit(db, [importId]) };
}

/** Every field a layout can map, for messages and the CLI's help. */
export const referenceFieldsText = (layout: 'customer_month' | 'monthly') => (REFERENCE_FIELDS[layout] as readonly string[]).join(', ');
