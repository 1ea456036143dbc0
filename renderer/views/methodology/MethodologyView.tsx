// Methodology: the headline rates over the whole range under every preset,
// side by side, the one in use first and highlighted, each with the settings
// in which it differs from the one in use — why a billing tool shows another number.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { SqlButton } from '../../components/SqlButton.js';
import { DataTable, type TableColumn } from '../../components/table/DataTable.js';
import { useAnalysis } from '../../state/analysis.js';
import { ComparisonChart } from './ComparisonChart.js';
import { differsText, settingsInUse } from './settingsText.js';
import './methodology.css';

interface Row {
  preset: string;
  method: string;
  customer_churn_rate: number | null;
  gross_mrr_churn_rate: number | null;
  net_mrr_churn_rate: number | null;
  nrr: number | null;
  grr: number | null;
  quick_ratio: number | null;
  customers_churned: number;
  differs: string;
}

const RATES = ['customer_churn_rate', 'gross_mrr_churn_rate', 'net_mrr_churn_rate', 'nrr', 'grr'] as const;

export function MethodologyView() {
  const { t, i18n } = useTranslation(['methodology', 'metrics']);
  const { result, invoke } = useAnalysis();
  const comparison = result?.methodology_comparison;
  const current = result?.settings.preset ?? '';
  const methodology = result?.settings.methodology;

  const rows = useMemo<Row[]>(() => {
    if (!comparison || !methodology) return [];
    // The method in use first: it is the reference the others differ from.
    const ordered = [...comparison].sort((a, b) => Number(b.preset === current) - Number(a.preset === current));
    return ordered.map((row) => ({
      preset: row.preset,
      method: row.preset === current ? t('inUse', { label: row.label }) : row.label,
      customer_churn_rate: row.customer_churn_rate,
      gross_mrr_churn_rate: row.gross_mrr_churn_rate,
      net_mrr_churn_rate: row.net_mrr_churn_rate,
      nrr: row.nrr,
      grr: row.grr,
      quick_ratio: row.quick_ratio,
      customers_churned: row.customers_churned,
      differs: differsText(row.preset, row.differs_in, methodology, t),
    }));
    // The words follow the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [comparison, current, methodology, i18n.language]);

  const columns = useMemo<TableColumn<Row>[]>(
    () => [
      { key: 'method', label: t('columns.method') },
      ...RATES.map((rate) => ({ key: rate, label: t(`metrics:${rate}.name`), format: 'percent' as const, title: t(`metrics:${rate}.definition`) })),
      { key: 'quick_ratio', label: t('metrics:quick_ratio.name'), format: 'number', title: t('metrics:quick_ratio.definition') },
      { key: 'customers_churned', label: t('columns.customersChurned'), format: 'integer' },
      { key: 'differs', label: t('columns.differs') },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [i18n.language],
  );

  if (!result || !methodology) return null;
  const periods = result.headline?.periods ?? comparison?.[0]?.periods ?? 0;
  return (
    <div className="methodology" data-testid="methodology">
      <header className="meth-header">
        <h2>{t('title')}</h2>
        <span className="meth-sql">
          <SqlButton query="methodology_comparison" />
        </span>
      </header>
      <p className="muted meth-intro">{t('intro', { periods: String(periods) })}</p>
      {rows.length === 0 ? (
        <p className="muted">{t('noComparison')}</p>
      ) : (
        <>
          <section className="panel meth-table">
            <h3>{t('tableTitle')}</h3>
            <DataTable name="methodology-comparison" columns={columns} rows={rows} invoke={invoke} testId="methodology-table" />
          </section>
          <section className="panel">
            <h3>
              <span>{t('chartTitle')}</span>
              <span className="muted meth-hint">{t('chartHint')}</span>
            </h3>
            {rows.every((row) => row.customer_churn_rate === null && row.gross_mrr_churn_rate === null && row.net_mrr_churn_rate === null) ? (
              <p className="muted">{t('noComparison')}</p>
            ) : (
              <ComparisonChart rows={comparison ?? []} current={current} />
            )}
          </section>
        </>
      )}
      <section className="panel">
        <h3>{t('settingsTitle')}</h3>
        <dl className="meth-settings" data-testid="methodology-settings">
          {settingsInUse(methodology, t).map((s) => (
            <div key={s.name}>
              <dt>{s.name}</dt>
              <dd>{s.value}</dd>
            </div>
          ))}
        </dl>
      </section>
    </div>
  );
}
