// The analysis result as the engine answers it matches its declared shape
// (shared/analysis.ts, as the zod schema in test/support/analysisSchema.ts):
// no column missing, none extra, numbers as numbers — on the sample data, for
// every family at once and for each screen's subset.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { Engine } from '../../main/engine/engine.js';
import { ANALYSIS_FAMILIES } from '../../shared/metrics.js';
import { analysisResultSchema } from '../support/analysisSchema.js';

let engine: Engine;

before(async () => {
  engine = await Engine.open(null);
  const opened = await engine.invoke('sample.open', {});
  assert.ok(opened.ok, JSON.stringify(opened));
});

after(() => engine?.close());

function issues(value: unknown): string {
  const parsed = analysisResultSchema.safeParse(value);
  return parsed.success ? '' : parsed.error.issues.slice(0, 10).map((i) => `${i.path.join('.')}: ${i.message}`).join('\n');
}

test('every family at once: the result has exactly the declared shape, and every family has rows', async () => {
  const run = await engine.invoke('analysis.run', { settings: { period: 'quarter' } });
  assert.ok(run.ok, JSON.stringify(run));
  assert.equal(issues(run.value), '');
  const result = run.value;
  assert.ok(result.headline && result.periods.length && result.segments.length && result.cohorts.logo.length, 'the sample fills every family');
  assert.ok(result.churn_reasons.length && result.methodology_comparison.length, 'reasons and the comparison too');
});

test("each family alone: the same shape, the others empty", async () => {
  for (const family of ANALYSIS_FAMILIES) {
    const run = await engine.invoke('analysis.run', { settings: {}, families: [family] });
    assert.ok(run.ok, JSON.stringify(run));
    assert.equal(issues(run.value), '', `families: [${family}]`);
  }
});
