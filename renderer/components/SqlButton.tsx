// "Show SQL": the metric family's SQL with the current settings inlined, as it
// runs on the workspace in DuckDB.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MetricQuery } from '../../shared/metrics.js';
import { useAnalysis } from '../state/analysis.js';
import { openInConsole } from '../state/openInConsole.js';

export function SqlButton({ query }: { query: MetricQuery }) {
  const { t } = useTranslation();
  const { invoke, settings } = useAnalysis();
  const [sql, setSql] = useState<string | null>(null);

  async function show() {
    const result = await invoke('analysis.sql', { query, settings });
    setSql(result.ok ? result.value.sql : result.error.message);
  }

  return (
    <>
      <button type="button" className="link-button" onClick={() => void show()} data-testid={`sql-${query}`}>
        {t('actions.showSql')}
      </button>
      {sql !== null && <SqlModal sql={sql} onClose={() => setSql(null)} />}
    </>
  );
}

/** A statement shown in a dialog, with Copy and Open in console (a new console tab). */
export function SqlModal({ sql, onClose }: { sql: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <div className="modal-backdrop" role="dialog" aria-label={t('actions.showSql')}>
      <div className="modal sql-modal">
        <pre className="sql">{sql}</pre>
        <div className="modal-actions">
          <button type="button" onClick={() => void navigator.clipboard?.writeText(sql)}>
            {t('actions.copy')}
          </button>
          <button
            type="button"
            data-testid="open-in-console"
            onClick={() => {
              openInConsole(sql);
              onClose();
            }}
          >
            {t('actions.openInConsole')}
          </button>
          <button type="button" onClick={onClose}>
            {t('actions.close')}
          </button>
        </div>
      </div>
    </div>
  );
}
