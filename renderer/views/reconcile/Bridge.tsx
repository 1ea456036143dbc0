// A month's bridge from their MRR to ours: theirs, each setting's explained
// amount, the unexplained and the within-tolerance parts, ours — the steps of
// shared/reconcile.ts bridgeSteps over the engine's figures (nothing summed
// here but the running total the chart draws). Each bar opens the customers
// behind it.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Data, Layout } from 'plotly.js-dist-min';
import { bridgeSteps, type ReconcileMonth, type ReconcilePart, type ReconcileRule } from '../../../shared/reconcile.js';
import { Plot, type PlotClick } from '../../components/charts/Plot.js';
import { formatMoney } from '../../components/format.js';
import { useWording } from './wording.js';

export interface BridgeTarget {
  part: ReconcilePart;
  rule?: string;
}

const COLORS = { total: '#7f8aa3', rule: '#4f7fe0', unexplained: '#d9534f', within: '#b0b7c6' };

/** onPart: a bar was clicked (none for a reference of month totals, which has no customers behind its bars). */
export function Bridge({ month, rules, currency, onPart }: { month: ReconcileMonth; rules: ReconcileRule[]; currency: string | null; onPart?: (target: BridgeTarget) => void }) {
  const { t, i18n } = useTranslation('reconcile');
  const { label: ruleLabel } = useWording();
  const { data, layout } = useMemo(() => {
    const steps = bridgeSteps(month);
    const label = (step: (typeof steps)[number]) => {
      switch (step.kind) {
        case 'theirs':
          return t('bridge.theirs');
        case 'ours':
          return t('bridge.ours');
        case 'unexplained':
          return t('bridge.unexplained');
        case 'within_tolerance':
          return t('bridge.withinTolerance');
        default:
          return ruleLabel(rules.find((r) => r.id === step.step), step.step);
      }
    };
    const money = (v: number) => formatMoney(v, currency, 2).replace(/^-/, '−');
    const labels = steps.map(label);
    const text = steps.map((s) => (s.kind === 'theirs' || s.kind === 'ours' ? money(s.amount) : (s.amount > 0 ? '+' : '') + money(s.amount)));
    const trace = {
      type: 'waterfall',
      name: t('bridge.title'),
      x: labels,
      y: steps.map((s) => s.amount),
      measure: steps.map((s) => (s.kind === 'theirs' || s.kind === 'ours' ? 'absolute' : 'relative')),
      customdata: steps.map((s) => [s.kind, s.step]),
      text,
      textposition: 'outside',
      cliponaxis: false,
      hovertext: labels.map((l, i) => `${l} · ${month.month}<br>${text[i]}`),
      hovertemplate: '%{hovertext}<extra></extra>',
      increasing: { marker: { color: COLORS.rule } },
      decreasing: { marker: { color: COLORS.rule } },
      totals: { marker: { color: COLORS.total } },
      connector: { line: { color: COLORS.total, width: 1, dash: 'dot' } },
    } as unknown as Data;
    // The unexplained and within-tolerance bars in their own colours (Plotly colours waterfall bars by direction only).
    const colored = { ...trace, marker: { color: steps.map((s) => (s.kind === 'unexplained' ? COLORS.unexplained : s.kind === 'within_tolerance' ? COLORS.within : s.kind === 'rule' ? COLORS.rule : COLORS.total)) } } as Data;
    const low = Math.min(...steps.map((s) => s.runningTotal));
    const high = Math.max(...steps.map((s) => s.runningTotal));
    const pad = Math.max((high - low) * 0.6, Math.abs(high) * 0.01, 1);
    const layout: Partial<Layout> = {
      showlegend: false,
      hovermode: 'closest',
      xaxis: { type: 'category', automargin: true },
      yaxis: { title: { text: currency ? `${t('bridge.axis')} (${currency})` : t('bridge.axis') }, range: [Math.max(0, low - pad), high + pad], tickformat: '~s', automargin: true },
      margin: { l: 70, r: 20, t: 20, b: 60 },
    };
    return { data: [colored], layout };
    // The labels follow the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [month, rules, currency, i18n.language, ruleLabel]);

  function onClick(click: PlotClick) {
    const custom = click.custom;
    if (!onPart || !Array.isArray(custom)) return;
    const [kind, step] = custom as [string, string];
    if (kind === 'rule') onPart({ part: 'explained', rule: step });
    else if (kind === 'unexplained') onPart({ part: 'unexplained' });
    else if (kind === 'within_tolerance') onPart({ part: 'within_tolerance' });
    else onPart({ part: 'all' });
  }

  return <Plot data={data} layout={layout} height={380} onClick={onClick} name={`reconcile-bridge-${month.month}`} testId="reconcile-bridge" />;
}
