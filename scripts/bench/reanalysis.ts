// Where a re-analysis's time goes (issue 14, goal 3), without importing again:
// opens a workspace that already holds data (a copy: its file is opened for
// writing and a newer build may carry it over), answers the first screen as
// npm run bench does (scripts/bench/app.ts), then each re-analysis `passes`
// times, printing the wall and the process CPU time (DuckDB's threads
// included) of each; TRACE=1 also prints every SQL statement's wall time.
// To compare two builds, run each build's copy of this script on its own
// copy of the workspace, alternately.
//   node --import tsx scripts/bench/reanalysis.ts <workspace.duckdb> [passes] [survival]
import { DuckDBConnection } from '@duckdb/node-api';
import { Engine } from '../../main/engine/engine.js';
import type { AnalysisFamily, AnalysisSettings } from '../../shared/metrics.js';
import { REANALYSES, reanalysisChanges, SURVIVAL_STEP } from './steps.js';

const [file, passesArg, survival] = process.argv.slice(2);
if (!file) throw new Error('usage: reanalysis.ts <workspace.duckdb> [passes] [survival]');
const trace: string[] = [];
if (process.env.TRACE) {
  const proto = DuckDBConnection.prototype as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  let depth = 0;
  for (const method of ['run', 'runAndReadAll']) {
    const original = proto[method]!;
    proto[method] = async function (this: unknown, ...args: unknown[]) {
      depth++;
      const start = process.hrtime.bigint();
      try {
        return await original.apply(this, args);
      } finally {
        depth--;
        const ms = Number(process.hrtime.bigint() - start) / 1e6;
        if (depth === 0) trace.push(`${ms.toFixed(0).padStart(7)} ms  ${String(args[0]).replace(/\s+/g, ' ').trim().slice(0, 130)}`);
      }
    };
  }
}
const wall: Record<string, number[]> = {};
const cpu: Record<string, number[]> = {};
const time = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
  if (process.env.TRACE) trace.push(`--- ${step}`);
  const usage = process.cpuUsage();
  const start = process.hrtime.bigint();
  const value = await work();
  (wall[step] ??= []).push(Number(process.hrtime.bigint() - start) / 1e6);
  const used = process.cpuUsage(usage);
  (cpu[step] ??= []).push((used.user + used.system) / 1000);
  return value;
};
const engine = await Engine.open(file);
try {
  const must = <T>(answer: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.value;
  };
  const analysis = async (settings: Partial<AnalysisSettings>, families: AnalysisFamily[]) =>
    must(await engine.invoke('analysis.run', { settings, families }));
  const first = await time('first screen', () => analysis({}, ['periods']));
  const asOf = first.settings.as_of;
  // The changes npm run bench makes.
  const changes = reanalysisChanges(asOf);
  for (let pass = 0; pass < Number(passesArg ?? 1); pass++) {
    for (const kind of REANALYSES) await time(kind, () => analysis(changes[kind], kind === 'segment rule' ? ['segments'] : ['periods']));
  }
  if (survival) await time(SURVIVAL_STEP, async () => must(await engine.invoke('survival.run', { settings: {}, survival: { groupBy: 'segment' } })));
} finally {
  engine.close();
}
if (trace.length) process.stdout.write(`${trace.join('\n')}\n`);
for (const step of Object.keys(wall)) {
  const ms = (values: number[]) => values.map((v) => v.toFixed(0)).join(', ');
  process.stdout.write(`${step.padEnd(32)} wall ${ms(wall[step]!)} ms   cpu ${ms(cpu[step]!)} ms\n`);
}
