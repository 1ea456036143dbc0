// The goal-seek answer as the engine gave it: in words, whether the target
// is reachable, and what churn or new MRR it takes, in total and per segment.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { GoalSeekResult } from '../../../shared/scenarios.js';
import { formatMoney, formatNumber, formatPercent } from '../../components/format.js';

/** The answer in the screen's language, from the engine's figures (the engine's own `message` is English). */
function sentence(t: TFunction<'scenarios'>, goal: GoalSeekResult, money: (v: number | null) => string): string {
  const vars = { target: money(goal.target_arr), by: goal.by, reached: money(goal.arr_reached) };
  if (goal.solve_for === 'churn') {
    const points = goal.churn_change_points ?? 0;
    if (!goal.reachable) return t(points < 0 ? 'goal.sentence.churnOutOfReach' : 'goal.sentence.churnBeyond', vars);
    return t('goal.sentence.churn', {
      ...vars,
      direction: t(points <= 0 ? 'goal.sentence.down' : 'goal.sentence.up'),
      points: formatNumber(Math.abs(points), 3),
      rate: formatPercent(goal.churn_rate, 2),
    });
  }
  if (!goal.reachable) return t((goal.new_mrr_per_month_scenario ?? 0) > 0 ? 'goal.sentence.newMrrOutOfReach' : 'goal.sentence.newMrrNothing', vars);
  if (goal.new_mrr_per_month === 0) return t('goal.sentence.newMrrNone', vars);
  return t('goal.sentence.newMrr', { ...vars, needed: money(goal.new_mrr_per_month), current: money(goal.new_mrr_per_month_scenario) });
}

export function GoalSeekPanel({ goal, currency }: { goal: GoalSeekResult; currency: string | null }) {
  const { t } = useTranslation('scenarios');
  const money = (v: number | null) => formatMoney(v, currency, 0);
  return (
    <div className="scn-goal" data-testid="scenario-goal-seek">
      <p className={goal.reachable ? 'scn-goal-message' : 'scn-goal-message scn-unreachable'}>{sentence(t, goal, money)}</p>
      <dl>
        <dt>{t('goal.target')}</dt>
        <dd>{t('goal.targetValue', { arr: money(goal.target_arr), by: goal.by, month: goal.month })}</dd>
        <dt>{t('goal.reachable')}</dt>
        <dd>{goal.reachable ? t('goal.yes') : t('goal.no')}</dd>
        <dt>{t('goal.arrReached')}</dt>
        <dd>{money(goal.arr_reached)}</dd>
        {goal.solve_for === 'churn' ? (
          <>
            <dt>{t('goal.churnChange')}</dt>
            <dd>{goal.churn_change_points === null ? '—' : t('goal.points', { value: formatNumber(goal.churn_change_points, 2) })}</dd>
            <dt>{t('goal.churnRate')}</dt>
            <dd>{formatPercent(goal.churn_rate, 2)}</dd>
          </>
        ) : (
          <>
            <dt>{t('goal.newMrrScenario')}</dt>
            <dd>{money(goal.new_mrr_per_month_scenario)}</dd>
            <dt>{t('goal.newMrrNeeded')}</dt>
            <dd>{money(goal.new_mrr_per_month)}</dd>
          </>
        )}
      </dl>
      {goal.segments.length > 0 && (
        <table className="scn-small-table">
          <thead>
            <tr>
              <th>{t('columns.segment')}</th>
              <th className="numeric">{goal.solve_for === 'churn' ? t('goal.churnRate') : t('goal.newMrrNeeded')}</th>
            </tr>
          </thead>
          <tbody>
            {goal.segments.map((s) => (
              <tr key={s.segment}>
                <td>{s.segment}</td>
                <td className="numeric">{goal.solve_for === 'churn' ? formatPercent(s.customer_churn_rate, 2) : money(s.new_mrr_per_month)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
