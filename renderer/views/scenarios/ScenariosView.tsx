// Scenarios: what if churn, prices or sales change (docs/SCENARIOS.md). The
// saved scenarios, an editor for one, and — after Run — the engine's
// projection against the baseline with Monte Carlo bands, the comparison,
// the sensitivity tornado and the goal-seek answer. Nothing is computed here.
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SavedScenario, ScenarioInput, ScenarioRunResult } from '../../../shared/scenarios.js';
import type { Result } from '../../../shared/result.js';
import { newJobId } from '../../api/jobs.js';
import { downloadXlsx } from '../../components/export/csv.js';
import { fileBase } from '../../components/export/fileName.js';
import { useAnalysis } from '../../state/analysis.js';
import { useSessionState } from '../../state/session.js';
import { ComparisonTable } from './ComparisonTable.js';
import { draftFrom, newDraft, toScenario, type Draft } from './draft.js';
import { GoalSeekPanel } from './GoalSeekPanel.js';
import { ProjectionChart } from './ProjectionChart.js';
import { ProjectionTable } from './ProjectionTable.js';
import { ScenarioEditor } from './ScenarioEditor.js';
import { TornadoChart } from './TornadoChart.js';
import './scenarios.css';

export function ScenariosView() {
  const { t } = useTranslation('scenarios');
  const { invoke, settings, result, workspaceKey } = useAnalysis();
  const currency = result?.settings.reporting_currency ?? null;
  const segments = useMemo(() => [...new Set((result?.segments ?? []).map((s) => s.segment))], [result]);

  const [saved, setSaved] = useState<SavedScenario[]>([]);
  // The scenario being edited and its last run are still there after a visit to another screen.
  const [draft, setDraft] = useSessionState<Draft>('scenarios.draft', () => newDraft(t('untitled')));
  const [compare, setCompare] = useSessionState<Set<string>>('scenarios.compare', () => new Set());
  // A run belongs to the data it ran on.
  const [run, setRun] = useSessionState<ScenarioRunResult | null>(`scenarios.run@${workspaceKey}`, null);
  const [shown, setShown] = useSessionState('scenarios.shown', 0);
  const [measure, setMeasure] = useSessionState<'arr' | 'mrr'>('scenarios.measure', 'arr');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [running, setRunning] = useState<string | null>(null);

  const answer = useCallback(<T,>(value: Result<T>): T | null => {
    if (value.ok) return value.value;
    setError(value.error.message);
    return null;
  }, []);

  useEffect(() => {
    let live = true;
    void invoke('scenarios.list', {}).then((list) => {
      if (!live) return;
      if (list.ok) setSaved(list.value);
      else setError(list.error.message);
    });
    return () => {
      live = false;
    };
  }, [invoke]);

  /** The edited scenario first, then every other one checked for comparison. */
  function chosen(): ScenarioInput[] | null {
    const parsed = toScenario(draft);
    if (!parsed.ok) {
      setError(t('notANumber', { field: parsed.field, value: parsed.value }));
      return null;
    }
    const others = saved.filter((s) => compare.has(s.name) && s.name !== parsed.scenario.name.trim()).map((s) => s.scenario);
    return [parsed.scenario, ...others];
  }

  /** A cancellable engine job on the chosen scenarios; `done` gets its answer, errors are shown. */
  async function onChosen<T>(call: (scenarios: ScenarioInput[], jobId: string) => Promise<Result<T>>, done: (value: T, scenarios: ScenarioInput[]) => void) {
    const scenarios = chosen();
    if (!scenarios) return;
    setError(null);
    setNotice(null);
    const jobId = newJobId();
    setRunning(jobId);
    const value = answer(await call(scenarios, jobId));
    setRunning(null);
    if (value) done(value, scenarios);
  }

  const runScenarios = () =>
    onChosen(
      (scenarios, jobId) => invoke('scenarios.run', { settings, scenarios, jobId }),
      (value) => {
        setRun(value);
        setShown(0);
      },
    );

  const exportXlsx = () =>
    onChosen(
      (scenarios, jobId) => invoke('scenarios.exportXlsx', { settings, scenarios, jobId }),
      (bytes, scenarios) => downloadXlsx(`${fileBase(scenarios[0]!.name, 'scenarios')}.xlsx`, bytes),
    );

  async function cancel() {
    if (running) await invoke('jobs.cancel', { jobId: running });
  }

  async function save() {
    const parsed = toScenario(draft);
    if (!parsed.ok) return setError(t('notANumber', { field: parsed.field, value: parsed.value }));
    setError(null);
    const list = answer(await invoke('scenarios.save', { scenario: parsed.scenario }));
    if (list) {
      setSaved(list);
      setNotice(t('savedAs', { name: parsed.scenario.name.trim() }));
    }
  }

  async function remove(name: string) {
    setError(null);
    const list = answer(await invoke('scenarios.delete', { name }));
    if (list) {
      setSaved(list);
      setCompare((current) => {
        const next = new Set(current);
        next.delete(name);
        return next;
      });
      setNotice(t('deleted', { name }));
    }
  }

  const toggle = (name: string) =>
    setCompare((current) => {
      const next = new Set(current);
      if (next.has(name)) next.delete(name);
      else next.add(name);
      return next;
    });

  const detail = run?.scenarios[shown] ?? run?.scenarios[0];
  const editing = draft.name.trim();
  // Which scenario the month-by-month table, the tornado and the goal seek show.
  const scenarioChoice = run && run.scenarios.length > 1 && (
    <select value={shown} onChange={(e) => setShown(Number(e.target.value))} aria-label={t('scenario')}>
      {run.scenarios.map((s, i) => (
        <option key={s.scenario.name} value={i}>
          {s.scenario.name}
        </option>
      ))}
    </select>
  );

  return (
    <div className="scenarios" data-testid="scenarios">
      <header className="scn-header">
        <h2>{t('title')}</h2>
        <span className="muted">{t('subtitle')}</span>
        {currency && <span className="muted">{t('currency', { currency })}</span>}
      </header>
      {error && (
        <div className="error" role="alert" data-testid="scenario-error">
          <span>{error}</span>
          <button type="button" onClick={() => setError(null)}>
            {t('dismiss')}
          </button>
        </div>
      )}
      {notice && <p className="scn-notice">{notice}</p>}

      <div className="scn-top">
        <section className="panel scn-list" data-testid="scenario-list">
          <h3>
            <span>{t('saved.title')}</span>
          </h3>
          {saved.length === 0 ? (
            <p className="muted">{t('saved.none')}</p>
          ) : (
            <ul>
              {saved.map((s) => (
                <li key={s.name} className={s.name === editing ? 'selected' : ''}>
                  <label title={t('saved.compare')}>
                    <input type="checkbox" checked={compare.has(s.name) || s.name === editing} disabled={s.name === editing} onChange={() => toggle(s.name)} />
                  </label>
                  <button type="button" className="scn-open" onClick={() => setDraft(draftFrom(s.scenario))} title={t('saved.savedAt', { at: s.saved_at })}>
                    {s.name}
                  </button>
                  <button type="button" className="scn-x" title={t('saved.delete', { name: s.name })} onClick={() => void remove(s.name)}>
                    ×
                  </button>
                </li>
              ))}
            </ul>
          )}
          <p className="muted scn-note">{t('saved.hint')}</p>
        </section>

        <section className="panel scn-edit">
          <h3>
            <span>{t('editor.title')}</span>
          </h3>
          <ScenarioEditor draft={draft} onChange={setDraft} segments={segments} />
          <div className="scn-actions">
            <button type="button" onClick={() => void runScenarios()} disabled={running !== null} data-testid="scenario-run">
              {running ? t('running') : t('run')}
            </button>
            {running && (
              <button type="button" onClick={() => void cancel()}>
                {t('cancel')}
              </button>
            )}
            <button type="button" onClick={() => setDraft(newDraft(t('untitled')))}>
              {t('new')}
            </button>
            <button type="button" onClick={() => void save()} data-testid="scenario-save">
              {t('save')}
            </button>
            <button type="button" onClick={() => void remove(editing)} disabled={!saved.some((s) => s.name === editing)}>
              {t('delete')}
            </button>
          </div>
          <div className="scn-row scn-xlsx">
            <button type="button" onClick={() => void exportXlsx()} disabled={running !== null} title={t('xlsx.hint')} data-testid="scenario-xlsx">
              {t('xlsx.download')}
            </button>
          </div>
        </section>
      </div>

      {run && detail && (
        <>
          <p className="muted scn-note">
            {t('ranFor', { asOf: run.settings.as_of, from: detail.baseline.window.from, to: detail.baseline.window.to, model: t(detail.baseline.tenure_rates === 'hazard' ? 'editor.tenureHazard' : `editor.${detail.baseline.churn_model}`) })}
          </p>
          {run.scenarios.some((s) => s.warnings.length > 0) && (
            <ul className="scn-warnings" data-testid="scenario-warnings">
              {run.scenarios.flatMap((s) =>
                s.warnings.map((w, i) => (
                  <li key={`${s.scenario.name}-${i}`}>
                    {`${s.scenario.name}: ${w.code === 'unknown_segment' ? t('warnings.unknown_segment', { segment: w.segment, known: w.known.join(', ') }) : t('warnings.no_customers')}`}
                  </li>
                )),
              )}
            </ul>
          )}
          <section className="panel">
            <h3>
              <span>{t('chart.title')}</span>
              <span className="scn-toggle">
                {(['arr', 'mrr'] as const).map((m) => (
                  <button key={m} type="button" className={measure === m ? 'selected' : ''} onClick={() => setMeasure(m)}>
                    {t(`chart.${m}`)}
                  </button>
                ))}
              </span>
            </h3>
            <ProjectionChart results={run.scenarios} measure={measure} currency={currency} />
            {run.scenarios.every((s) => !s.monte_carlo) && <p className="muted scn-note">{t('chart.noBand')}</p>}
          </section>
          <section className="panel">
            <h3>
              <span>{t('comparisonTitle')}</span>
              <span className="muted scn-hint">{t('comparisonHint')}</span>
            </h3>
            <ComparisonTable results={run.scenarios} currency={currency} invoke={invoke} />
          </section>
          <section className="panel">
            <h3>
              <span>{t('projection.title', { name: detail.scenario.name })}</span>
              {scenarioChoice}
            </h3>
            <p className="muted scn-note">{t('projection.hint')}</p>
            <ProjectionTable result={detail} currency={currency} invoke={invoke} />
          </section>
          <section className="panel">
            <h3>
              <span>{t('sensitivity.title', { name: detail.scenario.name })}</span>
              {scenarioChoice}
            </h3>
            <p className="muted scn-note">{t('sensitivity.hint')}</p>
            {detail.sensitivity.levers.length > 0 ? (
              <TornadoChart sensitivity={detail.sensitivity} currency={currency} name={detail.scenario.name} />
            ) : (
              <p className="muted">{t('sensitivity.none')}</p>
            )}
          </section>
          {detail.goal_seek && (
            <section className="panel">
              <h3>
                <span>{t('goal.title', { name: detail.scenario.name })}</span>
              </h3>
              <GoalSeekPanel goal={detail.goal_seek} currency={currency} />
            </section>
          )}
        </>
      )}
    </div>
  );
}
