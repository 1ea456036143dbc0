// A small table of engine results (tens to thousands of rows) with CSV and
// XLSX export. Large tables use the paged Grid instead.
import { useTranslation } from 'react-i18next';
import type { Invoke } from '../../../shared/transport.js';
import { downloadXlsx, downloadCsv, toCsv } from '../export/csv.js';
import { formatMoney, formatNumber, formatPercent } from '../format.js';

export type CellFormat = 'text' | 'integer' | 'money' | 'percent' | 'number';

export interface TableColumn<Row> {
  key: keyof Row & string;
  label: string;
  format?: CellFormat;
  /** Shown on hover over the header: the metric's definition. */
  title?: string;
}

export interface DataTableProps<Row> {
  name: string;
  columns: TableColumn<Row>[];
  rows: Row[];
  invoke: Invoke;
  currency?: string | null;
  onRowClick?: (row: Row) => void;
  testId?: string;
  maxHeight?: number;
}

export function formatCellValue(value: unknown, format: CellFormat = 'text', currency: string | null = null): string {
  if (value === null || value === undefined) return '—';
  if (typeof value !== 'number') return String(value);
  switch (format) {
    case 'money':
      return formatMoney(value, currency, 2);
    case 'percent':
      return formatPercent(value, 1);
    case 'integer':
      return formatNumber(value, 0);
    case 'number':
      return formatNumber(value, 2);
    default:
      return String(value);
  }
}

export function DataTable<Row extends object>({ name, columns, rows, invoke, currency = null, onRowClick, testId, maxHeight = 420 }: DataTableProps<Row>) {
  const { t } = useTranslation();
  const raw = (row: Row, key: string) => (row as Record<string, unknown>)[key];

  function exportCsv() {
    downloadCsv(`${name}.csv`, toCsv(columns.map((c) => c.label), rows.map((row) => columns.map((c) => raw(row, c.key)))));
  }

  async function exportXlsx() {
    const result = await invoke('export.xlsx', {
      sheets: [
        {
          name: name.slice(0, 31),
          columns: columns.map((c) => ({ name: c.label, format: c.format ?? 'text' })),
          rows: rows.map((row) =>
            columns.map((c) => {
              const value = raw(row, c.key);
              return typeof value === 'number' || typeof value === 'string' ? value : value === null || value === undefined ? null : String(value);
            }),
          ),
        },
      ],
    });
    if (result.ok) downloadXlsx(`${name}.xlsx`, result.value);
  }

  return (
    <div className="data-table" data-testid={testId}>
      <div className="table-tools">
        <button type="button" onClick={exportCsv}>
          {t('actions.exportCsv')}
        </button>
        <button type="button" onClick={() => void exportXlsx()}>
          {t('actions.exportXlsx')}
        </button>
      </div>
      <div className="table-scroll" style={{ maxHeight }}>
        <table>
          <thead>
            <tr>
              {columns.map((c) => (
                <th key={c.key} title={c.title} className={c.format && c.format !== 'text' ? 'numeric' : ''}>
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) => (
              <tr key={index} onClick={onRowClick ? () => onRowClick(row) : undefined} className={onRowClick ? 'clickable' : ''}>
                {columns.map((c) => (
                  <td key={c.key} className={c.format && c.format !== 'text' ? 'numeric' : ''}>
                    {formatCellValue(raw(row, c.key), c.format, currency)}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
