// The SQL console (docs/CONSOLE.md): tabs of DuckDB SQL on the workspace. A run
// is an engine job (progress, Cancel); its result stays in DuckDB and is paged
// into the grid; an error's place is marked in the editor. History and saved
// queries are kept in the workspace.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { format as formatSql } from 'sql-formatter';
import type { ConsoleRun, SchemaTable, SqlErrorPosition } from '../../../shared/console.js';
import type { JobProgress } from '../../../shared/contract.js';
import type { Invoke } from '../../../shared/transport.js';
import { offsetOf, statementAt } from '../../../shared/sqlText.js';
import { newJobId, withProgress } from '../../api/jobs.js';
import { schemaNamespace } from './completion.js';
import { QueryLibrary } from './QueryLibrary.js';
import { ResultPanel } from './ResultPanel.js';
import { SqlEditor, type RunMode, type SqlEditorHandle } from './SqlEditor.js';

interface Tab {
  id: string;
  title: string;
  sql: string;
  /** The run under way (its job), if any: only the latest run of a tab is shown. */
  jobId: string | null;
  progress: JobProgress | null;
  run: ConsoleRun | null;
  error: string | null;
}

let tabCounter = 0;
function newTab(sql = '', title?: string): Tab {
  tabCounter += 1;
  return { id: `tab-${tabCounter}`, title: title ?? `Query ${tabCounter}`, sql, jobId: null, progress: null, run: null, error: null };
}

/** The length of the word at `offset`, so an error marks a name, not one letter. */
function wordLength(text: string, offset: number): number {
  return /^[\w$."]+/.exec(text.slice(offset))?.[0].length || 1;
}

const IS_MAC = typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
const MOD = IS_MAC ? '⌘' : 'Ctrl';

export interface ConsoleViewProps {
  invoke: Invoke;
  /** SQL handed over by "Open in console": opened in a new tab when `seq` changes. */
  incoming: { sql: string; seq: number } | null;
}

export function ConsoleView({ invoke, incoming }: ConsoleViewProps) {
  const { t } = useTranslation('console');
  const [tabs, setTabs] = useState<Tab[]>(() => [newTab('', t('tabs.first'))]);
  const [active, setActive] = useState(tabs[0]!.id);
  /** The workspace's tables for completion; null until the engine has answered. */
  const [schema, setSchema] = useState<SchemaTable[] | null>(null);
  const [libraryVersion, setLibraryVersion] = useState(0);
  const [saveName, setSaveName] = useState('');
  const [notice, setNotice] = useState<string | null>(null);
  const [busyJob, setBusyJob] = useState<string | null>(null);
  const editor = useRef<SqlEditorHandle>(null);
  /** Each tab's latest run. */
  const latestRun = useRef(new Map<string, string>());
  const tab = tabs.find((x) => x.id === active) ?? tabs[0]!;

  const update = useCallback((id: string, change: Partial<Tab> | ((tab: Tab) => Partial<Tab>)) => {
    setTabs((all) => all.map((x) => (x.id === id ? { ...x, ...(typeof change === 'function' ? change(x) : change) } : x)));
  }, []);

  const loadSchema = useCallback(async () => {
    const answer = await invoke('console.schema', {});
    setSchema(answer.ok ? answer.value : []);
  }, [invoke]);
  useEffect(() => {
    void loadSchema();
  }, [loadSchema]);
  const namespace = useMemo(() => (schema ? schemaNamespace(schema) : null), [schema]);

  const open = useCallback((sql: string, title?: string) => {
    const opened = newTab(sql, title);
    setTabs((all) => [...all, opened]);
    setActive(opened.id);
  }, []);
  const lastIncoming = useRef<number | null>(null);
  useEffect(() => {
    if (!incoming || lastIncoming.current === incoming.seq) return;
    lastIncoming.current = incoming.seq;
    open(incoming.sql, t('tabs.fromScreen'));
  }, [incoming, open, t]);

  const complete = useCallback(async (text: string) => {
    const answer = await invoke('console.complete', { sql: text });
    return answer.ok ? answer.value : [];
  }, [invoke]);

  async function run(mode: RunMode) {
    const handle = editor.current;
    if (!handle) return;
    const text = handle.text();
    const selection = handle.selection();
    let range = selection ?? (mode === 'all' ? { from: 0, to: text.length } : null);
    if (!range) {
      const statement = statementAt(text, handle.cursor());
      if (!statement) return;
      range = { from: statement.start, to: statement.end };
    }
    const sql = text.slice(range.from, range.to);
    if (sql.trim() === '') return;
    const id = tab.id;
    const jobId = newJobId();
    handle.markError(null);
    latestRun.current.set(id, jobId);
    update(id, { jobId, progress: null, error: null });
    const answer = await withProgress(invoke, jobId, invoke('console.run', { tabId: id, sql, jobId }), (progress) =>
      update(id, (x) => (x.jobId === jobId ? { progress } : {})),
    );
    // A newer run of this tab has started: its answer is the one to show.
    if (latestRun.current.get(id) !== jobId) return;
    setLibraryVersion((v) => v + 1);
    if (!answer.ok) {
      update(id, { jobId: null, progress: null, error: answer.error.message });
      const position = (answer.error.details as { position?: SqlErrorPosition } | undefined)?.position;
      if (position && editor.current && active === id) {
        const at = range.from + offsetOf(sql, position.line, position.column);
        editor.current.markError({ from: at, to: at + wordLength(text, at) });
      }
      return;
    }
    update(id, { jobId: null, progress: null, run: answer.value, error: null });
    if (answer.value.statements.some((s) => s.kind !== 'SELECT')) void loadSchema();
  }

  async function cancel() {
    const jobId = tab.jobId ?? busyJob;
    if (jobId) await invoke('jobs.cancel', { jobId });
  }

  function format() {
    const handle = editor.current;
    if (!handle) return;
    try {
      handle.replace(formatSql(handle.text(), { language: 'duckdb', keywordCase: 'upper' }));
    } catch (error) {
      setNotice((error as Error).message);
    }
  }

  async function save() {
    const name = saveName.trim();
    const sql = editor.current?.text() ?? tab.sql;
    if (!name || !sql.trim()) return;
    const answer = await invoke('console.save', { name, sql });
    if (!answer.ok) return setNotice(answer.error.message);
    update(tab.id, { title: name });
    setSaveName('');
    setNotice(t('saved', { name }));
    setLibraryVersion((v) => v + 1);
  }

  function close(id: string) {
    void invoke('console.close', { tabId: id });
    setTabs((all) => {
      const rest = all.filter((x) => x.id !== id);
      const next = rest.length > 0 ? rest : [newTab()];
      if (id === active) setActive(next[Math.max(0, all.findIndex((x) => x.id === id) - 1)]?.id ?? next[0]!.id);
      return next;
    });
  }

  const onResultError = useCallback((message: string) => setNotice(message), []);
  const running = tab.jobId !== null || busyJob !== null;
  const result = tab.run?.result ?? null;
  return (
    <section className="console-view" data-testid="view-console" aria-label={t('title')}>
      <div className="console-main">
        <div className="console-tabs" role="tablist">
          {tabs.map((x) => (
            <span key={x.id} className={`console-tab${x.id === tab.id ? ' selected' : ''}`}>
              <button type="button" role="tab" aria-selected={x.id === tab.id} onClick={() => setActive(x.id)} data-testid="console-tab">
                {x.title}
                {x.jobId && ' …'}
              </button>
              <button type="button" className="link-button" onClick={() => close(x.id)} aria-label={t('tabs.close', { title: x.title })}>
                ×
              </button>
            </span>
          ))}
          <button type="button" className="link-button" onClick={() => open('')} title={t('tabs.new')} data-testid="console-new-tab">
            +
          </button>
        </div>
        <div className="console-toolbar">
          <button type="button" onClick={() => void run('statement')} disabled={tab.jobId !== null} title={t('toolbar.runTitle', { key: `${MOD}+Enter` })} data-testid="console-run">
            {t('toolbar.run')}
          </button>
          <button type="button" onClick={() => void run('all')} disabled={tab.jobId !== null} title={t('toolbar.runAllTitle', { key: `${MOD}+Shift+Enter` })} data-testid="console-run-all">
            {t('toolbar.runAll')}
          </button>
          <button type="button" onClick={format} title={t('toolbar.formatTitle', { key: IS_MAC ? '⌥⇧F' : 'Shift+Alt+F' })} data-testid="console-format">
            {t('toolbar.format')}
          </button>
          {running && (
            <>
              <progress max={100} value={tab.progress?.percent ?? undefined} />
              <button type="button" onClick={() => void cancel()} data-testid="console-cancel">
                {t('toolbar.cancel')}
              </button>
            </>
          )}
          <span className="spacer" />
          <input value={saveName} onChange={(e) => setSaveName(e.target.value)} placeholder={t('toolbar.saveName')} aria-label={t('toolbar.saveName')} data-testid="save-name" />
          <button type="button" onClick={() => void save()} disabled={!saveName.trim()} data-testid="console-save">
            {t('toolbar.save')}
          </button>
        </div>
        <SqlEditor
          key={tab.id}
          ref={editor}
          initial={tab.sql}
          schema={namespace}
          complete={complete}
          label={t('editor')}
          onChange={(sql) => update(tab.id, { sql })}
          onRun={(mode) => void run(mode)}
          onFormat={format}
        />
        {notice && (
          <div className="notice" role="status">
            <span>{notice}</span>
            <button type="button" className="link-button" onClick={() => setNotice(null)} aria-label={t('dismiss')}>
              ×
            </button>
          </div>
        )}
        {tab.error && (
          <pre className="error console-error" role="alert" data-testid="console-error">
            {tab.error}
          </pre>
        )}
        {tab.run && !tab.error && (
          <p className="muted" data-testid="console-statements">
            {tab.run.statements
              .filter((s) => s.kind !== 'SELECT')
              .map((s) => (s.rowsChanged === null ? s.kind : t('changed', { kind: s.kind, count: s.rowsChanged })))
              .join(' · ')}
            {!result && ` ${t('result.none', { seconds: (tab.run.durationMs / 1000).toFixed(2) })}`}
          </p>
        )}
        {result && !tab.error && (
          <ResultPanel key={result.resultId} base={result} durationMs={tab.run!.durationMs} invoke={invoke} onError={onResultError} onBusy={setBusyJob} />
        )}
      </div>
      <QueryLibrary invoke={invoke} version={libraryVersion} onOpen={open} onError={onResultError} />
    </section>
  );
}
