// Metric names and one-line definitions come from the one catalog (shared/metricCatalog.ts).
import { metricNamespace } from '../../../shared/metricCatalog.js';

export default {
  ...metricNamespace('en'),
  movements: {
    new: 'New',
    reactivation: 'Reactivation',
    expansion: 'Expansion',
    contraction: 'Contraction',
    churn: 'Churn',
  },
} as const;
