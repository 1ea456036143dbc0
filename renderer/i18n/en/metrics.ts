// Metric names and one-line definitions (docs/METRICS.md says it in full).
export default {
  mrr: { name: 'MRR', definition: 'Monthly recurring revenue in force on the last day of the period.' },
  customers: { name: 'Paying customers', definition: 'Customers with MRR at the end of the period.' },
  customer_churn_rate: { name: 'Customer churn', definition: 'Customers lost in the period ÷ customers at its start (the denominator and who counts depend on the method).' },
  customer_retention_rate: { name: 'Customer retention', definition: '(Customers at end − new customers) ÷ customers at start.' },
  customer_acquisition_rate: { name: 'Acquisition', definition: 'New customers ÷ customers at the start of the period.' },
  gross_mrr_churn_rate: { name: 'Gross MRR churn', definition: '(Churned MRR + contraction) ÷ MRR at the start of the period.' },
  net_mrr_churn_rate: { name: 'Net MRR churn', definition: '(Churned + contraction − expansion − reactivation MRR) ÷ MRR at start; negative means expansion outgrew losses.' },
  nrr: { name: 'NRR', definition: 'Net revenue retention: 1 − net MRR churn.' },
  grr: { name: 'GRR', definition: 'Gross revenue retention: 1 − gross MRR churn (never above 100%).' },
  quick_ratio: { name: 'Quick ratio', definition: '(New + expansion + reactivation MRR) ÷ (contraction + churned MRR).' },
  arpa: { name: 'ARPA', definition: 'MRR ÷ paying customers at the end of the period.' },
  ltv: { name: 'LTV', definition: 'ARPA × gross margin ÷ monthly customer churn.' },
  movements: {
    new: 'New',
    reactivation: 'Reactivation',
    expansion: 'Expansion',
    contraction: 'Contraction',
    churn: 'Churn',
  },
} as const;
