// DuckDB's Node API has no Arrow export, so results are turned into Arrow here,
// column by column, and cross to the renderer as IPC stream bytes.
import { DuckDBTypeId, type DuckDBResultReader } from '@duckdb/node-api';
import type { DataType, Vector } from 'apache-arrow';
import { arrow } from './lazy.js';
import { quotedIdentifier } from '@duckdb/node-api';
import type { ColumnInfo } from '../../shared/contract.js';

const INT32_TYPES = new Set([
  DuckDBTypeId.TINYINT,
  DuckDBTypeId.SMALLINT,
  DuckDBTypeId.INTEGER,
  DuckDBTypeId.UTINYINT,
  DuckDBTypeId.USMALLINT,
]);
const FLOAT_TYPES = new Set([DuckDBTypeId.FLOAT, DuckDBTypeId.DOUBLE, DuckDBTypeId.UINTEGER]);

function arrowType(typeId: DuckDBTypeId): DataType {
  const { Bool, Int32, Int64, Float64, Utf8 } = arrow();
  if (typeId === DuckDBTypeId.BOOLEAN) return new Bool();
  if (INT32_TYPES.has(typeId)) return new Int32();
  if (typeId === DuckDBTypeId.BIGINT) return new Int64();
  if (FLOAT_TYPES.has(typeId)) return new Float64();
  return new Utf8();
}

function convert(value: unknown, type: DataType): unknown {
  if (value === null || value === undefined) return null;
  const { Utf8, Float64 } = arrow();
  if (type instanceof Utf8) return typeof value === 'string' ? value : String(value);
  if (type instanceof Float64) return Number(value);
  return value;
}

/** Encodes a fully read result as an Arrow IPC stream. */
export function readerToArrow(reader: DuckDBResultReader): Uint8Array {
  const { Table, tableToIPC, vectorFromArray } = arrow();
  const names = reader.deduplicatedColumnNames();
  const columns = reader.getColumns();
  const vectors: Record<string, Vector> = {};
  names.forEach((name, index) => {
    const type = arrowType(reader.columnTypeId(index));
    const values = (columns[index] ?? []).map((value) => convert(value, type));
    vectors[name] = vectorFromArray(values, type);
  });
  return tableToIPC(new Table(vectors), 'stream');
}

/**
 * A SELECT list that casts each column to a type Arrow carries losslessly for
 * display: exact decimals and huge integers to DOUBLE, temporal and nested
 * types to their canonical text.
 */
export function arrowFriendlySelect(columns: ColumnInfo[]): string {
  return columns
    .map(({ name, type }) => {
      const id = quotedIdentifier(name);
      if (/^(BOOLEAN|TINYINT|SMALLINT|INTEGER|BIGINT|UTINYINT|USMALLINT|UINTEGER|FLOAT|DOUBLE|VARCHAR)$/.test(type)) return id;
      if (/^(DECIMAL|HUGEINT|UBIGINT|UHUGEINT)/.test(type)) return `CAST(${id} AS DOUBLE) AS ${id}`;
      return `CAST(${id} AS VARCHAR) AS ${id}`;
    })
    .join(', ');
}
