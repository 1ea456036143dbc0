// A file's rows as the canonical fields of its kind: one typed column per
// field (NULL where unmapped), the row's line in the file, and the problems
// that keep a row out (missing required values, values that do not parse,
// rows that contradict themselves). Values are parsed by SQL built from the
// mapping; JavaScript never touches a row.
import {
  zonedIsoFastSql,
  zonelessTimesMove,
  fieldSql,
  fieldType,
  fieldsOfKind,
  guessDateFormat,
  integerSql,
  intervalCountSql,
  REQUIRED,
  textSql,
  type DateFormatGuess,
  type Field,
  type Kind,
  type NumberStyle,
  type PercentScale,
} from './mapping/index.js';
import { derivedTermSql, headerTerm, type IntervalAnswers } from './mapping/intervals.js';
import { EngineError } from '../../shared/result.js';
import type { TaxDecision } from '../../shared/model.js';
import { ident, str } from '../runtime/sql.js';
import { MAX_FIELD_CHARS } from './sources/limits.js';

/**
 * The database an import's staged rows are kept in (importer.ts): attached to
 * the instance, in memory, and hidden from the SQL console's completions.
 */
export const STAGING_CATALOG = 'cw_staging';

/** How one file maps onto the model: the suggestion as confirmed (or edited) by the user. */
export interface FileMapping {
  kind: Kind;
  fields: Partial<Record<Field, string>>;
  dateFormats?: Record<string, DateFormatGuess>;
  numberStyles?: Record<string, NumberStyle>;
  percentScales?: Record<string, PercentScale>;
  minorUnitDigits?: Record<string, number>;
  /** The user's answer for ambiguous dates such as 03/04/2024. */
  dayFirst?: boolean;
  /** Whether the amount includes the tax, and why; null or absent when no tax column is mapped. */
  tax?: TaxDecision | null;
  /** The reporting time zone timestamps with a zone are converted to (default UTC). */
  timeZone?: string;
  /** The amount is one unit's price (a preset's fact: Recurly unit_amount): quantity multiplies it, whatever the setting. */
  amountIsUnitPrice?: boolean;
  /** The user's billing intervals for subscriptions without an interval column (per plan, or the whole file). */
  intervals?: IntervalAnswers;
  /** A second column per field, read where the field's column is empty (on rows of `status` only, when given): a preset's fact (Chargebee's future start, pause date). */
  fallbacks?: Partial<Record<Field, { column: string; status?: string }>>;
}

const SQL_TYPES: Record<ReturnType<typeof fieldType>, string> = {
  text: 'VARCHAR',
  date: 'DATE',
  money: 'DECIMAL(18,6)',
  number: 'DOUBLE',
  integer: 'BIGINT',
  percent: 'DOUBLE',
  boolean: 'BOOLEAN',
};

const TYPED_DATE = /^(DATE|TIMESTAMP)/;
/** A plain ISO date (2024-01-05): read by a cast (stageFieldSql), and keyed by its month (customerMonthKeySql). */
const ISO_DATE_GLOB = '[1-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]';
const TYPED_NUMBER = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|U\w*INT|FLOAT|DOUBLE|DECIMAL)/;

/**
 * The SQL that reads one field from its column, NULL when the value does not
 * parse. Text columns go through the mapping layer's readers; columns that
 * arrive typed (Parquet, JSON) are cast.
 */
export function stageFieldSql(field: Field, column: string, columnType: string, mapping: FileMapping): string {
  const col = ident(column);
  const type = fieldType(field);
  // "3" or "3 months", "every 2 years", "半年".
  if (field === 'interval_count') return `coalesce(${integerSql(col)}, ${intervalCountSql(col)})`;
  if (type === 'date' && TYPED_DATE.test(columnType)) return `CAST(${col} AS DATE)`;
  if (TYPED_NUMBER.test(columnType) && type !== 'text' && type !== 'boolean' && type !== 'date') {
    const digits = mapping.minorUnitDigits?.[column];
    const value = digits ? `(${col} / ${10 ** digits})` : col;
    if (type === 'percent' && mapping.percentScales?.[column] === 'fraction') return `CAST(${value} * 100 AS DOUBLE)`;
    return `CAST(${value} AS ${SQL_TYPES[type]})`;
  }
  const guess = mapping.dateFormats?.[column];
  if (type === 'date' && guess?.ambiguous && mapping.dayFirst === undefined) {
    // An example whose two readings differ (a value such as 2024-10-28 reads the same either way).
    const example = guess.examples.find((e) => e.alternative && e.alternative !== e.date);
    throw new EngineError(
      'invalid_request',
      `The dates in column "${column}" can be read day-first or month-first${example ? ` (${example.input} is ${example.date} or ${example.alternative})` : ''}: say which (--day-first or --month-first).`,
      { column, ambiguous: true },
    );
  }
  const full = fieldSql(field, column, { dateFormats: {}, numberStyles: {}, ...mapping }, {
    ...(mapping.dayFirst === undefined ? {} : { dayFirst: mapping.dayFirst }),
    ...(mapping.timeZone === undefined ? {} : { timeZone: mapping.timeZone }),
  });
  const fast = fastPath(type, column, mapping);
  const value = fast?.dateOnly ? `left(${col}, 10)` : col;
  // Timestamps with a zone (Recurly's "… PST") skip the full reader too: their date is computed from fixed positions.
  // (Not for a typed column's text, which the full reader casts as it is.)
  const zoned = type === 'date' && mapping.dateFormats?.[column]?.format !== 'native' ? zonedIsoFastSql(col, mapping.timeZone) : null;
  const zonedBranch = zoned ? ` WHEN regexp_full_match(${col}, ${str(zoned.pattern)}) THEN ${zoned.value}` : '';
  // A plain ISO date, the commonest value, is told by a glob: a third of the pattern's cost. It reads as the pattern's branch would.
  const isoDate = type === 'date' ? `WHEN ${col} GLOB '${ISO_DATE_GLOB}' THEN TRY_CAST(${col} AS DATE) ` : '';
  return fast ? `CASE ${isoDate}WHEN regexp_full_match(${col}, ${str(fast.pattern)}) THEN TRY_CAST(${value} AS ${fast.type})${zonedBranch} ELSE ${full} END` : full;
}

/**
 * The shapes most values of a clean export have, which a plain cast reads
 * exactly as the full reader would (test/integration/stage-fast-path.test.ts checks
 * both on the same values): ISO dates, and ISO timestamps without a zone
 * (Stripe's "2024-01-05 10:00:00" in a "(UTC)" column) where such times are
 * taken as written, so the date is their first ten characters; and plain
 * decimal numbers for money written with a decimal point. A value of that
 * shape skips the reader's normalisation and pattern tries; any other value
 * (a zone after the time, a column whose times are converted) still goes
 * through them.
 */
function fastPath(type: ReturnType<typeof fieldType>, column: string, mapping: FileMapping): { pattern: string; type: string; dateOnly?: boolean } | null {
  // Years from 1000: the reader's four-digit year; months and days the cast checks as the reader's make_date does.
  if (type === 'date') {
    const guess = mapping.dateFormats?.[column];
    if (guess && zonelessTimesMove(guess, mapping.timeZone)) return { pattern: '[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}', type: 'DATE' };
    return { pattern: '[1-9][0-9]{3}-[0-9]{2}-[0-9]{2}([ T][0-9]{2}:[0-9]{2}(:[0-9]{2}(\\.[0-9]{1,9})?)?)?', type: 'DATE', dateOnly: true };
  }
  const style = mapping.numberStyles?.[column];
  if (type === 'money' && !mapping.minorUnitDigits?.[column] && (style === undefined || style.decimal === '.')) {
    return { pattern: '-?[0-9]{1,12}(\\.[0-9]{1,6})?', type: SQL_TYPES.money };
  }
  return null;
}

/** Ensures every date column has a format, guessing from samples where the suggestion left none. */
export function withDateFormats(mapping: FileMapping, samples: Record<string, (string | null)[]>): FileMapping {
  const dateFormats = { ...mapping.dateFormats };
  const fallbacks = Object.entries(mapping.fallbacks ?? {}).map(([field, fallback]) => [field, fallback!.column] as [Field, string]);
  for (const [field, column] of [...(Object.entries(mapping.fields) as [Field, string][]), ...fallbacks]) {
    if (fieldType(field) !== 'date' || dateFormats[column]) continue;
    const guess = guessDateFormat(samples[column] ?? []);
    if (guess) dateFormats[column] = guess;
  }
  return { ...mapping, dateFormats };
}

/** What a value may be for its row to load: the plausible dates, and how MRR is worked out from amounts. */
export interface ValueBounds {
  /** Dates before this (YYYY-MM-DD) are rejected by row. */
  earliest: string;
  /** Dates after this are rejected by row, except an open-end sentinel in an end field. */
  latest: string;
  /** Amounts are per-seat prices, multiplied by quantity. */
  amountIsUnitPrice: boolean;
}

/**
 * End and expiry fields, where ERP and billing systems write 9999-12-31 (or
 * 2999-12-31, 4712-12-31, 9999-01-01 …) for "no end". Such a date is read as
 * open — no end — instead of as a date centuries ahead.
 */
export const OPEN_END_FIELDS = ['end_date', 'canceled_at', 'period_end'] as const satisfies readonly Field[];

/** A sentinel: the last or first day of a year from 2099 on (no real contract is dated there). */
const sentinelSql = (date: string) => `(year(${date}) >= 2099 AND strftime(${date}, '%m-%d') IN ('12-31', '01-01'))`;

/**
 * Money is DECIMAL(18,6): at most 10^12. A row's amount (times its quantity)
 * must stay clear of that so the MRR worked out from it, and a customer's
 * month summed over a few rows, still fit; anything larger is no real price.
 */
const MAX_AMOUNT = 1e11;

/** Rules a row of a kind must satisfy beyond parsing, with the column they point at. */
function rowRules(kind: Kind, fields: FileMapping['fields'], bounds: ValueBounds): { test: string; reason: string; field: Field }[] {
  const rules: { test: string; reason: string; field: Field }[] = [];
  for (const [field] of Object.entries(fields) as [Field, string][]) {
    const type = fieldType(field);
    if (type === 'date') {
      rules.push({ test: `(${field} < DATE ${str(bounds.earliest)} OR ${field} > DATE ${str(bounds.latest)})`, reason: 'date_out_of_range', field });
    } else if (type === 'money') {
      // In DOUBLE: the product of two large decimals overflows before it can be compared.
      const times = field === 'amount' && bounds.amountIsUnitPrice && fields.quantity !== undefined ? ' * coalesce(abs(CAST(quantity AS DOUBLE)), 1)' : '';
      rules.push({ test: `abs(CAST(${field} AS DOUBLE))${times} >= ${MAX_AMOUNT}`, reason: 'amount_out_of_range', field });
    } else if (type === 'number' || type === 'percent') {
      rules.push({ test: `NOT isfinite(${field})`, reason: 'impossible_number', field });
    }
  }
  if (kind === 'subscriptions') {
    rules.push({ test: 'end_date < start_date', reason: 'end_before_start', field: 'end_date' });
    rules.push({ test: 'amount < 0', reason: 'negative_amount_is_not_mrr', field: 'amount' });
  }
  if (kind === 'mrr') rules.push({ test: 'mrr < 0', reason: 'negative_mrr', field: 'mrr' });
  if (kind === 'customer_list') rules.push({ test: 'mrr < 0', reason: 'negative_mrr', field: 'mrr' });
  return rules.filter((rule) => fields[rule.field] !== undefined);
}

/**
 * What a stage reads: `relation`, the source read with every column as text
 * (typed for Parquet and JSON); `columns`, its columns; the lines before its
 * first row; and `lineColumn`, a column of `relation` (not in `columns`)
 * numbering the file's rows from 1: the hand-over's own row number (a
 * row_number() window, the default, gathers every row in one thread first),
 * or for a relation whose rows are not the file's one for one (a reference
 * with one column per month, unpivoted: main/reconcile/reshape.ts).
 */
export interface StageInput {
  relation: string;
  columns: { name: string; type: string }[];
  headerLines: number;
  lineColumn?: string;
}

/** A stage named in another database (a.b) is a table there; else a temp table. */
const tempFor = (stage: string) => (stage.includes('.') ? '' : 'TEMP ');

/** The rows of `input` with their line (_line) and the whole row as text (_source), then their columns. */
function numberedRowsSql({ relation, columns, headerLines, lineColumn }: StageInput): string {
  const line = lineColumn ? `src.${ident(lineColumn)}` : 'row_number() OVER ()';
  const source = lineColumn ? `struct_pack(${columns.map((c) => `${ident(c.name)} := src.${ident(c.name)}`).join(', ')})` : 'src';
  return `SELECT ${line} + ${headerLines} AS _line, ${source} AS _source, * FROM ${relation} src`;
}

/** The whole row as text (_source) of each row of `input`, without its line; and the columns, to compute `key` from. */
function sourceRowsSql({ relation, columns, lineColumn }: StageInput, key: string | null = null): string {
  const source = lineColumn ? `struct_pack(${columns.map((c) => `${ident(c.name)} := src.${ident(c.name)}`).join(', ')})` : 'src';
  return `SELECT ${source} AS _source${key ? ', *' : ''} FROM ${relation} src`;
}

/**
 * CREATE TABLE (temp, unless `stage` names another database: tempFor) for the staged rows of `input`: _line, one typed column
 * per field, _problems and _rejected (exact copies of earlier rows among
 * them: copiesSql, run first). The whole row as text (_source) is kept on every row only with `everyRowSource` (a
 * reader of columns the mapping leaves out: customer attributes, the tax's
 * evidence, a reference); a rejected row's is kept apart (rejectedSourcesSql),
 * so a clean row costs its typed values only.
 */
export function stageSql(stage: string, input: StageInput, mapping: FileMapping, bounds: ValueBounds, everyRowSource = false): string {
  const { columns } = input;
  const typeOf = new Map(columns.map((c) => [c.name, c.type]));
  const fields = fieldsOfKind(mapping.kind);
  for (const [field, column] of Object.entries(mapping.fields) as [Field, string][]) {
    if (!typeOf.has(column)) throw new EngineError('invalid_request', `The mapping names column "${column}" for ${field}, but the file has no such column.`);
  }
  const typed = fields.map((field) => {
    const column = mapping.fields[field];
    return column === undefined
      ? `CAST(NULL AS ${SQL_TYPES[fieldType(field)]}) AS ${field}`
      : `${stageFieldSql(field, column, typeOf.get(column)!, mapping)} AS ${field}`;
  });
  const fallbacks = Object.entries(mapping.fallbacks ?? {}) as [Field, { column: string; status?: string }][];
  for (const [field, { column }] of fallbacks) {
    if (!typeOf.has(column)) throw new EngineError('invalid_request', `The mapping names column "${column}" for ${field}, but the file has no such column.`);
    typed.push(`${stageFieldSql(field, column, typeOf.get(column)!, mapping)} AS ${ident(`_fallback_${field}`)}`);
  }
  const raw = (Object.entries(mapping.fields) as [Field, string][]).map(
    ([field, column]) => `${textSql(ident(column))} AS ${ident(`_raw_${field}`)}`,
  );
  // Each check's test, and its problem where the test holds: only a row for which some test holds builds its list of problems.
  const problem = (test: string, field: Field, reason: string) => {
    const column = mapping.fields[field];
    const value = column === undefined ? 'NULL' : ident(`_raw_${field}`);
    return { test, problem: `CASE WHEN ${test} THEN {'column': ${str(column ?? field)}, 'value': ${value}, 'reason': ${str(reason)}} END` };
  };
  const checks: { test: string; problem: string }[] = [];
  const openEnds = OPEN_END_FIELDS.filter((field) => fields.includes(field));
  for (const field of Object.keys(mapping.fields) as Field[]) {
    const raw = ident(`_raw_${field}`);
    // A NUL or a value longer than any real one: junk, or a stray quote that swallowed the lines after it.
    checks.push(problem(`strpos(${raw}, chr(0)) > 0`, field, 'nul_character'));
    // Its bytes first (stored with the string), its characters (counted through it) only for a value long in bytes: the same test, cheaper.
    checks.push(problem(`strlen(${raw}) > ${MAX_FIELD_CHARS} AND length(${raw}) > ${MAX_FIELD_CHARS}`, field, 'value_too_long'));
    const open = (openEnds as Field[]).includes(field) ? ` AND NOT _open_${field}` : '';
    checks.push(problem(`${raw} IS NOT NULL AND ${field} IS NULL${open}`, field, `unparseable_${fieldType(field)}`));
  }
  for (const requirement of REQUIRED[mapping.kind]) {
    // A row without a customer (a guest buyer) is not an error: it is not loaded, and the audit counts it once.
    if (requirement === 'customer_id') continue;
    const options = typeof requirement === 'string' ? [requirement] : [...requirement];
    // Missing = nothing given; a value that does not parse is reported as unparseable instead.
    const absent = options.map((f) => (mapping.fields[f] === undefined ? `${f} IS NULL` : `${f} IS NULL AND ${ident(`_raw_${f}`)} IS NULL`));
    checks.push(problem(absent.join(' AND '), options[0]!, `missing_${options.join('_or_')}`));
  }
  for (const rule of rowRules(mapping.kind, mapping.fields, bounds)) checks.push(problem(rule.test, rule.field, rule.reason));
  // Sentinels become NULL (open) with a flag that says so: for the audit, and so they are not "unparseable".
  const opened = openEnds.map((field) => (mapping.fields[field] === undefined ? `false AS _open_${field}` : `coalesce(${sentinelSql(field)}, false) AS _open_${field}`));
  const replaced = openEnds
    .filter((field) => mapping.fields[field] !== undefined)
    .map((field) => `CASE WHEN ${sentinelSql(field)} THEN NULL ELSE ${field} END AS ${field}`);
  // Exact copies of earlier rows, found first (copiesSql), by the row's hash: a whole-row window here would sort every row.
  checks.push({ test: '_copy', problem: `CASE WHEN _copy THEN {'column': CAST(NULL AS VARCHAR), 'value': CAST(NULL AS VARCHAR), 'reason': 'duplicate_row'} END` });
  const rows = `
    SELECT _line, ${typed.join(', ')}${raw.length ? `, ${raw.join(', ')}` : ''}${everyRowSource ? ', _source' : ''}, _line IN (SELECT _line FROM ${stage}_copies) AS _copy
    FROM (${numberedRowsSql(input)})`;
  // A fallback fills its field where the field's own column is empty (only on rows of its status, when it names one).
  const filled = fallbacks.map(([field, { status }]) => {
    const value = ident(`_fallback_${field}`);
    return `coalesce(${field}, ${status ? `CASE WHEN status = ${str(status)} THEN ${value} END` : value}) AS ${field}`;
  });
  const withFallbacks = filled.length
    ? `SELECT * EXCLUDE (${fallbacks.map(([field]) => ident(`_fallback_${field}`)).join(', ')}) REPLACE (${filled.join(', ')}) FROM (${rows})`
    : rows;
  const withOpenEnds = `
    SELECT *${replaced.length ? ` REPLACE (${replaced.join(', ')})` : ''}${opened.length ? `, ${opened.join(', ')}` : ''} FROM (${withFallbacks})`;
  // The raw texts are in the problems and in the row's source: not stored twice.
  const rawColumns = [...(Object.keys(mapping.fields) as Field[]).map((field) => ident(`_raw_${field}`)), '_copy'];
  return `${copiesSql(stage, input, customerMonthKeySql(mapping, typeOf))};
CREATE ${tempFor(stage)}TABLE ${stage} AS
SELECT * EXCLUDE (${rawColumns.join(', ')}), len(_problems) > 0 AS _rejected FROM (
  SELECT *, CASE WHEN ${checks.map((c) => `(${c.test})`).join('\n    OR ')}
                 THEN list_filter([${checks.map((c) => c.problem).join(',\n    ')}], p -> p IS NOT NULL) ELSE [] END AS _problems
  FROM (${mapping.kind === 'subscriptions' ? withBillingTerm(withOpenEnds, mapping) : withOpenEnds}
  )
);
DROP TABLE ${stage}_copies`;
}

/**
 * The lines of the exact copies of earlier rows of `input` (their revenue
 * would count twice), in `${stage}_copies`: stageSql rejects them,
 * duplicate_row last among their problems. Every row is hashed whole (the
 * hash is not kept in the stage: one column fewer there), and only rows whose
 * hash is shared are compared in full, so a file without copies costs one
 * sort of the hashes: a hash equal to the next in hash order is shared.
 * (Grouping the hashes instead builds a hash table of every row, each a group
 * of its own: twice the time of the sort at 10.5M rows,
 * scripts/bench/stage-dups.ts.) With a `key` (customerMonthKeySql), the rows
 * are sorted by the key's hash, then the row's: rows sharing a key are next
 * to each other, and copies (which share both) too; so the same sort also
 * says whether any key is shared. `${stage}_shared` is one row: the hashes
 * of the rows that are copies (`_copies`, for the copies step) and whether
 * any key is shared or is 0, none could be made (`_keys_shared`, for
 * stageKeysUniqueSql), so a file with many rows per key writes no row per
 * row. The copies are
 * marked as the stage is made, not by an UPDATE of it afterwards: inside a
 * transaction the stage, written in it, is estimated at ~0 rows, so the
 * UPDATE's join was built on the whole stage (3 s at 10.5M rows with no copy
 * at all), and an UPDATE of a list column rewrites the row.
 */
function copiesSql(stage: string, input: StageInput, key: string | null): string {
  const hashes = key ? `${key} AS _key, hash(_source) AS _row` : 'hash(_source) AS _key, _key AS _row';
  return `
CREATE ${tempFor(stage)}TABLE ${stage}_shared AS
SELECT coalesce(list(DISTINCT _row) FILTER (WHERE _key = _next_key AND _row = _next_row), []) AS _copies,
       coalesce(bool_or(_key = _next_key OR _key = 0), false) AS _keys_shared FROM (
  SELECT _key, _row, lead(_key) OVER w AS _next_key, lead(_row) OVER w AS _next_row
  FROM (SELECT ${hashes} FROM (${sourceRowsSql(input, key)}))
  WINDOW w AS (ORDER BY _key${key ? ', _row' : ''}));
CREATE ${tempFor(stage)}TABLE ${stage}_copies AS
SELECT _line FROM (
  SELECT _line, row_number() OVER (PARTITION BY _source ORDER BY _line) AS copy
  FROM (${numberedRowsSql(input)})
  WHERE hash(_source) IN (SELECT unnest(_copies) FROM ${stage}_shared))
WHERE copy > 1`;
}

/**
 * For a file of MRR snapshots, the hash of a row's customer and month as the
 * stage reads them, to sort the rows by for copies (copiesSql), so that the
 * same sort also tells whether the file has at most one row per customer and
 * month (stageKeysUniqueSql), which spares customer_month its grouping
 * (issue 14). A month written as an ISO date (the stage reads it by a cast)
 * is its first seven characters, and a typed one its month; any other value
 * (read by the full date reader, which costs more than this sort saves) has
 * the key 0, which copiesSql counts as shared: such a file is not taken as
 * one row per month. Null for other kinds, and where a fallback column fills
 * either field.
 */
function customerMonthKeySql(mapping: FileMapping, typeOf: Map<string, string>): string | null {
  if (!keyedByCustomerMonth(mapping)) return null;
  const { customer_id: customer, month } = mapping.fields as Record<'customer_id' | 'month', string>;
  const id = stageFieldSql('customer_id', customer, typeOf.get(customer)!, mapping);
  const col = ident(month);
  if (TYPED_DATE.test(typeOf.get(month)!)) return `hash(${id}, date_trunc('month', CAST(${col} AS DATE)))`;
  return `CASE WHEN ${col} GLOB '${ISO_DATE_GLOB}' THEN hash(${id}, left(${col}, 7)) ELSE 0 END`;
}

const keyedByCustomerMonth = ({ kind, fields, fallbacks }: FileMapping) =>
  kind === 'mrr' && fields.customer_id !== undefined && fields.month !== undefined && !fallbacks?.customer_id && !fallbacks?.month;

/**
 * Whether no two rows of `stage` share their customer and month: true only
 * for a file of MRR snapshots whose copies were found by that key
 * (customerMonthKeySql) and in which no key's hash is shared. Read after
 * stageSql, before `${stage}_shared` is dropped with the stage.
 */
export const stageKeysUniqueSql = (stage: string, mapping: FileMapping) =>
  keyedByCustomerMonth(mapping) ? `SELECT NOT _keys_shared AS yes FROM ${stage}_shared` : 'SELECT false AS yes';

/**
 * Drops a stage with the helper tables named from it (`${stage}_shared` and
 * `${stage}_copies` of copiesSql, `${stage}_source` of rejectedSourcesSql):
 * whoever stages a file cleans up through this, so a new helper table is
 * named here once.
 */
export const dropStageSql = (stage: string) =>
  [stage, ...['shared', 'copies', 'source'].map((helper) => `${stage}_${helper}`)].map((table) => `DROP TABLE IF EXISTS ${table};`).join(' ');

/**
 * The whole row as text (_source) of each rejected row of `stage`, by its
 * _line, in `${stage}_source`: read again from `input` for those rows only
 * (none rejected, nothing is read). After stageSql, before the lines
 * are put right for misshapen lines: `input` numbers rows as staged.
 */
export function rejectedSourcesSql(stage: string, input: StageInput): string {
  return `
CREATE ${tempFor(stage)}TABLE ${stage}_source AS
SELECT _line, _source FROM (${numberedRowsSql(input)})
WHERE _line IN (SELECT _line FROM ${stage} WHERE _rejected)`;
}

/**
 * Subscriptions with their billing term: the interval column where it has a
 * value, else the term derived from the file's evidence (mapping/intervals.ts);
 * `_term` keeps {interval, count, source} for the import's notes, NULL where
 * nothing gives it (the importer then stops and asks).
 */
function withBillingTerm(rows: string, mapping: FileMapping): string {
  const fields = mapping.fields;
  const derived = derivedTermSql({
    answers: mapping.intervals ?? {},
    hasPlan: fields.plan !== undefined,
    hasPeriod: fields.period_start !== undefined && fields.period_end !== undefined,
    header: fields.amount === undefined ? null : headerTerm(fields.amount),
  });
  return `
    SELECT * REPLACE (coalesce(billing_interval, struct_extract(_term, 'interval')) AS billing_interval,
                      coalesce(interval_count, struct_extract(_term, 'count')) AS interval_count)
    FROM (
      SELECT *, CASE WHEN billing_interval IS NOT NULL THEN {'interval': billing_interval, 'count': coalesce(interval_count, 1), 'source': 'column'}
                     ELSE ${derived} END AS _term
      FROM (${rows}))`;
}
