// The console's history and saved queries, both kept in the workspace and
// searchable; a click opens the query in a new tab.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HistoryEntry, SavedQuery } from '../../../shared/console.js';
import type { Invoke } from '../../../shared/transport.js';

interface QueryLibraryProps {
  invoke: Invoke;
  /** Bumped after each run and save, so the lists are read again. */
  version: number;
  onOpen: (sql: string, title: string) => void;
  onError: (message: string) => void;
}

export function QueryLibrary({ invoke, version, onOpen, onError }: QueryLibraryProps) {
  const { t } = useTranslation('console');
  const [search, setSearch] = useState('');
  const [shown, setShown] = useState<'saved' | 'history'>('saved');
  const [history, setHistory] = useState<HistoryEntry[]>([]);
  const [saved, setSaved] = useState<SavedQuery[]>([]);

  useEffect(() => {
    let current = true;
    void Promise.all([invoke('console.history', { search, limit: 200 }), invoke('console.saved', { search })]).then(([h, s]) => {
      if (!current) return;
      if (h.ok) setHistory(h.value);
      if (s.ok) setSaved(s.value);
      if (!h.ok) onError(h.error.message);
    });
    return () => {
      current = false;
    };
  }, [invoke, search, version, onError]);

  async function unsave(name: string) {
    const answer = await invoke('console.unsave', { name });
    if (answer.ok) setSaved(answer.value);
  }

  return (
    <aside className="query-library" aria-label={t('library.label')}>
      <div className="console-tabs small" role="tablist">
        {(['saved', 'history'] as const).map((list) => (
          <button key={list} type="button" role="tab" aria-selected={shown === list} className={shown === list ? 'selected' : ''} onClick={() => setShown(list)} data-testid={`library-${list}`}>
            {t(`library.${list}`)}
          </button>
        ))}
      </div>
      <input type="search" value={search} placeholder={t('library.search')} onChange={(e) => setSearch(e.target.value)} data-testid="library-search" />
      {shown === 'saved' ? (
        <ul className="query-list" data-testid="saved-list">
          {saved.length === 0 && <li className="muted">{t('library.noSaved')}</li>}
          {saved.map((query) => (
            <li key={query.name}>
              <button type="button" className="query-open" onClick={() => onOpen(query.sql, query.name)} title={query.sql}>
                <strong>{query.name}</strong>
                <code>{query.sql.slice(0, 120)}</code>
              </button>
              <button type="button" className="link-button" onClick={() => void unsave(query.name)} aria-label={t('library.delete', { name: query.name })}>
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <ul className="query-list" data-testid="history-list">
          {history.length === 0 && <li className="muted">{t('library.noHistory')}</li>}
          {history.map((entry) => (
            <li key={entry.id}>
              <button type="button" className="query-open" onClick={() => onOpen(entry.sql, t('library.fromHistory'))} title={entry.sql}>
                <code>{entry.sql.slice(0, 120)}</code>
                <span className={`muted${entry.error ? ' failed' : ''}`}>
                  {entry.ranAt.replace('T', ' ')} ·{' '}
                  {entry.error ? t('library.failed') : entry.rows === null ? t('library.noRows') : t('library.rows', { count: entry.rows, rows: entry.rows.toLocaleString('en-US') })} ·{' '}
                  {t('result.duration', { seconds: (entry.durationMs / 1000).toFixed(2) })}
                </span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
