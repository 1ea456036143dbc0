// Why customers left: the engine's churn reasons ranked by customers and by
// churned MRR (coloured by voluntary / involuntary), and the full table; a bar
// lists its customers.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Data, Layout } from 'plotly.js-dist-min';
import type { AnalysisResult } from '../../../shared/analysis.js';
import type { Drill } from '../../../shared/metrics.js';
import { Plot, type PlotClick } from '../../components/charts/Plot.js';
import { formatMoney, formatNumber, formatPercent } from '../../components/format.js';
import { DataTable, type TableColumn } from '../../components/table/DataTable.js';
import { useAnalysis } from '../../state/analysis.js';
import { CHURN_TYPE_COLORS, churnTypeLabel, customArray, moneyAxis, type Translate } from '../customer/labels.js';

type Reason = AnalysisResult['churn_reasons'][number];
type ReasonRow = Reason & { label: string; type_label: string };

/** Reason names as shown: `Unknown` translated; a reason recorded with two types names its type. */
function labelled(t: Translate, reasons: Reason[]): ReasonRow[] {
  const name = (r: Reason) => (r.reason === 'Unknown' ? t('customers:reasons.unknown') : r.reason);
  const seen = new Map<string, number>();
  for (const r of reasons) seen.set(name(r), (seen.get(name(r)) ?? 0) + 1);
  return reasons.map((r) => {
    const type_label = churnTypeLabel(t, r.churn_type);
    return { ...r, type_label, label: seen.get(name(r))! > 1 ? `${name(r)} (${type_label})` : name(r) };
  });
}

function RankedBars({ rows, by, currency, onDrill }: { rows: ReasonRow[]; by: 'customers' | 'mrr'; currency: string | null; onDrill: (drill: Drill, title: string) => void }) {
  const { t } = useTranslation('customers');
  const data = useMemo<Data[]>(() => {
    const ranked = [...rows].sort((a, b) => b[by] - a[by]);
    const types = [...new Set(rows.map((r) => r.churn_type))];
    return types.map((type) => {
      const mine = ranked.filter((r) => r.churn_type === type);
      return {
        type: 'bar',
        orientation: 'h',
        name: churnTypeLabel(t, type),
        y: mine.map((r) => r.label),
        x: mine.map((r) => r[by]),
        text: mine.map((r) =>
          by === 'customers' ? `${formatNumber(r.customers)} · ${formatPercent(r.share_of_customers)}` : `${formatMoney(r.mrr, currency)} · ${formatPercent(r.share_of_mrr)}`,
        ),
        textposition: 'none',
        customdata: mine.map((r) => [r.reason, r.churn_type]),
        hovertemplate: '%{y}<br><b>%{text}</b><extra>%{fullData.name}</extra>',
        marker: { color: CHURN_TYPE_COLORS[type] ?? '#b07aa1' },
      } satisfies Data;
    });
  }, [rows, by, currency, t]);

  const order = useMemo(() => [...rows].sort((a, b) => b[by] - a[by]).map((r) => r.label), [rows, by]);
  const layout = useMemo<Partial<Layout>>(
    () => ({
      barmode: 'stack',
      yaxis: { type: 'category', categoryorder: 'array', categoryarray: order, autorange: 'reversed', automargin: true },
      xaxis: by === 'mrr' ? moneyAxis(currency, t('reasons.mrr')) : { title: { text: t('reasons.customers') }, tickformat: ',d', rangemode: 'tozero' },
      margin: { l: 10, r: 20, t: 10, b: 50 },
    }),
    [order, by, currency, t],
  );
  // A bar lists the customers who churned for that reason in the range.
  function click({ custom }: PlotClick) {
    const [reason, churnType] = (customArray(custom) ?? []) as [string?, string?];
    const row = rows.find((r) => r.reason === reason && r.churn_type === churnType);
    if (row) onDrill({ kind: 'churn_reason', reason: row.reason, churnType: row.churn_type }, t('drill.reason', { reason: row.label }));
  }
  return (
    <Plot
      data={data}
      layout={layout}
      height={Math.max(220, 60 + rows.length * 24)}
      onClick={click}
      name={`churn-reasons-by-${by}`}
      testId={`chart-reasons-${by}`}
    />
  );
}

export function ChurnReasons({ reasons, currency, onDrill }: { reasons: Reason[]; currency: string | null; onDrill: (drill: Drill, title: string) => void }) {
  const { t } = useTranslation('customers');
  const { invoke } = useAnalysis();
  const rows = useMemo(() => labelled(t, reasons), [t, reasons]);
  const columns: TableColumn<ReasonRow>[] = [
    { key: 'label', label: t('reasons.reason') },
    { key: 'type_label', label: t('types.type') },
    { key: 'customers', label: t('reasons.customers'), format: 'integer' },
    { key: 'share_of_customers', label: t('reasons.shareOfCustomers'), format: 'percent' },
    { key: 'mrr', label: t('reasons.mrr'), format: 'money' },
    { key: 'share_of_mrr', label: t('reasons.shareOfMrr'), format: 'percent' },
  ];
  if (rows.length === 0) return <p className="muted">{t('reasons.none')}</p>;
  return (
    <>
      <div className="customers-pair">
        <div>
          <h4>{t('reasons.byCustomers')}</h4>
          <RankedBars rows={rows} by="customers" currency={currency} onDrill={onDrill} />
        </div>
        <div>
          <h4>{t('reasons.byMrr')}</h4>
          <RankedBars rows={rows} by="mrr" currency={currency} onDrill={onDrill} />
        </div>
      </div>
      <DataTable name="churn-reasons" columns={columns} rows={rows} invoke={invoke} currency={currency} testId="table-churn-reasons" maxHeight={300} />
    </>
  );
}
