// The import's options: reporting time zone, currencies, grace period after invoice coverage, skipped statuses;
// behind "Advanced", the bounds of plausible dates and what a line with the wrong number of values does.
import { useTranslation } from 'react-i18next';
import type { OptionsDraft } from './draft.js';

/** Offered in the time zone field; any IANA name is accepted. */
const COMMON_TIME_ZONES = [
  'UTC', 'America/Los_Angeles', 'America/Denver', 'America/Chicago', 'America/New_York', 'America/Sao_Paulo', 'Europe/London',
  'Europe/Berlin', 'Europe/Paris', 'Asia/Shanghai', 'Asia/Hong_Kong', 'Asia/Taipei', 'Asia/Tokyo', 'Asia/Singapore', 'Asia/Kolkata',
  'Australia/Sydney',
];

export function OptionsPanel({ options, disabled, onChange }: { options: OptionsDraft; disabled: boolean; onChange: (options: OptionsDraft) => void }) {
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
      <label title={t('options.pausesHint')}>
        {t('options.pauses')}
        <select value={options.pauses} data-testid="pauses" onChange={(event) => set({ pauses: event.target.value as OptionsDraft['pauses'] })}>
          <option value="">{t('options.pausesWorkspace')}</option>
          <option value="zero_mrr">{t('options.pausesZeroMrr')}</option>
          <option value="churn">{t('options.pausesChurn')}</option>
        </select>
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
      <details className="advanced" data-testid="import-advanced">
        <summary>{t('options.advanced')}</summary>
        <label title={t('options.earliestDateHint')}>
          {t('options.earliestDate')}
          <input type="date" value={options.earliestDate} data-testid="earliest-date" onChange={(event) => set({ earliestDate: event.target.value })} />
        </label>
        <label title={t('options.yearsAheadHint')}>
          {t('options.yearsAhead')}
          <input type="number" min={0} max={100} step={1} value={options.yearsAhead} placeholder="10" data-testid="years-ahead" onChange={(event) => set({ yearsAhead: event.target.value })} />
        </label>
        <label title={t('options.misshapenLinesHint')}>
          {t('options.misshapenLines')}
          <select
            value={options.misshapenLines}
            data-testid="misshapen-lines"
            onChange={(event) => set({ misshapenLines: event.target.value as OptionsDraft['misshapenLines'] })}
          >
            <option value="reject_few">{t('options.misshapenRejectFew')}</option>
            <option value="stop">{t('options.misshapenStop')}</option>
          </select>
        </label>
      </details>
    </fieldset>
  );
}
