// The report's reconciliation section (docs/RECONCILIATION.md, docs/REPORTS.md):
// the reference file (name, SHA-256), the tolerance, ours against theirs with
// the explained and unexplained amounts, month by month and by setting, and
// the sign-off; the unexplained customer-months and the settings tried in the
// exports. Like the other sections it only picks and formats the engine's
// figures (main/reconcile/): the one sum made here is a month's explained
// parts, which the engine gives one by one.
import { PRESET_LABELS } from '../../../shared/metrics.js';
import type { ReconcileResult, ReconcileRow } from '../../../shared/reconcile.js';
import { notVariedText, ruleLabel as wordRule, totalSentence, wordingFor } from '../../../shared/reconcileWords.js';
import type { ReportLanguage } from '../../../shared/reports.js';
import type { Block, Cell, ReportTable, SectionModel } from '../document.js';
import type { CellFormat, Formatter } from '../format.js';
import type { ReconcileStrings } from '../reconcileStrings.js';
import { fill, type ReportStrings } from '../strings.js';

/** What build.ts hands the section: the engine's reconciliation and its unexplained rows. */
export interface ReportReconciliation {
  result: ReconcileResult;
  /** The unexplained customer-months (reconcile.drill), at most `UNEXPLAINED_LIMIT` of `unexplainedTotal`. */
  unexplained: ReconcileRow[];
  unexplainedTotal: number;
}

export interface ReconciliationContext {
  s: ReportStrings;
  f: Formatter;
  language: ReportLanguage;
}

const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;
const explainedSum = (parts: { amount: number }[]) => parts.reduce((sum, p) => sum + p.amount, 0);

function table(id: string, title: string, columns: [key: string, label: string, format: CellFormat][], rows: Cell[][]): ReportTable {
  return { id, title, columns: columns.map(([key, label, format]) => ({ key, label, format })), rows };
}

export function reconciliationSection(ctx: ReconciliationContext, input: ReportReconciliation): Omit<SectionModel, 'id' | 'title'> {
  const { result } = input;
  const r: ReconcileStrings = ctx.s.reconciliation;
  const c = r.columns;
  const currency = result.reportingCurrency;
  // Differences can be cents: two decimals, with the currency's code.
  const money = (v: number) => (currency ? `${ctx.f.number(v, 2)} ${currency}` : ctx.f.number(v, 2));
  // The engine's sentence and labels are English: the report words the same numbers in its language.
  const wording = wordingFor(ctx.language);
  const ruleLabel = (id: string | null) => {
    const rule = id ? result.rules.find((r) => r.id === id) : undefined;
    return rule ? wordRule(rule, wording) : id;
  };
  const ref = result.reference;
  const total = result.total;
  const presetName = (PRESET_LABELS as Record<string, string>)[result.preset] ?? result.preset;
  const unreconciled = result.months.filter((m) => !m.reconciled).map((m) => m.month);

  const sentences = [
    fill(r.reference, {
      file: fileName(ref.file),
      layout: r.layouts[ref.layout] ?? ref.layout,
      first: ref.firstMonth ?? '—',
      last: ref.lastMonth ?? '—',
      rows: ctx.f.integer(ref.rowsLoaded),
      rejected: ctx.f.integer(ref.rowsRejected),
      sha: ref.sha256,
    }),
    fill(r.tolerance, { absolute: money(result.tolerance.absolute), relative: ctx.f.percent(result.tolerance.relative, 2) }),
    currency ? fill(r.ourSide, { preset: presetName, currency }) : fill(r.ourSideNoCurrency, { preset: presetName }),
    fill(r.amounts, {
      months: ctx.f.integer(result.months.length),
      ours: money(total.ours.mrr),
      theirs: money(total.theirs.mrr),
      difference: money(total.difference),
      explained: money(explainedSum(total.explained)),
      unexplained: money(total.unexplained.amount),
      within: money(total.withinTolerance.amount),
    }),
    totalSentence(total, result.months.length, result.rules, currency, wording),
    unreconciled.length === 0
      ? r.reconciled
      : fill(r.notReconciled, { count: ctx.f.integer(unreconciled.length), months: ctx.f.integer(result.months.length), list: unreconciled.join(ctx.s.listSeparator) }),
    ...(result.suggestion ? [fill(r.suggestion, { rule: ruleLabel(result.suggestion.rule) ?? result.suggestion.rule, share: ctx.f.percent(result.suggestion.share, 0) })] : []),
    fill(r.onlyOne, {
      ours: ctx.f.integer(result.onlyOurs.customers),
      oursMrr: money(result.onlyOurs.mrr),
      theirs: ctx.f.integer(result.onlyTheirs.customers),
      theirsMrr: money(result.onlyTheirs.mrr),
    }),
    ...(result.notVaried.length ? [fill(r.notVaried, { items: result.notVaried.map((n) => notVariedText(n.setting, n.reason, wording)).map((n) => `${n.setting} (${n.reason})`).join(ctx.s.listSeparator) })] : []),
  ];

  const signOff = result.signOff;
  const at = (iso: string) => `${iso.replace('T', ' ').slice(0, 16)} UTC`;
  const signOffText = !signOff
    ? r.notSignedOff
    : signOff.current
      ? fill(r.signedOff, { by: signOff.by, at: at(signOff.at), difference: money(signOff.difference), unexplained: money(signOff.unexplained) })
      : signOff.staleBecause === 'data'
        ? fill(r.signedOffStaleData, { by: signOff.by, at: at(signOff.at) })
        : fill(r.signedOffStale, { by: signOff.by, at: at(signOff.at), sha: signOff.referenceSha256 });

  const months = table(
    'reconciliation',
    r.tables.months,
    [
      ['month', c.month, 'text'],
      ['ours', c.ours, 'money'],
      ['theirs', c.theirs, 'money'],
      ['difference', c.difference, 'money'],
      ['explained', c.explained, 'money'],
      ['unexplained', c.unexplained, 'money'],
      ['unexplained_customers', c.unexplained_customers, 'integer'],
      ['within', c.within, 'money'],
      ['reconciled', c.reconciled, 'text'],
    ],
    result.months.map((m): Cell[] => [
      m.month,
      m.ours.mrr,
      m.theirs.mrr,
      m.difference,
      explainedSum(m.explained),
      m.unexplained.amount,
      m.unexplained.customers,
      m.withinTolerance.amount,
      m.reconciled ? ctx.s.yes : ctx.s.no,
    ]),
  );
  const explained = table(
    'reconciliation_explained',
    r.tables.explained,
    [
      ['month', c.month, 'text'],
      ['rule', c.rule, 'text'],
      ['amount', c.amount, 'money'],
      ['customers', c.customers, 'integer'],
    ],
    result.months.flatMap((m) => m.explained.map((e): Cell[] => [m.month, ruleLabel(e.rule), e.amount, e.customers])),
  );
  const unexplained = table(
    'reconciliation_unexplained',
    r.tables.unexplained,
    [
      ['customer', c.customer, 'text'],
      ['month', c.month, 'text'],
      ['ours', c.ours_value, 'money'],
      ['theirs', c.theirs_value, 'money'],
      ['difference', c.difference, 'money'],
      ['our_movement', c.our_movement, 'text'],
      ['their_movement', c.their_movement, 'text'],
    ],
    input.unexplained.map((row): Cell[] => [row.customerId, row.month, row.ours, row.theirs, row.difference, row.ourMovement, row.theirMovement]),
  );
  const rules = table(
    'reconciliation_rules',
    r.tables.rules,
    [
      ['rule', c.rule, 'text'],
      ['our_value', c.our_value, 'text'],
      ['alternative', c.alternative, 'text'],
      ['used_by', c.used_by, 'text'],
    ],
    result.rules.map((rule): Cell[] => [wordRule(rule, wording), rule.ours, rule.alternative, rule.usedBy.join(', ')]),
  );

  const blocks: Block[] = [
    { type: 'paragraphs', items: sentences },
    { type: 'paragraphs', items: [signOffText, ...(signOff?.note ? [fill(r.signOffNote, { note: signOff.note })] : [])] },
    { type: 'table', table: months },
  ];
  if (explained.rows.length > 0) blocks.push({ type: 'table', table: explained });
  if (input.unexplainedTotal > 0) blocks.push({ type: 'paragraphs', items: [fill(r.unexplainedListed, { count: ctx.f.integer(input.unexplainedTotal) })] });
  return { blocks, dataTables: [unexplained, rules] };
}
