// The form for one scenario: name, horizon, baseline window, churn model,
// levers per segment (or All), Monte Carlo and goal seek. Values are kept as
// typed; the engine checks their ranges and says what is wrong.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ALL_SEGMENTS } from '../../../shared/scenarios.js';
import { LEVERS, LEVER_UNITS, type Draft, type LeverKey } from './draft.js';

export function ScenarioEditor({ draft, onChange, segments }: { draft: Draft; onChange: (draft: Draft) => void; segments: string[] }) {
  const { t } = useTranslation('scenarios');
  const [adding, setAdding] = useState('');
  const set = (change: Partial<Draft>) => onChange({ ...draft, ...change });
  const setLever = (segment: string, key: LeverKey, value: string) =>
    set({ levers: { ...draft.levers, [segment]: { ...draft.levers[segment], [key]: value } } });
  const removeSegment = (segment: string) => {
    const levers = { ...draft.levers };
    delete levers[segment];
    set({ levers });
  };
  const available = [ALL_SEGMENTS, ...segments].filter((s) => !(s in draft.levers));
  const addable = available.includes(adding) ? adding : (available[0] ?? '');

  return (
    <div className="scn-editor" data-testid="scenario-editor">
      <div className="scn-fields">
        <label>
          {t('editor.name')}
          <input value={draft.name} maxLength={100} onChange={(e) => set({ name: e.target.value })} data-testid="scenario-name" />
        </label>
        <label className="scn-wide">
          {t('editor.description')}
          <input value={draft.description} maxLength={2000} onChange={(e) => set({ description: e.target.value })} />
        </label>
        <label>
          {t('editor.horizon')}
          <input
            type="number"
            min={12}
            max={60}
            step={1}
            value={draft.horizonMonths}
            onChange={(e) => set({ horizonMonths: e.target.valueAsNumber })}
            data-testid="scenario-horizon"
          />
        </label>
        <label>
          {t('editor.trailing')}
          <select value={draft.trailingMonths} onChange={(e) => set({ trailingMonths: Number(e.target.value) as 3 | 6 | 12 })}>
            {[3, 6, 12].map((n) => (
              <option key={n} value={n}>
                {t('editor.months', { count: n })}
              </option>
            ))}
          </select>
        </label>
        <label>
          {t('editor.churnModel')}
          {/* Churn by tenure reads its rates from the cohort curves or from the survival hazard: one choice of three. */}
          <select
            value={draft.churnModel === 'tenure' && draft.tenureRates === 'hazard' ? 'tenureHazard' : draft.churnModel}
            onChange={(e) => {
              const value = e.target.value;
              set(value === 'tenureHazard' ? { churnModel: 'tenure', tenureRates: 'hazard' } : { churnModel: value as Draft['churnModel'], tenureRates: 'cohorts' });
            }}
            data-testid="scenario-churn-model"
          >
            <option value="flat">{t('editor.flat')}</option>
            <option value="tenure">{t('editor.tenure')}</option>
            <option value="tenureHazard">{t('editor.tenureHazard')}</option>
          </select>
        </label>
      </div>

      <h4>{t('editor.levers')}</h4>
      <p className="muted scn-note">{t('editor.leversHint')}</p>
      <div className="scn-levers-scroll">
        <table className="scn-levers">
          <thead>
            <tr>
              <th>{t('editor.lever')}</th>
              {Object.keys(draft.levers).map((segment) => (
                <th key={segment}>
                  {segment === ALL_SEGMENTS ? t('editor.allSegments') : segment}{' '}
                  <button type="button" className="scn-x" title={t('editor.removeSegment')} onClick={() => removeSegment(segment)}>
                    ×
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {LEVERS.map((key) => (
              <tr key={key}>
                <th scope="row" title={t(`levers.${key}.hint`)}>
                  {t(`levers.${key}.label`)} <span className="muted">({t(`units.${LEVER_UNITS[key]}`)})</span>
                </th>
                {Object.keys(draft.levers).map((segment) => (
                  <td key={segment}>
                    <input
                      inputMode="decimal"
                      value={draft.levers[segment]?.[key] ?? ''}
                      placeholder="—"
                      onChange={(e) => setLever(segment, key, e.target.value)}
                      aria-label={`${segment} ${t(`levers.${key}.label`)}`}
                      data-testid={`lever-${segment}-${key}`}
                    />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {available.length > 0 && (
        <div className="scn-row">
          <select value={addable} onChange={(e) => setAdding(e.target.value)} aria-label={t('editor.segment')}>
            {available.map((s) => (
              <option key={s} value={s}>
                {s === ALL_SEGMENTS ? t('editor.allSegments') : s}
              </option>
            ))}
          </select>
          <button type="button" onClick={() => addable && set({ levers: { ...draft.levers, [addable]: {} } })}>
            {t('editor.addSegment')}
          </button>
        </div>
      )}

      <div className="scn-fields">
        <label className="scn-check">
          <input type="checkbox" checked={draft.monteCarlo.enabled} onChange={(e) => set({ monteCarlo: { ...draft.monteCarlo, enabled: e.target.checked } })} data-testid="scenario-mc" />
          {t('editor.monteCarlo')}
        </label>
        <label>
          {t('editor.runs')}
          <input
            inputMode="numeric"
            disabled={!draft.monteCarlo.enabled}
            value={draft.monteCarlo.runs}
            onChange={(e) => set({ monteCarlo: { ...draft.monteCarlo, runs: e.target.value } })}
            data-testid="scenario-mc-runs"
          />
        </label>
        <label>
          {t('editor.seed')}
          <input
            inputMode="numeric"
            disabled={!draft.monteCarlo.enabled}
            value={draft.monteCarlo.seed}
            onChange={(e) => set({ monteCarlo: { ...draft.monteCarlo, seed: e.target.value } })}
          />
        </label>
      </div>
      <div className="scn-fields">
        <label className="scn-check">
          <input type="checkbox" checked={draft.goalSeek.enabled} onChange={(e) => set({ goalSeek: { ...draft.goalSeek, enabled: e.target.checked } })} data-testid="scenario-goal" />
          {t('editor.goalSeek')}
        </label>
        <label>
          {t('editor.solveFor')}
          <select
            disabled={!draft.goalSeek.enabled}
            value={draft.goalSeek.solveFor}
            onChange={(e) => set({ goalSeek: { ...draft.goalSeek, solveFor: e.target.value as Draft['goalSeek']['solveFor'] } })}
            data-testid="scenario-goal-solve"
          >
            <option value="churn">{t('editor.solveChurn')}</option>
            <option value="new_mrr">{t('editor.solveNewMrr')}</option>
          </select>
        </label>
        <label>
          {t('editor.targetArr')}
          <input
            inputMode="decimal"
            disabled={!draft.goalSeek.enabled}
            value={draft.goalSeek.targetArr}
            onChange={(e) => set({ goalSeek: { ...draft.goalSeek, targetArr: e.target.value } })}
            data-testid="scenario-goal-target"
          />
        </label>
        <label>
          {t('editor.by')}
          <input
            type="month"
            disabled={!draft.goalSeek.enabled}
            value={draft.goalSeek.by}
            onChange={(e) => set({ goalSeek: { ...draft.goalSeek, by: e.target.value } })}
            data-testid="scenario-goal-by"
          />
        </label>
      </div>
    </div>
  );
}
