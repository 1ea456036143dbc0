// Work over every customer split into ranges of the customer index, one
// statement each, when the customers are many or memory is short: each
// statement's hash tables and sorts then hold a range's rows, not everyone's.
// What customer_month's rebuild (ingest/normalize/customerMonth.ts) and the
// kept movements (metrics/movementCache.ts) are split by.

/** The most customers one statement rebuilds: its GROUP BY's hash table and sort (~1 GiB at a million customers) stay a quarter of that. */
const MAX_CUSTOMERS_PER_STATEMENT = 250_000;
/** Every statement reads every source row again: past this many statements, that costs more than the memory saved. */
const MAX_STATEMENTS = 16;
/** Memory a customer takes in a statement's GROUP BY and sort, about a year of months at ~100 bytes each. */
const BYTES_PER_CUSTOMER = 1200;

/**
 * The ranges of customers a rebuild writes one after another, in index order
 * (so the table stays in customer and month order): all at once up to
 * MAX_CUSTOMERS_PER_STATEMENT, or what a quarter of the memory limit holds,
 * and at most MAX_STATEMENTS. One statement for all of a million customers
 * allocated ~960 MiB and took 1.8-4.4 s (6.6 s in an import, mostly the
 * kernel's first touch of that memory); four of a quarter each, 1.7 s
 * (fresh processes, alternating, 3 pairs). Under a small limit, a smaller
 * hash table is what lets it finish.
 */
export function customerRanges(customers: number, memoryLimitBytes: number | null): { from: number; to: number }[] {
  const byMemory = memoryLimitBytes === null ? MAX_CUSTOMERS_PER_STATEMENT : Math.floor(memoryLimitBytes / 4 / BYTES_PER_CUSTOMER);
  const size = Math.max(1, Math.ceil(customers / MAX_STATEMENTS), Math.min(MAX_CUSTOMERS_PER_STATEMENT, byMemory));
  const ranges: { from: number; to: number }[] = [];
  for (let from = 1; from <= customers; from += size) ranges.push({ from, to: Math.min(customers, from + size - 1) });
  return ranges;
}
