// The file's first rows as text, with the mapped field above each column and parsed dates beside the raw ones.
import { useTranslation } from 'react-i18next';
import type { FileDraft } from './draft.js';

export function PreviewTable({ draft }: { draft: FileDraft }) {
  const { t } = useTranslation('import');
  const preview = draft.preview!;
  const fieldOf = new Map(Object.entries(draft.map).map(([field, column]) => [column, field]));
  return (
    <div className="preview-wrap">
      <table className="preview-table" aria-label={t('preview.label')} data-testid="preview">
        <thead>
          <tr className="preview-fields">
            <th />
            {preview.columns.map((column) => (
              <th key={column.name} className={fieldOf.has(column.name) ? 'mapped' : ''}>
                {fieldOf.get(column.name) ?? ''}
              </th>
            ))}
          </tr>
          <tr>
            <th className="muted">#</th>
            {preview.columns.map((column) => (
              <th key={column.name} className={fieldOf.has(column.name) ? 'mapped' : 'unmapped'} title={column.type}>
                {column.name}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {preview.rows.map((row, r) => (
            <tr key={r}>
              <td className="muted">{r + 1}</td>
              {row.map((value, c) => {
                const column = preview.columns[c]?.name ?? '';
                const parsed = fieldOf.has(column) ? preview.parsedDates[column]?.[r] : undefined;
                return (
                  <td key={c} className={value === null ? 'null' : fieldOf.has(column) ? 'mapped' : ''}>
                    {value ?? ''}
                    {value !== null && parsed !== undefined && parsed !== value && (
                      <span className={`parsed-date${parsed === null ? ' unreadable' : ''}`} data-testid="parsed-date">
                        {' → '}
                        {parsed ?? t('preview.unreadable')}
                      </span>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
      {preview.rows.length === 0 && <p className="muted">{t('preview.noRows')}</p>}
    </div>
  );
}
