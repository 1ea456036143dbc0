// The model's fields of a file's kind, each with the column mapped onto it, its meaning and what is missing.
import { useTranslation } from 'react-i18next';
import type { FileDraft } from './draft.js';
import { alternativesOf, fieldMeaning, fieldsOfKind, requirementOf, unmetRequirements } from './fields.js';

export function FieldTable({ draft, disabled, onMap }: { draft: FileDraft; disabled: boolean; onMap: (field: string, column: string) => void }) {
  const { t } = useTranslation('import');
  const preview = draft.preview!;
  const kind = preview.kind;
  const unmet = new Set(unmetRequirements(kind, Object.keys(draft.map)).flatMap((text) => text.split(' or ')));
  const fieldOf = new Map(Object.entries(draft.map).map(([field, column]) => [column, field]));
  const columnIndex = new Map(preview.columns.map((column, index) => [column.name, index]));
  const sample = (column: string | undefined) => {
    const index = column === undefined ? undefined : columnIndex.get(column);
    if (index === undefined) return '';
    const row = preview.rows.findIndex((values) => values[index] !== null && values[index] !== '');
    if (row < 0) return '';
    const raw = preview.rows[row]![index]!;
    // A date column shows what the import reads beside what the file says.
    const parsed = preview.parsedDates[column!]?.[row];
    return parsed === undefined || parsed === raw ? raw : `${raw} → ${parsed ?? t('preview.unreadable')}`;
  };
  return (
    <table className="field-table" aria-label={t('fieldTable.label')}>
      <thead>
        <tr>
          <th>{t('fieldTable.field')}</th>
          <th>{t('fieldTable.column')}</th>
          <th>{t('fieldTable.firstValue')}</th>
        </tr>
      </thead>
      <tbody>
        {fieldsOfKind(kind).map((def) => {
          const requirement = requirementOf(t, kind, def.field);
          const alone = alternativesOf(kind, def.field)?.length === 0;
          const column = draft.map[def.field];
          const missing = unmet.has(def.field);
          const suggested = preview.fields[def.field] !== undefined;
          return (
            <tr key={def.field} className={missing ? 'missing' : column ? 'mapped' : ''} data-field={def.field}>
              <th scope="row" title={fieldMeaning(t, def)}>
                <code>{def.field}</code> <span className="field-type">{t(`valueTypes.${def.type}`)}</span>
                {requirement && <span className="required" title={requirement}>{alone ? ' *' : ' *¹'}</span>}
                {missing && (
                  <div className="field-error" role="alert">
                    {t('fieldTable.chooseColumn', { requirement })}
                  </div>
                )}
              </th>
              <td>
                <select
                  value={column ?? ''}
                  disabled={disabled}
                  aria-label={t('fieldTable.columnFor', { field: def.field })}
                  aria-invalid={missing}
                  data-testid={`map-${def.field}`}
                  onChange={(event) => onMap(def.field, event.target.value)}
                >
                  <option value="" disabled={suggested} title={suggested ? t('fieldTable.keepMapped') : undefined}>
                    {t('fieldTable.notMapped')}
                  </option>
                  {preview.columns.map((c) => {
                    const other = fieldOf.get(c.name);
                    return (
                      <option key={c.name} value={c.name}>
                        {c.name}
                        {other && other !== def.field ? `  ${t('fieldTable.now', { field: other })}` : ''}
                      </option>
                    );
                  })}
                </select>
              </td>
              <td className="sample" title={sample(column)}>
                {sample(column)}
              </td>
            </tr>
          );
        })}
      </tbody>
      <tfoot>
        <tr>
          <td colSpan={3} className="muted">
            {t('fieldTable.footRequired')}{kind === 'customer_list' ? ` · ${t('fieldTable.footOneOf')}` : ''}
            {kind === 'customers' || kind === 'customer_list' ? ` · ${t('fieldTable.footAttributes')}` : ''}
          </td>
        </tr>
      </tfoot>
    </table>
  );
}
