// The application frame: workspace, screens and tables on the left, the
// chosen screen on the right, long work shown with progress and a Cancel
// button. Its state lives in hooks (state/): the workspace, the screen shown,
// the work under way and the desktop menu's commands.
import { useCallback, useRef, useState } from 'react';
import type { TableInfo } from '../shared/contract.js';
import type { Result } from '../shared/result.js';
import type { Client } from './api/client.js';
import { useBusy, type Busy } from './state/busy.js';
import { useMenuCommands } from './state/menuCommands.js';
import { useScreen } from './state/screen.js';
import { useWorkspace } from './state/workspace.js';
import { DataView } from './views/data/DataView.js';
import { AuditView } from './views/import/AuditView.js';
import { ImportDialog } from './views/import/ImportDialog.js';
import { useTranslation } from 'react-i18next';
import { ControlsBar } from './components/ControlsBar.js';
import { setLanguage, type Language } from './i18n/index.js';
import { AnalysisProvider, useAnalysis } from './state/analysis.js';
import { FilesContext, type FilePicking } from './state/files.js';
import { ConsoleView } from './views/console/ConsoleView.js';
import { ANALYSIS_VIEWS, VIEW_COMPONENTS, VIEW_FAMILIES, WITHOUT_MODEL, type AnalysisView } from './views/registry.js';

export function App({ client }: { client: Client }) {
  const { invoke } = client;
  const [error, setError] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const modelFileInput = useRef<HTMLInputElement>(null);
  /** The files in the mapping dialog of an import into the churn model. */
  const [mapping, setMapping] = useState<string[] | null>(null);
  /** Bumped whenever the churn model's data changes, so the analysis runs again. */
  const [dataVersion, setDataVersion] = useState(0);
  const { workspace, selected, setSelected, table, refresh, switchTo } = useWorkspace(invoke, setError);
  const { busy, runJob, upload, cancel } = useBusy(client, setError);
  const { screen, setScreen, showConsole, consoleOpened, consoleIncoming } = useScreen();
  const view = screen.kind === 'analysis' ? screen.view : null;
  const { t, i18n } = useTranslation();

  /** Runs a job that loads tables; on success shows the first new one. */
  async function loadTables(label: Busy['label'], start: (jobId: string) => Promise<Result<TableInfo[]>>) {
    const tables = await runJob(label, start);
    if (!tables) return;
    setScreen({ kind: 'table' });
    setDataVersion((v) => v + 1);
    await refresh(tables[0]?.name);
  }

  const importPaths = (paths: string[]) =>
    loadTables({ key: 'busy.loadingFiles', values: { count: paths.length } }, (jobId) => invoke('files.import', { paths, jobId }));

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

  const openSample = () => loadTables({ key: 'busy.openingSample' }, (jobId) => invoke('sample.open', { jobId }));

  async function openWorkspace() {
    if (client.mode === 'browser') {
      const path = window.prompt(t('sidebar.workspacePrompt'));
      if (path) await switchTo(invoke('workspace.open', { path }));
      return;
    }
    const picked = await invoke('dialog.openFiles', { purpose: 'workspace' });
    if (picked.ok && picked.value.paths[0]) await switchTo(invoke('workspace.open', { path: picked.value.paths[0] }));
  }

  async function saveWorkspaceAs() {
    const picked = await invoke('dialog.saveFile', { purpose: 'workspace' });
    if (!picked.ok) return setError(picked.error.message);
    if (picked.value.path) await switchTo(invoke('workspace.open', { path: picked.value.path }));
  }

  useMenuCommands({
    'open-files': openFiles,
    'open-sample': openSample,
    'open-workspace': openWorkspace,
    'save-workspace-as': saveWorkspaceAs,
    'new-scratch': () => switchTo(invoke('workspace.scratch', {})),
  });

  const onGridError = useCallback((e: Error) => setError(e.message), []);

  /** How a screen picks a file of its own (the reconciliation's reference). */
  const filePicking: FilePicking = {
    mode: client.mode,
    openDialog: async () => {
      const picked = await invoke('dialog.openFiles', { purpose: 'data' });
      if (!picked.ok) setError(picked.error.message);
      return picked.ok ? picked.value.paths : [];
    },
    upload,
  };

  return (
    <AnalysisProvider invoke={invoke} workspaceKey={`${workspace?.path ?? 'scratch'}#${dataVersion}`} families={view ? VIEW_FAMILIES[view] : ['periods']}>
    <FilesContext.Provider value={filePicking}>
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
              <button type="button" className={screen.kind === 'audit' ? 'selected' : ''} onClick={() => setScreen({ kind: 'audit', summary: null })}>
                <span>{t('nav.quality')}</span>
              </button>
            </li>
            {ANALYSIS_VIEWS.map((id) => (
              <li key={id}>
                <button type="button" className={view === id ? 'selected' : ''} onClick={() => setScreen({ kind: 'analysis', view: id })} data-testid={`nav-${id}`}>
                  <span>{t(`nav.${id}`)}</span>
                </button>
              </li>
            ))}
            <li>
              <button type="button" className={screen.kind === 'console' ? 'selected' : ''} onClick={showConsole} data-testid="nav-console">
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
                  className={t.name === selected && screen.kind === 'table' ? 'selected' : ''}
                  onClick={() => {
                    setScreen({ kind: 'table' });
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
          <div className="console-holder" hidden={screen.kind !== 'console'}>
            <ConsoleView key={workspace?.path ?? 'scratch'} invoke={invoke} incoming={consoleIncoming} />
          </div>
        )}
        {screen.kind === 'console' ? null : screen.kind === 'analysis' ? (
          <AnalysisScreen view={screen.view} />
        ) : screen.kind === 'audit' ? (
          <AuditView invoke={invoke} summary={screen.summary} onError={onGridError} />
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
            setScreen({ kind: 'audit', summary });
            setDataVersion((v) => v + 1);
            void refresh();
          }}
        />
      )}
    </div>
    </FilesContext.Provider>
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
      {!result && !loading && !error && (WITHOUT_MODEL.has(view) ? <Screen /> : <div className="empty"><p>{t('states.noData')}</p></div>)}
      {result && <Screen />}
    </section>
  );
}
