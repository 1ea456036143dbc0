// The mapping dialog of an import into the churn model: for each file the
// engine's suggestion (kind, encoding, sheet, field → column) beside a live
// preview of its first rows; the user confirms or edits it, answers the
// day-order question when dates are ambiguous, and imports with progress and
// Cancel. The engine's errors are shown as it words them.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobProgress } from '../../../shared/contract.js';
import { KINDS, type ImportSummary, type Kind, type TaxDecision } from '../../../shared/model.js';
import type { Invoke } from '../../../shared/transport.js';
import { newJobId, withProgress } from '../../api/jobs.js';
import {
  EMPTY_OPTIONS,
  INTERVAL_CHOICES,
  ambiguousColumns,
  intervalQuestion,
  isTimeZoneName,
  unansweredPlans,
  assign,
  blockers,
  fileRequest,
  importOptions,
  newDraft,
  optionProblems,
  remap,
  taxQuestion,
  type FileDraft,
  type OptionsDraft,
} from './draft.js';
import { alternativesOf, fieldMeaning, fieldsOfKind, kindLabel, requirementOf, unmetRequirements } from './fields.js';

export interface ImportDialogProps {
  paths: string[];
  invoke: Invoke;
  onClose: () => void;
  onImported: (summary: ImportSummary) => void;
}

interface Running {
  jobId: string;
  percent: number | null;
  message: string;
  cancelling: boolean;
}

const ENCODING = /^[A-Za-z0-9_.:-]+$/;

/** Offered in the time zone field; any IANA name is accepted. */
const COMMON_TIME_ZONES = [
  'UTC', 'America/Los_Angeles', 'America/Denver', 'America/Chicago', 'America/New_York', 'America/Sao_Paulo', 'Europe/London',
  'Europe/Berlin', 'Europe/Paris', 'Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Tokyo', 'Asia/Singapore', 'Asia/Kolkata',
  'Australia/Sydney',
];

export function ImportDialog({ paths, invoke, onClose, onImported }: ImportDialogProps) {
  const { t } = useTranslation('import');
  const dialogRef = useRef<HTMLDialogElement>(null);
  const [drafts, setDrafts] = useState<FileDraft[]>(() => paths.map(newDraft));
  const [current, setCurrent] = useState(0);
  const [options, setOptions] = useState<OptionsDraft>(EMPTY_OPTIONS);
  const [running, setRunning] = useState<Running | null>(null);
  const [error, setError] = useState<string | null>(null);
  const requestSeq = useRef<number[]>(paths.map(() => 0));
  /** The time zone the previews' dates are read in (the option, once it is a valid name). */
  const timeZone = useRef('');

  const update = useCallback((index: number, change: (draft: FileDraft) => FileDraft) => {
    setDrafts((all) => all.map((draft, i) => (i === index ? change(draft) : draft)));
  }, []);

  /** Asks the engine for the file's mapping; later answers replace earlier ones. */
  const suggest = useCallback(
    async (index: number, draft: FileDraft, choice: Partial<Pick<FileDraft, 'kind' | 'encoding' | 'sheet'>>) => {
      const next = { kind: draft.kind, encoding: draft.encoding, sheet: draft.sheet, ...choice };
      const seq = (requestSeq.current[index] ?? 0) + 1;
      requestSeq.current[index] = seq;
      update(index, (d) => ({ ...d, loading: true }));
      const result = await invoke('model.suggest', {
        path: draft.path,
        ...(next.kind ? { kind: next.kind } : {}),
        ...(next.encoding ? { encoding: next.encoding } : {}),
        ...(next.sheet ? { sheet: next.sheet } : {}),
        ...(timeZone.current ? { timeZone: timeZone.current } : {}),
      });
      if (requestSeq.current[index] !== seq) return;
      update(index, (d) => {
        if (!result.ok) return { ...d, ...next, loading: false, suggestError: result.error.message };
        return { ...d, ...next, loading: false, suggestError: null, preview: result.value, map: remap(d, result.value) };
      });
    },
    [invoke, update],
  );

  useEffect(() => {
    paths.forEach((path, index) => void suggest(index, newDraft(path), {}));
  }, [paths, suggest]);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) {
      dialog.showModal();
      // Focus the dialog itself, not its first button (Close): Tab moves into it, Escape closes it.
      dialog.focus();
    }
  }, []);

  const problems = [...drafts.flatMap((d) => blockers(t, d)), ...optionProblems(t, options)];

  // A new reporting time zone moves zoned timestamps' dates: read the previews again in it.
  const zone = options.timeZone.trim();
  useEffect(() => {
    const valid = zone === '' || isTimeZoneName(zone) ? zone : timeZone.current;
    if (valid === timeZone.current) return;
    timeZone.current = valid;
    drafts.forEach((draft, index) => void suggest(index, draft, {}));
    // Only a change of zone asks again; the drafts are read as they are then.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [zone, suggest]);

  async function runImport() {
    const jobId = newJobId();
    setError(null);
    setRunning({ jobId, percent: null, message: t('dialog.starting'), cancelling: false });
    const onProgress = (p: JobProgress) =>
      setRunning((r) => (r && r.jobId === jobId ? { ...r, percent: p.percent, message: p.message || r.message } : r));
    const result = await withProgress(
      invoke,
      jobId,
      invoke('model.import', { files: drafts.map(fileRequest), options: importOptions(options), jobId }),
      onProgress,
    );
    setRunning(null);
    if (result.ok) return onImported(result.value);
    setError(result.error.message);
    // A column the user mapped to a date field whose dates turn out ambiguous: ask now.
    const details = result.error.details as { column?: unknown; ambiguous?: unknown } | undefined;
    if (details?.ambiguous === true && typeof details.column === 'string') {
      const column = details.column;
      setDrafts((all) =>
        all.map((d) =>
          d.dayFirst === null && Object.values(d.map).includes(column) && !d.reportedAmbiguous.includes(column)
            ? { ...d, reportedAmbiguous: [...d.reportedAmbiguous, column] }
            : d,
        ),
      );
    }
  }

  async function cancelImport() {
    if (!running) return;
    setRunning({ ...running, cancelling: true, message: t('dialog.cancelling') });
    await invoke('jobs.cancel', { jobId: running.jobId });
  }

  const draft = drafts[current]!;
  return (
    <dialog
      ref={dialogRef}
      className="import-dialog"
      tabIndex={-1}
      aria-labelledby="import-dialog-title"
      onCancel={(event) => {
        event.preventDefault();
        if (!running) onClose();
      }}
    >
      <header className="import-dialog-header">
        <h2 id="import-dialog-title">{t('dialog.title')}</h2>
        <button type="button" className="icon" onClick={onClose} disabled={!!running} aria-label={t('dialog.close')}>
          ×
        </button>
      </header>
      {drafts.length > 1 && (
        <div className="import-files" role="tablist" aria-label={t('dialog.files')}>
          {drafts.map((d, i) => (
            <button
              key={d.path}
              type="button"
              role="tab"
              aria-selected={i === current}
              className={`${i === current ? 'selected' : ''}${blockers(t, d).length ? ' blocked' : ''}`}
              onClick={() => setCurrent(i)}
              title={d.path}
            >
              {d.name}
            </button>
          ))}
        </div>
      )}
      <div className="import-dialog-body">
        <FilePanel
          key={draft.path}
          draft={draft}
          disabled={!!running}
          onSuggest={(choice) => void suggest(current, draft, choice)}
          onChange={(change) => update(current, change)}
        />
        <OptionsPanel options={options} disabled={!!running} onChange={setOptions} />
      </div>
      <footer className="import-dialog-footer">
        {error && (
          <div className="error" role="alert" data-testid="import-error">
            <span>{error}</span>
          </div>
        )}
        {running ? (
          <div className="busy" role="status" data-testid="import-progress">
            <span>
              {t('dialog.importing')}{running.message ? ` — ${running.message}` : ''}
            </span>
            <progress max={100} value={running.percent ?? undefined} />
            <button type="button" onClick={() => void cancelImport()} disabled={running.cancelling}>
              {t('dialog.cancel')}
            </button>
          </div>
        ) : (
          <div className="import-actions">
            {problems.length > 0 && (
              <ul className="import-problems" data-testid="import-problems">
                {problems.map((problem) => (
                  <li key={problem}>{problem}</li>
                ))}
              </ul>
            )}
            <button type="button" onClick={onClose}>
              {t('dialog.cancel')}
            </button>
            <button type="button" className="primary" onClick={() => void runImport()} disabled={problems.length > 0}>
              {t('dialog.importFiles', { count: drafts.length })}
            </button>
          </div>
        )}
      </footer>
    </dialog>
  );
}

interface FilePanelProps {
  draft: FileDraft;
  disabled: boolean;
  onSuggest: (choice: Partial<Pick<FileDraft, 'kind' | 'encoding' | 'sheet'>>) => void;
  onChange: (change: (draft: FileDraft) => FileDraft) => void;
}

function FilePanel({ draft, disabled, onSuggest, onChange }: FilePanelProps) {
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

function DayOrderQuestion({
  draft,
  ambiguous,
  disabled,
  onAnswer,
}: {
  draft: FileDraft;
  ambiguous: ReturnType<typeof ambiguousColumns>;
  disabled: boolean;
  onAnswer: (dayFirst: boolean) => void;
}) {
  const { t } = useTranslation('import');
  const examples = ambiguous.flatMap((entry) => entry.examples).slice(0, 3);
  const columns = ambiguous.map((entry) => `“${entry.column}”`).join(t('words.list'));
  const list = t('words.list');
  const name = `day-first-${draft.path}`;
  return (
    <fieldset className={`day-order${draft.dayFirst === null ? ' unanswered' : ''}`} disabled={disabled} data-testid="day-order">
      <legend>{t('dayOrder.question', { columns })}</legend>
      <p className="muted">
        {examples.length ? t('dayOrder.readBothExamples', { examples: examples.map((e) => e.input).join(list) }) : t('dayOrder.readBoth')}
      </p>
      <label>
        <input type="radio" name={name} checked={draft.dayFirst === true} onChange={() => onAnswer(true)} />
        {t('dayOrder.dayFirst')}
        {examples.length > 0 && <span className="muted"> — {examples.map((e) => `${e.input} → ${e.dayFirst ?? t('dayOrder.invalid')}`).join(list)}</span>}
      </label>
      <label>
        <input type="radio" name={name} checked={draft.dayFirst === false} onChange={() => onAnswer(false)} />
        {t('dayOrder.monthFirst')}
        {examples.length > 0 && <span className="muted"> — {examples.map((e) => `${e.input} → ${e.monthFirst ?? t('dayOrder.invalid')}`).join(list)}</span>}
      </label>
    </fieldset>
  );
}

/** The file's decision in words: what it is and what showed it. */
function taxDecisionWords(t: (key: string, options?: Record<string, unknown>) => string, decision: TaxDecision): string {
  const columns = { amount: decision.amountColumn, tax: decision.taxColumn };
  const what = t(decision.amountIncludesTax ? 'tax.includes' : 'tax.excludes', columns);
  const e = decision.evidence;
  switch (decision.source) {
    case 'data':
      return `${what} ${t(decision.amountIncludesTax ? 'tax.byDataNet' : 'tax.byDataTotal', { ...columns, other: e?.column ?? '', rows: e?.rows ?? 0, of: e?.of ?? 0 })}`;
    case 'header':
      return `${what} ${t('tax.byHeader', columns)}`;
    case 'preset':
      return `${what} ${t('tax.byPreset', columns)}`;
    case 'assumed':
      return `${what} ${t('tax.assumed', columns)}`;
    case 'user':
      return `${what} ${t('tax.bySaved')}`;
  }
}

function TaxQuestion({
  draft,
  decision,
  disabled,
  onAnswer,
}: {
  draft: FileDraft;
  decision: TaxDecision | null;
  disabled: boolean;
  onAnswer: (amountIncludesTax: boolean | null) => void;
}) {
  const { t } = useTranslation('import');
  const columns = { amount: draft.map.amount ?? '', tax: draft.map.tax ?? '' };
  const name = `tax-${draft.path}`;
  return (
    <fieldset className={`day-order${decision?.source === 'assumed' && draft.amountIncludesTax === null ? ' unanswered' : ''}`} disabled={disabled} data-testid="tax-question">
      <legend>{t('tax.question', columns)}</legend>
      <label>
        <input type="radio" name={name} checked={draft.amountIncludesTax === null} onChange={() => onAnswer(null)} />
        <span data-testid="tax-decision">
          {t('tax.asTheFileSays')} — {decision ? taxDecisionWords(t, decision) : t('tax.decidedAtImport')}
        </span>
      </label>
      <label>
        <input type="radio" name={name} checked={draft.amountIncludesTax === true} onChange={() => onAnswer(true)} />
        {t('tax.yes', columns)}
      </label>
      <label>
        <input type="radio" name={name} checked={draft.amountIncludesTax === false} onChange={() => onAnswer(false)} />
        {t('tax.no', columns)}
      </label>
    </fieldset>
  );
}

/** How each plan bills when no column says: what the file shows (period length, plan code…), or a question. */
function IntervalQuestion({ draft, disabled, onChange }: { draft: FileDraft; disabled: boolean; onChange: (change: (draft: FileDraft) => FileDraft) => void }) {
  const { t } = useTranslation('import');
  const question = intervalQuestion(draft)!;
  const unanswered = new Set(unansweredPlans(draft));
  const anyUnknown = question.terms.some((term) => term.interval === null);
  const termWords = (interval: string | null, count: number | null) =>
    // Plural keys would not do: Chinese has one form, and "every 1 month" is not how anyone says monthly.
    interval === null ? '' : (count ?? 1) > 1 ? t(`intervals.every.${interval}`, { count }) : t(`intervals.units.${interval}`);
  const choice = (value: string, onSelect: (value: string) => void, label: string, testId: string) => (
    <select value={value} aria-label={label} data-testid={testId} onChange={(event) => onSelect(event.target.value)}>
      <option value="">{t('intervals.asTheFileSays')}</option>
      {INTERVAL_CHOICES.map((interval) => (
        <option key={interval} value={interval}>
          {t(`intervals.choices.${interval}`)}
        </option>
      ))}
    </select>
  );
  return (
    <fieldset
      className={`day-order interval-question${question.required && unanswered.size ? ' unanswered' : ''}`}
      disabled={disabled}
      data-testid="interval-question"
    >
      <legend>{t(question.required && anyUnknown ? 'intervals.questionRequired' : 'intervals.question')}</legend>
      <p className="muted">{t('intervals.explain')}</p>
      <table className="interval-table">
        <thead>
          <tr>
            <th>{t('intervals.plan')}</th>
            <th>{t('intervals.rows')}</th>
            <th>{t('intervals.fileSays')}</th>
            <th>{t('intervals.answer')}</th>
          </tr>
        </thead>
        <tbody>
          {question.terms.map((term) => {
            const key = term.plan ?? '';
            return (
              <tr key={`${key}|${term.interval}|${term.count}`} className={unanswered.has(term.plan) ? 'missing' : ''} data-plan={key}>
                <td>{term.plan ?? <span className="muted">{t('intervals.noPlan')}</span>}</td>
                <td className="num">{term.rows}</td>
                <td data-testid="interval-derived">
                  {term.interval === null
                    ? question.required
                      ? t('intervals.notInFile')
                      : t('intervals.assumedMonthly')
                    : `${termWords(term.interval, term.count)} — ${t(`intervals.sources.${term.source}`)}`}
                </td>
                <td>
                  {term.plan !== null &&
                    choice(
                      draft.intervalByPlan[term.plan] ?? '',
                      (value) => onChange((d) => ({ ...d, intervalByPlan: { ...d.intervalByPlan, [term.plan!]: value } })),
                      t('intervals.answerFor', { plan: term.plan }),
                      `interval-${key}`,
                    )}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
      {anyUnknown && (
        <label>
          {t('intervals.allOthers')}{' '}
          {choice(draft.interval, (value) => onChange((d) => ({ ...d, interval: value })), t('intervals.allOthers'), 'interval-all')}
        </label>
      )}
    </fieldset>
  );
}

function FieldTable({ draft, disabled, onMap }: { draft: FileDraft; disabled: boolean; onMap: (field: string, column: string) => void }) {
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

function PreviewTable({ draft }: { draft: FileDraft }) {
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

function OptionsPanel({ options, disabled, onChange }: { options: OptionsDraft; disabled: boolean; onChange: (options: OptionsDraft) => void }) {
  const { t } = useTranslation('import');
  const set = (change: Partial<OptionsDraft>) => onChange({ ...options, ...change });
  const setRate = (index: number, change: Partial<OptionsDraft['rates'][number]>) =>
    set({ rates: options.rates.map((rate, i) => (i === index ? { ...rate, ...change } : rate)) });
  return (
    <fieldset className="import-options" disabled={disabled}>
      <legend>{t('options.legend')}</legend>
      <label>
        {t('options.endDates')}
        <select value={options.endDate} onChange={(event) => set({ endDate: event.target.value as OptionsDraft['endDate'] })}>
          <option value="exclusive">{t('options.exclusive')}</option>
          <option value="inclusive">{t('options.inclusive')}</option>
        </select>
      </label>
      <label>
        {t('options.timeZone')}
        <input
          type="text"
          value={options.timeZone}
          placeholder={t('options.timeZonePlaceholder')}
          size={18}
          list="import-time-zones"
          data-testid="time-zone"
          title={t('options.timeZoneHelp')}
          onChange={(event) => set({ timeZone: event.target.value })}
        />
        <datalist id="import-time-zones">
          {COMMON_TIME_ZONES.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
      </label>
      <label>
        {t('options.reportingCurrency')}
        <input
          type="text"
          value={options.reportingCurrency}
          placeholder={t('options.currencyPlaceholder')}
          size={5}
          maxLength={3}
          onChange={(event) => set({ reportingCurrency: event.target.value.toUpperCase() })}
        />
      </label>
      <div className="rates">
        <span>{t('options.rates')}</span>
        {options.rates.map((rate, index) => (
          <span key={index} className="rate">
            <span className="muted">1</span>
            <input
              type="text"
              value={rate.currency}
              placeholder="EUR"
              size={4}
              maxLength={3}
              aria-label={t('options.currency', { index: index + 1 })}
              onChange={(event) => setRate(index, { currency: event.target.value.toUpperCase() })}
            />
            <span className="muted">=</span>
            <input
              type="number"
              value={rate.rate}
              placeholder="1.08"
              min={0}
              step="any"
              aria-label={t('options.rate', { index: index + 1 })}
              onChange={(event) => setRate(index, { rate: event.target.value })}
            />
            <span className="muted">{options.reportingCurrency || t('options.reporting')}</span>
            <button type="button" className="icon" aria-label={t('options.removeRate', { index: index + 1 })} onClick={() => set({ rates: options.rates.filter((_, i) => i !== index) })}>
              ×
            </button>
          </span>
        ))}
        <button type="button" onClick={() => set({ rates: [...options.rates, { currency: '', rate: '' }] })}>
          {t('options.addRate')}
        </button>
      </div>
      <label>
        {t('options.asOf')}
        <input type="date" value={options.asOf} onChange={(event) => set({ asOf: event.target.value })} />
      </label>
      <label title={t('options.graceDaysHint')}>
        {t('options.graceDays')}
        <input type="number" min={0} max={365} step={1} value={options.graceDays} placeholder="0" data-testid="grace-days" onChange={(event) => set({ graceDays: event.target.value })} />
      </label>
      <label title={t('options.skipStatusesHint')}>
        {t('options.skipStatuses')}
        <input
          type="text"
          value={options.skipStatuses}
          placeholder="void, draft, deleted, uncollectible, failed"
          size={28}
          data-testid="skip-statuses"
          onChange={(event) => set({ skipStatuses: event.target.value })}
        />
      </label>
    </fieldset>
  );
}
