// One file of the import dialog: its kind, encoding and sheet, the engine's
// reason for the kind, the questions it needs answered, its field table and preview.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KINDS, type Kind } from '../../../shared/model.js';
import { ambiguousColumns, intervalQuestion, assign, taxQuestion, type FileDraft } from './draft.js';
import { kindLabel } from './fields.js';
import { DayOrderQuestion } from './DayOrderQuestion.js';
import { FieldTable } from './FieldTable.js';
import { IntervalQuestion } from './IntervalQuestion.js';
import { PreviewTable } from './PreviewTable.js';
import { TaxQuestion } from './TaxQuestion.js';

const ENCODING = /^[A-Za-z0-9_.:-]+$/;

interface FilePanelProps {
  draft: FileDraft;
  disabled: boolean;
  onSuggest: (choice: Partial<Pick<FileDraft, 'kind' | 'encoding' | 'sheet'>>) => void;
  onChange: (change: (draft: FileDraft) => FileDraft) => void;
}

export function FilePanel({ draft, disabled, onSuggest, onChange }: FilePanelProps) {
  const { t } = useTranslation('import');
  const preview = draft.preview;
  const [encoding, setEncoding] = useState(draft.encoding || preview?.encoding || '');
  const shownEncoding = preview?.encoding ?? '';
  useEffect(() => setEncoding(draft.encoding || shownEncoding), [draft.encoding, shownEncoding]);

  if (!preview) {
    return (
      <section className="import-file" aria-label={draft.name}>
        <h3 title={draft.path}>{draft.name}</h3>
        {draft.suggestError ? (
          <div className="error" role="alert">
            <span>{draft.suggestError}</span>
          </div>
        ) : (
          <p className="muted">{t('dialog.reading')}</p>
        )}
      </section>
    );
  }

  const applyEncoding = () => {
    const value = encoding.trim();
    if (value === (draft.encoding || shownEncoding) || (value && !ENCODING.test(value))) return;
    onSuggest({ encoding: value });
  };
  const ambiguous = ambiguousColumns(draft);
  const tax = taxQuestion(draft);
  return (
    <section className="import-file" aria-label={draft.name} aria-busy={draft.loading}>
      <div className="import-file-head">
        <h3 title={draft.path}>{draft.name}</h3>
        <label>
          {t('dialog.kind')}
          <select
            value={preview.kind}
            disabled={disabled}
            data-testid="kind-select"
            onChange={(event) => onSuggest({ kind: event.target.value as Kind })}
          >
            {KINDS.map((kind) => (
              <option key={kind} value={kind}>
                {kindLabel(t, kind)}
              </option>
            ))}
          </select>
        </label>
        {preview.encoding !== null && (
          <label>
            {t('dialog.encoding')}
            <input
              type="text"
              value={encoding}
              size={12}
              disabled={disabled}
              spellCheck={false}
              aria-invalid={!!encoding.trim() && !ENCODING.test(encoding.trim())}
              data-testid="encoding-input"
              onChange={(event) => setEncoding(event.target.value)}
              onBlur={applyEncoding}
              onKeyDown={(event) => {
                if (event.key === 'Enter') {
                  event.preventDefault();
                  applyEncoding();
                }
              }}
            />
          </label>
        )}
        {preview.sheets && (
          <label>
            {t('dialog.sheet')}
            <select value={draft.sheet ?? preview.sheets[0] ?? ''} disabled={disabled} onChange={(event) => onSuggest({ sheet: event.target.value })}>
              {preview.sheets.map((sheet) => (
                <option key={sheet} value={sheet}>
                  {sheet}
                </option>
              ))}
            </select>
          </label>
        )}
        {draft.loading && <span className="muted">{t('dialog.readingShort')}</span>}
      </div>
      {draft.suggestError && (
        <div className="error" role="alert">
          <span>{draft.suggestError}</span>
        </div>
      )}
      <div className="import-explain">
        <p data-testid="kind-reason">
          {preview.preset && (
            <span className="badge info" title={t('dialog.knownFormat')}>
              {preview.preset}
            </span>
          )}{' '}
          {preview.kindReason}
        </p>
        {preview.notes.length > 0 && (
          <ul className="import-notes">
            {preview.notes.map((note) => (
              <li key={note}>{note}</li>
            ))}
          </ul>
        )}
      </div>
      {ambiguous.length > 0 && (
        <DayOrderQuestion draft={draft} ambiguous={ambiguous} disabled={disabled} onAnswer={(dayFirst) => onChange((d) => ({ ...d, dayFirst }))} />
      )}
      {tax && (
        <TaxQuestion
          draft={draft}
          decision={tax.decision}
          disabled={disabled}
          onAnswer={(amountIncludesTax) => onChange((d) => ({ ...d, amountIncludesTax }))}
        />
      )}
      {intervalQuestion(draft) && <IntervalQuestion draft={draft} disabled={disabled} onChange={onChange} />}
      <div className="import-mapping">
        <FieldTable draft={draft} disabled={disabled} onMap={(field, column) => onChange((d) => ({ ...d, map: assign(d.map, field, column) }))} />
        <PreviewTable draft={draft} />
      </div>
    </section>
  );
}
