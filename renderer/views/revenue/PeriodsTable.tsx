// The periods behind the revenue charts as the engine gives them, latest
// first, exportable as CSV or XLSX. A row shows its period's bridge.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { PERIOD_COUNT_COLUMNS, PERIOD_MRR_COLUMNS, type PeriodRow } from '../../../shared/analysis.js';
import type { Invoke } from '../../../shared/transport.js';
import { DataTable, type TableColumn } from '../../components/table/DataTable.js';

const MONEY: readonly (keyof PeriodRow & string)[] = PERIOD_MRR_COLUMNS;
const COUNTS: readonly (keyof PeriodRow & string)[] = PERIOD_COUNT_COLUMNS;

export function PeriodsTable({ periods, currency, invoke, onSelect }: {
  periods: PeriodRow[];
  currency: string | null;
  invoke: Invoke;
  onSelect: (period: string) => void;
}) {
  const { t, i18n } = useTranslation(['revenue', 'metrics']);
  const columns = useMemo<TableColumn<PeriodRow>[]>(
    () => [
      { key: 'period', label: t('columns.period') },
      ...MONEY.map((key) => ({ key, label: t(`columns.${key}`), format: 'money' as const, title: key === 'mrr_end' ? t('metrics:mrr.definition') : undefined })),
      ...COUNTS.map((key) => ({ key, label: t(`columns.${key}`), format: 'integer' as const, title: key === 'customers_end' ? t('metrics:customers.definition') : undefined })),
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [i18n.language],
  );
  const rows = useMemo(() => [...periods].reverse(), [periods]);
  return (
    <DataTable name="mrr-periods" columns={columns} rows={rows} invoke={invoke} currency={currency} onRowClick={(row) => onSelect(row.period)} testId="revenue-periods" maxHeight={360} />
  );
}
