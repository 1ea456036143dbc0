// Revenue: MRR movements by period with MRR and net new MRR, one period's
// bridge from start to end MRR, and the periods as a table. Every bar and
// point opens the customers behind it.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Drill } from '../../../shared/metrics.js';
import { DrillPanel } from '../../components/DrillPanel.js';
import { SqlButton } from '../../components/SqlButton.js';
import { useAnalysis } from '../../state/analysis.js';
import { MovementsChart } from './MovementsChart.js';
import type { Movement } from './movements.js';
import { PeriodsTable } from './PeriodsTable.js';
import { Waterfall } from './Waterfall.js';
import './revenue.css';

export function RevenueView() {
  const { t } = useTranslation(['revenue', 'metrics']);
  const { result, invoke } = useAnalysis();
  const [drill, setDrill] = useState<{ drill: Drill; title: string } | null>(null);
  const [chosen, setChosen] = useState<string | null>(null);
  if (!result) return null;
  const { periods } = result;
  const currency = result.settings.reporting_currency;
  const row = periods.find((p) => p.period === chosen) ?? periods.at(-1);

  const onMovement = (period: string, movement: Movement) =>
    setDrill({ drill: { kind: 'movement', period, movement }, title: t('drill.movement', { movement: t(`metrics:movements.${movement}`), period }) });
  const onStart = (period: string) => setDrill({ drill: { kind: 'start', period }, title: t('drill.start', { period }) });
  const onEnd = (period: string) => setDrill({ drill: { kind: 'end', period }, title: t('drill.end', { period }) });
  const choose = (period: string) => {
    setChosen(period);
    document.getElementById('revenue-bridge')?.scrollIntoView({ behavior: 'smooth', block: 'nearest' });
  };

  return (
    <div className="revenue" data-testid="revenue">
      <header className="rev-header">
        <h2>{t('title')}</h2>
        {currency && <span className="muted">{t('currency', { currency })}</span>}
        <span className="rev-sql">
          <SqlButton query="periods" />
        </span>
      </header>
      {!row ? (
        <p className="muted">{t('noPeriods')}</p>
      ) : (
        <>
          <section className="panel">
            <h3>
              <span>{t('movementsTitle')}</span>
              <span className="muted rev-hint">{t('movementsHint')}</span>
            </h3>
            <MovementsChart periods={periods} currency={currency} onMovement={onMovement} onEnd={onEnd} onPeriod={choose} />
          </section>
          <section className="panel" id="revenue-bridge">
            <h3>
              <span>{t('bridgeTitle', { period: row.period })}</span>
              <label className="rev-period">
                {t('period')}
                <select value={row.period} onChange={(e) => setChosen(e.target.value)} data-testid="revenue-period">
                  {[...periods].reverse().map((p) => (
                    <option key={p.period} value={p.period}>
                      {p.period}
                    </option>
                  ))}
                </select>
              </label>
            </h3>
            <Waterfall row={row} currency={currency} onMovement={onMovement} onStart={onStart} onEnd={onEnd} />
          </section>
          <section className="panel">
            <h3>
              <span>{t('tableTitle')}</span>
              <span className="muted rev-hint">{t('tableHint')}</span>
            </h3>
            <PeriodsTable periods={periods} currency={currency} invoke={invoke} onSelect={choose} />
          </section>
        </>
      )}
      {drill && <DrillPanel drill={drill.drill} title={drill.title} onClose={() => setDrill(null)} />}
    </div>
  );
}
