// Reads the R reference values (test/fixtures/survival, written by reference.R)
// and finds the public data sets they were computed from.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { logChiSquareUpperTail } from '../../main/metrics/survival/chiSquare.js';
import type { SurvivalResult } from '../../shared/survival.js';

export const SHARED_DATA = path.resolve(import.meta.dirname, '../../../shared/data');
const FIXTURES = path.resolve(import.meta.dirname, '../fixtures/survival');

/** Why tests on the public data sets are skipped, or false when the data is there. */
export function missingSharedData(...files: string[]): string | false {
  const missing = files.filter((f) => !fs.existsSync(path.join(SHARED_DATA, f)));
  return missing.length ? `needs ${missing.join(', ')} in ${SHARED_DATA} (the public data sets beside the repository)` : false;
}

/** The rows of one reference CSV as text fields (R's write.csv: quoted strings, "" for NA). */
export type ReferenceRow = { readonly [column: string]: string };

export function reference(file: string): ReferenceRow[] {
  const [header, ...lines] = fs.readFileSync(path.join(FIXTURES, file), 'utf8').trim().split('\n').map(splitCsvLine);
  return lines.map((fields) => Object.fromEntries(header!.map((name, i) => [name, fields[i] ?? ''])) as ReferenceRow);
}

function splitCsvLine(line: string): string[] {
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else current += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      fields.push(current);
      current = '';
    } else current += ch;
  }
  fields.push(current);
  return fields;
}

/** A reference number: null for R's NA. */
export const value = (text: string | undefined): number | null => (text === undefined || text === '' ? null : Number(text));

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

/** Asserts a survival result equals R's reference values for the data set (to 1e-6). */
export function compareWithR(dataset: string, result: SurvivalResult) {
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

