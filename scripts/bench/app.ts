// The app's side of npm run bench, in its own process (so its peak RSS is its
// own): the Engine imports the customer-month CSV and the customers CSV into
// a new workspace file (model.import, as the app and the CLI do), answers
// the first screen (the families the Overview draws), then each re-analysis:
// one control changed at a time, on the screen that shows it (the segment
// rule on Segments, the others on the Overview), as the app asks. Last, and
// not timed, every family for the agreement check against the baseline.
//   node --import tsx scripts/bench/app.ts <dir> <out.json> <memory limit>
import fs from 'node:fs';
import path from 'node:path';
import { Engine } from '../../main/engine/engine.js';
import type { AnalysisFamily, AnalysisSettings } from '../../shared/metrics.js';
import type { Response } from '../../shared/contract.js';
import { REANALYSES, reanalysisChanges, SURVIVAL_STEP, type StepTiming } from './steps.js';

async function main(): Promise<void> {
  const [dir, out, memoryLimit] = process.argv.slice(2) as [string, string, string];
  const file = path.join(dir, `app-${process.pid}.duckdb`);
  const timings: StepTiming[] = [];
  const rss = () => process.resourceUsage().maxRSS / 1024;
  const time = async <T>(step: string, work: () => Promise<T>): Promise<T> => {
    const start = process.hrtime.bigint();
    const value = await work();
    timings.push({ step, seconds: Number(process.hrtime.bigint() - start) / 1e9, rssMiB: rss() });
    return value;
  };
  // Opened as the command line's import opens it (its reader started with the workspace).
  const engine = await Engine.open(file, { prestartReader: true });
  await engine.database.run(`SET memory_limit = '${memoryLimit}'`);
  const must = <T>(answer: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.value;
  };
  try {
    await time('import', async () =>
      must(
        await engine.invoke('model.import', {
          files: [
            { path: path.join(dir, 'customer_month.csv'), kind: 'mrr' },
            { path: path.join(dir, 'customers.csv'), kind: 'customers' },
          ],
        }),
      ),
    );
    const analysis = async (settings: Partial<AnalysisSettings>, families?: AnalysisFamily[]): Promise<Response<'analysis.run'>> =>
      must(await engine.invoke('analysis.run', { settings, families }));
    // What the screens ask for (renderer/views/registry.ts VIEW_FAMILIES).
    const overview: AnalysisFamily[] = ['periods'];
    const segments: AnalysisFamily[] = ['segments'];
    const first = await time('first screen', () => analysis({}, overview));
    const asOf = first.settings.as_of;
    const changes = reanalysisChanges(asOf);
    for (const kind of REANALYSES) {
      await time(kind, () => analysis(changes[kind], kind === 'segment rule' ? segments : overview));
    }
    // The Survival screen's default: lifetimes by segment, Kaplan-Meier, medians, hazard and the log-rank test.
    const survival = await time(SURVIVAL_STEP, async () => must(await engine.invoke('survival.run', { settings: {}, survival: { groupBy: 'segment' } })));
    const every = await analysis({});
    fs.writeFileSync(
      out,
      JSON.stringify({
        timings,
        first: {
          periods: every.periods,
          segments: every.segments.map((s) => ({ segment: s.segment, periods: s.periods })),
          cohorts: every.cohorts.logo,
          survival: survival.groups.map((g) => ({ group: g.group, curve: g.curve, observed: survival.log_rank?.groups.find((x) => x.group === g.group)?.observed ?? null, expected: survival.log_rank?.groups.find((x) => x.group === g.group)?.expected ?? null })),
        },
      }),
    );
  } finally {
    engine.close();
    fs.rmSync(file, { force: true });
    fs.rmSync(`${file}.wal`, { force: true });
  }
}

await main();
