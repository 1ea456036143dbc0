// The report builder: which sections, the words around the numbers (title,
// client, author, a note per section), language and logo; a live preview of
// the self-contained HTML in a sandboxed frame (scripts run, but in an opaque
// origin that can reach nothing of the app); downloads in every format. The
// report uses the analysis settings of the controls above it. The scenarios
// section lists the workspace's saved scenarios to choose from; with none
// saved it stays unchecked, so the default report is the one without it.
import { useEffect, useMemo, useRef, useState, type ChangeEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LOGO_DATA_URL_MAX, REPORT_FILE_TYPES, REPORT_FORMATS, REPORT_SECTIONS, type ReportFormat, type ReportLanguage, type ReportOptions, type ReportSection } from '../../../shared/reports.js';
import type { SavedScenario } from '../../../shared/scenarios.js';
import { newJobId } from '../../api/jobs.js';
import { downloadBytes } from '../../components/export/csv.js';
import { useAnalysis } from '../../state/analysis.js';
import { fileBase } from '../../components/export/fileName.js';
import { reportInvoke } from './api.js';
import './report.css';

const PREVIEW_DELAY_MS = 600;

export function ReportView() {
  const { t, i18n } = useTranslation('report');
  const { invoke, settings, result } = useAnalysis();
  const call = useMemo(() => reportInvoke(invoke), [invoke]);
  // Scenarios join the sections once the saved list says there are some; the reconciliation once there is a reference.
  const [sections, setSections] = useState<ReportSection[]>(REPORT_SECTIONS.filter((id) => id !== 'scenarios' && id !== 'reconciliation'));
  const [hasReference, setHasReference] = useState(false);
  const referenceBefore = useRef(false);
  const [saved, setSaved] = useState<SavedScenario[] | null>(null);
  const [unchecked, setUnchecked] = useState<string[]>([]);
  const savedBefore = useRef<SavedScenario[] | null>(null);
  const [title, setTitle] = useState('');
  const [client, setClient] = useState('');
  const [author, setAuthor] = useState('');
  const [language, setLanguage] = useState<ReportLanguage>(i18n.language === 'zh-CN' ? 'zh-CN' : 'en');
  const [logo, setLogo] = useState<{ name: string; dataUrl: string } | null>(null);
  const [notes, setNotes] = useState<Partial<Record<ReportSection, string>>>({});
  const [noteOpen, setNoteOpen] = useState<ReportSection[]>([]);
  const [html, setHtml] = useState<string | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [exporting, setExporting] = useState<ReportFormat | null>(null);
  const [error, setError] = useState<string | null>(null);
  const logoInput = useRef<HTMLInputElement>(null);
  const running = useRef<string | null>(null);

  // The saved scenarios, again whenever the analysis changes (another workspace may be open).
  useEffect(() => {
    let live = true;
    void invoke('scenarios.list', {}).then((answer) => {
      if (!live) return;
      if (!answer.ok) return setError(answer.error.message);
      const list = answer.value;
      const before = savedBefore.current;
      // The same list again keeps its identity, so the preview is not built twice.
      if (JSON.stringify(list) === JSON.stringify(before)) return;
      savedBefore.current = list;
      setSaved(list);
      // Checked when scenarios first appear, unchecked when none is left; otherwise the user's choice stands.
      if (list.length === 0) setSections((current) => current.filter((id) => id !== 'scenarios'));
      else if (!before?.length) setSections((current) => (current.includes('scenarios') ? current : [...current, 'scenarios']));
    });
    return () => {
      live = false;
    };
  }, [invoke, result]);

  // Whether a reference is imported (the reconciliation section has something to show), again whenever the analysis changes.
  useEffect(() => {
    let live = true;
    void invoke('reconcile.state', {}).then((answer) => {
      if (!live || !answer.ok) return;
      const has = answer.value.reference !== null;
      // Checked when a reference first appears, unchecked when there is none; otherwise the user's choice stands.
      if (has && !referenceBefore.current) setSections((current) => (current.includes('reconciliation') ? current : [...current, 'reconciliation']));
      if (!has) setSections((current) => current.filter((id) => id !== 'reconciliation'));
      referenceBefore.current = has;
      setHasReference(has);
    });
    return () => {
      live = false;
    };
  }, [invoke, result]);

  const chosenScenarios = useMemo(() => (saved ?? []).filter((s) => !unchecked.includes(s.name)).map((s) => s.scenario), [saved, unchecked]);
  // A section without anything to show is left out of the request (the engine would refuse it).
  const requested = useMemo(
    () => REPORT_SECTIONS.filter((id) => sections.includes(id) && (id !== 'scenarios' || chosenScenarios.length > 0) && (id !== 'reconciliation' || hasReference)),
    [sections, chosenScenarios, hasReference],
  );

  const report = useMemo<ReportOptions>(() => {
    const chosenNotes = Object.fromEntries(Object.entries(notes).filter(([id, text]) => requested.includes(id as ReportSection) && text?.trim()));
    return {
      ...(title.trim() ? { title: title.trim() } : {}),
      ...(client.trim() ? { client: client.trim() } : {}),
      ...(author.trim() ? { author: author.trim() } : {}),
      ...(logo ? { logo: logo.dataUrl } : {}),
      sections: requested,
      ...(Object.keys(chosenNotes).length ? { notes: chosenNotes } : {}),
      ...(requested.includes('scenarios') ? { scenarios: chosenScenarios } : {}),
      language,
    };
  }, [title, client, author, logo, requested, notes, chosenScenarios, language]);

  // The preview follows every change, a moment after the last one; a newer request cancels the stale one.
  useEffect(() => {
    if (!result || requested.length === 0) return;
    const timer = setTimeout(() => {
      const jobId = newJobId();
      const stale = running.current;
      running.current = jobId;
      if (stale) void invoke('jobs.cancel', { jobId: stale });
      setPreviewing(true);
      void call('report.preview', { settings, report, jobId }).then((answer) => {
        if (running.current !== jobId) return;
        running.current = null;
        setPreviewing(false);
        if (answer.ok) {
          setHtml(answer.value);
          setError(null);
        } else if (answer.error.code !== 'cancelled') setError(answer.error.message);
      });
    }, PREVIEW_DELAY_MS);
    return () => clearTimeout(timer);
  }, [call, invoke, settings, report, result, requested.length]);

  async function download(format: ReportFormat) {
    setExporting(format);
    setError(null);
    const answer = await call('report.export', { settings, report, format });
    setExporting(null);
    if (!answer.ok) return setError(answer.error.message);
    if (!(answer.value instanceof Uint8Array)) return;
    const type = REPORT_FILE_TYPES[format];
    downloadBytes(`${fileBase(title.trim() || t('fields.titlePlaceholder'), 'churn-report')}.${type.extension}`, answer.value, type.mime);
  }

  function pickLogo(event: ChangeEvent<HTMLInputElement>) {
    const file = event.target.files?.[0];
    event.target.value = '';
    if (!file) return;
    const reader = new FileReader();
    reader.onload = () => {
      const dataUrl = String(reader.result ?? '');
      if (dataUrl.length > LOGO_DATA_URL_MAX) return setError(t('fields.logoTooLarge'));
      setError(null);
      setLogo({ name: file.name, dataUrl });
    };
    reader.onerror = () => setError(t('fields.logoUnreadable'));
    reader.readAsDataURL(file);
  }

  const toggle = (id: ReportSection) => setSections((current) => (current.includes(id) ? current.filter((s) => s !== id) : [...current, id]));
  const toggleScenario = (name: string) => setUnchecked((current) => (current.includes(name) ? current.filter((n) => n !== name) : [...current, name]));
  const noScenario = (id: ReportSection) => (id === 'scenarios' && !saved?.length) || (id === 'reconciliation' && !hasReference);
  const currency = result?.settings.reporting_currency;

  return (
    <div className="report-builder" data-testid="report-builder">
      <form className="report-form panel" onSubmit={(event) => event.preventDefault()}>
        <h2>{t('title')}</h2>
        <p className="muted report-intro">{t('intro')}</p>
        <div className="report-downloads">
          <h3>{t('download.title')}</h3>
          {REPORT_FORMATS.map((format) => (
            <button
              key={format}
              type="button"
              disabled={exporting !== null || requested.length === 0}
              onClick={() => void download(format)}
              title={t(`download.${format}Hint`)}
              data-testid={`report-download-${format}`}
            >
              {t(`download.${format}`)}
            </button>
          ))}
          {exporting && <p className="muted">{t('download.working', { format: exporting.toUpperCase() })}</p>}
        </div>
        <label>
          {t('fields.title')}
          <input type="text" value={title} placeholder={t('fields.titlePlaceholder')} maxLength={200} onChange={(e) => setTitle(e.target.value)} data-testid="report-title" />
        </label>
        <label>
          {t('fields.client')}
          <input type="text" value={client} maxLength={200} onChange={(e) => setClient(e.target.value)} data-testid="report-client" />
        </label>
        <label>
          {t('fields.author')}
          <input type="text" value={author} maxLength={200} onChange={(e) => setAuthor(e.target.value)} data-testid="report-author" />
        </label>
        <label>
          {t('fields.language')}
          <select value={language} onChange={(e) => setLanguage(e.target.value as ReportLanguage)} data-testid="report-language">
            <option value="en">{t('languages.en')}</option>
            <option value="zh-CN">{t('languages.zh-CN')}</option>
          </select>
        </label>
        <div className="report-field">
          <span>{t('fields.currency')}</span>
          <strong data-testid="report-currency">{currency ?? t('fields.currencyNone')}</strong>
          <span className="muted report-hint">{t('fields.currencyHint')}</span>
        </div>
        <div className="report-field">
          <span>{t('fields.logo')}</span>
          <div className="report-logo">
            {logo && <img src={logo.dataUrl} alt="" />}
            <button type="button" onClick={() => logoInput.current?.click()}>
              {t('fields.logoChoose')}
            </button>
            {logo && (
              <button type="button" onClick={() => setLogo(null)}>
                {t('fields.logoRemove')}
              </button>
            )}
            <input ref={logoInput} type="file" hidden accept="image/png,image/jpeg,image/gif,image/webp,image/svg+xml" onChange={pickLogo} data-testid="report-logo" />
          </div>
        </div>
        <fieldset className="report-sections">
          <legend>{t('sectionsTitle')}</legend>
          {REPORT_SECTIONS.map((id) => (
            <div key={id} className="report-section">
              <div className="report-section-row">
                <label>
                  <input
                    type="checkbox"
                    checked={sections.includes(id)}
                    disabled={noScenario(id)}
                    onChange={() => toggle(id)}
                    data-testid={`report-section-${id}`}
                  />
                  {t(`sections.${id}`)}
                </label>
                {sections.includes(id) && !noteOpen.includes(id) && (
                  <button type="button" className="report-note-toggle" onClick={() => setNoteOpen((open) => [...open, id])} data-testid={`report-add-note-${id}`}>
                    {t('addNote')}
                  </button>
                )}
              </div>
              {id === 'reconciliation' && !hasReference && (
                <p className="muted report-hint" data-testid="report-reconciliation-none">
                  {t('noReference')}
                </p>
              )}
              {id === 'scenarios' && saved?.length === 0 && (
                <p className="muted report-hint" data-testid="report-scenarios-none">
                  {t('scenarioList.noneSaved')}
                </p>
              )}
              {id === 'scenarios' && sections.includes(id) && saved && saved.length > 0 && (
                <div className="report-scenarios" role="group" aria-label={t('scenarioList.label')} data-testid="report-scenarios">
                  {saved.map((s, i) => (
                    <label key={s.name}>
                      <input type="checkbox" checked={!unchecked.includes(s.name)} onChange={() => toggleScenario(s.name)} data-testid={`report-scenario-${i}`} />
                      {s.name}
                    </label>
                  ))}
                  {chosenScenarios.length === 0 && <p className="muted report-hint">{t('scenarioList.noneChosen')}</p>}
                </div>
              )}
              {sections.includes(id) && noteOpen.includes(id) && (
                <textarea
                  rows={2}
                  maxLength={5000}
                  placeholder={t('notePlaceholder')}
                  value={notes[id] ?? ''}
                  onChange={(e) => setNotes((current) => ({ ...current, [id]: e.target.value }))}
                  data-testid={`report-note-${id}`}
                />
              )}
            </div>
          ))}
        </fieldset>
        {error && (
          <div className="error" role="alert">
            {error}
          </div>
        )}
      </form>
      <section className="report-preview panel">
        <h3>
          <span>{t('preview.title')}</span>
          {previewing && <span className="muted report-hint">{t('preview.updating')}</span>}
        </h3>
        {requested.length === 0 ? (
          <p className="muted">{t('preview.noSections')}</p>
        ) : (
          html !== null && <iframe title={t('preview.frame')} sandbox="allow-scripts" srcDoc={html} data-testid="report-preview" />
        )}
      </section>
    </div>
  );
}
