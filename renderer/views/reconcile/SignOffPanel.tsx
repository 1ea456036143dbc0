// The sign-off: who signed the reconciliation off, when, with what note, and
// what they signed (the difference and the unexplained amount at that moment);
// whether the reference or the data has changed since. Signing records the run
// shown, as it was answered (reconcile.signOff with its runId), in the workspace.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SignOff } from '../../../shared/reconcile.js';
import { formatMoney } from '../../components/format.js';
import { useAnalysis } from '../../state/analysis.js';

export function SignOffPanel({
  runId,
  signOff,
  reconciled,
  currency,
  onSigned,
}: {
  /** The run shown: what is signed, as it is (nothing is computed again). */
  runId: string;
  signOff: SignOff | null;
  reconciled: boolean;
  currency: string | null;
  onSigned: (signOff: SignOff) => void;
}) {
  const { t } = useTranslation('reconcile');
  const { invoke } = useAnalysis();
  const [by, setBy] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function sign() {
    setBusy(true);
    setError(null);
    const answer = await invoke('reconcile.signOff', { runId, by: by.trim(), note });
    setBusy(false);
    if (!answer.ok) return setError(answer.error.message);
    setNote('');
    onSigned(answer.value);
  }

  return (
    <section className="panel reconcile-signoff" aria-labelledby="reconcile-signoff-title" data-testid="reconcile-signoff">
      <h3 id="reconcile-signoff-title">{t('signOff.title')}</h3>
      {signOff ? (
        <div data-testid="reconcile-signed">
          <p>
            {t('signOff.signed', {
              by: signOff.by,
              at: signOff.at.replace('T', ' ').slice(0, 16),
              difference: formatMoney(signOff.difference, currency, 2),
              unexplained: formatMoney(signOff.unexplained, currency, 2),
            })}
          </p>
          {signOff.note && <blockquote>{signOff.note}</blockquote>}
          {signOff.staleBecause && (
            <p className="error" data-testid="reconcile-signoff-stale">
              {signOff.staleBecause === 'data' ? t('signOff.staleData') : t('signOff.stale')}
            </p>
          )}
        </div>
      ) : (
        <p className="muted">{t('signOff.none')}</p>
      )}
      {!reconciled && <p className="muted">{t('signOff.notReconciled')}</p>}
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (by.trim()) void sign();
        }}
      >
        <label>
          {t('signOff.by')}
          <input value={by} onChange={(e) => setBy(e.target.value)} maxLength={200} data-testid="reconcile-signoff-by" />
        </label>
        <label>
          {t('signOff.note')}
          <textarea value={note} onChange={(e) => setNote(e.target.value)} maxLength={5000} rows={2} data-testid="reconcile-signoff-note" />
        </label>
        <button type="submit" disabled={busy || !by.trim()} data-testid="reconcile-signoff-submit">
          {t('signOff.submit')}
        </button>
      </form>
      {error && <p className="error">{error}</p>}
    </section>
  );
}
