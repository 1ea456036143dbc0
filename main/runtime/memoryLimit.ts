// DuckDB's memory limit as a number of bytes: what a piece of work sizes
// itself by (the import's staging compression, how many customers one
// statement of customer_month or the movements takes).

const UNITS: Record<string, number> = { bytes: 1, KiB: 2 ** 10, MiB: 2 ** 20, GiB: 2 ** 30, TiB: 2 ** 40, KB: 1e3, MB: 1e6, GB: 1e9, TB: 1e12 };

/**
 * Bytes of a size as DuckDB writes it ("64.0 MiB", "14.1 GiB"), or null (no
 * limit, SET memory_limit = '-1', reads "16383.9 PiB": nothing to compress for).
 * The limit is read as current_setting's text because that is the only place
 * DuckDB gives it, and a SET by hand (as tests do) changes it after the open.
 */
export function parseByteSize(text: string): number | null {
  const match = /^\s*([\d.]+)\s*([A-Za-z]+)\s*$/.exec(text);
  const unit = match ? UNITS[match[2]!] : undefined;
  return match && unit ? Number(match[1]) * unit : null;
}

/** DuckDB's memory limit in bytes as it is now (the engine's, or one SET since, as the tests do); `rows` runs a query. */
export async function memoryLimit(rows: (sql: string) => Promise<Record<string, unknown>[]>): Promise<number | null> {
  const [row] = await rows(`SELECT current_setting('memory_limit') AS memory_limit`);
  return parseByteSize(String(row?.memory_limit ?? ''));
}
