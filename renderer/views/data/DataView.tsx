// The Data screen: one table's row count, columns with their types, and all
// of its rows in the paged grid.
import { useCallback } from 'react';
import { tableFromIPC } from 'apache-arrow';
import { useTranslation } from 'react-i18next';
import type { TableInfo } from '../../../shared/contract.js';
import type { Invoke } from '../../../shared/transport.js';
import { Grid } from '../../components/grid/Grid.js';
import type { Row } from '../../components/grid/paging.js';

export interface DataViewProps {
  table: TableInfo;
  invoke: Invoke;
  onError: (error: Error) => void;
}

/** Arrow bytes → rows of plain values, column order as in the table. */
export function arrowRows(bytes: Uint8Array): Row[] {
  const table = tableFromIPC(bytes);
  const columns = table.schema.fields.map((_, index) => table.getChildAt(index));
  const rows: Row[] = [];
  for (let r = 0; r < table.numRows; r += 1) rows.push(columns.map((column) => column?.get(r) ?? null));
  return rows;
}

export function DataView({ table, invoke, onError }: DataViewProps) {
  const { t } = useTranslation('data');
  const fetchPage = useCallback(
    async (offset: number, limit: number) => {
      const result = await invoke('tables.page', { table: table.name, offset, limit });
      if (!result.ok) throw new Error(result.error.message);
      return arrowRows(result.value);
    },
    // A new TableInfo object (after a reload) means new data: start afresh.
    [invoke, table],
  );
  return (
    <section className="data-view" aria-label={t('table', { name: table.name })}>
      <header className="data-header">
        <h2>{table.name}</h2>
        <span className="row-count" data-testid="row-count">
          {t('rows', { rows: table.rowCount.toLocaleString('en-US') })}
        </span>
        <span className="muted">{t('columns', { columns: table.columns.length })}</span>
        {table.source && <span className="muted source" title={table.source}>{table.source}</span>}
      </header>
      <ul className="column-types" aria-label={t('columnsAndTypes')}>
        {table.columns.map((column) => (
          <li key={column.name}>
            <strong>{column.name}</strong> <code>{column.type}</code>
          </li>
        ))}
      </ul>
      <Grid columns={table.columns} rowCount={table.rowCount} fetchPage={fetchPage} onError={onError} />
    </section>
  );
}
