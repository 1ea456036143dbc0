// The overview: the headline metrics of the latest period as cards (value,
// change against the previous period, trend, definition on hover), the period
// in one sentence, and the customers behind the churn and customer counts.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Drill } from '../../../shared/metrics.js';
import { DrillPanel } from '../../components/DrillPanel.js';
import { SqlButton } from '../../components/SqlButton.js';
import { useAnalysis } from '../../state/analysis.js';
import { CARDS } from './cards.js';
import { MetricCard } from './MetricCard.js';
import { readPeriod } from './reading.js';
import './overview.css';

export function OverviewView() {
  const { t } = useTranslation('overview');
  const { result } = useAnalysis();
  const [drill, setDrill] = useState<{ drill: Drill; title: string } | null>(null);
  if (!result) return null;
  const { periods, headline } = result;
  const currency = result.settings.reporting_currency;
  const last = periods.at(-1);
  const previous = periods.at(-2);

  const drillTo = (kind: 'churn' | 'end') => (period: string) =>
    setDrill(
      kind === 'churn'
        ? { drill: { kind: 'movement', period, movement: 'churn' }, title: t('drill.churn', { period }) }
        : { drill: { kind: 'end', period }, title: t('drill.end', { period }) },
    );

  return (
    <div className="overview" data-testid="overview">
      <header className="ov-header">
        <h2>{t('title')}</h2>
        {last && (
          <span className="muted">
            {t('latest', { period: last.period })}
            {previous && ` · ${t('comparedWith', { period: previous.period })}`}
            {' · '}
            {t('range', { count: periods.length, from: periods[0]!.period, to: last.period })}
            {currency && ` · ${t('currency', { currency })}`}
          </span>
        )}
        <span className="ov-sql">
          <SqlButton query="periods" />
        </span>
      </header>
      {!last ? (
        <p className="muted">{t('noPeriods')}</p>
      ) : (
        <>
          <p className="ov-reading" data-testid="overview-reading" aria-label={t('reading.label')}>
            {readPeriod(last, currency, t)}
          </p>
          <div className="ov-cards">
            {CARDS.map((spec) => (
              <MetricCard
                key={spec.metric}
                spec={spec}
                periods={periods}
                headline={headline}
                currency={currency}
                onDrill={spec.drill ? drillTo(spec.drill) : undefined}
              />
            ))}
          </div>
        </>
      )}
      {drill && <DrillPanel drill={drill.drill} title={drill.title} onClose={() => setDrill(null)} />}
    </div>
  );
}
