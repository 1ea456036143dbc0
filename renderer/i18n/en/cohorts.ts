// Strings of the cohorts screen (en).
export default {
  title: 'Cohorts',
  intro: 'Customers grouped by the {{period}} of their first active month, and how many of them (or how much of their revenue) remain over time.',
  periodWord: { month: 'month', quarter: 'quarter' },
  toggles: {
    measure: 'Measure',
    logo: 'Logo retention',
    revenue: 'Net revenue retention',
    unit: 'Show',
    percent: '%',
    counts: 'Counts',
    basis: 'Retained',
    inPeriod: 'In period k',
    orLater: 'In k or later',
  },
  unavailable: {
    revenueOrLater: 'Net revenue retention is reported in period k only.',
    countsOrLater: '“In k or later” is reported as a share of the cohort only.',
  },
  heatmap: {
    title: 'Retention by cohort',
    hint: 'Click a cell to list the customers behind it.',
    countsNote: 'The weighted average is a rate: switch to % to see it in the matrix. Colours show retention either way.',
    colorbar: 'Retention',
  },
  curves: {
    title: 'Retention curves',
    hint: 'One thin line per cohort; the thick line is the weighted average.',
  },
  table: {
    title: 'Cohort matrix',
    cohort: 'Cohort',
    size: 'Customers',
    startMrr: 'MRR at k = 0',
  },
  axis: {
    monthsSince: 'Months since the first month',
    quartersSince: 'Quarters since the first quarter',
    retention: 'Retention',
  },
  column: { month: 'Month {{k}}', quarter: 'Quarter {{k}}' },
  average: 'Weighted average',
  hover: {
    cell: 'Cohort {{cohort}} · k = {{k}}',
    value: 'Value',
    retention: 'Retention',
  },
  picker: {
    label: 'Customers behind a cell',
    cohort: 'Cohort',
    k: 'k',
    show: 'Show customers',
  },
  sql: { cells: 'Cells', average: 'Weighted average' },
  drillTitle: 'cohort {{cohort}}, k = {{k}}',
  empty: 'No cohorts for these settings.',
} as const;
