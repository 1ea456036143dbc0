// Imports customer exports into the canonical model (docs/DATA_MODEL.md) as
// one transaction: every file is read (any format and encoding), mapped,
// parsed and checked in SQL; rejected rows go to churn.rejects with their
// line; customer_month is rebuilt; the audit is stored. On any error or
// cancel the workspace is exactly as it was.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { DuckDBConnection } from '@duckdb/node-api';
import { EngineError } from '../../shared/result.js';
import type { Database } from '../runtime/database.js';
import { readerToArrow } from '../runtime/arrow.js';
import type { JobContext } from '../runtime/jobs.js';
import { byCancellationIsView, customerIndexSql, ensureModel } from '../model/schema.js';
import { withAddedRows, type FileTable, type ModelSources } from '../model/sources.js';
import { oneImportAtATime } from './importLock.js';
import { auditSql, rejectsAuditSql, taxAuditSql, taxRelationAuditSql } from './audit.js';
import {
  fieldType,
  isField,
  isKind,
  presetById,
  presetMinorUnitDigits,
  presetUnitPrice,
  presetFallbacks,
  requirementText,
  suggestMapping,
  suggestTax,
  unmetRequirements,
  userTaxDecision,
  type ColumnInput,
  type Field,
  type Kind,
  type MappingSuggestion,
  DEFAULT_TIME_ZONE,
  isTimeZone,
} from './mapping/index.js';
import { byCancellationSql, cancelledEarlySql, customerMonthSql, rangeIdsSql } from './normalize/customerMonth.js';
import { customerRanges } from '../model/ranges.js';
import { memoryLimit } from '../runtime/memoryLimit.js';
import { loadedRowsSql, loadSql, type Load } from './normalize/load.js';
import {
  DEFAULT_NORMALIZE_OPTIONS,
  importFileSchema,
  type AuditRow,
  type ImportedFile,
  type ImportFileRequest,
  type ImportSummary,
  type MappingPreview,
  type NormalizeOptions,
} from '../../shared/model.js';
import { readPreview, type IsolatedSource } from './reader/isolated.js';
import { ReadAhead, type Taking } from './readAhead.js';
import { putMisshapenLinesRight, recordMisshapenLinesSql } from './misshapen.js';
import { OPEN_END_FIELDS, STAGING_CATALOG, dropStageSql, rejectedSourcesSql, stageKeysUniqueSql, stageSql, withDateFormats, type FileMapping, type ValueBounds } from './stage.js';
import { checkTerms, intervalAnswers, planTerms, termNotes } from './billingTerms.js';
import { stagePreview } from './previewStage.js';
import { ident, str } from '../runtime/sql.js';

const SAMPLE_ROWS = 500;

/**
 * The database the staged rows are kept in: in memory, compressed when
 * checkpointed (compressStagesIfLarge). Temp tables, as the stages were, are
 * never compressed: a stage (one typed column per field, most of them NULL
 * where unmapped, the row's problems, a customers file's whole row) held 3-4×
 * the bytes of its CSV, more than the rest of a small-memory import together.
 */
const STAGING = STAGING_CATALOG;

/** The staged rows of one file (stageFile); its helper tables are named from it (dropStageSql, stage.ts). */
function stageName(importId: number): string {
  return `${STAGING}.cw_stage_${importId}`;
}

/**
 * Compresses the staged rows (a checkpoint of the staging database: 41 MiB
 * of a 150k-customer file's stage became 6) when the in-memory tables take
 * more than a quarter of DuckDB's memory limit; below that, memory is not
 * short and the compression is time for nothing (3.7 s of a 1M-customer
 * import, whose stages are ~1 GiB under a limit of many GiB).
 */
async function compressStagesIfLarge(conn: DuckDBConnection): Promise<void> {
  const [row] = await rows(conn, `SELECT sum(memory_usage_bytes + temporary_storage_bytes) AS tables FROM duckdb_memory() WHERE tag = 'IN_MEMORY_TABLE'`);
  const limit = await memoryLimit((sql) => rows(conn, sql));
  if (limit !== null && Number(row?.tables ?? 0) > limit / 4) await conn.run(`CHECKPOINT ${STAGING}`);
}

async function sha256(file: string): Promise<string> {
  const hash = crypto.createHash('sha256');
  await pipeline(fs.createReadStream(file), hash);
  return hash.digest('hex');
}

async function rows(conn: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return (await conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
}

/** Column names, types and the first values of a relation: what the mapping is suggested from. */
async function describe(conn: DuckDBConnection, relation: string) {
  const reader = await conn.runAndReadAll(`SELECT * FROM ${relation} LIMIT ${SAMPLE_ROWS}`);
  const names = reader.columnNames();
  const values = reader.getColumnsJS();
  return names.map((name, index) => ({
    name,
    type: reader.columnType(index).toString(),
    samples: (values[index] ?? []).map((v) => (v === null || v === undefined ? null : String(v))),
  }));
}

/**
 * Whether the final mapping's amount includes its tax: the user's word, else
 * decided from the file (mapping/tax.ts) for the columns actually mapped.
 */
function taxDecision(suggestion: MappingSuggestion, request: ImportFileRequest, samples: readonly ColumnInput[], fields: Partial<Record<Field, string>>) {
  if (fields.amount === undefined || fields.tax === undefined) return null;
  if (request.amountIncludesTax !== undefined) return userTaxDecision(fields.amount, fields.tax, request.amountIncludesTax);
  return suggestTax(samples, fields, suggestion, suggestion.preset);
}

/** The suggestion, with the user's kind and field choices applied and checked. */
export function resolveMapping(file: string, suggestion: MappingSuggestion, request: ImportFileRequest, samples: readonly ColumnInput[]): FileMapping {
  const columns = samples.map((c) => c.name);
  const fields = { ...suggestion.fields };
  for (const [field, column] of Object.entries(request.map ?? {})) {
    if (!isField(field)) throw new EngineError('invalid_request', `${file}: "${field}" is not a field of the churn model (see docs/DATA_MODEL.md).`);
    if (!columns.includes(column!)) {
      throw new EngineError('invalid_request', `${file}: there is no column "${column}" (columns: ${columns.join(', ')}).`, { file, column });
    }
    // A column maps to one field: the user's choice wins over the suggestion.
    for (const [other, otherColumn] of Object.entries(fields)) if (otherColumn === column) delete fields[other as Field];
    fields[field] = column;
  }
  const unmet = unmetRequirements(suggestion.kind, Object.keys(fields) as Field[]);
  if (unmet.length) {
    throw new EngineError(
      'invalid_request',
      `${file}: as ${suggestion.kind}, the file needs ${unmet.map(requirementText).join(', ')}, and no column was recognised for ${unmet.length > 1 ? 'them' : 'it'}. Name the column with --map <field>=<column> (columns: ${columns.join(', ')}), or choose another --kind.`,
      { file, missing: unmet, columns },
    );
  }
  return {
    kind: suggestion.kind,
    fields,
    dateFormats: suggestion.dateFormats,
    numberStyles: suggestion.numberStyles,
    percentScales: suggestion.percentScales,
    minorUnitDigits: { ...suggestion.minorUnitDigits, ...remappedMinorUnits(suggestion, request) },
    ...(request.dayFirst === undefined ? {} : { dayFirst: request.dayFirst }),
    tax: taxDecision(suggestion, request, samples, fields),
    ...(presetUnitPrice(presetById(suggestion.preset ?? ''), fields.amount) ? { amountIsUnitPrice: true } : {}),
    fallbacks: presetFallbacks(presetById(suggestion.preset ?? ''), columns, fields),
  };
}

/**
 * The attribute each extra column of a customer file becomes: its name, with
 * the " (metadata)" of Stripe's metadata columns dropped ("tier (metadata)" →
 * "tier") unless the file has a column of that name too.
 */
export function attributeNames(allColumns: readonly string[], columns: readonly string[]): string[] {
  const taken = new Set(allColumns);
  return columns.map((column) => {
    const key = /^(.+?)\s*\(metadata\)$/i.exec(column)?.[1];
    return key && !taken.has(key) ? key : column;
  });
}

/** Minor units of the money columns the user mapped over the suggestion (a *_in_cents column is cents whatever it maps to). */
function remappedMinorUnits(suggestion: MappingSuggestion, request: ImportFileRequest): Record<string, number> {
  const preset = presetById(suggestion.preset ?? '') ?? null;
  const out: Record<string, number> = {};
  for (const [field, column] of Object.entries(request.map ?? {})) {
    if (!isField(field) || fieldType(field) !== 'money') continue;
    const digits = presetMinorUnitDigits(preset, column);
    if (digits > 0) out[column] = digits;
  }
  return out;
}

/**
 * Exports with several rows per customer (Recurly accounts: one per billing
 * method) keep each customer's first row; the others are merged into it, not
 * rejected. Returns how many were merged.
 */
async function mergeRowsPerCustomer(conn: DuckDBConnection, stage: string, mapping: FileMapping, preset: string | null): Promise<number> {
  if (mapping.kind !== 'customers' || presetById(preset ?? '')?.rowsPerCustomer !== 'several') return 0;
  const later = `SELECT _line FROM (SELECT _line, row_number() OVER (PARTITION BY customer_id ORDER BY _line) AS n FROM ${stage} WHERE NOT _rejected AND customer_id IS NOT NULL) WHERE n > 1`;
  const [row] = await rows(conn, `SELECT count(*) AS n FROM (${later})`);
  const merged = Number(row?.n ?? 0);
  if (merged) await conn.run(`DELETE FROM ${stage} WHERE _line IN (${later})`);
  return merged;
}

/** A file's header as the key its confirmed mapping is saved under in the workspace. */
const headerKey = (columns: ColumnInput[]) => JSON.stringify(columns.map((c) => c.name));

interface SavedMapping {
  kind: Kind;
  fields: Partial<Record<Field, string>>;
  dayFirst: boolean | null;
  /** The user's answer to the tax question for this header, or null. */
  amountIncludesTax: boolean | null;
  /** The user's billing intervals for this header (subscriptions without an interval column). */
  intervals: IntervalRequest;
}

/** The billing-interval answers as a request gives them ("year", "3 months"), per plan and for every other row. */
type IntervalRequest = Pick<ImportFileRequest, 'interval' | 'intervalByPlan'>;

/**
 * The answers in force: the request's, over those saved for this header (a
 * plan answered again takes the new answer; the others keep the saved one).
 * An empty answer ('') clears the saved one: that plan (or the rest of the
 * file) goes back to what the file says.
 */
function withSavedIntervals(request: IntervalRequest, saved: IntervalRequest | undefined): IntervalRequest {
  const interval = request.interval ?? saved?.interval;
  const byPlan = Object.fromEntries(Object.entries({ ...saved?.intervalByPlan, ...request.intervalByPlan }).filter(([, answer]) => answer !== ''));
  return { ...(interval ? { interval } : {}), ...(Object.keys(byPlan).length ? { intervalByPlan: byPlan } : {}) };
}

/** Saved interval answers as read back: only the shapes a request accepts (a hand-edited workspace cannot smuggle in others). */
function savedIntervals(json: unknown): IntervalRequest {
  if (json === null || json === undefined) return {};
  const parsed = importFileSchema.pick({ interval: true, intervalByPlan: true }).safeParse(JSON.parse(String(json)));
  return parsed.success ? parsed.data : {};
}

async function savedMapping(conn: DuckDBConnection, columns: ColumnInput[]): Promise<SavedMapping | null> {
  const [row] = await rows(
    conn,
    `SELECT kind, CAST(fields AS VARCHAR) AS fields, day_first, amount_includes_tax, CAST(intervals AS VARCHAR) AS intervals FROM churn.mappings WHERE header = ${str(headerKey(columns))}`,
  );
  if (!row || !isKind(String(row.kind))) return null;
  return {
    kind: row.kind as Kind,
    fields: JSON.parse(String(row.fields)),
    dayFirst: (row.day_first as boolean | null) ?? null,
    amountIncludesTax: (row.amount_includes_tax as boolean | null) ?? null,
    intervals: savedIntervals(row.intervals),
  };
}

/** Saves the mapping with the interval answers in force (none left, after answers were cleared: NULL). */
async function saveMapping(conn: DuckDBConnection, columns: ColumnInput[], mapping: FileMapping, intervals: IntervalRequest): Promise<void> {
  const answered = mapping.kind === 'subscriptions' && (intervals.interval !== undefined || intervals.intervalByPlan !== undefined);
  await conn.run(
    `INSERT OR REPLACE INTO churn.mappings (header, kind, fields, day_first, saved_at, amount_includes_tax, intervals)
     VALUES (${str(headerKey(columns))}, ${str(mapping.kind)}, ${str(JSON.stringify(mapping.fields))},
      ${mapping.dayFirst === undefined ? 'NULL' : mapping.dayFirst}, now()::TIMESTAMP,
      ${mapping.tax?.source === 'user' ? mapping.tax.amountIncludesTax : 'NULL'},
      ${answered ? str(JSON.stringify(intervals)) : 'NULL'})`,
  );
}

/**
 * The mapping suggested for a file: the user's kind, else the mapping saved
 * for files with the same header, else detection. With `revenueKind`, a
 * revenue file takes that kind, while a file detected as customer attributes
 * or churn events stays so.
 */
function suggestFor(columns: ColumnInput[], request: ImportFileRequest, revenueKind?: Kind, saved?: SavedMapping | null): MappingSuggestion {
  if (request.kind) return suggestMapping(columns, { kind: request.kind });
  if (saved && !revenueKind) {
    const suggestion = suggestMapping(columns, { kind: saved.kind });
    return { ...suggestion, fields: saved.fields, notes: ['Using the mapping saved in this workspace for files with this header.', ...suggestion.notes] };
  }
  const detected = suggestMapping(columns);
  if (!revenueKind || detected.kind === 'customers' || detected.kind === 'churn_events') return detected;
  return suggestMapping(columns, { kind: revenueKind });
}

/**
 * A file read, mapped, staged and checked, not yet written to the model:
 * everything stageFile learnt that publishFile writes. Its tables are in
 * the staging database (the stage, its rejected rows' sources) and temp tables
 * of the import's connection (the lines of the wrong shape).
 */
interface StagedFile {
  imported: ImportedFile;
  stage: string;
  columns: ColumnInput[];
  mapping: FileMapping;
  intervals: IntervalRequest;
  sha256: string;
  /** The temp table of lines with the wrong field count (recordMisshapenLinesSql), when some were rejected. */
  misshapenTable: string | null;
  /** No two of its rows share a customer and month (snapshots only: stageKeysUniqueSql). */
  oneRowPerMonth: boolean;
}

/**
 * Reads, maps, stages and checks one file, writing only staging and temp tables: it runs
 * before the import's transaction, so every table it writes is committed and
 * read again in parallel (model/sources.ts), and a cancel or a crash here
 * leaves the workspace as it was.
 */
async function stageFile(
  conn: DuckDBConnection,
  request: ImportFileRequest,
  importId: number,
  options: NormalizeOptions,
  job: JobContext,
  /** The file's rows as read in the reader process (readAhead.ts). */
  read: (taking: Taking) => Promise<IsolatedSource>,
  revenueKind?: Kind,
): Promise<StagedFile> {
  const file = path.resolve(request.path);
  const name = path.basename(file);
  // Hashed while the reader reads it (this process waits meanwhile); the import records it.
  const hashed = sha256(file);
  hashed.catch(() => {});
  job.step(`Reading ${name}`);
  const stage = stageName(importId);
  const rejectsTable = `cw_misshapen_${importId}`;
  // The file is parsed in a reader process (reader/isolated.ts); its rows come back as Parquet.
  const source = await read({
    rejectsTable,
    connection: conn,
    onStep: (step) => job.step(`Reading ${name}: ${step}`),
    onPercent: (percent) => job.percent(percent),
  });
  try {
    const relation = source.relation({ allVarchar: true });
    let columns;
    try {
      columns = await describe(conn, relation);
    } catch (error) {
      throw source.explain(error, 'import_failed');
    }
    if (columns.length === 0) throw new EngineError('unsupported_file', `${file}: no columns were found. Is it a table with a header row?`);
    const saved = await savedMapping(conn, columns);
    const suggestion = suggestFor(columns, request, revenueKind, saved);
    // The answers saved for this header (day order, tax, billing intervals) apply unless the request gives its own.
    const intervals = withSavedIntervals(request, saved?.intervals);
    const answered = {
      ...request,
      ...(request.dayFirst === undefined && typeof saved?.dayFirst === 'boolean' ? { dayFirst: saved.dayFirst } : {}),
      ...(request.amountIncludesTax === undefined && typeof saved?.amountIncludesTax === 'boolean' ? { amountIncludesTax: saved.amountIncludesTax } : {}),
    };
    const mapping: FileMapping = {
      ...withDateFormats(resolveMapping(file, suggestion, answered, columns), Object.fromEntries(columns.map((c) => [c.name, c.samples]))),
      timeZone: options.timeZone ?? DEFAULT_TIME_ZONE,
      intervals: intervalAnswers(file, intervals),
    };
    job.throwIfCancelled();
    job.step(`Checking ${name}`);
    // The rows' numbers in the hand-over, in a column of a name the file does not use.
    const names = columns.map((c) => c.name);
    let rowNumber = '__row';
    while (names.some((n) => n.toLowerCase() === rowNumber)) rowNumber = `_${rowNumber}`;
    const input = { relation: source.numbered(rowNumber, names), columns, headerLines: source.headerLines, lineColumn: rowNumber };
    // Customer attributes (when the file has columns the mapping leaves out) and the tax's evidence are read from the whole row, on every row.
    const attributes = (mapping.kind === 'customers' || mapping.kind === 'customer_list') && unmappedColumns(columns, mapping).length > 0;
    const everyRowSource = attributes || Boolean(mapping.tax?.evidence);
    let keys;
    try {
      const bounds = { ...valueBounds(options), amountIsUnitPrice: options.amountIsUnitPrice || mapping.amountIsUnitPrice === true };
      await conn.run(stageSql(stage, input, mapping, bounds, everyRowSource));
      await conn.run(rejectedSourcesSql(stage, input));
      [keys] = await rows(conn, stageKeysUniqueSql(stage, mapping));
    } catch (error) {
      // Every message names the file it is about.
      if (error instanceof EngineError) throw error.message.includes(file) ? error : new EngineError(error.code, `${file}: ${error.message}`, error.details);
      throw source.explain(error, 'import_failed');
    }
    job.throwIfCancelled();
    const [counts] = await rows(
      conn,
      `SELECT count(*) AS n, count(*) FILTER (WHERE _rejected) AS rejected, count(*) FILTER (WHERE ${loadedRowsSql(mapping.kind, options)}) AS loaded FROM ${stage}`,
    );
    const misshapen = await putMisshapenLinesRight(conn, source, rejectsTable, [stage, `${stage}_source`], Number(counts!.n), options.misshapenLines === 'stop');
    const rowsRead = Number(counts!.n) + misshapen;
    const rowsRejected = Number(counts!.rejected) + misshapen;
    const rowsLoaded = Number(counts!.loaded);
    if (rowsRead === 0) throw new EngineError('unsupported_file', `${file} has a header but no rows: there is nothing to import.`, { file });
    const notes = [...suggestion.notes, ...(await openEndNotes(conn, stage, mapping))];
    const billingTerms = mapping.kind === 'subscriptions' ? await planTerms(conn, stage) : [];
    checkTerms(file, billingTerms, mapping);
    const merged = await mergeRowsPerCustomer(conn, stage, mapping, suggestion.preset);
    return {
      imported: {
        file,
        importId,
        kind: mapping.kind,
        kindReason: suggestion.kindReason,
        preset: suggestion.preset,
        encoding: source.encoding,
        delimiter: source.delimiter,
        sheet: source.sheet,
        fields: mapping.fields,
        tax: mapping.tax ?? null,
        billingTerms,
        notes: [
          ...notes,
          ...termNotes(billingTerms, mapping),
          ...(merged ? [`${merged} row${merged === 1 ? '' : 's'} merged into the customer's first row: this export has one row per billing method.`] : []),
        ],
        rowsRead,
        rowsLoaded: rowsLoaded - merged,
        rowsRejected,
      },
      stage,
      columns,
      mapping,
      intervals,
      sha256: await hashed,
      misshapenTable: misshapen ? rejectsTable : null,
      oneRowPerMonth: keys?.yes === true,
    };
  } finally {
    source.cleanup();
  }
}

/**
 * Writes a staged file into the model, inside the import's transaction: its
 * rejects, its saved mapping, its customers and attributes, its record in
 * churn.imports. The rows it adds to the tables of rows from files are
 * returned, for the import to read as part of those tables and write after
 * customer_month (model/sources.ts).
 */
async function publishFile(conn: DuckDBConnection, staged: StagedFile, options: NormalizeOptions, job: JobContext): Promise<Load['added']> {
  const { imported, stage, mapping } = staged;
  const { file, importId } = imported;
  job.step(`Loading ${path.basename(file)}`);
  if (staged.misshapenTable) await conn.run(recordMisshapenLinesSql(importId, file, staged.misshapenTable));
  await conn.run(`
    INSERT INTO churn.rejects
    SELECT ${importId}, ${str(file)}, _line, p."column", p.value, p.reason, to_json(_source)
    FROM (SELECT _line, unnest(_problems) AS p FROM ${stage} WHERE _rejected) JOIN ${stage}_source USING (_line)`);
  // (${stage}_source is dropped with the stage, after the transaction: it may write to one database only.)
  await saveMapping(conn, staged.columns, mapping, staged.intervals);
  const facts = {
    amountIncludesTax: mapping.tax?.amountIncludesTax ?? false,
    subscriptionMapped: mapping.fields.subscription_id !== undefined,
    ...(mapping.amountIsUnitPrice ? { amountIsUnitPrice: true } : {}),
  };
  const load = loadSql(mapping.kind, importId, stage, options, facts);
  for (const sql of load.statements) await conn.run(sql);
  if (mapping.kind === 'customers' || mapping.kind === 'customer_list') {
    const others = unmappedColumns(staged.columns, mapping);
    const names = attributeNames(staged.columns.map((c) => c.name), others);
    if (others.length) {
      await conn.run(`
        INSERT INTO churn.customer_attributes
        SELECT customer_id, attribute, value FROM (
          SELECT customer_id, ${others.map((c, i) => `CAST(_source.${ident(c)} AS VARCHAR) AS ${ident(names[i]!)}`).join(', ')}
          FROM ${stage} WHERE ${loadedRowsSql(mapping.kind, options)})
        UNPIVOT (value FOR attribute IN (${names.map((c) => ident(c)).join(', ')}))`);
    }
  }
  await conn.run(
    `INSERT INTO churn.imports VALUES (${importId}, ${str(file)}, ${str(staged.sha256)}, ${str(mapping.kind)},
      ${imported.encoding ? str(imported.encoding) : 'NULL'}, ${imported.sheet ? str(imported.sheet) : 'NULL'},
      ${str(JSON.stringify({ ...mapping, preset: imported.preset }))}, ${imported.rowsRead}, ${imported.rowsLoaded}, ${imported.rowsRejected}, now()::TIMESTAMP)`,
  );
  return load.added;
}

/** The names of the file's columns no field is mapped to: a customers file's attributes. */
function unmappedColumns(columns: { name: string }[], mapping: FileMapping): string[] {
  const mapped = new Set(Object.values(mapping.fields));
  return columns.map((c) => c.name).filter((name) => !mapped.has(name));
}

/** An ISO-ish "no end" date in a sample: the last or first day of a year from 2099 on. */
const SENTINEL_TEXT = /^\s*(2099|2[1-9]\d\d|[3-9]\d{3})[-/.]?(12[-/.]?31|0?1[-/.]?0?1)\b/;

/** What the mapping says about end dates written as "no end" (9999-12-31 …): they were read as open. */
async function openEndNotes(conn: DuckDBConnection, stage: string, mapping: FileMapping): Promise<string[]> {
  const mapped = OPEN_END_FIELDS.filter((field) => mapping.fields[field] !== undefined);
  if (mapped.length === 0) return [];
  const [counts] = await rows(conn, `SELECT ${mapped.map((f) => `count(*) FILTER (WHERE _open_${f} AND NOT _rejected) AS ${f}`).join(', ')} FROM ${stage}`);
  return mapped
    .filter((field) => Number(counts?.[field] ?? 0) > 0)
    .map((field) => {
      const n = Number(counts![field]);
      return `${field} ← "${mapping.fields[field]}": ${n.toLocaleString('en-US')} ${n === 1 ? 'row says' : 'rows say'} 9999-12-31 (or a like "no end" date), read as open: no end date.`;
    });
}

/**
 * Each row's amount is bounded, but many rows of one customer in one month
 * can still add up past DECIMAL(18,6): say so, instead of the engine's cast error.
 */
function monthTooLarge(error: unknown, files: string[]): unknown {
  if (!/Could not cast value .* to DECIMAL\(18,6\)|Overflow/i.test((error as Error)?.message ?? '')) return error;
  return new EngineError(
    'import_failed',
    `${files.join(', ')}: one customer's monthly revenue adds up to more than 999,999,999,999, beyond what the model holds (DECIMAL(18,6)). Check the largest amounts (or their currency and rate) and import again.`,
    { files },
  );
}

/** The latest plausible date: yearsAhead after the chosen as-of date, or after today when the data decides it. */
export function latestPlausibleDate(options: NormalizeOptions, today = new Date()): string {
  const from = options.asOf ? new Date(`${options.asOf}T00:00:00Z`) : today;
  const latest = new Date(Date.UTC(from.getUTCFullYear() + options.yearsAhead, from.getUTCMonth(), from.getUTCDate()));
  return latest.toISOString().slice(0, 10);
}

function valueBounds(options: NormalizeOptions): ValueBounds {
  return { earliest: options.earliestDate, latest: latestPlausibleDate(options), amountIsUnitPrice: options.amountIsUnitPrice };
}

/**
 * A paused subscription carries no MRR while paused (Chargebee leaves paused
 * subscriptions out of its MRR). One whose file gives no pause date is not
 * live as of the data: the rows the import adds have it paused from the as-of
 * date, and its file says how many (pauseNotes).
 */
function pausedAtAsOf(added: Load['added'], asOf: string): Load['added'] {
  return added.map((rows) =>
    rows.table === 'subscriptions'
      ? { ...rows, select: `SELECT * REPLACE (CASE WHEN ${PAUSED_AT_AS_OF(asOf)} THEN DATE ${str(asOf)} ELSE pause_date END AS pause_date) FROM (${rows.select})` }
      : rows,
  );
}

/** A subscription of the file paused, without a pause date, live as of `asOf`. */
const PAUSED_AT_AS_OF = (asOf: string) =>
  `status = 'paused' AND pause_date IS NULL AND start_date < DATE ${str(asOf)} AND (end_date IS NULL OR end_date > DATE ${str(asOf)})`;

/** How many of each file's subscriptions pausedAtAsOf pauses, said in its notes. */
async function pauseNotes(conn: DuckDBConnection, imported: ImportedFile[], added: Load['added'], asOf: string): Promise<void> {
  for (const rows of added) {
    if (rows.table !== 'subscriptions') continue;
    const reader = await conn.runAndReadAll(`SELECT import_id, count(*) AS n FROM (${rows.select}) WHERE ${PAUSED_AT_AS_OF(asOf)} GROUP BY import_id`);
    for (const row of reader.getRowObjectsJS() as { import_id: number; n: bigint }[]) {
      const n = Number(row.n);
      imported
        .find((f) => f.importId === Number(row.import_id))
        ?.notes.push(`${n} paused subscription${n === 1 ? '' : 's'} without a pause date: not live as of the data, so ${n === 1 ? 'it is' : 'they are'} paused from the as-of date ${asOf} (no MRR in its month).`);
    }
  }
}

/**
 * The data's own as-of date: its latest start, cancellation or event date (never "today").
 * A future subscription's start (Chargebee Future, Recurly future) is a plan, not a fact of the data.
 */
const dataAsOfSql = (s: ModelSources) => `
SELECT CAST(max(d) AS VARCHAR) AS as_of FROM (
  SELECT max(start_date) FILTER (WHERE status IS DISTINCT FROM 'future') AS d FROM ${s.subscriptions} UNION ALL SELECT max(canceled_at) FROM ${s.subscriptions}
  UNION ALL SELECT max(period_start) FROM ${s.revenue_lines}
  UNION ALL SELECT last_day(max(month)) FROM ${s.mrr_snapshots}
  UNION ALL SELECT max(start_date) FROM ${s.customer_list} UNION ALL SELECT max(canceled_at) FROM ${s.customer_list}
  UNION ALL SELECT max(date) FROM ${s.churn_events})`;

/** Each table with the rows `added` adds to it. */
function sourcesWith(added: Load['added']): ModelSources {
  const selects: Partial<Record<FileTable, string[]>> = {};
  for (const { table, select } of added) (selects[table] ??= []).push(select);
  return withAddedRows(selects);
}

async function setSetting(conn: DuckDBConnection, key: string, value: unknown) {
  await setSettings(conn, { [key]: value });
}

/** Several settings in one statement. */
async function setSettings(conn: DuckDBConnection, values: Record<string, unknown>) {
  const entries = Object.entries(values).map(([key, value]) => `(${str(key)}, ${str(JSON.stringify(value))})`);
  await conn.run(`INSERT OR REPLACE INTO churn.settings VALUES ${entries.join(', ')}`);
}

/** The reporting time zone: the one asked for, else the workspace's, else UTC; checked before any SQL uses it. */
async function reportingTimeZone(conn: DuckDBConnection, asked: string | null): Promise<string> {
  const [saved] = asked ? [] : await rows(conn, `SELECT json_extract_string(value, '$') AS z FROM churn.settings WHERE key = 'time_zone'`);
  const zone = asked ?? (saved?.z as string | undefined) ?? DEFAULT_TIME_ZONE;
  if (!isTimeZone(zone)) {
    throw new EngineError('invalid_request', `"${zone}" is not a time zone: use a name such as UTC, America/Los_Angeles, Europe/Berlin or Asia/Shanghai.`, { timeZone: zone });
  }
  return zone;
}

export async function importModel(
  db: Database,
  files: ImportFileRequest[],
  overrides: Partial<NormalizeOptions>,
  job: JobContext,
  revenueKind?: Kind,
): Promise<ImportSummary> {
  return oneImportAtATime(db, job, async () => {
    // Each file is read in the reader process one ahead of the engine: the next parses while this one is staged.
    const reads = new ReadAhead(db, files, job, 'stage');
    try {
      return await importRead(db, files, overrides, job, reads, revenueKind);
    } finally {
      reads.close();
    }
  });
}

async function importRead(
  db: Database,
  files: ImportFileRequest[],
  overrides: Partial<NormalizeOptions>,
  job: JobContext,
  reads: ReadAhead,
  revenueKind?: Kind,
): Promise<ImportSummary> {
  const options: NormalizeOptions = { ...DEFAULT_NORMALIZE_OPTIONS, ...overrides };
  if (options.asOf && options.asOf < options.earliestDate) {
    throw new EngineError('invalid_request', `The as-of date ${options.asOf} is before the earliest plausible date ${options.earliestDate}.`);
  }
  for (const f of files) if (f.kind && !isKind(f.kind)) throw new EngineError('invalid_request', `Unknown kind "${f.kind}".`);
  const conn = job.connection;
  await ensureModel(db, conn);
  options.timeZone = await reportingTimeZone(conn, options.timeZone);
  const [next] = await rows(conn, 'SELECT coalesce(max(import_id), 0) + 1 AS id FROM churn.imports');
  const firstId = Number(next!.id);
  // Staged before the transaction, in the staging database only (no other import runs meanwhile: oneImportAtATime).
  const staged: StagedFile[] = [];
  await conn.run(`ATTACH IF NOT EXISTS ':memory:' AS ${STAGING} (COMPRESS)`);
  try {
    for (const [index, request] of files.entries()) {
      job.throwIfCancelled();
      staged.push(await stageFile(conn, request, firstId + index, options, job, (taking) => reads.take(index, taking), revenueKind));
      await compressStagesIfLarge(conn);
    }
    job.throwIfCancelled();
    await conn.run('BEGIN TRANSACTION');
    try {
      const summary = await publish(conn, staged, options, job);
      job.throwIfCancelled();
      await conn.run('COMMIT');
      return { ...summary, audit: await readAudit(db, staged.map((f) => f.imported.importId)) };
    } catch (error) {
      await conn.run('ROLLBACK');
      throw error;
    }
  } finally {
    // The staging database outlives the job (it is the instance's): its tables are dropped here, as are the temp tables.
    for (const importId of files.map((_, index) => firstId + index)) {
      await conn.run(`${dropStageSql(stageName(importId))} DROP TABLE IF EXISTS cw_misshapen_${importId}_lines;`).catch(() => {});
    }
  }
}

/**
 * Inside the import's transaction: the settings, each staged file written to
 * the model, the as-of date, the customer index and customer_month, read from
 * the workspace's tables and the rows the files add (model/sources.ts), then
 * those rows written, then the audit.
 */
async function publish(conn: DuckDBConnection, staged: StagedFile[], options: NormalizeOptions, job: JobContext): Promise<Omit<ImportSummary, 'audit'>> {
  // The saved settings this import keeps unless it is given others, read in one statement (each only when needed),
  // before anything is written: the reporting currency is written only at the end.
  const saved = (key: string, as: string, cast?: string) => {
    const value = `json_extract_string(value, '$')`;
    return `(SELECT ${cast ? `CAST(${value} AS ${cast})` : value} FROM churn.settings WHERE key = '${key}') AS ${as}`;
  };
  const [kept] = await rows(
    conn,
    `SELECT ${[
      ...(options.graceDays === null ? [saved('grace_days', 'd', 'INTEGER')] : []),
      ...(options.pauses === null ? [saved('pauses', 'p')] : []),
      saved('reporting_currency', 'c'),
    ].join(', ')}`,
  );
  // The grace period rebuilds every import's coverage: the workspace keeps the last one given.
  const graceDays = options.graceDays ?? (kept?.d === null || kept?.d === undefined ? 0 : Number(kept.d));
  await setSettings(conn, {
    time_zone: options.timeZone,
    grace_days: graceDays,
    // How a pause counts (docs/DATA_MODEL.md, "Pauses"): the workspace keeps the last one given, as the grace period.
    pauses: options.pauses ?? (kept?.p === 'churn' ? 'churn' : 'zero_mrr'),
    // How end dates were read: reconciliation tries the other reading (main/reconcile/rules.ts).
    end_date: options.endDate,
  });
  let added: Load['added'] = [];
  for (const file of staged) {
    job.throwIfCancelled();
    added.push(...(await publishFile(conn, file, options, job)));
  }
  const imported = staged.map((f) => f.imported);
  job.step('Computing monthly revenue');
  const [asOf] = await rows(conn, dataAsOfSql(sourcesWith(added)));
  const dataAsOf = options.asOf ?? (asOf?.as_of ? String(asOf.as_of) : null);
  if (dataAsOf) {
    await setSetting(conn, 'data_as_of', dataAsOf);
    await pauseNotes(conn, imported, added, dataAsOf);
    added = pausedAtAsOf(added, dataAsOf);
  }
  const sources = sourcesWith(added);
  const [common] = await rows(
    conn,
    `SELECT mode(currency) AS c FROM (SELECT currency FROM ${sources.subscriptions} UNION ALL SELECT currency FROM ${sources.revenue_lines}
       UNION ALL SELECT currency FROM ${sources.mrr_snapshots} UNION ALL SELECT currency FROM ${sources.customer_list}) WHERE currency IS NOT NULL`,
  );
  const reportingCurrency = options.reportingCurrency?.toUpperCase() ?? (kept?.c as string | null | undefined) ?? (common?.c as string | undefined) ?? null;
  if (reportingCurrency) await setSetting(conn, 'reporting_currency', reportingCurrency);
  for (const [currency, rate] of Object.entries(options.rates)) {
    await conn.run(`INSERT OR REPLACE INTO churn.fx_rates VALUES (${str(currency.toUpperCase())}, ${rate})`);
  }
  await conn.run(customerIndexSql(sources));
  try {
    const [indexed] = await rows(conn, 'SELECT coalesce(max(cidx), 0) AS n FROM churn.customer_index');
    const bounds = customerRanges(Number(indexed?.n ?? 0), await memoryLimit((sql) => rows(conn, sql)));
    const ids = new Map((bounds.length > 1 ? await rows(conn, rangeIdsSql(bounds)) : []).map((r) => [Number(r.cidx), String(r.customer_id)]));
    const ranges = bounds.length > 1 ? bounds.map((r) => ({ ...r, firstId: ids.get(r.from)!, lastId: ids.get(r.to)! })) : undefined;
    const oneRowPerMonth = await onlyUniqueSnapshots(conn, staged, added);
    const rebuild = async (byCancellation: boolean) => {
      const statements = customerMonthSql(byCancellation, graceDays, undefined, sources, ranges, oneRowPerMonth);
      for (const [done, sql] of statements.entries()) {
        job.throwIfCancelled();
        // The emptying, then one range of customers per statement: how far through them.
        if (done > 0 && statements.length > 2) job.step(`Computing monthly revenue${byCancellation ? ' (churn at cancellation)' : ''}: ${Math.round((100 * (done - 1)) / (statements.length - 1))}%`);
        await conn.run(sql);
      }
    };
    await rebuild(false);
    const [cancelledEarly] = await rows(conn, cancelledEarlySql(sources));
    await conn.run(byCancellationSql(cancelledEarly?.yes === true, await byCancellationIsView(conn)));
    if (cancelledEarly?.yes === true) await rebuild(true);
  } catch (error) {
    throw monthTooLarge(error, imported.map((f) => f.file));
  }
  // The audit reads the stages and the tables with the rows the import adds, as customer_month did: before they are written.
  job.step('Auditing');
  for (const [index, file] of imported.entries()) {
    const stage = stageName(file.importId);
    for (const sql of auditSql(file.importId, file.kind, stage, options, file.fields, index === imported.length - 1 ? sources : null)) await conn.run(sql);
    const tax = taxAuditSql(file.importId, file.kind, stage, file.tax, options);
    if (tax) await conn.run(tax);
    const relation = taxRelationAuditSql(file.importId, file.kind, stage, file.tax, options);
    if (relation) await conn.run(relation);
    await conn.run(rejectsAuditSql(file.importId));
  }
  // The rows read above as part of their tables, written now (from the committed stages: in parallel).
  for (const { table, select } of added) await conn.run(`INSERT INTO churn.${table} ${select}`);
  return { files: imported, asOf: dataAsOf, reportingCurrency };
}

/**
 * Whether customer_month's only source is one file of snapshots with at most
 * one row per customer and month (StagedFile.oneRowPerMonth): the workspace
 * has no revenue rows yet, and the import adds no other. Then no
 * customer-month has two rows to sum.
 */
async function onlyUniqueSnapshots(conn: DuckDBConnection, staged: StagedFile[], added: Load['added']): Promise<boolean> {
  const revenue = added.filter((a) => a.table === 'subscriptions' || a.table === 'revenue_lines' || a.table === 'mrr_snapshots');
  const snapshots = staged.filter((f) => f.mapping.kind === 'mrr');
  if (revenue.length !== 1 || snapshots.length !== 1 || !snapshots[0]!.oneRowPerMonth) return false;
  const [empty] = await rows(
    conn,
    `SELECT ${['subscriptions', 'revenue_lines', 'mrr_snapshots'].map((t) => `NOT EXISTS (SELECT 1 FROM churn.${t})`).join(' AND ')} AS yes`,
  );
  return empty?.yes === true;
}

export async function readAudit(db: Database, importIds?: number[]): Promise<AuditRow[]> {
  const where = importIds ? `WHERE a.import_id IN (${importIds.length ? importIds.join(', ') : 'NULL'})` : '';
  const result = await db.rows(`
    SELECT a.import_id, i.file, a."check", a.severity, a.count, CAST(a.amount AS DOUBLE) AS amount, CAST(a.examples AS VARCHAR) AS examples
    FROM churn.audit a JOIN churn.imports i USING (import_id) ${where}
    ORDER BY a.import_id, CASE a.severity WHEN 'error' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END, a."check"`);
  return result.map((r) => ({
    importId: Number(r.import_id),
    file: String(r.file),
    check: String(r.check),
    severity: r.severity as AuditRow['severity'],
    count: Number(r.count),
    amount: r.amount === null || r.amount === undefined ? null : Number(r.amount),
    examples: JSON.parse(String(r.examples ?? '[]')) as AuditRow['examples'],
  }));
}

/** What the mapping dialog shows before an import: the suggestion and the first rows, parsed as text. */
export async function previewMapping(
  db: Database,
  request: { path: string; kind?: Kind; encoding?: string; sheet?: string; timeZone?: string },
): Promise<MappingPreview> {
  const file = path.resolve(request.path);
  return readPreview(db, file, { ...request, sampleRows: SAMPLE_ROWS }, async (source, conn) => {
      let columns;
      try {
        columns = await describe(conn, source.relation({ allVarchar: true }));
      } catch (error) {
        throw source.explain(error, 'import_failed');
      }
      await ensureModel(db, conn);
      const saved = await savedMapping(conn, columns);
      const suggestion = suggestFor(columns, request.kind ? { path: file, kind: request.kind } : { path: file }, undefined, saved);
      const previewRows = Math.min(20, columns[0]?.samples.length ?? 0);
      const staged = await stagePreview(conn, source.relation({ allVarchar: true }), columns, suggestion, {
        timeZone: await reportingTimeZone(conn, request.timeZone ?? null),
        previewRows,
        sampleRows: SAMPLE_ROWS,
        bounds: valueBounds(DEFAULT_NORMALIZE_OPTIONS),
        // Each plan's term as the file itself says it: the saved answers come separately (savedIntervals), so the
        // dialog shows both, and a cleared answer falls back to what is shown.
      });
      const sentinelNotes = OPEN_END_FIELDS.flatMap((field) => {
        const column = suggestion.fields[field];
        const samples = columns.find((c) => c.name === column)?.samples ?? [];
        return samples.some((value) => value !== null && SENTINEL_TEXT.test(value))
          ? [`${field} ← "${column}": 9999-12-31 (or a like "no end" date) is read as open, with no end date.`]
          : [];
      });
      return {
        path: file,
        kind: suggestion.kind,
        kindReason: suggestion.kindReason,
        preset: suggestion.preset,
        fields: suggestion.fields as Record<string, string>,
        tax: taxDecision(suggestion, typeof saved?.amountIncludesTax === 'boolean' ? { path: file, amountIncludesTax: saved.amountIncludesTax } : { path: file }, columns, suggestion.fields),
        missingRequired: suggestion.missingRequired,
        notes: [...suggestion.notes, ...sentinelNotes],
        ambiguousDates: Object.entries(suggestion.dateFormats)
          .filter(([, guess]) => guess.ambiguous)
          .map(([column, guess]) => ({
            column,
            examples: guess.examples.map((e) => ({ input: e.input, dayFirst: e.date, monthFirst: e.alternative ?? null })),
          })),
        columns: columns.map(({ name, type }) => ({ name, type })),
        rows: Array.from({ length: previewRows }, (_, r) => columns.map((c) => c.samples[r] ?? null)),
        ...staged,
        savedIntervals: suggestion.kind === 'subscriptions' ? (saved?.intervals ?? {}) : {},
        encoding: source.encoding,
        sheets: source.sheets,
      };
  });
}

/** A page of rejected rows, as Arrow: which file, line and column, the value, why, and the whole row. */
export async function readRejects(db: Database, offset: number, limit: number): Promise<Uint8Array> {
  const reader = await db.reader(
    `SELECT r.import_id, r.file, r.line, r."column", r.value, r.reason, CAST(r.raw AS VARCHAR) AS raw
     FROM churn.rejects r ORDER BY r.import_id, r.line, r."column" LIMIT ${limit} OFFSET ${offset}`,
  );
  return readerToArrow(reader);
}
