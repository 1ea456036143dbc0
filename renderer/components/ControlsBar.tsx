// The controls every analysis screen shares: period, date range, as-of date,
// method preset, segment rule and attribute filters. Changes are saved in the
// workspace and re-run the analysis (a newer run cancels the stale one).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_SEGMENT_RULES, PERIODS, PRESETS, PRESET_LABELS, type Filter, type SegmentRule } from '../../shared/metrics.js';
import { useAnalysis } from '../state/analysis.js';

function FilterEditor({ onAdd }: { onAdd: (filter: Filter) => void }) {
  const { t } = useTranslation();
  const [attribute, setAttribute] = useState('');
  const [value, setValue] = useState('');
  return (
    <form
      className="filter-editor"
      onSubmit={(event) => {
        event.preventDefault();
        if (!attribute.trim() || !value.trim()) return;
        const values = value.split(',').map((v) => v.trim()).filter(Boolean);
        onAdd({ attribute: attribute.trim(), op: values.length > 1 ? 'in' : 'eq', values });
        setAttribute('');
        setValue('');
      }}
    >
      <input aria-label="attribute" placeholder="country" value={attribute} onChange={(e) => setAttribute(e.target.value)} data-testid="filter-attribute" />
      <span>=</span>
      <input aria-label="value" placeholder="US, DE" value={value} onChange={(e) => setValue(e.target.value)} data-testid="filter-value" />
      <button type="submit" data-testid="filter-add">
        {t('controls.addFilter')}
      </button>
    </form>
  );
}

export function ControlsBar() {
  const { t } = useTranslation();
  const { settings, update, loading, progress } = useAnalysis();
  const rule = settings.segmentRule;
  const setRule = (next: SegmentRule) => update({ segmentRule: next });
  return (
    <div className="controls-bar" data-testid="controls">
      <label>
        {t('controls.period')}
        <select value={settings.period} onChange={(e) => update({ period: e.target.value as (typeof PERIODS)[number] })} data-testid="control-period">
          {PERIODS.map((p) => (
            <option key={p} value={p}>
              {t(`controls.${p}`)}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('controls.from')}
        <input type="date" value={settings.from ?? ''} onChange={(e) => update({ from: e.target.value || null })} />
      </label>
      <label>
        {t('controls.to')}
        <input type="date" value={settings.to ?? ''} onChange={(e) => update({ to: e.target.value || null })} />
      </label>
      <label>
        {t('controls.asOf')}
        <input type="date" value={settings.asOf ?? ''} onChange={(e) => update({ asOf: e.target.value || null })} />
      </label>
      <label>
        {t('controls.preset')}
        <select value={settings.preset} onChange={(e) => update({ preset: e.target.value as (typeof PRESETS)[number], methodology: {} })} data-testid="control-preset">
          {PRESETS.map((p) => (
            <option key={p} value={p}>
              {PRESET_LABELS[p]}
            </option>
          ))}
        </select>
      </label>
      <label>
        {t('controls.segmentBy')}
        <select
          value={rule.by}
          onChange={(e) => {
            const by = e.target.value;
            setRule(by === 'column' ? { by: 'column', column: 'industry' } : DEFAULT_SEGMENT_RULES[by as 'employees' | 'acv']);
          }}
        >
          <option value="employees">{t('controls.employees')}</option>
          <option value="acv">{t('controls.acv')}</option>
          <option value="column">{t('controls.column')}</option>
        </select>
      </label>
      {rule.by === 'column' ? (
        <label>
          {t('controls.column')}
          <input value={rule.column} onChange={(e) => e.target.value && setRule({ by: 'column', column: e.target.value })} />
        </label>
      ) : (
        <>
          <label>
            {t('controls.midMarketFrom')}
            <input type="number" min={1} value={rule.midMarketFrom} onChange={(e) => setRule({ ...rule, midMarketFrom: Number(e.target.value) })} />
          </label>
          <label>
            {t('controls.enterpriseFrom')}
            <input type="number" min={1} value={rule.enterpriseFrom} onChange={(e) => setRule({ ...rule, enterpriseFrom: Number(e.target.value) })} />
          </label>
        </>
      )}
      <div className="filters">
        <span>{t('controls.filters')}</span>
        {settings.filters.map((filter, index) => (
          <span key={index} className="chip" data-testid="filter-chip">
            {filter.attribute} = {filter.values.join(', ')}
            <button type="button" aria-label="remove" onClick={() => update({ filters: settings.filters.filter((_, i) => i !== index) })}>
              ×
            </button>
          </span>
        ))}
        <FilterEditor onAdd={(filter) => update({ filters: [...settings.filters, filter] })} />
      </div>
      {loading && (
        <span className="muted" role="status" data-testid="analysis-loading">
          {t('states.loading')} {progress?.percent != null ? `${Math.round(progress.percent)}%` : ''}
        </span>
      )}
    </div>
  );
}
