// The reconciliation screen (docs/RECONCILIATION.md): the reference the
// billing system reports beside our MRR, month by month — ours, theirs, the
// difference, what each methodology setting explains and what is left
// unexplained; the bridge from their MRR to ours for a month; the customers
// behind every part; "apply this setting" when one setting explains most of
// it; the tolerance and the sign-off, kept in the workspace. Every figure is
// the engine's answer (reconcile.*); nothing is computed here.
import { Fragment, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnalysisSettings } from '../../../shared/metrics.js';
import type { ApplySetting, ReconcileDrill as Drill, ReconcileMonth, ReconcileResult, ReconcileRule, ReconcileState, Tolerance } from '../../../shared/reconcile.js';
import { newJobId, withProgress } from '../../api/jobs.js';
import { SqlModal } from '../../components/SqlButton.js';
import { formatMoney, formatPercent } from '../../components/format.js';
import { useAnalysis } from '../../state/analysis.js';
import { useFiles } from '../../state/files.js';
import { Bridge, type BridgeTarget } from './Bridge.js';
import { ReconcileDrill } from './ReconcileDrill.js';
import { ReferenceDialog } from './ReferenceDialog.js';
import { SignOffPanel } from './SignOffPanel.js';
import { useWording } from './wording.js';
import { monthSentence, notVariedText, progressText, totalSentence } from '../../../shared/reconcileWords.js';
import './reconcile.css';

type Run =
  | { kind: 'idle' }
  | { kind: 'loading'; jobId: string; step: string | null; cancelling: boolean }
  | { kind: 'ready'; result: ReconcileResult }
  | { kind: 'cancelled' }
  | { kind: 'error'; message: string };

/** The month whose difference is largest: the one a reader wants to see bridged first. */
function largestDifference(months: ReconcileMonth[]): string | null {
  let best: ReconcileMonth | null = null;
  for (const m of months) if (!best || Math.abs(m.difference) > Math.abs(best.difference)) best = m;
  return best?.month ?? null;
}

export function ReconcileView() {
  const { t } = useTranslation('reconcile');
  const wording = useWording();
  const { invoke, settings, update, workspaceKey } = useAnalysis();
  const files = useFiles();
  const fileInput = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<ReconcileState | null>(null);
  const [stateVersion, setStateVersion] = useState(0);
  // The tolerance in use, and the workspace (and data) it is for: another one brings its own saved
  // tolerance, and nothing runs, nor saves a tolerance, until it is read.
  const [toleranceFor, setToleranceFor] = useState<{ key: string; value: Tolerance } | null>(null);
  const tolerance = toleranceFor?.key === workspaceKey ? toleranceFor.value : null;
  const setTolerance = (value: Tolerance) => setToleranceFor({ key: workspaceKey, value });
  const [run, setRun] = useState<Run>({ kind: 'idle' });
  const [runAgain, setRunAgain] = useState(0);
  const [importing, setImporting] = useState<string | null>(null);
  const [month, setMonth] = useState<string | null>(null);
  const [drill, setDrill] = useState<Omit<Drill, 'offset' | 'limit'> | null>(null);
  const [applied, setApplied] = useState<string | null>(null);
  const [showSql, setShowSql] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // The reference, the saved tolerance and the sign-off: on opening, after an import, after a sign-off.
  useEffect(() => {
    let live = true;
    void invoke('reconcile.state', {}).then((answer) => {
      if (!live) return;
      if (!answer.ok) return setError(answer.error.message);
      setState(answer.value);
      setToleranceFor((current) => (current?.key === workspaceKey ? current : { key: workspaceKey, value: answer.value.tolerance }));
    });
    return () => {
      live = false;
    };
  }, [invoke, workspaceKey, stateVersion]);

  // What was open or drilled into belongs to the workspace it was in.
  useEffect(() => {
    setDrill(null);
    setMonth(null);
    setApplied(null);
  }, [workspaceKey]);

  const reference = state?.reference ?? null;
  const sha = reference?.sha256 ?? null;
  // Nothing of ours to compare with: the screen asks for the billing data instead of running.
  const noModel = state !== null && !state.modelHasData;

  // The comparison for the shared controls and the tolerance, with its progress; a newer request
  // cancels the one under way, and so can the user (a run at a million customers takes a while).
  useEffect(() => {
    if (!sha || !tolerance || noModel) return setRun({ kind: 'idle' });
    const jobId = newJobId();
    let live = true;
    setRun({ kind: 'loading', jobId, step: null, cancelling: false });
    const onProgress = (progress: { state: string; message: string }) => {
      if (live && progress.state === 'running') setRun((current) => (current.kind === 'loading' && current.jobId === jobId ? { ...current, step: progress.message || null } : current));
    };
    void withProgress(invoke, jobId, invoke('reconcile.run', { settings, tolerance, jobId }), onProgress).then((answer) => {
      if (!live) return;
      if (answer.ok) setRun({ kind: 'ready', result: answer.value });
      else if (answer.error.code === 'cancelled') setRun({ kind: 'cancelled' });
      else setRun({ kind: 'error', message: answer.error.message });
    });
    return () => {
      live = false;
      void invoke('jobs.cancel', { jobId });
    };
  }, [invoke, settings, tolerance, sha, noModel, workspaceKey, runAgain]);

  function cancelRun() {
    if (run.kind !== 'loading') return;
    setRun({ ...run, cancelling: true });
    void invoke('jobs.cancel', { jobId: run.jobId });
  }

  const result = run.kind === 'ready' ? run.result : null;
  // A reference of month totals has no customers: nothing to drill into.
  const drillable = result?.reference.layout === 'customer_month';
  const shownMonth = result ? (result.months.find((m) => m.month === month) ?? result.months.find((m) => m.month === largestDifference(result.months)) ?? null) : null;

  async function pickReference() {
    if (files.mode === 'browser') return fileInput.current?.click();
    const [path] = await files.openDialog();
    if (path) setImporting(path);
  }

  function apply(rule: ReconcileRule) {
    const setting: ApplySetting = rule.apply;
    if (setting.scope !== 'analysis') return setApplied(t('suggestion.applyImport'));
    update({ methodology: { ...settings.methodology, ...setting.methodology } });
    setApplied(t('suggestion.applied', { rule: wording.label(rule) }));
  }

  return (
    <div className="reconcile-view" data-testid="reconcile-view" data-state={run.kind}>
      <header className="reconcile-header">
        <h2>{t('title')}</h2>
        <p className="muted">{t('intro')}</p>
      </header>
      {error && (
        <div className="error" role="alert">
          {error}
        </div>
      )}
      <section className="panel reconcile-reference" data-testid="reconcile-reference">
        {reference ? (
          <div>
            <p>
              {t('reference.summary', {
                file: reference.file.split(/[\\/]/).pop(),
                layout: t(`reference.layouts.${reference.layout}`),
                first: reference.firstMonth ?? '—',
                last: reference.lastMonth ?? '—',
                rows: reference.rowsLoaded.toLocaleString(),
                rejected: reference.rowsRejected.toLocaleString(),
              })}
            </p>
            <p className="muted reconcile-sha" data-testid="reconcile-sha">
              {t('reference.sha', { sha: reference.sha256 })}
            </p>
          </div>
        ) : (
          <p className="muted">{t('empty')}</p>
        )}
        <button type="button" onClick={() => void pickReference()} data-testid="reconcile-import">
          {reference ? t('reference.replace') : t('reference.import')}
        </button>
        <input
          ref={fileInput}
          type="file"
          hidden
          accept=".csv,.tsv,.txt,.gz,.xlsx,.json,.ndjson,.parquet"
          data-testid="reference-file-input"
          onChange={(event) => {
            const picked = [...(event.target.files ?? [])];
            event.target.value = '';
            void files.upload(picked).then((paths) => paths?.[0] && setImporting(paths[0]));
          }}
        />
      </section>
      {reference && noModel && (
        <div className="empty" data-testid="reconcile-no-model">
          <p>{t('noModel')}</p>
        </div>
      )}
      {reference && tolerance && <ToleranceForm key={`${tolerance.absolute}/${tolerance.relative}`} tolerance={tolerance} onChange={setTolerance} />}
      {run.kind === 'loading' && (
        <p className="muted reconcile-progress" role="status" data-testid="reconcile-progress">
          {t('loading')}
          {run.step && <span> {progressText(run.step, wording)}</span>}{' '}
          <button type="button" onClick={cancelRun} disabled={run.cancelling} data-testid="reconcile-cancel">
            {t('cancel')}
          </button>
        </p>
      )}
      {run.kind === 'cancelled' && (
        <p className="muted" role="status" data-testid="reconcile-cancelled">
          {t('cancelled')}{' '}
          <button type="button" onClick={() => setRunAgain((n) => n + 1)} data-testid="reconcile-run-again">
            {t('runAgain')}
          </button>
        </p>
      )}
      {run.kind === 'error' && (
        <div className="error" role="alert">
          {run.message}
        </div>
      )}
      {result && (
        <>
          <section className="panel reconcile-summary" data-testid="reconcile-summary">
            <p className="reconcile-sentence" data-testid="reconcile-sentence">
              {totalSentence(result.total, result.months.length, result.rules, result.reportingCurrency, wording)}
            </p>
            {result.suggestion && (
              <Suggestion result={result} onApply={apply} />
            )}
            {applied && (
              <p className="muted" role="status" data-testid="reconcile-applied">
                {applied}
              </p>
            )}
            {result.notVaried.length > 0 && (
              <details className="muted reconcile-not-varied">
                <summary>{t('notVariedTitle', { count: result.notVaried.length })}</summary>
                <ul>
                  {result.notVaried.map((n) => {
                    const text = notVariedText(n.setting, n.reason, wording);
                    return (
                      <li key={n.setting}>
                        <strong>{text.setting}</strong>: {text.reason}
                      </li>
                    );
                  })}
                </ul>
              </details>
            )}
          </section>
          <MonthsTable result={result} onCell={drillable ? (target) => setDrill(target) : undefined} onSql={() => setShowSql(true)} />
          {shownMonth && (
            <section className="panel" aria-labelledby="reconcile-bridge-title">
              <h3>
                <span id="reconcile-bridge-title">{t('bridge.title')}</span>
                <label className="reconcile-month">
                  {t('bridge.month')}
                  <select value={shownMonth.month} onChange={(e) => setMonth(e.target.value)} data-testid="reconcile-month">
                    {result.months.map((m) => (
                      <option key={m.month} value={m.month}>
                        {m.month}
                      </option>
                    ))}
                  </select>
                </label>
              </h3>
              <p className="reconcile-sentence" data-testid="reconcile-month-sentence">
                {monthSentence(shownMonth, result.rules, result.reportingCurrency, wording)}
              </p>
              <p className="muted">{drillable ? t('bridge.hint') : t('bridge.hintMonthly')}</p>
              <Bridge
                month={shownMonth}
                rules={result.rules}
                currency={result.reportingCurrency}
                onPart={drillable ? (target: BridgeTarget) => setDrill({ month: shownMonth.month, ...target }) : undefined}
              />
              {shownMonth.dominantRule && <DominantRule result={result} id={shownMonth.dominantRule} onApply={apply} />}
            </section>
          )}
          <SignOffPanel
            runId={result.runId}
            signOff={state?.signOff ?? result.signOff}
            reconciled={result.months.every((m) => m.reconciled)}
            currency={result.reportingCurrency}
            onSigned={() => setStateVersion((v) => v + 1)}
          />
        </>
      )}
      {drill && result && tolerance && (
        <ReconcileDrill key={`${drill.month}:${drill.part}:${drill.rule ?? ''}`} settings={settings as AnalysisSettings} tolerance={tolerance} drill={drill} rules={result.rules} currency={result.reportingCurrency} onClose={() => setDrill(null)} />
      )}
      {importing && (
        <ReferenceDialog
          path={importing}
          onCancel={() => setImporting(null)}
          onDone={() => {
            setImporting(null);
            setMonth(null);
            setDrill(null);
            setStateVersion((v) => v + 1);
          }}
        />
      )}
      {showSql && result && <SqlModal sql={result.sql} onClose={() => setShowSql(false)} />}
    </div>
  );
}

function ToleranceForm({ tolerance, onChange }: { tolerance: Tolerance; onChange: (tolerance: Tolerance) => void }) {
  const { t } = useTranslation('reconcile');
  const [absolute, setAbsolute] = useState(String(tolerance.absolute));
  const [relative, setRelative] = useState(String(tolerance.relative * 100));
  const valid = (text: string, max: number) => text.trim() !== '' && Number.isFinite(Number(text)) && Number(text) >= 0 && Number(text) <= max;
  const ok = valid(absolute, 1e12) && valid(relative, 100);
  return (
    <form
      className="panel reconcile-tolerance"
      data-testid="reconcile-tolerance"
      onSubmit={(event) => {
        event.preventDefault();
        if (ok) onChange({ absolute: Number(absolute), relative: Number(relative) / 100 });
      }}
    >
      <strong>{t('tolerance.title')}</strong>
      <label>
        {t('tolerance.absolute')}
        <input value={absolute} onChange={(e) => setAbsolute(e.target.value)} size={8} inputMode="decimal" data-testid="reconcile-tolerance-absolute" />
      </label>
      <label>
        {t('tolerance.relative')}
        <input value={relative} onChange={(e) => setRelative(e.target.value)} size={6} inputMode="decimal" data-testid="reconcile-tolerance-relative" />
      </label>
      <button type="submit" disabled={!ok} data-testid="reconcile-tolerance-apply">
        {t('tolerance.apply')}
      </button>
      <span className="muted">{t('tolerance.hint')}</span>
    </form>
  );
}

function Suggestion({ result, onApply }: { result: ReconcileResult; onApply: (rule: ReconcileRule) => void }) {
  const { t } = useTranslation('reconcile');
  const { label } = useWording();
  const suggestion = result.suggestion!;
  const rule = result.rules.find((r) => r.id === suggestion.rule);
  if (!rule) return null;
  return (
    <p className="reconcile-suggestion" data-testid="reconcile-suggestion">
      {t('suggestion.text', { rule: label(rule), share: formatPercent(suggestion.share, 0), amount: formatMoney(suggestion.amount, result.reportingCurrency, 2) })}{' '}
      <button type="button" onClick={() => onApply(rule)} data-testid="reconcile-apply">
        {t('suggestion.apply')}
      </button>
    </p>
  );
}

function DominantRule({ result, id, onApply }: { result: ReconcileResult; id: string; onApply: (rule: ReconcileRule) => void }) {
  const { t } = useTranslation('reconcile');
  const { label } = useWording();
  const rule = result.rules.find((r) => r.id === id);
  if (!rule) return null;
  return (
    <button type="button" onClick={() => onApply(rule)} data-testid="reconcile-apply-month">
      {t('bridge.applyDominant', { rule: label(rule) })}
    </button>
  );
}

/** Months × (ours, theirs, difference, each setting's explained amount, unexplained, within tolerance); every amount opens its customers. */
function MonthsTable({ result, onCell, onSql }: { result: ReconcileResult; onCell?: (drill: Omit<Drill, 'offset' | 'limit'>) => void; onSql: () => void }) {
  const { t } = useTranslation('reconcile');
  const { label } = useWording();
  const currency = result.reportingCurrency;
  // Only the settings that explain something in some month get a column, in the engine's order.
  const ruleIds = useMemo(() => {
    const used = new Set(result.months.flatMap((m) => m.explained.map((e) => e.rule)));
    return result.rules.filter((r) => used.has(r.id));
  }, [result]);
  const money = (v: number) => formatMoney(v, currency, 2);
  const cell = (value: number, drill: Omit<Drill, 'offset' | 'limit'>, testId: string) => (
    <td className="num">
      {value === 0 || !onCell ? (
        money(value)
      ) : (
        <button type="button" className="link-button" onClick={() => onCell(drill)} data-testid={testId}>
          {money(value)}
        </button>
      )}
    </td>
  );
  const rows = [...result.months.map((m) => ({ key: m.month, month: m.month as string | null, row: m as Omit<ReconcileMonth, 'month' | 'sentence'> })), { key: 'total', month: null, row: result.total }];
  return (
    <section className="panel" aria-labelledby="reconcile-months-title">
      <h3>
        <span id="reconcile-months-title">{t('months.title')}</span>
        <button type="button" className="link-button" onClick={onSql} data-testid="sql-reconcile">
          {t('sql')}
        </button>
      </h3>
      <p className="muted">{onCell ? t('months.hint') : t('months.hintMonthly')}</p>
      <div className="table-wrap">
        <table className="data-table reconcile-months" data-testid="reconcile-months">
          <thead>
            <tr>
              <th>{t('months.month')}</th>
              <th className="num">{t('months.ours')}</th>
              <th className="num">{t('months.theirs')}</th>
              <th className="num">{t('months.difference')}</th>
              {ruleIds.map((r) => (
                <th key={r.id} className="num" title={r.usedBy.length ? r.usedBy.join(', ') : undefined}>
                  {label(r)}
                </th>
              ))}
              <th className="num">{t('months.unexplained')}</th>
              <th className="num">{t('months.withinTolerance')}</th>
              <th>{t('months.reconciled')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ key, month, row }) => (
              <tr key={key} className={month === null ? 'total' : row.reconciled ? '' : 'unreconciled'} data-testid={`reconcile-row-${key}`}>
                <td>{month ?? t('months.total')}</td>
                <td className="num">{money(row.ours.mrr)}</td>
                <td className="num">{money(row.theirs.mrr)}</td>
                {cell(row.difference, { month, part: 'all' }, `reconcile-diff-${key}`)}
                {ruleIds.map((r) => {
                  const amount = row.explained.find((e) => e.rule === r.id)?.amount ?? 0;
                  return <Fragment key={r.id}>{cell(amount, { month, part: 'explained', rule: r.id }, `reconcile-rule-${key}-${r.id}`)}</Fragment>;
                })}
                {cell(row.unexplained.amount, { month, part: 'unexplained' }, `reconcile-unexplained-${key}`)}
                {cell(row.withinTolerance.amount, { month, part: 'within_tolerance' }, `reconcile-within-${key}`)}
                <td>{row.reconciled ? t('months.yes') : t('months.no')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
