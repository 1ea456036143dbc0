// The application frame: workspace and tables on the left, the selected
// table on the right, long work shown with progress and a Cancel button.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { JobProgress, TableInfo, WorkspaceInfo } from '../shared/contract.js';
import type { ImportSummary } from '../shared/model.js';
import { MENU_EVENT, isMenuCommand, type MenuCommand } from '../shared/menu.js';
import type { Result } from '../shared/result.js';
import type { Client } from './api/client.js';
import { newJobId, withProgress } from './api/jobs.js';
import { DataView } from './views/data/DataView.js';
import { AuditView } from './views/import/AuditView.js';
import { ImportDialog } from './views/import/ImportDialog.js';
import { useTranslation } from 'react-i18next';
import { ControlsBar } from './components/ControlsBar.js';
import { setLanguage, type Language } from './i18n/index.js';
import { AnalysisProvider, useAnalysis } from './state/analysis.js';
import { ConsoleView } from './views/console/ConsoleView.js';
import { OPEN_IN_CONSOLE_EVENT } from './state/openInConsole.js';
import { ANALYSIS_VIEWS, VIEW_COMPONENTS, VIEW_FAMILIES, type AnalysisView } from './views/registry.js';

interface Busy {
  /** What is under way: a key of the common namespace and its values, translated when shown. */
  label: { key: string; values?: Record<string, unknown> };
  jobId: string | null;
  percent: number | null;
  detail: string;
  abort?: AbortController;
}

export function App({ client }: { client: Client }) {
  const { invoke } = client;
  const [workspace, setWorkspace] = useState<WorkspaceInfo | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [busy, setBusy] = useState<Busy | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const modelFileInput = useRef<HTMLInputElement>(null);
  /** The files in the mapping dialog of an import into the churn model. */
  const [mapping, setMapping] = useState<string[] | null>(null);
  /** The Data quality screen is shown (with the import just made, if any) instead of a table. */
  const [audit, setAudit] = useState<{ summary: ImportSummary | null } | null>(null);
  /** An analysis screen shown instead of a table; null shows the table or the audit. */
  const [view, setView] = useState<AnalysisView | null>(null);
  /** Bumped whenever the churn model's data changes, so the analysis runs again. */
  const [dataVersion, setDataVersion] = useState(0);
  /** The SQL console is shown; once opened it stays mounted (hidden) so its tabs survive. */
  const [consoleShown, setConsoleShown] = useState(false);
  const [consoleOpened, setConsoleOpened] = useState(false);
  const [consoleIncoming, setConsoleIncoming] = useState<{ sql: string; seq: number } | null>(null);
  const { t, i18n } = useTranslation();

  const refresh = useCallback(async (select?: string) => {
    const info = await invoke('workspace.info', {});
    if (!info.ok) return setError(info.error.message);
    setWorkspace(info.value);
    setSelected((current) => select ?? (info.value.tables.some((t) => t.name === current) ? current : (info.value.tables[0]?.name ?? null)));
  }, [invoke]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  /** Runs an engine job with progress; on success shows the first new table. */
  async function runJob(label: Busy['label'], start: (jobId: string) => Promise<Result<TableInfo[]>>) {
    const jobId = newJobId();
    setError(null);
    setBusy({ label, jobId, percent: null, detail: '' });
    const onProgress = (p: JobProgress) =>
      setBusy((b) => (b && b.jobId === jobId ? { ...b, percent: p.percent, detail: p.message } : b));
    const result = await withProgress(invoke, jobId, start(jobId), onProgress);
    setBusy(null);
    if (!result.ok) {
      setError(result.error.message);
      return;
    }
    setAudit(null);
    setView(null);
    setDataVersion((v) => v + 1);
    await refresh(result.value[0]?.name);
  }

  const importPaths = (paths: string[]) =>
    runJob({ key: 'busy.loadingFiles', values: { count: paths.length } }, (jobId) => invoke('files.import', { paths, jobId }));

  /** Browser mode: sends the files to the host; their paths there, or null when it failed. */
  async function upload(files: File[]): Promise<string[] | null> {
    if (!client.upload || files.length === 0) return null;
    const abort = new AbortController();
    const paths: string[] = [];
    for (const file of files) {
      setBusy({ label: { key: 'busy.uploading', values: { name: file.name } }, jobId: null, percent: 0, detail: '', abort });
      const uploaded = await client.upload(file, (fraction) =>
        setBusy((b) => (b ? { ...b, percent: Math.round(fraction * 100) } : b)), abort.signal);
      if (!uploaded.ok) {
        setBusy(null);
        setError(uploaded.error.message);
        return null;
      }
      paths.push(uploaded.value.path);
    }
    setBusy(null);
    return paths;
  }

  async function uploadAndImport(files: File[]) {
    const paths = await upload(files);
    if (paths) await importPaths(paths);
  }

  async function importIntoModel() {
    if (client.mode === 'browser') return modelFileInput.current?.click();
    const picked = await invoke('dialog.openFiles', { purpose: 'data' });
    if (!picked.ok) return setError(picked.error.message);
    if (picked.value.paths.length > 0) setMapping(picked.value.paths);
  }

  async function openFiles() {
    if (client.mode === 'browser') return fileInput.current?.click();
    const picked = await invoke('dialog.openFiles', { purpose: 'data' });
    if (!picked.ok) return setError(picked.error.message);
    if (picked.value.paths.length > 0) await importPaths(picked.value.paths);
  }

  const openSample = () => runJob({ key: 'busy.openingSample' }, (jobId) => invoke('sample.open', { jobId }));

  async function switchWorkspace(call: Promise<Result<WorkspaceInfo>>) {
    const result = await call;
    if (!result.ok) return setError(result.error.message);
    setSelected(null);
    await refresh();
  }

  async function openWorkspace() {
    if (client.mode === 'browser') {
      const path = window.prompt(t('sidebar.workspacePrompt'));
      if (path) await switchWorkspace(invoke('workspace.open', { path }));
      return;
    }
    const picked = await invoke('dialog.openFiles', { purpose: 'workspace' });
    if (picked.ok && picked.value.paths[0]) await switchWorkspace(invoke('workspace.open', { path: picked.value.paths[0] }));
  }

  async function saveWorkspaceAs() {
    const picked = await invoke('dialog.saveFile', { purpose: 'workspace' });
    if (!picked.ok) return setError(picked.error.message);
    if (picked.value.path) await switchWorkspace(invoke('workspace.open', { path: picked.value.path }));
  }

  async function cancel() {
    if (busy?.abort) busy.abort.abort();
    if (busy?.jobId) await invoke('jobs.cancel', { jobId: busy.jobId });
  }

  const commands: Record<MenuCommand, () => unknown> = {
    'open-files': openFiles,
    'open-sample': openSample,
    'open-workspace': openWorkspace,
    'save-workspace-as': saveWorkspaceAs,
    'new-scratch': () => switchWorkspace(invoke('workspace.scratch', {})),
  };
  const commandsRef = useRef(commands);
  commandsRef.current = commands;
  useEffect(() => {
    const onMenu = (event: Event) => {
      const command = (event as CustomEvent<unknown>).detail;
      if (isMenuCommand(command)) void commandsRef.current[command]();
    };
    window.addEventListener(MENU_EVENT, onMenu);
    return () => window.removeEventListener(MENU_EVENT, onMenu);
  }, []);

  useEffect(() => {
    const onOpen = (event: Event) => {
      const sql = (event as CustomEvent<unknown>).detail;
      if (typeof sql !== 'string') return;
      setConsoleIncoming((previous) => ({ sql, seq: (previous?.seq ?? 0) + 1 }));
      setView(null);
      setAudit(null);
      setConsoleOpened(true);
      setConsoleShown(true);
    };
    window.addEventListener(OPEN_IN_CONSOLE_EVENT, onOpen);
    return () => window.removeEventListener(OPEN_IN_CONSOLE_EVENT, onOpen);
  }, []);

  const table = workspace?.tables.find((t) => t.name === selected) ?? null;
  const onGridError = useCallback((e: Error) => setError(e.message), []);

  return (
    <AnalysisProvider invoke={invoke} workspaceKey={`${workspace?.path ?? 'scratch'}#${dataVersion}`} families={view ? VIEW_FAMILIES[view] : ['periods']}>
    <div
      className={`app${dragging ? ' dragging' : ''}`}
      onDragOver={(event) => {
        if (client.mode !== 'browser') return;
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(event) => {
        if (client.mode !== 'browser') return;
        event.preventDefault();
        setDragging(false);
        void uploadAndImport([...event.dataTransfer.files]);
      }}
    >
      <aside className="sidebar">
        <h1>{t('appName')}</h1>
        <label className="language">
          {t('controls.language')}
          <select value={i18n.language} onChange={(e) => void setLanguage(e.target.value as Language)} data-testid="language">
            <option value="en">English</option>
            <option value="zh-CN">简体中文</option>
          </select>
        </label>
        <div className="actions">
          <button type="button" onClick={() => void importIntoModel()} disabled={!!busy}>
            {t('sidebar.importIntoModel')}
          </button>
          <button type="button" onClick={() => void openFiles()} disabled={!!busy}>
            {t('sidebar.openFiles')}
          </button>
          <button type="button" onClick={() => void openSample()} disabled={!!busy}>
            {t('sidebar.openSample')}
          </button>
          <input
            ref={fileInput}
            type="file"
            multiple
            hidden
            accept=".csv,.tsv,.txt,.gz,.parquet"
            data-testid="file-input"
            onChange={(event) => {
              const files = [...(event.target.files ?? [])];
              event.target.value = '';
              void uploadAndImport(files);
            }}
          />
          <input
            ref={modelFileInput}
            type="file"
            multiple
            hidden
            accept=".csv,.tsv,.txt,.gz,.parquet,.xlsx,.json,.ndjson,.zip"
            data-testid="model-file-input"
            onChange={(event) => {
              const files = [...(event.target.files ?? [])];
              event.target.value = '';
              void upload(files).then((paths) => paths && setMapping(paths));
            }}
          />
        </div>
        <section className="workspace">
          <h3>{t('sidebar.workspace')}</h3>
          <p className="muted" title={workspace?.path ?? undefined}>
            {workspace?.path ?? t('sidebar.scratch')}
          </p>
          <div className="actions small">
            <button type="button" onClick={() => void openWorkspace()} disabled={!!busy}>
              {t('sidebar.open')}
            </button>
            {client.mode === 'desktop' && (
              <button type="button" onClick={() => void saveWorkspaceAs()} disabled={!!busy}>
                {t('sidebar.saveAs')}
              </button>
            )}
          </div>
        </section>
        <nav aria-label={t('sidebar.churnModel')}>
          <h3>{t('sidebar.churnModel')}</h3>
          <ul className="table-list">
            <li>
              <button type="button" className={audit && !view ? 'selected' : ''} onClick={() => { setConsoleShown(false); setView(null); setAudit({ summary: null }); }}>
                <span>{t('nav.quality')}</span>
              </button>
            </li>
            {ANALYSIS_VIEWS.map((id) => (
              <li key={id}>
                <button type="button" className={view === id ? 'selected' : ''} onClick={() => { setConsoleShown(false); setView(id); }} data-testid={`nav-${id}`}>
                  <span>{t(`nav.${id}`)}</span>
                </button>
              </li>
            ))}
            <li>
              <button type="button" className={consoleShown ? 'selected' : ''} onClick={() => { setView(null); setAudit(null); setConsoleOpened(true); setConsoleShown(true); }} data-testid="nav-console">
                <span>{t('nav.console')}</span>
              </button>
            </li>
          </ul>
        </nav>
        <nav aria-label={t('sidebar.tables')}>
          <h3>{t('sidebar.tables')}</h3>
          {workspace?.tables.length === 0 && <p className="muted">{t('sidebar.noTables')}</p>}
          <ul className="table-list">
            {workspace?.tables.map((t) => (
              <li key={t.name}>
                <button
                  type="button"
                  className={t.name === selected && !audit && !view ? 'selected' : ''}
                  onClick={() => {
                    setConsoleShown(false);
                    setAudit(null);
                    setView(null);
                    setSelected(t.name);
                  }}
                >
                  <span>{t.name}</span>
                  <span className="muted">{t.rowCount.toLocaleString('en-US')}</span>
                </button>
              </li>
            ))}
          </ul>
        </nav>
      </aside>
      <main className="content">
        {error && (
          <div className="error" role="alert">
            <span>{error}</span>
            <button type="button" onClick={() => setError(null)} aria-label={t('actions.dismiss')}>
              ×
            </button>
          </div>
        )}
        {busy && (
          <div className="busy" role="status">
            <span>{t(busy.label.key, busy.label.values)}{busy.detail ? ` — ${busy.detail}` : ''}</span>
            <progress max={100} value={busy.percent ?? undefined} />
            <button type="button" onClick={() => void cancel()}>
              {t('actions.cancel')}
            </button>
          </div>
        )}
        {consoleOpened && (
          <div className="console-holder" hidden={!consoleShown}>
            <ConsoleView key={workspace?.path ?? 'scratch'} invoke={invoke} incoming={consoleIncoming} />
          </div>
        )}
        {consoleShown ? null : view ? (
          <AnalysisScreen view={view} />
        ) : audit ? (
          <AuditView invoke={invoke} summary={audit.summary} onError={onGridError} />
        ) : table ? (
          <DataView key={table.name} table={table} invoke={invoke} onError={onGridError} />
        ) : (
          <div className="empty">
            <p>{client.mode === 'browser' ? t('empty.startOrDrop') : t('empty.start')}</p>
          </div>
        )}
      </main>
      {mapping && (
        <ImportDialog
          paths={mapping}
          invoke={invoke}
          onClose={() => setMapping(null)}
          onImported={(summary) => {
            setMapping(null);
            setAudit({ summary });
            setDataVersion((v) => v + 1);
            void refresh();
          }}
        />
      )}
    </div>
    </AnalysisProvider>
  );
}

/** An analysis screen under the shared controls, with the run's state. */
function AnalysisScreen({ view }: { view: AnalysisView }) {
  const { t } = useTranslation();
  const { result, error, loading } = useAnalysis();
  const Screen = VIEW_COMPONENTS[view];
  return (
    <section className="analysis" data-testid={`view-${view}`}>
      <ControlsBar />
      {error && <div className="error" role="alert">{error}</div>}
      {!result && !loading && !error && <div className="empty"><p>{t('states.noData')}</p></div>}
      {result && <Screen />}
    </section>
  );
}
