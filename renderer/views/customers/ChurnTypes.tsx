// Voluntary vs involuntary churn in the range: customers and churned MRR,
// as two rings, with the engine's table underneath; a slice lists its customers.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Data, Layout } from 'plotly.js-dist-min';
import type { AnalysisResult } from '../../../shared/analysis.js';
import type { Drill } from '../../../shared/metrics.js';
import { Plot, type PlotClick } from '../../components/charts/Plot.js';
import { formatMoney, formatNumber } from '../../components/format.js';
import { DataTable, type TableColumn } from '../../components/table/DataTable.js';
import { useAnalysis } from '../../state/analysis.js';
import { CHURN_TYPE_COLORS, churnTypeLabel, customArray } from '../customer/labels.js';

type TypeRow = AnalysisResult['churn_types'][number] & { type_label: string };

export function ChurnTypes({ types, currency, onDrill }: { types: AnalysisResult['churn_types']; currency: string | null; onDrill: (drill: Drill, title: string) => void }) {
  const { t } = useTranslation('customers');
  const { invoke } = useAnalysis();
  const rows: TypeRow[] = useMemo(() => types.map((r) => ({ ...r, type_label: churnTypeLabel(t, r.churn_type) })), [types, t]);

  const data = useMemo<Data[]>(() => {
    const ring = (side: 0 | 1, values: number[], text: string[], title: string): Data => ({
      type: 'pie',
      hole: 0.55,
      sort: false,
      name: title,
      labels: rows.map((r) => r.type_label),
      values,
      text,
      textinfo: 'text',
      customdata: rows.map((r) => [r.churn_type]),
      hovertemplate: `${title}<br>%{label}: <b>%{text}</b><extra></extra>`,
      marker: { colors: rows.map((r) => CHURN_TYPE_COLORS[r.churn_type] ?? '#b07aa1') },
      domain: { x: side === 0 ? [0, 0.46] : [0.54, 1] },
      title: { text: title, position: 'top center', font: { size: 12 } },
    });
    return [
      ring(0, rows.map((r) => r.customers), rows.map((r) => formatNumber(r.customers)), t('types.customers')),
      ring(1, rows.map((r) => r.mrr), rows.map((r) => formatMoney(r.mrr, currency)), t('types.mrr')),
    ];
  }, [rows, currency, t]);

  const layout = useMemo<Partial<Layout>>(() => ({ margin: { l: 10, r: 10, t: 30, b: 40 }, showlegend: true }), []);

  const columns: TableColumn<TypeRow>[] = [
    { key: 'type_label', label: t('types.type') },
    { key: 'customers', label: t('types.customers'), format: 'integer' },
    { key: 'mrr', label: t('types.mrr'), format: 'money' },
  ];
  // A slice lists the customers who churned with that type in the range.
  function click({ custom }: PlotClick) {
    const [churnType] = (customArray(custom) ?? []) as [string?];
    const row = rows.find((r) => r.churn_type === churnType);
    if (row) onDrill({ kind: 'churn_reason', churnType: row.churn_type }, t('drill.churnType', { type: row.type_label }));
  }

  if (rows.length === 0) return <p className="muted">{t('types.none')}</p>;
  return (
    <>
      <Plot data={data} layout={layout} height={280} onClick={click} name="churn-types" testId="chart-churn-types" />
      <DataTable name="churn-types" columns={columns} rows={rows} invoke={invoke} currency={currency} testId="table-churn-types" />
    </>
  );
}
