// The searchable customer list: customers.search through the paged,
// virtualized grid (page-aligned fetches; the total comes with the answer).
import { useCallback, useEffect, useState } from 'react';
import { tableFromIPC } from 'apache-arrow';
import { useTranslation } from 'react-i18next';
import type { ColumnInfo } from '../../../shared/contract.js';
import { Grid } from '../../components/grid/Grid.js';
import { PAGE_SIZE, type Row } from '../../components/grid/paging.js';
import { formatMoney, formatNumber } from '../../components/format.js';
import { useAnalysis } from '../../state/analysis.js';
import { segmentLabel } from './labels.js';

/** The columns customers.search answers with, in this order. */
const FIELDS = [
  ['customer_id', 'VARCHAR'],
  ['name', 'VARCHAR'],
  ['segment', 'VARCHAR'],
  ['country', 'VARCHAR'],
  ['industry', 'VARCHAR'],
  ['current_mrr', 'DOUBLE'],
  ['first_month', 'VARCHAR'],
  ['last_month', 'VARCHAR'],
] as const;
type Field = (typeof FIELDS)[number][0];
type Found = Record<Field, unknown>;

/**
 * The Arrow bytes of an answer. Over Electron's IPC they stay a Uint8Array; the
 * browser-mode host sends this answer as JSON, where they arrive as an object
 * of byte values by index (or a serialized Node Buffer).
 */
const decode = (bytes: Uint8Array): Found[] => tableFromIPC(bytes).toArray().map((row) => row.toJSON() as Found);

/** The ids of the pages fetched lately, to know which customer a clicked row is. */
class RowIds {
  private readonly pages = new Map<number, string[]>();
  remember(offset: number, rows: Found[]) {
    this.pages.delete(offset);
    this.pages.set(offset, rows.map((r) => String(r.customer_id)));
    if (this.pages.size > 64) this.pages.delete(this.pages.keys().next().value!);
  }
  get(index: number): string | undefined {
    const offset = Math.floor(index / PAGE_SIZE) * PAGE_SIZE;
    return this.pages.get(offset)?.[index - offset];
  }
}

export function CustomerSearch({ onSelect }: { onSelect: (customerId: string) => void }) {
  const { t } = useTranslation('customer');
  const { invoke, result } = useAnalysis();
  const currency = result?.settings.reporting_currency ?? null;
  const [text, setText] = useState('');
  const [query, setQuery] = useState('');
  /** One search's answer; its row ids start afresh with each search. */
  const [found, setFound] = useState<{ query: string; total: number; first: Found[]; ids: RowIds } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    const timer = setTimeout(() => setQuery(text.trim()), 250);
    return () => clearTimeout(timer);
  }, [text]);

  // The first page answers with the total: the grid is sized from it.
  useEffect(() => {
    let live = true;
    void invoke('customers.search', { query, offset: 0, limit: PAGE_SIZE }).then((answer) => {
      if (!live) return;
      if (!answer.ok) return setError(answer.error.message);
      setError(null);
      setFound({ query, total: answer.value.total, first: decode(answer.value.rows), ids: new RowIds() });
    });
    return () => {
      live = false;
    };
  }, [invoke, query]);

  const shown = useCallback(
    (rows: Found[]): Row[] =>
      rows.map((r) =>
        FIELDS.map(([field]) =>
          field === 'current_mrr' ? formatMoney(r.current_mrr as number | null, currency, 2) : field === 'segment' && r.segment != null ? segmentLabel(t, String(r.segment)) : r[field],
        ),
      ),
    [currency, t],
  );

  const fetchPage = useCallback(
    async (offset: number, limit: number): Promise<Row[]> => {
      if (!found) return [];
      let rows: Found[];
      if (offset === 0 && found.first.length >= Math.min(limit, found.total)) rows = found.first.slice(0, limit);
      else {
        const answer = await invoke('customers.search', { query: found.query, offset, limit });
        if (!answer.ok) throw new Error(answer.error.message);
        rows = decode(answer.value.rows);
      }
      found.ids.remember(offset, rows);
      return shown(rows);
    },
    [invoke, found, shown],
  );

  const onError = useCallback((e: Error) => setError(e.message), []);
  const columns: ColumnInfo[] = FIELDS.map(([field, type]) => ({ name: t(`list.${field}`), type }));

  async function open(index: number) {
    if (!found) return;
    let id = found.ids.get(index);
    if (!id) {
      const answer = await invoke('customers.search', { query: found.query, offset: index, limit: 1 });
      if (answer.ok) id = decode(answer.value.rows)[0]?.customer_id as string | undefined;
    }
    if (id) onSelect(id);
  }

  return (
    <section className="customer-search">
      <div className="customer-search-bar">
        <input
          type="search"
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={t('list.placeholder')}
          aria-label={t('list.search')}
          data-testid="customer-search"
        />
        <span className="muted" data-testid="customer-total">
          {found ? t('list.total', { total: formatNumber(found.total) }) : t('common:states.loading')}
        </span>
        <span className="muted">{t('list.hint')}</span>
      </div>
      {error && <p className="error">{error}</p>}
      {found && found.total === 0 && <p className="muted">{t('list.noMatch')}</p>}
      {found && found.total > 0 && (
        <div className="customer-grid">
          <Grid columns={columns} rowCount={found.total} fetchPage={fetchPage} onError={onError} onRowClick={(index) => void open(index)} />
        </div>
      )}
    </section>
  );
}
