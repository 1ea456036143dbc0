// The mapping dialog of a reference file: the engine's suggestion
// (reconcile.suggest: the recognised format, the layout, a column per field,
// the first rows), the user's changes over it, then one import
// (reconcile.importReference: one transaction, rejects and audit as for any
// import). Nothing is read here; every choice goes back to the engine.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REFERENCE_FIELDS, REFERENCE_LAYOUTS, type ReferenceField, type ReferenceImportSummary, type ReferenceLayout, type ReferencePreview } from '../../../shared/reconcile.js';
import { newJobId } from '../../api/jobs.js';
import { useAnalysis } from '../../state/analysis.js';

interface Choice {
  preset: string | null;
  layout: ReferenceLayout | null;
  map: Partial<Record<ReferenceField, string>>;
  dayFirst: boolean | null;
  amountUnit: 'major' | 'cents' | null;
  /** YYYY-MM: the month of a snapshot, or the month a movement export was taken (shared/reconcile.ts, referenceMonth). */
  referenceMonth: string | null;
}

const fileName = (path: string) => path.split(/[\\/]/).pop() ?? path;

export function ReferenceDialog({ path, onDone, onCancel }: { path: string; onDone: (summary: ReferenceImportSummary) => void; onCancel: () => void }) {
  const { t } = useTranslation('reconcile');
  const { invoke } = useAnalysis();
  const [choice, setChoice] = useState<Choice>({ preset: null, layout: null, map: {}, dayFirst: null, amountUnit: null, referenceMonth: null });
  const [preview, setPreview] = useState<ReferencePreview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);

  // The suggestion for the chosen format and layout (the first time: whatever the engine recognises).
  useEffect(() => {
    let live = true;
    void invoke('reconcile.suggest', { path, ...(choice.preset ? { preset: choice.preset } : {}), ...(choice.layout ? { layout: choice.layout } : {}) }).then((answer) => {
      if (!live) return;
      if (!answer.ok) return setError(answer.error.message);
      setError(null);
      setPreview(answer.value);
    });
    return () => {
      live = false;
    };
  }, [invoke, path, choice.preset, choice.layout]);

  const layout = choice.layout ?? preview?.layout ?? 'customer_month';
  const fields = REFERENCE_FIELDS[layout] as readonly ReferenceField[];
  const columnOf = (field: ReferenceField) => (field in choice.map ? choice.map[field] : preview?.fields[field]) ?? '';
  const missing = (preview?.missingRequired ?? []).filter((field) => !choice.map[field]);
  const ambiguous = preview?.ambiguousDates ?? [];
  const needsDayOrder = ambiguous.length > 0 && choice.dayFirst === null;
  const reading = preview?.reading ?? null;
  // A field the reading gives (the month columns, the stated month) is no column to choose.
  const fromReading = (field: ReferenceField) => (preview?.readingFields[field] !== undefined && !(field in choice.map) ? t(`dialog.readingFields.${field}.${reading}`) : null);
  const needsMonth = reading === 'snapshot' && !choice.referenceMonth;

  async function importReference() {
    setImporting(true);
    setError(null);
    const answer = await invoke('reconcile.importReference', {
      file: {
        path,
        ...(choice.preset ?? preview?.preset ? { preset: (choice.preset ?? preview?.preset)! } : {}),
        layout,
        ...(Object.keys(choice.map).length ? { map: Object.fromEntries(Object.entries(choice.map).filter(([, column]) => column)) } : {}),
        ...(choice.dayFirst !== null ? { dayFirst: choice.dayFirst } : {}),
        ...(choice.amountUnit ? { amountUnit: choice.amountUnit } : {}),
        ...(choice.referenceMonth && (reading === 'snapshot' || reading === 'movements') ? { referenceMonth: choice.referenceMonth } : {}),
      },
      jobId: newJobId(),
    });
    setImporting(false);
    if (!answer.ok) return setError(answer.error.message);
    onDone(answer.value);
  }

  return (
    <div className="modal-backdrop" role="presentation">
      <div className="modal reconcile-dialog" role="dialog" aria-label={t('dialog.title', { file: fileName(path) })} data-testid="reference-dialog">
        <header>
          <h3>{t('dialog.title', { file: fileName(path) })}</h3>
        </header>
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        {!preview && !error && <p className="muted">{t('loading')}</p>}
        {preview && (
          <>
            <div className="reconcile-dialog-options">
              <label>
                {t('dialog.preset')}
                <select
                  value={choice.preset ?? preview.preset ?? ''}
                  onChange={(e) => setChoice((c) => ({ ...c, preset: e.target.value || null, layout: null, map: {} }))}
                  data-testid="reference-preset"
                >
                  <option value="">{t('dialog.noPreset')}</option>
                  {preview.presets.map((p) => (
                    <option key={p.id} value={p.id}>
                      {p.label}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('dialog.layout')}
                <select value={layout} onChange={(e) => setChoice((c) => ({ ...c, layout: e.target.value as ReferenceLayout, map: {} }))} data-testid="reference-layout">
                  {REFERENCE_LAYOUTS.map((l) => (
                    <option key={l} value={l}>
                      {t(`reference.layouts.${l}`)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('dialog.amountUnit')}
                <select
                  value={choice.amountUnit ?? ''}
                  onChange={(e) => setChoice((c) => ({ ...c, amountUnit: (e.target.value || null) as Choice['amountUnit'] }))}
                  data-testid="reference-amount-unit"
                >
                  <option value="">—</option>
                  <option value="major">{t('dialog.major')}</option>
                  <option value="cents">{t('dialog.cents')}</option>
                </select>
              </label>
            </div>
            {preview.layoutReason && <p className="muted">{preview.layoutReason}</p>}
            {reading && <p className="muted">{t(`dialog.reading.${reading}`)}</p>}
            {(reading === 'snapshot' || reading === 'movements') && (
              <label className="reconcile-reference-month">
                {t(`dialog.referenceMonth.${reading}`)}
                <input
                  type="month"
                  value={choice.referenceMonth ?? ''}
                  onChange={(e) => setChoice((c) => ({ ...c, referenceMonth: /^\d{4}-\d{2}$/.test(e.target.value) ? e.target.value : null }))}
                  data-testid="reference-month"
                />
              </label>
            )}
            <table className="data-table reconcile-fields" data-testid="reference-fields">
              <thead>
                <tr>
                  <th>{t('dialog.field')}</th>
                  <th>{t('dialog.column')}</th>
                </tr>
              </thead>
              <tbody>
                {fields.map((field) => (
                  <tr key={field}>
                    <td>{t(`dialog.fields.${field}`)}</td>
                    <td>
                      {fromReading(field) !== null ? (
                        <span className="muted" data-testid={`reference-field-${field}`}>
                          {fromReading(field)}
                        </span>
                      ) : (
                        <select value={columnOf(field)} onChange={(e) => setChoice((c) => ({ ...c, map: { ...c.map, [field]: e.target.value } }))} data-testid={`reference-field-${field}`}>
                          <option value="">{t('dialog.none')}</option>
                          {preview.columns.map((column) => (
                            <option key={column.name} value={column.name}>
                              {column.name}
                            </option>
                          ))}
                        </select>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            {ambiguous.length > 0 && (
              <fieldset className="day-order" data-testid="reference-day-order">
                <legend>{t('dialog.dayFirst', { example: ambiguous[0]!.examples[0]?.input ?? '' })}</legend>
                <label>
                  <input type="radio" name="reference-day-first" checked={choice.dayFirst === true} onChange={() => setChoice((c) => ({ ...c, dayFirst: true }))} />
                  {t('dialog.dayFirstYes')}
                </label>
                <label>
                  <input type="radio" name="reference-day-first" checked={choice.dayFirst === false} onChange={() => setChoice((c) => ({ ...c, dayFirst: false }))} />
                  {t('dialog.dayFirstNo')}
                </label>
              </fieldset>
            )}
            {preview.notes.length > 0 && (
              <ul className="reconcile-notes muted">
                {preview.notes.map((note) => (
                  <li key={note}>{note}</li>
                ))}
              </ul>
            )}
            <details>
              <summary>{t('dialog.preview')}</summary>
              <div className="preview-wrap">
                <table className="preview-table">
                  <thead>
                    <tr>
                      {preview.columns.map((column) => (
                        <th key={column.name}>{column.name}</th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {preview.rows.map((row, r) => (
                      <tr key={r}>
                        {row.map((value, c) => (
                          <td key={c}>{value ?? ''}</td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            </details>
            {missing.length > 0 && <p className="error">{t('dialog.missing', { fields: missing.map((f) => t(`dialog.fields.${f}`)).join(', ') })}</p>}
            {needsMonth && <p className="error">{t('dialog.needsMonth')}</p>}
          </>
        )}
        <footer className="actions">
          <button type="button" onClick={onCancel} disabled={importing}>
            {t('dialog.cancel')}
          </button>
          <button type="button" className="primary" onClick={() => void importReference()} disabled={!preview || importing || missing.length > 0 || needsDayOrder || needsMonth} data-testid="reference-import">
            {importing ? t('dialog.importing') : t('dialog.import')}
          </button>
        </footer>
      </div>
    </div>
  );
}
