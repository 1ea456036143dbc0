// Kaplan-Meier, medians, survival at chosen times, restricted means and the
// log-rank test equal R's survival package (test/fixtures/survival/reference.R
// and its committed output) to 1e-6 on the public data sets: Telco by
// Contract through the churn model's customer list, aml by x and lung by sex
// as plain lifetime tables.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { Engine } from '../../main/engine/engine.js';
import type { SurvivalOptions } from '../../shared/survival.js';
import { compareWithR, missingSharedData, SHARED_DATA } from '../support/survival.js';

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
  compareWithR('telco', result);
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
    compareWithR(dataset, result);
    engine.close();
  });
}
