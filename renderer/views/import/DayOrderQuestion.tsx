// The day-order question: asked when a file's dates read both day-first and month-first.
import { useTranslation } from 'react-i18next';
import { ambiguousColumns, type FileDraft } from './draft.js';

export function DayOrderQuestion({
  draft,
  ambiguous,
  disabled,
  onAnswer,
}: {
  draft: FileDraft;
  ambiguous: ReturnType<typeof ambiguousColumns>;
  disabled: boolean;
  onAnswer: (dayFirst: boolean) => void;
}) {
  const { t } = useTranslation('import');
  const examples = ambiguous.flatMap((entry) => entry.examples).slice(0, 3);
  const columns = ambiguous.map((entry) => `“${entry.column}”`).join(t('words.list'));
  const list = t('words.list');
  const name = `day-first-${draft.path}`;
  return (
    <fieldset className={`day-order${draft.dayFirst === null ? ' unanswered' : ''}`} disabled={disabled} data-testid="day-order">
      <legend>{t('dayOrder.question', { columns })}</legend>
      <p className="muted">
        {examples.length ? t('dayOrder.readBothExamples', { examples: examples.map((e) => e.input).join(list) }) : t('dayOrder.readBoth')}
      </p>
      <label>
        <input type="radio" name={name} checked={draft.dayFirst === true} onChange={() => onAnswer(true)} />
        {t('dayOrder.dayFirst')}
        {examples.length > 0 && <span className="muted"> — {examples.map((e) => `${e.input} → ${e.dayFirst ?? t('dayOrder.invalid')}`).join(list)}</span>}
      </label>
      <label>
        <input type="radio" name={name} checked={draft.dayFirst === false} onChange={() => onAnswer(false)} />
        {t('dayOrder.monthFirst')}
        {examples.length > 0 && <span className="muted"> — {examples.map((e) => `${e.input} → ${e.monthFirst ?? t('dayOrder.invalid')}`).join(list)}</span>}
      </label>
    </fieldset>
  );
}
