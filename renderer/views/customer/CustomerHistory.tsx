// One customer as the engine explains them (customers.history): MRR month by
// month with each movement marked, the movements, and the attributes.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Data, Layout } from 'plotly.js-dist-min';
import type { CustomerHistory as History } from '../../../shared/analysis.js';
import { Plot } from '../../components/charts/Plot.js';
import { formatMoney, formatNumber } from '../../components/format.js';
import { DataTable, type TableColumn } from '../../components/table/DataTable.js';
import { useAnalysis } from '../../state/analysis.js';
import { MOVEMENTS, MOVEMENT_COLORS, TOP_LEGEND, moneyAxis, movementLabel, segmentLabel } from './labels.js';
import './customer.css';

type MovementRow = History['movements'][number] & { movement_label: string };

const MARKERS = { new: 'circle', reactivation: 'circle-open', expansion: 'triangle-up', contraction: 'triangle-down', churn: 'x' } as const;
const KNOWN_ATTRIBUTES = ['name', 'first_seen', 'employees', 'annual_revenue', 'contract_value', 'segment', 'country', 'industry'];

function MrrChart({ history, currency }: { history: History; currency: string | null }) {
  const { t } = useTranslation('customer');
  const data = useMemo<Data[]>(() => {
    const bars: Data = {
      type: 'bar',
      name: t('history.mrr'),
      x: history.months.map((m) => m.month),
      y: history.months.map((m) => m.mrr),
      text: history.months.map((m) => formatMoney(m.mrr, currency, 2)),
      textposition: 'none',
      hovertemplate: '%{customdata}<br><b>%{text}</b><extra></extra>',
      customdata: history.months.map((m) => m.month),
      marker: { color: '#4e79a7', opacity: 0.75 },
    };
    const marks = MOVEMENTS.filter((kind) => history.movements.some((m) => m.movement === kind)).map((kind): Data => {
      const mine = history.movements.filter((m) => m.movement === kind);
      return {
        type: 'scatter',
        mode: 'markers',
        name: movementLabel(t, kind),
        x: mine.map((m) => m.month),
        y: mine.map((m) => m.mrr_after),
        text: mine.map((m) => `${formatMoney(m.mrr_before, currency, 2)} → ${formatMoney(m.mrr_after, currency, 2)}`),
        customdata: mine.map((m) => m.month),
        hovertemplate: '%{customdata} · %{fullData.name}<br><b>%{text}</b><extra></extra>',
        marker: { color: MOVEMENT_COLORS[kind], size: 11, symbol: MARKERS[kind], line: { width: 2, color: MOVEMENT_COLORS[kind] } },
      };
    });
    return [bars, ...marks];
  }, [history, currency, t]);
  const layout = useMemo<Partial<Layout>>(
    () => ({
      xaxis: { type: 'date', tickformat: '%Y-%m', automargin: true },
      legend: TOP_LEGEND,
      yaxis: moneyAxis(currency, t('history.mrr')),
      margin: { l: 80, r: 20, t: 40, b: 40 },
      bargap: 0.15,
    }),
    [currency, t],
  );
  return <Plot data={data} layout={layout} height={300} name={`customer-${history.customerId}-mrr`} testId="chart-customer-mrr" />;
}

function Attributes({ history }: { history: History }) {
  const { t } = useTranslation('customer');
  const entries = Object.entries(history.attributes).filter(([, value]) => value !== null && value !== '');
  return (
    <dl className="customer-attributes" data-testid="customer-attributes">
      <div className="attribute">
        <dt>{t('attributes.segmentUsed')}</dt>
        <dd>{segmentLabel(t, history.segment)}</dd>
      </div>
      {entries.map(([key, value]) => (
        <div key={key} className="attribute">
          <dt>{KNOWN_ATTRIBUTES.includes(key) ? t(`attributes.${key}`) : key}</dt>
          <dd>{typeof value === 'number' ? formatNumber(value, Number.isInteger(value) ? 0 : 2) : value}</dd>
        </div>
      ))}
    </dl>
  );
}

/** Loads and shows one customer's history under the current analysis settings. */
export function CustomerHistory({ customerId }: { customerId: string }) {
  const { t } = useTranslation('customer');
  const { invoke, settings, result } = useAnalysis();
  const currency = result?.settings.reporting_currency ?? null;
  const [history, setHistory] = useState<History | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let live = true;
    setHistory(null);
    setError(null);
    void invoke('customers.history', { customerId, settings }).then((answer) => {
      if (!live) return;
      if (answer.ok) setHistory(answer.value);
      else setError(answer.error.message);
    });
    return () => {
      live = false;
    };
  }, [invoke, settings, customerId]);

  const movements = useMemo<MovementRow[]>(() => (history?.movements ?? []).map((m) => ({ ...m, movement_label: movementLabel(t, m.movement) })), [history, t]);
  const columns: TableColumn<MovementRow>[] = [
    { key: 'month', label: t('history.month') },
    { key: 'movement_label', label: t('history.movement') },
    { key: 'mrr_before', label: t('history.mrrBefore'), format: 'money' },
    { key: 'mrr_after', label: t('history.mrrAfter'), format: 'money' },
  ];

  if (error) return <p className="error">{error}</p>;
  if (!history) return <p className="muted">{t('common:states.loading')}</p>;
  const name = history.attributes.name;
  return (
    <div className="customer-history" data-testid="customer-history">
      <header className="customer-history-head">
        <h3>
          {name ? `${name} ` : ''}
          <span className="muted">{history.customerId}</span>
        </h3>
        <span className="chip">{segmentLabel(t, history.segment)}</span>
      </header>
      {history.months.length === 0 ? (
        <p className="muted">{t('history.noRevenue')}</p>
      ) : (
        <MrrChart history={history} currency={currency} />
      )}
      <div className="customer-history-body">
        <section>
          <h4>{t('history.movements')}</h4>
          <DataTable name={`customer-${history.customerId}-movements`} columns={columns} rows={movements} invoke={invoke} currency={currency} testId="table-customer-movements" maxHeight={280} />
        </section>
        <section>
          <h4>{t('attributes.title')}</h4>
          <Attributes history={history} />
        </section>
      </div>
    </div>
  );
}

/** The history beside another screen, over it on the right, like the drill-down. */
export function CustomerPanel({ customerId, onClose }: { customerId: string; onClose: () => void }) {
  const { t } = useTranslation('customer');
  return (
    <aside className="customer-panel" data-testid="customer-panel" aria-label={t('panel.title')}>
      <header>
        <h3>{t('panel.title')}</h3>
        <button type="button" onClick={onClose} aria-label={t('common:actions.close')}>
          ×
        </button>
      </header>
      <CustomerHistory customerId={customerId} />
    </aside>
  );
}
