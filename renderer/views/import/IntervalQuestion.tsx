// Each plan's billing interval when the file has no interval column: what the file shows, and the user's answer.
import { useTranslation } from 'react-i18next';
import { INTERVAL_CHOICES, intervalQuestion, unansweredPlans, type FileDraft } from './draft.js';

/** How each plan bills when no column says: what the file shows (period length, plan code…), or a question. */
export function IntervalQuestion({ draft, disabled, onChange }: { draft: FileDraft; disabled: boolean; onChange: (change: (draft: FileDraft) => FileDraft) => void }) {
  const { t } = useTranslation('import');
  const question = intervalQuestion(draft)!;
  const unanswered = new Set(unansweredPlans(draft));
  const anyUnknown = question.terms.some((term) => term.interval === null);
  const termWords = (interval: string | null, count: number | null) =>
    // Plural keys would not do: Chinese has one form, and "every 1 month" is not how anyone says monthly.
    interval === null ? '' : (count ?? 1) > 1 ? t(`intervals.every.${interval}`, { count }) : t(`intervals.units.${interval}`);
  const choice = (value: string, onSelect: (value: string) => void, label: string, testId: string) => (
    <select value={value} aria-label={label} data-testid={testId} onChange={(event) => onSelect(event.target.value)}>
      <option value="">{t('intervals.asTheFileSays')}</option>
      {INTERVAL_CHOICES.map((interval) => (
        <option key={interval} value={interval}>
          {t(`intervals.choices.${interval}`)}
        </option>
      ))}
    </select>
  );
  return (
    <fieldset
      className={`day-order interval-question${unanswered.size ? ' unanswered' : ''}`}
      disabled={disabled}
      data-testid="interval-question"
    >
      <legend>{t(anyUnknown ? 'intervals.questionRequired' : 'intervals.question')}</legend>
      <p className="muted">{t('intervals.explain')}</p>
      <table className="interval-table">
        <thead>
          <tr>
            <th>{t('intervals.plan')}</th>
            <th>{t('intervals.rows')}</th>
            <th>{t('intervals.fileSays')}</th>
            <th>{t('intervals.answer')}</th>
          </tr>
        </thead>
        <tbody>
          {question.terms.map((term) => {
            const key = term.plan ?? '';
            return (
              <tr key={`${key}|${term.interval}|${term.count}`} className={unanswered.has(term.plan) ? 'missing' : ''} data-plan={key}>
                <td>{term.plan ?? <span className="muted">{t('intervals.noPlan')}</span>}</td>
                <td className="num">{term.rows}</td>
                <td data-testid="interval-derived">
                  {term.interval === null
                    ? t('intervals.notInFile')
                    : `${termWords(term.interval, term.count)} — ${t(`intervals.sources.${term.source}`)}`}
                </td>
                <td>
                  {term.plan !== null &&
                    choice(
                      draft.intervalByPlan[term.plan] ?? '',
                      (value) => onChange((d) => ({ ...d, intervalByPlan: { ...d.intervalByPlan, [term.plan!]: value } })),
                      t('intervals.answerFor', { plan: term.plan }),
                      `interval-${key}`,
                    )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {(anyUnknown || draft.interval !== '') && (
        <label>
          {t('intervals.allOthers')}{' '}
          {choice(draft.interval, (value) => onChange((d) => ({ ...d, interval: value })), t('intervals.allOthers'), 'interval-all')}
        </label>
      )}
    </fieldset>
  );
}
