import { DEFAULT_SEGMENT_RULES, PERIODS, PRESETS, type AnalysisSettings, type Filter, type SegmentRule } from '../../../shared/metrics.js';
import { metricWords } from '../../../shared/metricCatalog.js';
import type { Engine } from '../../engine/engine.js';
import { isoDate, UsageError, type ImportFlags } from '../options.js';
import { writeJson } from '../output.js';
import { runImport } from './importFiles.js';

export interface AnalyzeFlags extends ImportFlags {
  period?: string;
  preset?: string;
  'segment-by'?: string;
  'segment-thresholds'?: string;
  from?: string;
  to?: string;
  filter?: string[];
  json?: string;
}

function segmentRule(by: string | undefined, thresholds: string | undefined): SegmentRule {
  const [mid, ent] = (thresholds ?? '').split(',').map((v) => Number(v.trim()));
  const custom = thresholds !== undefined;
  if (custom && !(mid! > 0 && ent! > mid!)) throw new UsageError('--segment-thresholds takes two increasing numbers: mid-market from, enterprise from (e.g. 100,1000).');
  if (by === undefined || by === 'employees') {
    return custom ? { by: 'employees', midMarketFrom: mid!, enterpriseFrom: ent! } : DEFAULT_SEGMENT_RULES.employees;
  }
  if (by === 'acv') return custom ? { by: 'acv', midMarketFrom: mid!, enterpriseFrom: ent! } : DEFAULT_SEGMENT_RULES.acv;
  if (by.startsWith('column:') && by.length > 'column:'.length) return { by: 'column', column: by.slice('column:'.length) };
  throw new UsageError(`--segment-by takes employees, acv or column:<name>, not "${by}".`);
}

function filters(values: string[] | undefined): Filter[] {
  return (values ?? []).map((entry) => {
    const match = /^([^=<>!]+)(=|!=|>=|<=)(.+)$/.exec(entry);
    if (!match) throw new UsageError(`--filter takes attribute=value (or !=, >=, <=; a,b for several), not "${entry}".`);
    const [, attribute, op, raw] = match as unknown as [string, string, string, string];
    const values = raw.split(',').map((v) => v.trim());
    const typed = op === '>=' || op === '<=' ? values.map(Number) : values;
    const kind = op === '=' ? (values.length > 1 ? 'in' : 'eq') : op === '!=' ? 'neq' : op === '>=' ? 'gte' : 'lte';
    return { attribute: attribute.trim(), op: kind, values: typed };
  });
}

export function analysisSettings(flags: AnalyzeFlags): Partial<AnalysisSettings> {
  const period = flags.period ?? 'month';
  if (!(PERIODS as readonly string[]).includes(period)) throw new UsageError(`--period takes ${PERIODS.join(', ')}, not "${period}".`);
  const preset = flags.preset ?? 'chartmogul';
  if (!(PRESETS as readonly string[]).includes(preset)) throw new UsageError(`--preset takes ${PRESETS.join(', ')}, not "${preset}".`);
  return {
    period: period as AnalysisSettings['period'],
    preset: preset as AnalysisSettings['preset'],
    asOf: isoDate('as-of', flags['as-of']),
    from: isoDate('from', flags.from),
    to: isoDate('to', flags.to),
    segmentRule: segmentRule(flags['segment-by'], flags['segment-thresholds']),
    filters: filters(flags.filter),
  };
}

const pct = (v: number | null | undefined) => (v === null || v === undefined ? '—' : `${(100 * v).toFixed(2)}%`);

/** The headline rates the summary prints, named as the catalog names them for a card. */
const HEADLINE_RATES = ['customer_churn_rate', 'gross_mrr_churn_rate', 'net_mrr_churn_rate', 'nrr'] as const;
const name = metricWords('en', 'short');

export async function analyzeCommand(engine: Engine, files: string[], flags: AnalyzeFlags) {
  const settings = analysisSettings(flags);
  if (files.length) {
    const imported = await runImport(engine, files, flags);
    if (!imported.ok) return imported;
  }
  const result = await engine.invoke('analysis.run', { settings });
  if (!result.ok) return result;
  if (flags.json) {
    writeJson(flags.json, result.value);
    return result;
  }
  const { headline, periods, settings: used } = result.value;
  const last = periods.at(-1);
  process.stdout.write(
    [
      `As of ${used.as_of.slice(0, 7)}, ${used.period}ly, preset ${used.preset}, ${periods.length} periods`,
      `Latest period ${last?.period}: MRR ${last?.mrr_end.toFixed(2)}, ${last?.customers_end} customers`,
      `${HEADLINE_RATES.map((key) => `${name[key]} ${pct(headline?.[key])}`).join(', ')} (pooled over the range)`,
      'Use --json <file|-> for every metric.',
      '',
    ].join('\n'),
  );
  return result;
}
