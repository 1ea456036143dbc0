// A damaged Parquet file must not load with changed values. DuckDB does not
// verify page checksums (and most writers do not write them), so a flipped
// bit inside a data page can decode into another value without an error. The
// file carries its own evidence: the footer records, per row group and
// column, the row count, the value count, the null count and the smallest and
// largest value. One aggregate pass over what DuckDB actually reads, grouped
// by row group, is compared with that record; any disagreement (a row count, a
// null count, a value outside [min, max], or a min/max the footer says is
// exact and is not) refuses the file, naming the column, the row group and
// its rows. Statistics a writer left out are simply not checked.
import { quotedIdentifier, quotedString, type DuckDBConnection } from '@duckdb/node-api';
import { EngineError } from '../../../shared/result.js';
import { isInterrupt, plainEngineMessage, shownValue } from './errors.js';
import type { Source } from './open.js';

/** DuckDB types whose order is the order Parquet statistics use (numbers, decimals, dates and times, text, booleans). */
const ORDERED_TYPE = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL\(\d+,\d+\)|DATE|TIME|TIMESTAMP|TIMESTAMP_S|TIMESTAMP_MS|TIMESTAMP_NS|TIMESTAMP WITH TIME ZONE|VARCHAR|BOOLEAN)$/;
const FLOATING = /^(FLOAT|DOUBLE)$/;

interface Column {
  index: number;
  name: string;
  type: string;
}

interface RowGroup {
  id: number;
  rows: number;
  first: number;
}

async function rows(conn: DuckDBConnection, sql: string): Promise<Record<string, unknown>[]> {
  return (await conn.runAndReadAll(sql)).getRowObjectsJS() as Record<string, unknown>[];
}

/** The row group of a row from its file_row_number: a balanced CASE over the groups' first rows (O(log groups) per row). */
function rowGroupOf(groups: RowGroup[]): string {
  const split = (from: number, to: number): string => {
    if (to - from === 1) return String(groups[from]!.id);
    const middle = (from + to) >> 1;
    return `CASE WHEN file_row_number < ${groups[middle]!.first} THEN ${split(from, middle)} ELSE ${split(middle, to)} END`;
  };
  return groups.length === 0 ? '0' : split(0, groups.length);
}

/**
 * Refuses `readPath` (shown to the user as `file`) when what DuckDB reads from
 * it disagrees with its own footer. One pass over the data; the comparison is
 * on a row per row group. Runs on the reader's connection before the rows are
 * staged, so a refused file leaves nothing behind.
 */
export async function verifyParquetIntegrity(conn: DuckDBConnection, file: string, readPath: string): Promise<void> {
  const path = quotedString(readPath);
  const described = await rows(conn, `DESCRIBE SELECT * FROM read_parquet(${path})`);
  const meta = `parquet_metadata(${path})`;
  const groupRows = await rows(conn, `SELECT DISTINCT row_group_id AS id, row_group_num_rows AS n FROM ${meta} ORDER BY id`);
  let first = 0;
  const groups: RowGroup[] = groupRows.map((g) => {
    const group = { id: Number(g.id), rows: Number(g.n), first };
    first += group.rows;
    return group;
  });
  if (groups.length === 0) return;
  // Flat columns, matched to the footer's column chunks by position (a chunk is a leaf of the
  // schema): up to the first nested column, whose leaves are not rows and shift the positions after it.
  const firstNested = described.findIndex((d) => !/^([A-Z_ ]+(\(\d+,\d+\))?|ENUM\(.*\))$/.test(String(d.column_type)));
  const flat = (firstNested < 0 ? described : described.slice(0, firstNested)).map((d, index) => ({ index, name: String(d.column_name), type: String(d.column_type) }));
  const columns: Column[] = flat.filter((c) => ORDERED_TYPE.test(c.type));

  const range = (group: number) => {
    const g = groups.find((candidate) => candidate.id === group)!;
    return `row group ${group} (rows ${(g.first + 1).toLocaleString('en-US')}–${(g.first + g.rows).toLocaleString('en-US')})`;
  };
  const refuse = (what: string) =>
    new EngineError('unsupported_file', `${file}: the Parquet file is damaged: ${what}. Export it again.`, { file, damaged: true });

  // The footer against itself: each chunk names its column, and a flat column has a value (or a null) in every row.
  const chunks = await rows(
    conn,
    `SELECT row_group_id AS g, column_id AS i, path_in_schema AS p, num_values AS v, row_group_num_rows AS n FROM ${meta}
     WHERE column_id < ${flat.length} ORDER BY g, i`,
  );
  for (const chunk of chunks) {
    const c = flat[Number(chunk.i)]!;
    if (String(chunk.p) !== c.name) throw refuse(`in ${range(Number(chunk.g))}, the footer names column "${shownValue(c.name)}" "${shownValue(String(chunk.p))}"`);
    if (chunk.v !== chunk.n) throw refuse(`in ${range(Number(chunk.g))}, column "${shownValue(c.name)}" has ${Number(chunk.v)} values for ${Number(chunk.n)} rows`);
  }

  // The one pass: per row group, the rows read and per column the non-null count, min and max.
  const id = (c: Column, what: string) => quotedIdentifier(`${what}${c.index}`);
  // Parquet statistics leave NaN out of a float's min and max; DuckDB orders it above every number.
  const numbers = (c: Column) => (FLOATING.test(c.type) ? ` FILTER (WHERE NOT isnan(${quotedIdentifier(c.name)}))` : '');
  const aggregates = columns.flatMap((c) => [
    `count(${quotedIdentifier(c.name)}) AS ${id(c, 'n')}`,
    `min(${quotedIdentifier(c.name)})${numbers(c)} AS ${id(c, 'lo')}`,
    `max(${quotedIdentifier(c.name)})${numbers(c)} AS ${id(c, 'hi')}`,
  ]);
  const read = `SELECT ${rowGroupOf(groups)} AS g, count(*) AS rows${aggregates.map((a) => `, ${a}`).join('')}
    FROM read_parquet(${path}, file_row_number = true) GROUP BY g`;
  // Per column, each way the read can disagree with the footer (as kind, what was read, what the footer records).
  const checks = columns.map((c) => {
    // min_value/max_value only (the deprecated min/max used a signed order); INT96 timestamps have no defined order.
    const smin = `CASE WHEN m.type <> 'INT96' THEN TRY_CAST(m.stats_min_value AS ${c.type}) END`;
    const smax = `CASE WHEN m.type <> 'INT96' THEN TRY_CAST(m.stats_max_value AS ${c.type}) END`;
    const [n, lo, hi] = [`r.${id(c, 'n')}`, `r.${id(c, 'lo')}`, `r.${id(c, 'hi')}`];
    const nulls = `(m.row_group_num_rows - coalesce(${n}, 0))`;
    const badNulls = `m.stats_null_count IS NOT NULL AND ${nulls} <> m.stats_null_count`;
    const badMin = `${lo} < ${smin} OR (m.min_is_exact AND ${lo} <> ${smin})`;
    const badMax = `${hi} > ${smax} OR (m.max_is_exact AND ${hi} <> ${smax})`;
    return `SELECT m.row_group_id AS g, ${quotedString(c.name)} AS c,
        CASE WHEN ${badNulls} THEN 'nulls' WHEN ${badMin} THEN 'min' WHEN ${badMax} THEN 'max' END AS kind,
        CASE WHEN ${badNulls} THEN CAST(${nulls} AS VARCHAR) WHEN ${badMin} THEN CAST(${lo} AS VARCHAR) ELSE CAST(${hi} AS VARCHAR) END AS got,
        CASE WHEN ${badNulls} THEN CAST(m.stats_null_count AS VARCHAR) WHEN ${badMin} THEN m.stats_min_value ELSE m.stats_max_value END AS recorded
      FROM ${meta} m LEFT JOIN cw_parquet_read r ON r.g = m.row_group_id
      WHERE m.column_id = ${c.index}`;
  });
  const previous = String((await rows(conn, `SELECT current_setting('disabled_optimizers') AS v`))[0]!.v);
  // The optimiser takes the footer's statistics as true (count(c) of a column "without nulls" becomes count(*)): not here.
  await conn.run(`SET disabled_optimizers = ${quotedString([previous, 'statistics_propagation'].filter(Boolean).join(','))}`);
  try {
    await conn.run(`CREATE OR REPLACE TEMP TABLE cw_parquet_read AS ${read}`);
    const missing = await rows(
      conn,
      `SELECT g.id AS g, g.n AS n, coalesce(r.rows, 0) AS got FROM (SELECT DISTINCT row_group_id AS id, row_group_num_rows AS n FROM ${meta}) g
       LEFT JOIN cw_parquet_read r ON r.g = g.id WHERE coalesce(r.rows, 0) <> g.n ORDER BY g.id LIMIT 1`,
    );
    if (missing.length > 0) {
      const m = missing[0]!;
      throw refuse(`${range(Number(m.g))} has ${Number(m.got)} rows where its footer records ${Number(m.n)}`);
    }
    if (checks.length === 0) return;
    const found = await rows(conn, `SELECT * FROM (${checks.join(' UNION ALL ')}) WHERE kind IS NOT NULL ORDER BY g, c LIMIT 1`);
    if (found.length === 0) return;
    const f = found[0]! as { g: bigint; c: string; kind: 'nulls' | 'min' | 'max'; got: string | null; recorded: string };
    const where = `in ${range(Number(f.g))}, column "${shownValue(f.c)}"`;
    const got = f.got === null ? 'no value' : `"${shownValue(f.got)}"`;
    const recorded = `"${shownValue(f.recorded)}"`;
    throw refuse(
      f.kind === 'nulls'
        ? `${where} has ${f.got} empty values where the file's footer records ${f.recorded}`
        : `${where} reads ${f.kind === 'min' ? 'as smallest value' : 'as largest value'} ${got} where the file's footer records ${recorded}`,
    );
  } finally {
    await conn.run(`DROP TABLE IF EXISTS cw_parquet_read`);
    await conn.run(`SET disabled_optimizers = ${quotedString(previous)}`);
  }
}

/**
 * For the places a Source is read in full: a Parquet source is verified first
 * (any other format passes). The pass decodes every flat column, so a page
 * DuckDB cannot decode ("Out of buffer", a failed decompression) fails here:
 * the file is damaged or unreadable, whatever the engine's words.
 */
export async function verifyParquetSource(conn: DuckDBConnection, source: Source): Promise<void> {
  if (source.format !== 'parquet') return;
  try {
    await verifyParquetIntegrity(conn, source.path, source.readPath);
  } catch (error) {
    if (error instanceof EngineError || isInterrupt(error)) throw error;
    const raw = error instanceof Error ? error.message : String(error);
    throw new EngineError('unsupported_file', `${source.path}: the Parquet file is damaged or unreadable (${plainEngineMessage(raw)}). Export it again.`, {
      file: source.path,
      damaged: true,
    });
  }
}
