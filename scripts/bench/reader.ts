// node --import tsx scripts/bench/reader.ts [-- --imports 20 --rounds 3]
//
// The reader process kept warm (main/ingest/reader/warm.ts) against one new
// reader per read, in one run: --imports small model imports in a row, with
// the warm reader (as the app runs) and with CW_READER_IDLE_SECONDS=0 (each
// reader ends after its read, as before the warm reader), alternately for
// --rounds rounds. Prints the median time of each and the ratio; asserts
// nothing about time.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Engine } from '../../main/engine/engine.js';

const { values } = parseArgs({ options: { imports: { type: 'string', default: '20' }, rounds: { type: 'string', default: '3' } } });
const imports = Number(values.imports);
const rounds = Math.max(1, Number(values.rounds));

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cw-bench-reader-'));
const files = Array.from({ length: imports }, (_, i) => {
  const file = path.join(dir, `customers-${i}.csv`);
  const rows = Array.from({ length: 50 }, (_, r) => `C${i}-${r},${10 + r},2024-0${1 + (r % 9)}-01`);
  fs.writeFileSync(file, `customer_id,amount,start_date\n${rows.join('\n')}\n`);
  return file;
});

async function run(warm: boolean): Promise<number> {
  if (warm) delete process.env.CW_READER_IDLE_SECONDS;
  else process.env.CW_READER_IDLE_SECONDS = '0';
  const engine = await Engine.open(null);
  try {
    const started = performance.now();
    for (const file of files) {
      const result = await engine.invoke('model.import', { files: [{ path: file, interval: 'month' }] });
      if (!result.ok) throw new Error(result.error.message);
    }
    return performance.now() - started;
  } finally {
    engine.close();
  }
}

// Untimed warm-up: the reader's bundle, module loads, JIT.
await run(true);
const times = { warm: [] as number[], cold: [] as number[] };
for (let round = 0; round < rounds; round++) {
  for (const warm of round % 2 ? [true, false] : [false, true]) (warm ? times.warm : times.cold).push(await run(warm));
}
const cold = median(times.cold);
const warm = median(times.warm);
process.stdout.write(
  `${imports} small model imports, median of ${rounds}:\n` +
    `  a new reader per read: ${(cold / 1000).toFixed(1)} s\n` +
    `  warm reader:           ${(warm / 1000).toFixed(1)} s\n` +
    `  ratio warm / new:      ${(warm / cold).toFixed(2)}\n`,
);
fs.rmSync(dir, { recursive: true, force: true });
