// How a cell value reads in the grid. Values arrive from Arrow: numbers,
// bigints (BIGINT), booleans and strings (dates come as ISO text).

export function isNumericType(type: string): boolean {
  return /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL)/.test(type);
}

/** Digits after the point of a DECIMAL(p,s) type, so money keeps its cents. */
export function decimalScale(type: string): number | null {
  const match = /^DECIMAL\(\d+,\s*(\d+)\)/.exec(type);
  return match ? Number(match[1]) : null;
}

export function formatCell(value: unknown, type = ''): string {
  if (value === null || value === undefined) return 'NULL';
  const scale = decimalScale(type);
  if (typeof value === 'number' && scale !== null) return value.toFixed(scale);
  // 15 significant digits: what a double holds exactly, without binary noise.
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(15)));
  return String(value);
}
