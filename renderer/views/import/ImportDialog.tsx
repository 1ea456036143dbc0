// The mapping dialog of an import into the churn model: for each file the
// engine's suggestion (kind, encoding, sheet, field → column) beside a live
// preview of its first rows; the user confirms or edits it, answers the
// day-order question when dates are ambiguous, and imports with progress and
// Cancel. The engine's errors are shown as it words them.
import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobProgress } from '../../../shared/contract.js';
import type { ImportSummary } from '../../../shared/model.js';
import type { Invoke } from '../../../shared/transport.js';
import { newJobId, withProgress } from '../../api/jobs.js';
import { EMPTY_OPTIONS, isTimeZoneName, blockers, fileRequest, importOptions, newDraft, optionProblems, remap, withSavedIntervals, type FileDraft, type OptionsDraft } from './draft.js';
import { FilePanel } from './FilePanel.js';
import { OptionsPanel } from './OptionsPanel.js';

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
        return { ...d, ...next, loading: false, suggestError: null, preview: result.value, map: remap(d, result.value), ...withSavedIntervals(d, result.value) };
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
