// The Segments screen: SMB, mid-market and enterprise side by side — annual
// churn against its benchmark band, churn over time, MRR mix and share of
// churned MRR, movements per segment, the engine's segment table — and the
// segment rule, editable in place. Points and bars list their customers.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SegmentRow } from '../../../shared/analysis.js';
import type { Drill } from '../../../shared/metrics.js';
import { DrillPanel } from '../../components/DrillPanel.js';
import { SqlButton } from '../../components/SqlButton.js';
import { DataTable, type TableColumn } from '../../components/table/DataTable.js';
import { useAnalysis } from '../../state/analysis.js';
import { segmentLabel } from '../customer/labels.js';
import { BenchmarkChart } from './BenchmarkChart.js';
import { ChurnedMrrShare, MrrMix } from './SegmentMix.js';
import { SegmentMovements } from './SegmentMovements.js';
import { SegmentRuleEditor } from './SegmentRuleEditor.js';
import { SegmentTrend } from './SegmentTrend.js';
import '../customers/customers.css';
import './segments.css';

type TableRow = Omit<SegmentRow, 'periods'> & { label: string };

function SegmentTable({ segments, currency }: { segments: SegmentRow[]; currency: string | null }) {
  const { t } = useTranslation('segments');
  const { invoke } = useAnalysis();
  const rows = useMemo<TableRow[]>(() => segments.map(({ periods: _periods, ...s }) => ({ ...s, label: segmentLabel(t, s.segment) })), [segments, t]);
  const column = (key: keyof TableRow & string, format: TableColumn<TableRow>['format']): TableColumn<TableRow> => ({
    key,
    label: t(`table.${key}.name`),
    title: t(`table.${key}.definition`),
    format,
  });
  const columns = [
    column('label', 'text'),
    column('customers_total', 'integer'),
    column('customers_churned_total', 'integer'),
    column('churned_share', 'percent'),
    column('mean_mrr', 'money'),
    column('churned_mrr_total', 'money'),
    column('churned_mrr_share', 'percent'),
    column('monthly_customer_churn_rate', 'percent'),
    column('annualized_customer_churn_rate', 'percent'),
    column('benchmark_low', 'percent'),
    column('benchmark_high', 'percent'),
  ];
  return <DataTable name="segments" columns={columns} rows={rows} invoke={invoke} currency={currency} testId="table-segments" />;
}

export function SegmentsView() {
  const { t } = useTranslation('segments');
  const { result, settings } = useAnalysis();
  const [drill, setDrill] = useState<{ drill: Drill; title: string } | null>(null);
  if (!result) return null;
  const currency = result.settings.reporting_currency;
  const segments = result.segments;
  const onDrill = (d: Drill, title: string) => setDrill({ drill: d, title });

  return (
    <div className="segments-view">
      <h2>{t('title')}</h2>
      <section className="panel" data-testid="segments-rule">
        <h3>{t('rule.title')}</h3>
        <SegmentRuleEditor key={JSON.stringify(settings.segmentRule)} currency={currency} />
      </section>
      {segments.length === 0 ? (
        <p className="muted">{t('none')}</p>
      ) : (
        <>
          <div className="customers-pair">
            <section className="panel" data-testid="segments-benchmarks">
              <h3>
                {t('benchmark.title')} <SqlButton query="segments" />
              </h3>
              <p className="muted hint">{t('benchmark.hint')}</p>
              <BenchmarkChart segments={segments} />
            </section>
            <section className="panel" data-testid="segments-trend">
              <h3>
                {t('trend.title')} <SqlButton query="segment_periods" />
              </h3>
              <p className="muted hint">{t('trend.hint')}</p>
              <SegmentTrend segments={segments} onDrill={onDrill} />
            </section>
          </div>
          <div className="segments-mix">
            <section className="panel" data-testid="segments-mix">
              <h3>{t('mix.title')}</h3>
              <p className="muted hint">{t('mix.hint')}</p>
              <MrrMix segments={segments} currency={currency} onDrill={onDrill} />
            </section>
            <section className="panel" data-testid="segments-share">
              <h3>{t('share.title')}</h3>
              <p className="muted hint">{t('share.hint')}</p>
              <ChurnedMrrShare segments={segments} currency={currency} />
            </section>
          </div>
          <section className="panel" data-testid="segments-movements">
            <h3>{t('movements.title')}</h3>
            <p className="muted hint">{t('movements.hint')}</p>
            <SegmentMovements segments={segments} currency={currency} onDrill={onDrill} />
          </section>
          <section className="panel" data-testid="segments-table">
            <h3>
              {t('table.title')} <SqlButton query="segments" />
            </h3>
            <SegmentTable segments={segments} currency={currency} />
          </section>
        </>
      )}
      {drill && <DrillPanel drill={drill.drill} title={drill.title} onClose={() => setDrill(null)} />}
    </div>
  );
}
