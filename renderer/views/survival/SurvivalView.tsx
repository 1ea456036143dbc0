// The survival screen: how long customers stay. Kaplan-Meier step curves with
// 95% bands per group and the number at risk under them, the log-rank result
// in one sentence, medians and survival at chosen times, the hazard by tenure
// and the per-time table — all the engine's answer to survival.run for the
// shared controls and this screen's options; nothing is estimated here.
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SURVIVAL_GROUPS, survivalVerdict, type SurvivalOptions, type SurvivalResult } from '../../../shared/survival.js';
import { newJobId } from '../../api/jobs.js';
import { Plot, type PlotClick } from '../../components/charts/Plot.js';
import { SqlModal } from '../../components/SqlButton.js';
import { formatNumber } from '../../components/format.js';
import { DataTable, type TableColumn } from '../../components/table/DataTable.js';
import { useAnalysis } from '../../state/analysis.js';
import { curvesFigure, hazardFigure, type CurvePoint } from './figures.js';
import { SurvivalDrill } from './SurvivalDrill.js';
import './survival.css';

type Row = Record<string, string | number | null>;
type State = { kind: 'loading' } | { kind: 'ready'; result: SurvivalResult } | { kind: 'error'; message: string };

const DEFAULT_TIMES = '12, 24, 36';

/** "12, 24, 36" → [12, 24, 36]; anything unreadable is dropped. */
function parseTimes(text: string): number[] {
  return text
    .split(/[,，\s]+/)
    .filter(Boolean)
    .map(Number)
    .filter((n) => Number.isFinite(n) && n >= 0)
    .slice(0, 20);
}

function GroupBy({ value, onChange }: { value: string | null; onChange: (value: string | null) => void }) {
  const { t } = useTranslation('survival');
  const builtIn = value === null || (SURVIVAL_GROUPS as readonly string[]).includes(value);
  const [attribute, setAttribute] = useState(builtIn ? '' : (value ?? ''));
  const [editing, setEditing] = useState(!builtIn);
  return (
    <>
      <label>
        {t('options.groupBy')}
        <select
          value={editing ? 'attribute' : (value ?? 'none')}
          onChange={(e) => {
            const next = e.target.value;
            setEditing(next === 'attribute');
            if (next === 'attribute') return;
            onChange(next === 'none' ? null : next);
          }}
          data-testid="survival-group-by"
        >
          <option value="none">{t('options.none')}</option>
          {SURVIVAL_GROUPS.map((g) => (
            <option key={g} value={g}>
              {t(`options.${g}`)}
            </option>
          ))}
          <option value="attribute">{t('options.attribute')}</option>
        </select>
      </label>
      {editing && (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (attribute.trim()) onChange(attribute.trim());
          }}
        >
          <input aria-label={t('options.attributeName')} placeholder="country" value={attribute} onChange={(e) => setAttribute(e.target.value)} data-testid="survival-attribute" />
        </form>
      )}
    </>
  );
}

export function SurvivalView() {
  const { t } = useTranslation('survival');
  const common = useTranslation().t;
  const { invoke, settings, workspaceKey } = useAnalysis();
  const [groupBy, setGroupBy] = useState<string | null>('segment');
  const [unit, setUnit] = useState<SurvivalOptions['unit']>('months');
  const [spells, setSpells] = useState<SurvivalOptions['spells']>('first');
  const [timesText, setTimesText] = useState(DEFAULT_TIMES);
  const [times, setTimes] = useState(() => parseTimes(DEFAULT_TIMES));
  const [state, setState] = useState<State>({ kind: 'loading' });
  const [point, setPoint] = useState<{ group: string; time: number; atRisk: number; events: number } | null>(null);
  const [showSql, setShowSql] = useState(false);

  const survival = useMemo<Partial<SurvivalOptions>>(() => ({ groupBy, unit, spells, times }), [groupBy, unit, spells, times]);

  // A newer request (other controls or options) cancels the one under way.
  useEffect(() => {
    const jobId = newJobId();
    let live = true;
    setState({ kind: 'loading' });
    setPoint(null);
    void invoke('survival.run', { settings, survival, jobId }).then((answer) => {
      if (!live) return;
      if (answer.ok) setState({ kind: 'ready', result: answer.value });
      else if (answer.error.code !== 'cancelled') setState({ kind: 'error', message: answer.error.message });
    });
    return () => {
      live = false;
      void invoke('jobs.cancel', { jobId });
    };
  }, [invoke, settings, survival, workspaceKey]);

  const result = state.kind === 'ready' ? state.result : null;
  const unitLabel = result ? t(`unit.${result.unit}`) : '';
  const curves = useMemo(() => (result ? curvesFigure(result, t, unitLabel) : null), [result, t, unitLabel]);
  const hazard = useMemo(() => (result ? hazardFigure(result, t, unitLabel) : null), [result, t, unitLabel]);

  function onCurveClick(click: PlotClick) {
    const custom = click.custom as CurvePoint | undefined;
    if (!Array.isArray(custom) || typeof custom[0] !== 'string' || typeof custom[1] !== 'number') return;
    const [group, time] = custom;
    // The curve's own counts at the point: the drill-down lists exactly these lifetimes (up to its limit).
    const curve = result?.groups.find((g) => g.group === group);
    if (!curve) return;
    const row = curve.curve.find((r) => r.time === time);
    setPoint({ group, time, atRisk: row?.n_risk ?? curve.n, events: row?.n_event ?? 0 });
  }

  return (
    <div className="survival-view" data-testid="survival-view" data-state={state.kind}>
      <header className="survival-header">
        <h2>{t('title')}</h2>
        <p className="muted">{t('intro')}</p>
      </header>
      <div className="survival-options">
        <GroupBy value={groupBy} onChange={setGroupBy} />
        <label>
          {t('options.unit')}
          <select value={unit} onChange={(e) => setUnit(e.target.value as SurvivalOptions['unit'])} data-testid="survival-unit">
            <option value="months">{t('options.months')}</option>
            <option value="days">{t('options.days')}</option>
          </select>
        </label>
        <label>
          {t('options.spells')}
          <select value={spells} onChange={(e) => setSpells(e.target.value as SurvivalOptions['spells'])} data-testid="survival-spells">
            <option value="first">{t('options.first')}</option>
            <option value="every">{t('options.every')}</option>
          </select>
        </label>
        <form
          onSubmit={(event) => {
            event.preventDefault();
            setTimes(parseTimes(timesText));
          }}
        >
          <label>
            {t('options.times')}
            <input value={timesText} onChange={(e) => setTimesText(e.target.value)} onBlur={() => setTimes(parseTimes(timesText))} size={12} data-testid="survival-times" />
          </label>
        </form>
        {state.kind === 'loading' && (
          <span className="muted" role="status">
            {t('loading')}
          </span>
        )}
      </div>
      {state.kind === 'error' && (
        <div className="error" role="alert">
          {state.message}
        </div>
      )}
      {result && result.groups.length === 0 && (
        <div className="empty">
          <p>{t('empty')}</p>
        </div>
      )}
      {result && result.groups.length > 0 && curves && hazard && (
        <>
          <Verdict result={result} />
          <section className="panel" aria-labelledby="survival-curves-title">
            <h3>
              <span id="survival-curves-title">{t('curves.title')}</span>
              <button type="button" className="link-button" onClick={() => setShowSql(true)} data-testid="sql-survival">
                {common('actions.showSql')}
              </button>
            </h3>
            <p className="muted survival-hint">{t('curves.hint')}</p>
            <Plot data={curves.data} layout={curves.layout} height={curves.height} onClick={onCurveClick} name="survival-curves" testId="survival-curves" />
            {result.excluded.length > 0 && (
              <p className="muted survival-hint" data-testid="survival-excluded">
                {t('excluded', { items: result.excluded.map((e) => `${formatNumber(e.count)} × ${e.reason}`).join('; ') })}
              </p>
            )}
          </section>
          <SummaryTable result={result} />
          <section className="panel" aria-labelledby="survival-hazard-title">
            <h3>
              <span id="survival-hazard-title">{t('hazard.title')}</span>
            </h3>
            <p className="muted survival-hint">{t('hazard.hint')}</p>
            <Plot data={hazard.data} layout={hazard.layout} height={340} name="survival-hazard" testId="survival-hazard" />
            <details>
              <summary>{t('hazard.table')}</summary>
              <HazardTable result={result} />
            </details>
          </section>
          <section className="panel">
            <details>
              <summary>{t('table.title')}</summary>
              <CurveTable result={result} />
            </details>
          </section>
        </>
      )}
      {showSql && result && <SqlModal sql={result.sql} onClose={() => setShowSql(false)} />}
      {point && result && (
        <SurvivalDrill
          key={`${point.group}@${point.time}`}
          settings={settings}
          survival={survival}
          point={point}
          title={t('drill.title', { group: point.group, time: formatNumber(point.time, Number.isInteger(point.time) ? 0 : 2), unit: unitLabel })}
          onClose={() => setPoint(null)}
        />
      )}
    </div>
  );
}

function Verdict({ result }: { result: SurvivalResult }) {
  const { t } = useTranslation('survival');
  const verdict = survivalVerdict(result.log_rank);
  const test = result.log_rank;
  const sentence =
    verdict.kind === 'no_test'
      ? t('verdict.noTest')
      : t(verdict.kind === 'significant' ? 'verdict.significant' : 'verdict.notSignificant', { longest: verdict.longest, shortest: verdict.shortest, p: verdict.p });
  return (
    <section className="panel survival-verdict" data-testid="survival-verdict">
      <p className="survival-sentence" data-testid="survival-sentence">
        {sentence}
      </p>
      {test && test.df > 0 && (
        <p className="muted" data-testid="survival-test">
          {t('verdict.detail', { chisq: formatNumber(test.chisq, 2), df: test.df, pText: test.p_text })}
        </p>
      )}
    </section>
  );
}

function SummaryTable({ result }: { result: SurvivalResult }) {
  const { t } = useTranslation('survival');
  const { invoke } = useAnalysis();
  const unit = t(`unit.${result.unit}`);
  const times = result.groups[0]?.at.map((a) => a.time) ?? [];
  const horizon = result.groups.find((g) => g.rmst)?.rmst?.horizon ?? null;
  const columns: TableColumn<Row>[] = [
    { key: 'group', label: t('summary.group') },
    { key: 'n', label: t('summary.n'), format: 'integer' },
    { key: 'events', label: t('summary.events'), format: 'integer' },
    { key: 'censored', label: t('summary.censored'), format: 'integer' },
    { key: 'median', label: t('summary.median', { unit }), format: 'number' },
    { key: 'median_lower', label: t('summary.medianLower'), format: 'number' },
    { key: 'median_upper', label: t('summary.medianUpper'), format: 'number' },
    ...times.flatMap((time) => [
      { key: `at_${time}`, label: t('summary.at', { time }), format: 'percent' as const },
      { key: `at_${time}_lower`, label: t('summary.atLower', { time }), format: 'percent' as const },
      { key: `at_${time}_upper`, label: t('summary.atUpper', { time }), format: 'percent' as const },
    ]),
    ...(horizon === null ? [] : [{ key: 'rmst', label: t('summary.rmst', { unit, horizon: formatNumber(horizon, Number.isInteger(horizon) ? 0 : 1) }), format: 'number' as const }]),
    ...(result.log_rank
      ? [
          { key: 'observed', label: t('summary.observed'), format: 'integer' as const },
          { key: 'expected', label: t('summary.expected'), format: 'number' as const },
        ]
      : []),
  ];
  const notReached = t('summary.notReached');
  const rows: Row[] = result.groups.map((g) => {
    const test = result.log_rank?.groups.find((x) => x.group === g.group);
    return {
      group: g.group,
      n: g.n,
      events: g.events,
      censored: g.censored,
      median: g.median.estimate ?? notReached,
      median_lower: g.median.lower ?? notReached,
      median_upper: g.median.upper ?? notReached,
      ...Object.fromEntries(g.at.flatMap((a) => [[`at_${a.time}`, a.surv], [`at_${a.time}_lower`, a.lower], [`at_${a.time}_upper`, a.upper]])),
      rmst: g.rmst?.estimate ?? null,
      observed: test?.observed ?? null,
      expected: test?.expected ?? null,
    };
  });
  return (
    <section className="panel" aria-labelledby="survival-summary-title">
      <h3>
        <span id="survival-summary-title">{t('summary.title')}</span>
      </h3>
      <DataTable name="survival-summary" columns={columns} rows={rows} invoke={invoke} testId="survival-summary" />
    </section>
  );
}

function HazardTable({ result }: { result: SurvivalResult }) {
  const { t } = useTranslation('survival');
  const { invoke } = useAnalysis();
  const columns: TableColumn<Row>[] = [
    { key: 'group', label: t('summary.group') },
    { key: 'interval', label: t('hazard.interval'), format: 'integer' },
    { key: 'from', label: t('hazard.from'), format: 'number' },
    { key: 'to', label: t('hazard.to'), format: 'number' },
    { key: 'at_risk', label: t('hazard.atRisk'), format: 'integer' },
    { key: 'events', label: t('hazard.events'), format: 'integer' },
    { key: 'hazard', label: t('hazard.share'), format: 'percent' },
  ];
  const rows: Row[] = result.groups.flatMap((g) => g.hazard.map((h) => ({ group: g.group, ...h })));
  return <DataTable name="survival-hazard" columns={columns} rows={rows} invoke={invoke} testId="survival-hazard-table" />;
}

function CurveTable({ result }: { result: SurvivalResult }) {
  const { t } = useTranslation('survival');
  const { invoke } = useAnalysis();
  const columns: TableColumn<Row>[] = [
    { key: 'group', label: t('summary.group') },
    { key: 'time', label: t('table.time'), format: 'number' },
    { key: 'n_risk', label: t('table.atRisk'), format: 'integer' },
    { key: 'n_event', label: t('table.events'), format: 'integer' },
    { key: 'n_censor', label: t('table.censored'), format: 'integer' },
    { key: 'surv', label: t('table.surv'), format: 'percent' },
    { key: 'std_err', label: t('table.stdErr'), format: 'number' },
    { key: 'lower', label: t('table.lower'), format: 'percent' },
    { key: 'upper', label: t('table.upper'), format: 'percent' },
  ];
  const rows: Row[] = result.groups.flatMap((g) => g.curve.map((r) => ({ group: g.group, ...r })));
  return <DataTable name="survival-curves" columns={columns} rows={rows} invoke={invoke} testId="survival-curve-table" />;
}
