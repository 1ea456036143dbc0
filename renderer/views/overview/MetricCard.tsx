// One headline card: the latest period's value, its change against the
// previous period, its trend, and its definition on hover. A card with
// customers behind it opens them on click (a trend point: that period's).
import { useMemo, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Headline, PeriodRow } from '../../../shared/analysis.js';
import { formatChange, formatValue, valueOf, type CardSpec } from './cards.js';
import { Sparkline } from './Sparkline.js';

export function MetricCard({ spec, periods, headline, currency, onDrill }: {
  spec: CardSpec;
  periods: PeriodRow[];
  headline: Headline | null;
  currency: string | null;
  onDrill?: (period: string) => void;
}) {
  const { t, i18n } = useTranslation(['overview', 'metrics']);
  const last = periods.at(-1);
  const previous = periods.at(-2);
  const value = valueOf(last, spec.field);
  const before = valueOf(previous, spec.field);
  const name = t(`metrics:${spec.metric}.name`);
  const definition = t(`metrics:${spec.metric}.definition`);

  const trend = useMemo(() => {
    const values = periods.map((row) => valueOf(row, spec.field));
    return { periods: periods.map((row) => row.period), values, labels: values.map((v) => formatValue(v, spec.format, currency)) };
    // The labels follow the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [periods, spec, currency, i18n.language]);

  let change = null;
  if (value !== null && before !== null && previous) {
    const delta = value - before;
    const tone = delta === 0 ? 'flat' : (delta > 0) === (spec.better === 'up') ? 'good' : 'bad';
    change = (
      <span className={`ov-change ${tone}`} data-testid={`card-change-${spec.metric}`}>
        {delta > 0 ? '▲' : delta < 0 ? '▼' : '■'} {formatChange(delta, spec.format, currency, (v) => t('card.pp', { value: v }))}
      </span>
    );
  }
  const pooled = spec.headline && headline ? headline[spec.headline] : null;
  const drill = onDrill && last ? () => onDrill(last.period) : undefined;
  const onKey = (event: KeyboardEvent) => {
    if (drill && (event.key === 'Enter' || event.key === ' ')) {
      event.preventDefault();
      drill();
    }
  };

  return (
    <div
      className={`ov-card${drill ? ' drillable' : ''}`}
      title={drill ? `${definition}\n\n${t('card.drillHint')}` : definition}
      data-testid={`card-${spec.metric}`}
      role={drill ? 'button' : undefined}
      tabIndex={drill ? 0 : undefined}
      onClick={drill}
      onKeyDown={drill ? onKey : undefined}
    >
      <div className="ov-card-name">
        <span>{name}</span>
        <span className="ov-info" aria-hidden="true">ⓘ</span>
      </div>
      <div className="ov-card-value" data-testid={`card-value-${spec.metric}`}>{formatValue(value, spec.format, currency)}</div>
      <div className="ov-card-change">
        {change ?? <span className="ov-change flat">—</span>}
        <span className="muted">{previous ? t('card.vs', { period: previous.period }) : t('card.noPrevious')}</span>
      </div>
      {/* A click on the trend picks its period, not the card's latest one. */}
      <div onClick={(event) => event.stopPropagation()} title={t('card.trend', { metric: name })}>
        <Sparkline periods={trend.periods} values={trend.values} labels={trend.labels} name={`${spec.metric}-trend`} onPeriod={onDrill} />
      </div>
      {pooled !== null && pooled !== undefined && (
        <div className="ov-card-range muted">{t('card.range', { value: formatValue(pooled as number, spec.format, currency) })}</div>
      )}
    </div>
  );
}
