// One catalog of the metrics: key, unit, which way is better, and in each
// language the name a table column shows, the short name a card shows, the
// long name a headline shows and the one-line definition. The cards, the
// tables, the report (HTML, PDF, XLSX, CSV headers) and the screens read their
// words from here; docs/METRICS.md holds the full definitions.

export type MetricUnit = 'money' | 'count' | 'rate' | 'retention' | 'ratio';
export type MetricLanguage = 'en' | 'zh-CN';

interface MetricText {
  /** Column headers of tables and exports. */
  label: string;
  /** Cards and charts, where room is short. */
  short: string;
  /** Headline figures, where the name stands alone. */
  long: string;
  /** One line; docs/METRICS.md says it in full. */
  definition: string;
}

interface MetricEntry {
  unit: MetricUnit;
  /** Whether a rise is good news; null where it depends. */
  better: 'up' | 'down' | null;
  text: Record<MetricLanguage, MetricText>;
}

const text = (label: string, definition: string, short = label, long = label): MetricText => ({ label, short, long, definition });

export const METRIC_CATALOG = {
  mrr: {
    unit: 'money',
    better: 'up',
    text: {
      en: text('MRR', 'Monthly recurring revenue in force on the last day of the period.'),
      'zh-CN': text('MRR', '期末最后一天生效的月度经常性收入。', 'MRR（月度经常性收入）'),
    },
  },
  customers: {
    unit: 'count',
    better: 'up',
    text: {
      en: text('Customers', 'Customers with MRR at the end of the period.', 'Paying customers'),
      'zh-CN': text('客户数', '期末有 MRR 的客户数。', '付费客户数'),
    },
  },
  customer_churn_rate: {
    unit: 'rate',
    better: 'down',
    text: {
      en: text('Customer churn rate', 'Customers lost in the period ÷ customers at its start (the denominator and who counts depend on the method).', 'Customer churn'),
      'zh-CN': text('客户流失率', '本期流失客户数 ÷ 期初客户数（分母与计入范围取决于计算口径）。'),
    },
  },
  customer_retention_rate: {
    unit: 'rate',
    better: 'up',
    text: {
      en: text('Customer retention rate', '(Customers at end − new customers) ÷ customers at start.', 'Customer retention'),
      'zh-CN': text('客户留存率', '（期末客户数 − 新客户数）÷ 期初客户数。'),
    },
  },
  customer_acquisition_rate: {
    unit: 'rate',
    better: 'up',
    text: {
      en: text('Customer acquisition rate', 'New customers ÷ customers at the start of the period.', 'Acquisition'),
      'zh-CN': text('客户获取率', '新客户数 ÷ 期初客户数。'),
    },
  },
  gross_mrr_churn_rate: {
    unit: 'rate',
    better: 'down',
    text: {
      en: text('Gross MRR churn rate', '(Churned MRR + contraction) ÷ MRR at the start of the period.', 'Gross MRR churn'),
      'zh-CN': text('总 MRR 流失率', '（流失 MRR + 收缩 MRR）÷ 期初 MRR。'),
    },
  },
  net_mrr_churn_rate: {
    unit: 'rate',
    better: 'down',
    text: {
      en: text('Net MRR churn rate', '(Churned + contraction − expansion − reactivation MRR) ÷ MRR at start; negative means expansion outgrew losses.', 'Net MRR churn'),
      'zh-CN': text('净 MRR 流失率', '（流失 + 收缩 − 扩张 − 回流 MRR）÷ 期初 MRR；为负表示扩张超过损失。'),
    },
  },
  nrr: {
    unit: 'retention',
    better: 'up',
    text: {
      en: text('NRR', 'Net revenue retention: 1 − net MRR churn.', 'NRR', 'Net revenue retention'),
      'zh-CN': text('NRR', '1 − 净 MRR 流失率。', '净收入留存率（NRR）', '净收入留存率'),
    },
  },
  grr: {
    unit: 'retention',
    better: 'up',
    text: {
      en: text('GRR', 'Gross revenue retention: 1 − gross MRR churn (never above 100%).', 'GRR', 'Gross revenue retention'),
      'zh-CN': text('GRR', '1 − 总 MRR 流失率（不超过 100%）。', '总收入留存率（GRR）', '总收入留存率'),
    },
  },
  quick_ratio: {
    unit: 'ratio',
    better: 'up',
    text: {
      en: text('Quick ratio', '(New + expansion + reactivation MRR) ÷ (contraction + churned MRR).'),
      'zh-CN': text('快速比率', '（新增 + 扩张 + 回流 MRR）÷（收缩 + 流失 MRR）。'),
    },
  },
  arpa: {
    unit: 'money',
    better: 'up',
    text: {
      en: text('ARPA', 'MRR ÷ paying customers at the end of the period.'),
      'zh-CN': text('ARPA', 'MRR ÷ 期末付费客户数。', 'ARPA（每客户平均收入）'),
    },
  },
  annualized_customer_churn_rate: {
    unit: 'rate',
    better: 'down',
    text: {
      en: text('Annualised customer churn', '1 − (1 − the period’s customer churn rate) raised to the periods in a year.'),
      'zh-CN': text('年化客户流失率', '1 − (1 − 本期客户流失率) 的（一年所含期间数）次方。'),
    },
  },
  ltv: {
    unit: 'money',
    better: 'up',
    text: {
      en: text('LTV', 'ARPA × gross margin ÷ monthly customer churn.'),
      'zh-CN': text('LTV', 'ARPA × 毛利率 ÷ 月客户流失率。', '客户终身价值（LTV）'),
    },
  },
  ltv_trailing_6m: {
    unit: 'money',
    better: 'up',
    text: {
      en: text('LTV (6-month trailing churn)', 'ARPA × gross margin ÷ the average monthly customer churn of the last six months.'),
      'zh-CN': text('LTV（6 个月滚动流失率）', 'ARPA × 毛利率 ÷ 最近六个月的平均月客户流失率。'),
    },
  },
} as const satisfies Record<string, MetricEntry>;

export type CatalogMetric = keyof typeof METRIC_CATALOG;
export const CATALOG_METRICS = Object.keys(METRIC_CATALOG) as CatalogMetric[];

/** One kind of name (or the definition) of every metric in a language, keyed by metric. */
export function metricWords(language: MetricLanguage, kind: keyof MetricText): Record<CatalogMetric, string> {
  return Object.fromEntries(CATALOG_METRICS.map((key) => [key, METRIC_CATALOG[key].text[language][kind]])) as Record<CatalogMetric, string>;
}

/** Name and definition of every metric, as the screens' `metrics` namespace reads them (`metrics:nrr.name`). */
export function metricNamespace(language: MetricLanguage): Record<CatalogMetric, { name: string; definition: string }> {
  return Object.fromEntries(
    CATALOG_METRICS.map((key) => [key, { name: METRIC_CATALOG[key].text[language].short, definition: METRIC_CATALOG[key].text[language].definition }]),
  ) as Record<CatalogMetric, { name: string; definition: string }>;
}
