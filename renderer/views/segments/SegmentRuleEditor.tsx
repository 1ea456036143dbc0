// The segment rule, edited in place: by employees or by annual contract value
// with the two thresholds, or by any column. Applying it re-runs the analysis.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_SEGMENT_RULES, segmentRuleSchema, type SegmentRule } from '../../../shared/metrics.js';
import { formatMoney, formatNumber } from '../../components/format.js';
import { useAnalysis } from '../../state/analysis.js';

type By = SegmentRule['by'];

/** Why a draft rule cannot be applied, or null. */
function problem(rule: SegmentRule): 'column' | 'thresholds' | 'order' | null {
  if (rule.by === 'column') return rule.column.trim() ? null : 'column';
  if (!segmentRuleSchema.safeParse(rule).success) return 'thresholds';
  return rule.enterpriseFrom > rule.midMarketFrom ? null : 'order';
}

export function SegmentRuleEditor({ currency }: { currency: string | null }) {
  const { t } = useTranslation('segments');
  const { settings, update } = useAnalysis();
  const [draft, setDraft] = useState<SegmentRule>(settings.segmentRule);
  const [column, setColumn] = useState(settings.segmentRule.by === 'column' ? settings.segmentRule.column : 'industry');
  const wrong = problem(draft);
  const changed = JSON.stringify(draft) !== JSON.stringify(settings.segmentRule);

  function choose(by: By) {
    setDraft(by === 'column' ? { by, column } : settings.segmentRule.by === by ? settings.segmentRule : DEFAULT_SEGMENT_RULES[by]);
  }

  function apply(event: FormEvent) {
    event.preventDefault();
    if (wrong || !changed) return;
    update({ segmentRule: draft.by === 'column' ? { by: 'column', column: draft.column.trim() } : draft });
  }

  const amount = (value: number) => (draft.by === 'acv' ? formatMoney(value, currency) : formatNumber(value));
  return (
    <form className="segment-rule" onSubmit={apply} data-testid="segment-rule">
      <fieldset>
        <legend>{t('rule.by')}</legend>
        {(['employees', 'acv', 'column'] as const).map((by) => (
          <label key={by}>
            <input type="radio" name="segment-by" checked={draft.by === by} onChange={() => choose(by)} data-testid={`rule-by-${by}`} />
            {t(`rule.${by}`)}
          </label>
        ))}
      </fieldset>
      {draft.by === 'column' ? (
        <label>
          {t('rule.column')}
          <input
            value={draft.column}
            onChange={(e) => {
              setColumn(e.target.value);
              setDraft({ by: 'column', column: e.target.value });
            }}
            placeholder="industry"
            aria-invalid={wrong === 'column'}
            data-testid="rule-column"
          />
        </label>
      ) : (
        <>
          <label>
            {t('rule.midMarketFrom')}
            <input
              type="number"
              min={draft.by === 'employees' ? 1 : 0}
              step={draft.by === 'employees' ? 1 : 'any'}
              value={Number.isFinite(draft.midMarketFrom) ? draft.midMarketFrom : ''}
              onChange={(e) => setDraft({ ...draft, midMarketFrom: e.target.valueAsNumber })}
              aria-invalid={wrong !== null}
              data-testid="rule-mid"
            />
          </label>
          <label>
            {t('rule.enterpriseFrom')}
            <input
              type="number"
              min={draft.by === 'employees' ? 2 : 0}
              step={draft.by === 'employees' ? 1 : 'any'}
              value={Number.isFinite(draft.enterpriseFrom) ? draft.enterpriseFrom : ''}
              onChange={(e) => setDraft({ ...draft, enterpriseFrom: e.target.valueAsNumber })}
              aria-invalid={wrong !== null}
              data-testid="rule-enterprise"
            />
          </label>
        </>
      )}
      <div className="segment-rule-actions">
        <button type="submit" className="primary" disabled={!!wrong || !changed} data-testid="rule-apply">
          {t('rule.apply')}
        </button>
        <button type="button" onClick={() => setDraft(settings.segmentRule)} disabled={!changed}>
          {t('rule.revert')}
        </button>
      </div>
      <p className={wrong ? 'field-error' : 'muted'} data-testid="rule-summary">
        {wrong
          ? t(`rule.problem.${wrong}`)
          : draft.by === 'column'
            ? t('rule.summaryColumn', { column: draft.column.trim() })
            : t(`rule.summary.${draft.by}`, { mid: amount(draft.midMarketFrom), enterprise: amount(draft.enterpriseFrom) })}
      </p>
      <p className="muted">{t('rule.explicit')}</p>
    </form>
  );
}
