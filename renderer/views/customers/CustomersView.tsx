// The Customers screen: churn, retention and acquisition rates over time,
// voluntary vs involuntary churn, churn reasons ranked by customers and by MRR,
// and the customers at risk. Every number is the engine's; points list their
// customers, at-risk rows open the customer's history.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Drill } from '../../../shared/metrics.js';
import { DrillPanel } from '../../components/DrillPanel.js';
import { formatNumber, formatPercent } from '../../components/format.js';
import { SqlButton } from '../../components/SqlButton.js';
import { useAnalysis } from '../../state/analysis.js';
import { CustomerPanel } from '../customer/CustomerHistory.js';
import { AtRisk } from './AtRisk.js';
import { ChurnReasons } from './ChurnReasons.js';
import { ChurnTypes } from './ChurnTypes.js';
import { RatesChart } from './RatesChart.js';
import './customers.css';

export function CustomersView() {
  const { t } = useTranslation('customers');
  const { result } = useAnalysis();
  const [drill, setDrill] = useState<{ drill: Drill; title: string } | null>(null);
  const [customer, setCustomer] = useState<string | null>(null);
  if (!result) return null;
  const currency = result.settings.reporting_currency;
  const rule = result.settings.at_risk;

  return (
    <div className="customers-view">
      <h2>{t('title')}</h2>
      <section className="panel" data-testid="customers-rates">
        <h3>
          {t('rates.title')} <SqlButton query="periods" />
        </h3>
        <p className="muted hint">{t('rates.hint')}</p>
        <RatesChart periods={result.periods} onDrill={(d, title) => setDrill({ drill: d, title })} />
      </section>
      <div className="customers-pair wide-right">
        <section className="panel" data-testid="customers-types">
          <h3>
            {t('types.title')} <SqlButton query="churn_types" />
          </h3>
          <ChurnTypes types={result.churn_types} currency={currency} onDrill={(d, title) => setDrill({ drill: d, title })} />
        </section>
        <section className="panel" data-testid="customers-at-risk">
          <h3>
            {t('atRisk.title')} <SqlButton query="at_risk" />
          </h3>
          <p className="muted hint">
            {t('atRisk.hint', {
              total: formatNumber(result.at_risk.length),
              contractions: rule.contractions,
              window: rule.window,
              drop: formatPercent(rule.drop, 0),
              lookback: rule.lookback,
            })}
          </p>
          <AtRisk rows={result.at_risk} currency={currency} onOpen={setCustomer} />
        </section>
      </div>
      <section className="panel" data-testid="customers-reasons">
        <h3>
          {t('reasons.title')} <SqlButton query="churn_reasons" />
        </h3>
        <ChurnReasons reasons={result.churn_reasons} currency={currency} onDrill={(d, title) => setDrill({ drill: d, title })} />
      </section>
      {drill && <DrillPanel drill={drill.drill} title={drill.title} onClose={() => setDrill(null)} />}
      {customer && <CustomerPanel customerId={customer} onClose={() => setCustomer(null)} />}
    </div>
  );
}
