// Whether the mapped amount includes tax: what the file says (and how it was decided), with an override.
import { useTranslation } from 'react-i18next';
import type { TaxDecision } from '../../../shared/model.js';
import type { FileDraft } from './draft.js';

/** The file's decision in words: what it is and what showed it. */
function taxDecisionWords(t: (key: string, options?: Record<string, unknown>) => string, decision: TaxDecision): string {
  const columns = { amount: decision.amountColumn, tax: decision.taxColumn };
  const what = t(decision.amountIncludesTax ? 'tax.includes' : 'tax.excludes', columns);
  const e = decision.evidence;
  switch (decision.source) {
    case 'data':
      return `${what} ${t(decision.amountIncludesTax ? 'tax.byDataNet' : 'tax.byDataTotal', { ...columns, other: e?.column ?? '', rows: e?.rows ?? 0, of: e?.of ?? 0 })}`;
    case 'header':
      return `${what} ${t('tax.byHeader', columns)}`;
    case 'preset':
      return `${what} ${t('tax.byPreset', columns)}`;
    case 'assumed':
      return `${what} ${t('tax.assumed', columns)}`;
    case 'user':
      return `${what} ${t('tax.bySaved')}`;
  }
}

export function TaxQuestion({
  draft,
  decision,
  disabled,
  onAnswer,
}: {
  draft: FileDraft;
  decision: TaxDecision | null;
  disabled: boolean;
  onAnswer: (amountIncludesTax: boolean | null) => void;
}) {
  const { t } = useTranslation('import');
  const columns = { amount: draft.map.amount ?? '', tax: draft.map.tax ?? '' };
  const name = `tax-${draft.path}`;
  return (
    <fieldset className={`day-order${decision?.source === 'assumed' && draft.amountIncludesTax === null ? ' unanswered' : ''}`} disabled={disabled} data-testid="tax-question">
      <legend>{t('tax.question', columns)}</legend>
      <label>
        <input type="radio" name={name} checked={draft.amountIncludesTax === null} onChange={() => onAnswer(null)} />
        <span data-testid="tax-decision">
          {t('tax.asTheFileSays')} — {decision ? taxDecisionWords(t, decision) : t('tax.decidedAtImport')}
        </span>
      </label>
      <label>
        <input type="radio" name={name} checked={draft.amountIncludesTax === true} onChange={() => onAnswer(true)} />
        {t('tax.yes', columns)}
      </label>
      <label>
        <input type="radio" name={name} checked={draft.amountIncludesTax === false} onChange={() => onAnswer(false)} />
        {t('tax.no', columns)}
      </label>
    </fieldset>
  );
}
