// `churn-workbench reconcile [<file>...] [import options] [analysis options] --reference <ref>
//   [--reference-preset <id>] [--reference-map <field>=<column>]... [--reference-currency <CUR>] [--reference-month <YYYY-MM>]
//   [--tolerance-abs <x>] [--tolerance-rel <x>] [--json <out|->]` (docs/CLI.md, docs/RECONCILIATION.md):
// the billing system's own MRR beside ours, month by month, every difference explained by a
// setting or listed as unexplained. Files are imported onto the churn model like analyze does.
import path from 'node:path';
import type { Result } from '../../../shared/result.js';
import { REFERENCE_FIELDS, type ReconcileResult, type ReferenceField } from '../../../shared/reconcile.js';
import type { Engine } from '../../engine/engine.js';
import { UsageError } from '../options.js';
import { writeJson } from '../output.js';
import { analysisSettings, type AnalyzeFlags } from './analyze.js';
import { runImport } from './importFiles.js';

export interface ReconcileFlags extends AnalyzeFlags {
  reference?: string;
  'reference-preset'?: string;
  'reference-map'?: string[];
  'reference-currency'?: string;
  'reference-month'?: string;
  'tolerance-abs'?: string;
  'tolerance-rel'?: string;
}

const FIELDS = new Set<string>([...REFERENCE_FIELDS.customer_month, ...REFERENCE_FIELDS.monthly]);

function referenceMap(entries: string[] | undefined): Partial<Record<ReferenceField, string>> | undefined {
  if (!entries?.length) return undefined;
  return Object.fromEntries(
    entries.map((entry) => {
      const at = entry.indexOf('=');
      const field = entry.slice(0, at).trim();
      if (at <= 0 || !FIELDS.has(field)) throw new UsageError(`--reference-map takes <field>=<column> with a field of ${[...FIELDS].join(', ')}, not "${entry}".`);
      return [field, entry.slice(at + 1)];
    }),
  );
}

function amount(flag: string, value: string | undefined, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!(n >= 0 && n <= max)) throw new UsageError(`--${flag} takes a number from 0 to ${max}, not "${value}".`);
  return n;
}

const money = (x: number) => x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function summary(result: ReconcileResult, unexplained: { customerId: string; month: string; ours: number | null; theirs: number | null }[], total: number): string {
  const ref = result.reference;
  const lines = [
    `Reference: ${ref.file} (${ref.layout === 'customer_month' ? 'per customer and month' : 'monthly totals'}${ref.preset ? `, ${ref.preset}` : ''}; SHA-256 ${ref.sha256})`,
    `  ${ref.rowsRead} rows read, ${ref.rowsLoaded} loaded, ${ref.rowsRejected} rejected; ${ref.firstMonth} to ${ref.lastMonth}`,
    `Ours: the ${result.preset} preset; tolerance ${money(result.tolerance.absolute)} or ${(100 * result.tolerance.relative).toFixed(2)}%${result.reportingCurrency ? `; ${result.reportingCurrency}` : ''}`,
    '',
    ...result.months.map((m) => `${m.month}  ours ${money(m.ours.mrr)}  theirs ${money(m.theirs.mrr)}  ${m.reconciled ? 'reconciled' : 'NOT reconciled'}\n  ${m.sentence}`),
    '',
    result.total.sentence,
  ];
  if (result.onlyTheirs.customers) lines.push(`Customers only in the reference: ${result.onlyTheirs.customers} (${money(result.onlyTheirs.mrr)} over the months).`);
  if (result.onlyOurs.customers) lines.push(`Customers only in ours: ${result.onlyOurs.customers} (${money(result.onlyOurs.mrr)} over the months).`);
  if (result.suggestion) {
    const rule = result.rules.find((r) => r.id === result.suggestion!.rule)!;
    lines.push(`Most of it (${(100 * result.suggestion.share).toFixed(0)}%): ${rule.label} — ${rule.apply.scope === 'analysis' ? `set ${rule.setting} to ${rule.alternative}` : `import again with ${rule.setting} ${rule.alternative}`}.`);
  }
  if (unexplained.length) {
    lines.push('', `Unexplained customer-months (${total}${total > unexplained.length ? `, the ${unexplained.length} largest` : ''}):`);
    const value = (x: number | null) => (x === null ? '—' : money(x));
    for (const r of unexplained) lines.push(`  ${r.customerId}  ${r.month}  ours ${value(r.ours)}  theirs ${value(r.theirs)}`);
  }
  lines.push('', `Not varied: ${result.notVaried.map((n) => n.setting).join(', ')} (--json for why).`, '');
  return lines.join('\n');
}

export async function reconcileCommand(engine: Engine, files: string[], flags: ReconcileFlags): Promise<Result<ReconcileResult>> {
  if (!flags.reference) throw new UsageError('reconcile needs --reference <file>: the billing or analytics system\'s own MRR export.');
  const settings = analysisSettings(flags);
  const absolute = amount('tolerance-abs', flags['tolerance-abs'], 1e12);
  const relative = amount('tolerance-rel', flags['tolerance-rel'], 1);
  const map = referenceMap(flags['reference-map']);
  const month = flags['reference-month'];
  if (month !== undefined && !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new UsageError(`--reference-month takes a month as YYYY-MM, not "${month}".`);
  if (files.length) {
    const imported = await runImport(engine, files, flags);
    if (!imported.ok) return imported;
  }
  const reference = await engine.invoke('reconcile.importReference', {
    file: {
      path: path.resolve(flags.reference),
      ...(flags['reference-preset'] ? { preset: flags['reference-preset'] } : {}),
      ...(map ? { map } : {}),
      ...(flags['reference-currency'] ? { currency: flags['reference-currency'] } : {}),
      ...(month ? { referenceMonth: month } : {}),
    },
  });
  if (!reference.ok) return reference;
  const state = await engine.invoke('reconcile.state', {});
  if (!state.ok) return state;
  const tolerance = { absolute: absolute ?? state.value.tolerance.absolute, relative: relative ?? state.value.tolerance.relative };
  const result = await engine.invoke('reconcile.run', { settings, tolerance });
  if (!result.ok) return result;
  if (flags.json) {
    writeJson(flags.json, result.value);
    return result;
  }
  let listed: { customerId: string; month: string; ours: number | null; theirs: number | null }[] = [];
  let total = 0;
  if (result.value.reference.layout === 'customer_month') {
    const drill = await engine.invoke('reconcile.drill', { settings, tolerance, drill: { month: null, part: 'unexplained', offset: 0, limit: 20 } });
    if (!drill.ok) return drill;
    listed = drill.value.rows;
    total = drill.value.total;
  }
  process.stdout.write(summary(result.value, listed, total));
  return result;
}
