// Active months and MRR movements of every customer, computed once per import
// and per distinct set of active months (the methodology settings that decide
// them), and kept for the life of the workspace's database. They do not depend
// on the filters, the segment rule, the period or the range: each customer's
// history is classified on its own. So changing any of those controls is an
// aggregation over these tables joined with the customers in scope, instead of
// the window over every customer-month again.
//
// The tables live in an in-memory database attached to the workspace's DuckDB
// (`cw_cache`): shared by every connection (an analysis runs on its job's
// connection), never written into the workspace file, and able to spill to
// the temp directory like any DuckDB table. A fingerprint of the customer_month
// table they were computed from is part of their key, so any change of the
// data (an import, a test writing rows by hand) makes them unreachable, and
// they are dropped.
import type { Database } from '../runtime/database.js';
import { activeCte, customerMonthTable, movementsKey, type MetricContext } from './scope.js';
import { movesCte, seqCte } from './movements.js';
import { str, withCtes } from '../runtime/sql.js';
import { customerRanges } from '../model/ranges.js';
import { memoryLimit } from '../runtime/memoryLimit.js';

/** Unscoped tables: `active(cidx, m, mrr)` and `moves(cidx, m, movement, mrr_before, mrr_after)`. */
export interface CachedMovements {
  active: string;
  moves: string;
}

type Exec = (sql: string) => Promise<unknown>;
type Rows = (sql: string) => Promise<Record<string, unknown>[]>;

interface Cache {
  entries: Map<string, { table: string; fingerprint: string; tables: Promise<CachedMovements>; ready?: CachedMovements }>;
  next: number;
}

const CATALOG = 'cw_cache';
const caches = new WeakMap<Database, Cache>();

/** Every customer the workspace knows, unfiltered: the active months and movements are computed for all of them. */
const EVERY_CUSTOMER = "SELECT customer_id, 'All' AS segment, cidx FROM churn.customer_index";

/**
 * What the active months and movements depend on: the rows of the
 * customer_month table read (its fingerprint, not its name: after an import
 * where nothing was cancelled early both tables hold the same rows, and the
 * presets reading either share one computation) and the methodology's part of
 * movementsKey, without the scope.
 */
function methodologyKey(ctx: MetricContext, fingerprint: string): string {
  const unscoped = { ...ctx.settings, filters: [], segmentRule: { by: 'employees', midMarketFrom: 1, enterpriseFrom: 2 } as const };
  return JSON.stringify([fingerprint, movementsKey({ ...ctx, settings: unscoped, methodology: { ...ctx.methodology, churnDate: 'end_of_period' } })]);
}

/**
 * The cached tables for `ctx`'s methodology and as-of month, computed with
 * `exec` (the job's connection: a cancel interrupts the computation) when
 * they are missing or the data changed since.
 */
export async function cachedMovements(db: Database, exec: Exec, rows: Rows, ctx: MetricContext): Promise<CachedMovements> {
  let cache = caches.get(db);
  if (!cache) {
    cache = { entries: new Map(), next: 0 };
    caches.set(db, cache);
  }
  await exec(`ATTACH IF NOT EXISTS ':memory:' AS ${CATALOG}`);
  // Cheap next to the window it saves (one scan of three columns), and true whoever wrote the rows.
  const table = customerMonthTable(ctx.methodology);
  const [print] = await rows(`SELECT count(*) AS n, sum(hash(cidx, month, mrr)) AS h FROM ${table}`);
  const fingerprint = `${String(print?.n)}:${String(print?.h)}`;
  const key = methodologyKey(ctx, fingerprint);
  for (const [other, entry] of cache.entries) {
    if (entry.table !== table || entry.fingerprint === fingerprint) continue;
    // Computed from data that has changed since: nothing asks for it again.
    cache.entries.delete(other);
    // (One still being computed is left to the database's closing.)
    for (const stale of Object.values(entry.ready ?? {})) await exec(`DROP TABLE IF EXISTS ${stale}`);
  }
  const known = cache.entries.get(key);
  if (known) {
    try {
      return await known.tables;
    } catch {
      // Another job computing it was cancelled: compute it on this one.
    }
  }
  const n = cache.next++;
  const tables = { active: `${CATALOG}.active_${n}`, moves: `${CATALOG}.moves_${n}` };
  const everyone = { ...ctx, materialized: undefined };
  // The same methodology but for zero-MRR months, kept already: only the
  // customers with such a month can differ from it.
  const flipped = { ...everyone, methodology: { ...ctx.methodology, zeroMrrCustomers: ctx.methodology.zeroMrrCustomers === 'active' ? 'churned' : 'active' } } as const;
  const sibling = cache.entries.get(methodologyKey(flipped, fingerprint))?.ready;
  const work = (async () => {
    await exec(
      `CREATE OR REPLACE TABLE ${tables.active} AS ${withCtes({ scope: EVERY_CUSTOMER }, `SELECT cidx, m, mrr FROM (${activeCte(everyone, false)})`)}`,
    );
    if (sibling) {
      await deriveMoves(sibling.moves, tables, exec, everyone, table, n);
      return tables;
    }
    const [indexed] = await rows('SELECT coalesce(max(cidx), 0) AS n FROM churn.customer_index');
    const ranges = customerRanges(Number(indexed?.n ?? 0), await memoryLimit(rows));
    // One statement per range of customers (model/ranges.ts): each window sorts a range's months, not everyone's.
    for (const [i, range] of (ranges.length > 1 ? ranges : [null]).entries()) {
      const within = range ? ` WHERE cidx BETWEEN ${range.from} AND ${range.to}` : '';
      const select = withCtes(
        { scope: `${EVERY_CUSTOMER}${within}`, active: `SELECT 'All' AS dim, NULL AS customer_id, * FROM ${tables.active}${within}`, seq: seqCte() },
        `SELECT cidx, m, movement, mrr_before, mrr_after FROM (${movesCte(everyone, false)})`,
      );
      await exec(i === 0 ? `CREATE OR REPLACE TABLE ${tables.moves} AS ${select}` : `INSERT INTO ${tables.moves} ${select}`);
    }
    return tables;
  })();
  const entry: { table: string; fingerprint: string; tables: Promise<CachedMovements>; ready?: CachedMovements } = { table, fingerprint, tables: work };
  cache.entries.set(key, entry);
  try {
    entry.ready = await work;
    return entry.ready;
  } catch (error) {
    if (cache.entries.get(key) === entry) cache.entries.delete(key);
    throw error;
  }
}

/**
 * The movements of a methodology that differs from the one `siblingMoves` was
 * computed under only in whether zero-MRR months count as active. Each
 * customer's history is classified on its own, and a customer without a month
 * at zero MRR or below (up to the as-of month) has the same active months, so
 * the same movements, under both settings: theirs are copied from the
 * sibling, and only the other customers' months go through the window again.
 */
async function deriveMoves(siblingMoves: string, tables: CachedMovements, exec: Exec, ctx: MetricContext, table: string, n: number): Promise<void> {
  const differing = `${CATALOG}.differing_${n}`;
  try {
    await exec(
      `CREATE OR REPLACE TABLE ${differing} AS SELECT DISTINCT cidx FROM ${table}
       WHERE month <= DATE ${str(ctx.asOfMonth)} AND NOT coalesce(mrr > 0, false)`,
    );
    await exec(
      `CREATE OR REPLACE TABLE ${tables.moves} AS
       SELECT cidx, m, movement, mrr_before, mrr_after FROM ${siblingMoves} mv ANTI JOIN ${differing} d ON d.cidx = mv.cidx
       UNION ALL
       SELECT * FROM (${withCtes(
         {
           scope: `SELECT ids.customer_id, 'All' AS segment, ids.cidx FROM churn.customer_index ids SEMI JOIN ${differing} d ON d.cidx = ids.cidx`,
           active: `SELECT 'All' AS dim, NULL AS customer_id, a.* FROM ${tables.active} a SEMI JOIN ${differing} d ON d.cidx = a.cidx`,
           seq: seqCte(),
         },
         `SELECT cidx, m, movement, mrr_before, mrr_after FROM (${movesCte(ctx, false)})`,
       )})`,
    );
  } finally {
    await exec(`DROP TABLE IF EXISTS ${differing}`);
  }
}
