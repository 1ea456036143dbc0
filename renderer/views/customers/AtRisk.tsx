// Customers at risk, as the engine flags them, with its reason in the chosen
// language. A row opens that customer's history.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { AnalysisResult } from '../../../shared/analysis.js';
import { DataTable, type TableColumn } from '../../components/table/DataTable.js';
import { useAnalysis } from '../../state/analysis.js';
import type { Translate } from '../customer/labels.js';

type Risk = AnalysisResult['at_risk'][number];
type RiskRow = Risk & { why: string };

/** The engine states its reasons in English, joined by "; ": each known one is said again in the chosen language. */
export function riskReason(t: Translate, reason: string): string {
  return reason
    .split('; ')
    .map((part) => {
      const contraction = /^contraction in (\d+) of the last (\d+) months$/.exec(part);
      if (contraction) return t('customers:atRisk.byContractions', { contractions: contraction[1], window: contraction[2] });
      const drop = /^MRR down ([\d.]+)% against (\d+) months ago$/.exec(part);
      if (drop) return t('customers:atRisk.byDrop', { percent: drop[1], lookback: drop[2] });
      return part;
    })
    .join(t('customers:atRisk.separator'));
}

export function AtRisk({ rows, currency, onOpen }: { rows: Risk[]; currency: string | null; onOpen: (customerId: string) => void }) {
  const { t } = useTranslation('customers');
  const { invoke } = useAnalysis();
  const shown = useMemo<RiskRow[]>(() => rows.map((r) => ({ ...r, why: riskReason(t, r.reason) })), [rows, t]);
  const columns: TableColumn<RiskRow>[] = [
    { key: 'customer_id', label: t('atRisk.customer') },
    { key: 'mrr_before', label: t('atRisk.mrrBefore'), format: 'money' },
    { key: 'mrr', label: t('atRisk.mrr'), format: 'money' },
    { key: 'change', label: t('atRisk.change'), format: 'money' },
    { key: 'contractions', label: t('atRisk.contractions'), format: 'integer' },
    { key: 'why', label: t('atRisk.reason') },
  ];
  if (shown.length === 0) return <p className="muted">{t('atRisk.none')}</p>;
  return (
    <DataTable
      name="at-risk-customers"
      columns={columns}
      rows={shown}
      invoke={invoke}
      currency={currency}
      onRowClick={(row) => onOpen(row.customer_id)}
      testId="table-at-risk"
      maxHeight={360}
    />
  );
}
