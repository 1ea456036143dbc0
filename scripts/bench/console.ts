// npm run bench:console [-- --rows 10000000 --pairs 5]
//
// The SQL console's paging against a raw LIMIT/OFFSET on the same result, in
// one run (docs/CONSOLE.md, "Speed"). A query of --rows rows runs once through
// the console (console.run: its result becomes a result table); then, for
// pages at the start, the middle, the end and in between, alternately:
//   app:      console.page through the engine's contract (request validation,
//             the rowid window, Arrow IPC encoding), as the grid asks for it;
//   baseline: SELECT * FROM <the same result table> LIMIT 1024 OFFSET n on a
//             plain DuckDB connection, its values read into JavaScript.
// Prints the median of --pairs pairs per page and the ratio; asserts nothing
// about time. Both sides must return the same first id.
import { parseArgs } from 'node:util';
import { tableFromIPC } from 'apache-arrow';
import { Engine } from '../../main/engine/engine.js';
import { consoleState } from '../../main/console/results.js';

const { values } = parseArgs({ options: { rows: { type: 'string', default: '10000000' }, pairs: { type: 'string', default: '5' } } });
const rows = Number(values.rows);
const pairs = Math.max(1, Number(values.pairs));
const PAGE = 1024;

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};
const ms = (x: number) => `${x.toFixed(1)} ms`;

const engine = await Engine.open(null);
try {
  const started = performance.now();
  const run = await engine.invoke('console.run', {
    tabId: 'bench',
    sql: `SELECT range AS id, 'customer ' || range AS name, (range % 997) * 1.25 AS mrr, DATE '2020-01-01' + CAST(range % 1500 AS INTEGER) AS day FROM range(${rows})`,
  });
  if (!run.ok || !run.value.result) throw new Error(run.ok ? 'no result' : run.error.message);
  const result = run.value.result;
  process.stderr.write(`console.run of ${rows.toLocaleString('en-US')} rows: ${ms(performance.now() - started)}\n`);
  const relation = consoleState(engine.database).get(result.resultId).relation;
  const connection = await engine.database.connect();

  const last = Math.floor((rows - 1) / PAGE) * PAGE;
  const offsets = [0, Math.floor(rows / 4 / PAGE) * PAGE, Math.floor(rows / 2 / PAGE) * PAGE, Math.floor((rows * 3) / 4 / PAGE) * PAGE, last];
  const app = async (offset: number) => {
    const t = performance.now();
    const page = await engine.invoke('console.page', { resultId: result.resultId, offset, limit: PAGE });
    const elapsed = performance.now() - t;
    if (!page.ok) throw new Error(page.error.message);
    return { elapsed, first: Number(tableFromIPC(page.value).getChild('id')!.get(0)) };
  };
  const baseline = async (offset: number) => {
    const t = performance.now();
    const reader = await connection.runAndReadAll(`SELECT * FROM ${relation} LIMIT ${PAGE} OFFSET ${offset}`);
    const columns = reader.getColumnsJS();
    const elapsed = performance.now() - t;
    return { elapsed, first: Number(columns[0]![0]) };
  };

  // Untimed warm-up of both sides (module loads, JIT) on a page not measured.
  for (let i = 0; i < 3; i += 1) {
    await app(PAGE * 7);
    await baseline(PAGE * 7);
  }

  console.log(`| page (rows) | app: console.page | baseline: LIMIT/OFFSET | ratio |`);
  console.log(`|---|---|---|---|`);
  const ratios: number[] = [];
  for (const offset of offsets) {
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < pairs; i += 1) {
      const x = await app(offset);
      const y = await baseline(offset);
      if (x.first !== y.first) throw new Error(`the sides disagree at offset ${offset}: ${x.first} vs ${y.first}`);
      a.push(x.elapsed);
      b.push(y.elapsed);
    }
    const ratio = median(a) / median(b);
    ratios.push(ratio);
    console.log(`| ${offset.toLocaleString('en-US')}–${(offset + PAGE - 1).toLocaleString('en-US')} | ${ms(median(a))} | ${ms(median(b))} | ${ratio.toFixed(2)}× |`);
  }
  console.log(`\nworst ratio ${Math.max(...ratios).toFixed(2)}× (goal ≤ 2×), ${pairs} alternating pairs per page, ${rows.toLocaleString('en-US')}-row result`);
  connection.closeSync();
} finally {
  engine.close();
}
