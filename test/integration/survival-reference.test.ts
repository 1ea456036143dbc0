// Kaplan-Meier, medians, survival at chosen times, restricted means and the
// log-rank test equal R's survival package (test/fixtures/survival/reference.R
// and its committed output) to 1e-6 on the public data sets: Telco by
// Contract through the churn model's customer list, aml by x and lung by sex
// as plain lifetime tables.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { Engine } from '../../main/engine/engine.js';
import { logChiSquareUpperTail } from '../../main/metrics/survival/chiSquare.js';
import type { SurvivalResult } from '../../shared/survival.js';
import type { SurvivalOptions } from '../../shared/survival.js';
import { missingSharedData, reference, SHARED_DATA, value } from '../support/survival.js';

const TOLERANCE = 1e-6;

function close(actual: number | null | undefined, expected: number | null, what: string) {
  if (expected === null) {
    assert.equal(actual ?? null, null, `${what}: R gives NA, got ${actual}`);
    return;
  }
  assert.ok(actual !== null && actual !== undefined, `${what}: R gives ${expected}, got ${actual}`);
  const scale = Math.max(1, Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= TOLERANCE * scale, `${what}: R gives ${expected}, got ${actual}`);
}

function compare(dataset: string, result: SurvivalResult) {
  const groups = new Map(result.groups.map((g) => [g.group, g]));
  const curves = reference('curves.csv').filter((r) => r.dataset === dataset);
  assert.ok(curves.length > 0);
  for (const [name, group] of groups) {
    const expected = curves.filter((r) => r.group === name);
    assert.equal(group.curve.length, expected.length, `${dataset} ${name}: distinct times`);
    expected.forEach((row, i) => {
      const got = group.curve[i]!;
      const where = `${dataset} ${name} t=${row.time}`;
      assert.deepEqual([got.time, got.n_risk, got.n_event, got.n_censor], [value(row.time), value(row.n_risk), value(row.n_event), value(row.n_censor)], where);
      close(got.surv, value(row.surv), `${where} surv`);
      close(got.std_err, value(row.std_err), `${where} std_err`);
      close(got.lower, value(row.lower), `${where} lower`);
      close(got.upper, value(row.upper), `${where} upper`);
    });
  }
  const summaries = reference('summary.csv').filter((r) => r.dataset === dataset);
  assert.deepEqual([...groups.keys()], summaries.map((s) => s.group));
  for (const s of summaries) {
    const group = groups.get(String(s.group))!;
    assert.equal(group.n, value(s.n));
    assert.equal(group.events, value(s.events));
    close(group.median.estimate, value(s.median), `${dataset} ${s.group} median`);
    close(group.median.lower, value(s.lcl), `${dataset} ${s.group} median lower`);
    close(group.median.upper, value(s.ucl), `${dataset} ${s.group} median upper`);
    assert.equal(group.rmst?.horizon, value(s.horizon));
    close(group.rmst?.estimate, value(s.rmean), `${dataset} ${s.group} rmean`);
    close(group.rmst?.std_err, value(s.se_rmean), `${dataset} ${s.group} se(rmean)`);
  }
  for (const row of reference('at_times.csv').filter((r) => r.dataset === dataset)) {
    const at = groups.get(String(row.group))!.at.find((a) => a.time === value(row.time))!;
    const where = `${dataset} ${row.group} at ${row.time}`;
    assert.equal(at.n_risk, value(row.n_risk), `${where} n_risk`);
    close(at.surv, value(row.surv), `${where} surv`);
    close(at.std_err, value(row.std_err), `${where} std_err`);
    close(at.lower, value(row.lower), `${where} lower`);
    close(at.upper, value(row.upper), `${where} upper`);
  }
  const [test] = reference('logrank.csv').filter((r) => r.dataset === dataset);
  const logRank = result.log_rank!;
  close(logRank.chisq, value(test!.chisq), `${dataset} chisq`);
  assert.equal(logRank.df, value(test!.df));
  close(logChiSquareUpperTail(logRank.chisq, logRank.df), value(test!.log_p), `${dataset} log p`);
  const p = value(test!.p)!;
  if (p > 0) assert.ok(Math.abs(logRank.p! - p) <= TOLERANCE * p, `${dataset} p: R gives ${p}, got ${logRank.p}`);
  else assert.equal(logRank.p_text, 'p < 1e-300');
  for (const row of reference('logrank_groups.csv').filter((r) => r.dataset === dataset)) {
    const g = logRank.groups.find((x) => x.group === row.group)!;
    assert.equal(g.n, value(row.n));
    assert.equal(g.observed, value(row.observed));
    close(g.expected, value(row.expected), `${dataset} ${row.group} expected`);
  }
}

async function survival(engine: Engine, survivalOptions: Partial<SurvivalOptions>, settings = {}) {
  const result = await engine.invoke('survival.run', { settings, survival: survivalOptions });
  assert.ok(result.ok, JSON.stringify(result));
  return result.value;
}

const telcoSkip = missingSharedData('telco_customer_churn.csv');
test('Telco by Contract, imported as a customer list, equals R', { skip: telcoSkip }, async () => {
  const engine = await Engine.open(null);
  const imported = await engine.invoke('model.import', { files: [{ path: path.join(SHARED_DATA, 'telco_customer_churn.csv') }] });
  assert.ok(imported.ok, JSON.stringify(imported));
  const result = await survival(engine, { groupBy: 'Contract', horizon: 72 });
  assert.deepEqual(result.excluded, []);
  compare('telco', result);
  engine.close();
});

for (const [dataset, group, horizon, times] of [
  ['aml', 'x', 48, [12, 24, 36]],
  ['lung', 'sex', 730, [180, 365, 730]],
] as const) {
  test(`${dataset} by ${group}, as a plain lifetime table, equals R`, { skip: missingSharedData(`${dataset}.csv`) }, async () => {
    const engine = await Engine.open(null);
    const tables = await engine.invoke('files.import', { paths: [path.join(SHARED_DATA, `${dataset}.csv`)] });
    assert.ok(tables.ok, JSON.stringify(tables));
    const table = tables.value[0]!.name;
    const result = await survival(engine, { source: { kind: 'table', table, time: 'time', event: 'status' }, groupBy: group, horizon, times: [...times] });
    compare(dataset, result);
    engine.close();
  });
}
