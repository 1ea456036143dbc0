// `churn-workbench survival [<file>...] [import options] [analysis options] [--group-by <attr>]
//   [--time <column> --event <column>] [--unit months|days] [--spells first|every]
//   [--times 12,24,36] [--horizon <t>] [--hazard-width <t>] [--json <out|->]` (docs/CLI.md):
// how long customers stay. Files are imported onto the churn model like analyze does; with
// --time and --event the one file named is a plain lifetime table instead (R's Surv(time, event)).
import path from 'node:path';
import { fail, type Result } from '../../../shared/result.js';
import { type SurvivalOptions, type SurvivalResult } from '../../../shared/survival.js';
import type { Engine } from '../../engine/engine.js';
import { UsageError } from '../options.js';
import { writeJson } from '../output.js';
import { analysisSettings, type AnalyzeFlags } from './analyze.js';
import { runImport } from './importFiles.js';

export interface SurvivalFlags extends AnalyzeFlags {
  'group-by'?: string;
  time?: string;
  event?: string;
  unit?: string;
  spells?: string;
  times?: string;
  horizon?: string;
  'hazard-width'?: string;
}

function positive(flag: string, value: string | undefined): number | null {
  if (value === undefined) return null;
  const n = Number(value);
  if (!(n > 0) || !Number.isFinite(n)) throw new UsageError(`--${flag} takes a positive number, not "${value}".`);
  return n;
}

function times(value: string | undefined): number[] | undefined {
  if (value === undefined) return undefined;
  const list = value.split(',').map((v) => v.trim()).filter(Boolean).map(Number);
  if (list.length > 20 || list.some((n) => !(n >= 0) || !Number.isFinite(n))) {
    throw new UsageError(`--times takes up to 20 comma-separated times ≥ 0, e.g. 12,24,36, not "${value}".`);
  }
  return list;
}

/** The survival options the flags ask for; the lifetime source is filled in once the file is read. */
export function survivalOptions(flags: SurvivalFlags): Partial<SurvivalOptions> {
  if ((flags.time === undefined) !== (flags.event === undefined)) throw new UsageError('--time and --event go together: the lifetime file\'s time column and its event column.');
  const unit = flags.unit;
  if (unit !== undefined && unit !== 'months' && unit !== 'days') throw new UsageError(`--unit takes months or days, not "${unit}".`);
  const spells = flags.spells;
  if (spells !== undefined && spells !== 'first' && spells !== 'every') throw new UsageError(`--spells takes first or every, not "${spells}".`);
  const at = times(flags.times);
  return {
    groupBy: flags['group-by']?.trim() || null,
    ...(unit ? { unit } : {}),
    ...(spells ? { spells } : {}),
    ...(at ? { times: at } : {}),
    horizon: positive('horizon', flags.horizon),
    hazardWidth: positive('hazard-width', flags['hazard-width']),
  };
}

/** A median or limit the curve never reaches (it stays above one half) is written as such, as R's NA. */
const fixed = (v: number | null) => (v === null ? 'not reached' : Number(v.toFixed(1)).toString());
const pct = (v: number | null) => (v === null ? '—' : `${(100 * v).toFixed(1)}%`);

function summary(result: SurvivalResult): string {
  const unit = result.unit === 'time' ? '' : ` ${result.unit}`;
  const lines = [
    `Survival${result.group_by ? ` by ${result.group_by}` : ''}, in ${result.unit === 'time' ? 'the time column\'s unit' : result.unit}${result.as_of ? `, censored at ${result.as_of.slice(0, 7)}` : ''}`,
  ];
  for (const g of result.groups) {
    const m = g.median;
    const at = g.at.map((a) => `S(${a.time}) ${pct(a.surv)}`).join(', ');
    lines.push(
      `  ${g.group}: ${g.n} lifetimes, ${g.events} event${g.events === 1 ? '' : 's'}; median ${fixed(m.estimate)}${m.estimate === null ? '' : unit} (95% CI ${fixed(m.lower)} to ${fixed(m.upper)})${at ? `; ${at}` : ''}`,
    );
  }
  const test = result.log_rank;
  if (test) lines.push(`Log-rank test: chi-square ${test.chisq.toFixed(2)} on ${test.df} df, ${test.p_text}`);
  for (const e of result.excluded) lines.push(`Left out: ${e.count} × ${e.reason}`);
  lines.push('Use --json <file|-> for every curve, table and the test.', '');
  return lines.join('\n');
}

export async function survivalCommand(engine: Engine, files: string[], flags: SurvivalFlags): Promise<Result<SurvivalResult>> {
  const options = survivalOptions(flags);
  const settings = analysisSettings(flags);
  if (flags.time !== undefined && flags.event !== undefined) {
    if (files.length !== 1) throw new UsageError('--time and --event read one lifetime file: name exactly one.');
    const tables = await engine.invoke('files.import', {
      paths: [path.resolve(files[0]!)],
      ...(flags.encoding ? { encoding: flags.encoding } : {}),
      ...(flags.sheet ? { sheet: flags.sheet } : {}),
    });
    if (!tables.ok) return tables;
    const table = tables.value[0];
    if (!table) return fail('invalid_request', `${files[0]}: nothing to read.`);
    options.source = { kind: 'table', table: table.name, time: flags.time, event: flags.event };
  } else if (files.length) {
    const imported = await runImport(engine, files, flags);
    if (!imported.ok) return imported;
  }
  const result = await engine.invoke('survival.run', { settings, survival: options });
  if (!result.ok) return result;
  if (flags.json) writeJson(flags.json, result.value);
  else process.stdout.write(summary(result.value));
  return result;
}
