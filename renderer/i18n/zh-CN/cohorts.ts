// 同期群界面的简体中文文案。
export default {
  title: '同期群分析',
  intro: '按首个活跃{{period}}对客户分组，观察其中有多少客户（或多少收入）随时间留存下来。',
  periodWord: { month: '月', quarter: '季度' },
  toggles: {
    measure: '指标',
    logo: '客户留存率',
    revenue: '净收入留存率',
    unit: '显示',
    percent: '%',
    counts: '数量',
    basis: '留存口径',
    inPeriod: '第 k 期活跃',
    orLater: '第 k 期及以后活跃',
  },
  unavailable: {
    revenueOrLater: '净收入留存率仅按第 k 期计算。',
    countsOrLater: '“第 k 期及以后活跃”仅以占同期群的比例给出。',
  },
  heatmap: {
    title: '各同期群留存',
    hint: '点击任一单元格，查看其对应的客户。',
    countsNote: '加权平均是比率：切换到 % 可在矩阵中查看。两种模式下颜色均表示留存率。',
    colorbar: '留存率',
  },
  curves: {
    title: '留存曲线',
    hint: '每条细线代表一个同期群；粗线为加权平均。',
  },
  table: {
    title: '同期群矩阵',
    cohort: '同期群',
    size: '客户数',
    startMrr: '第 0 期 MRR',
  },
  axis: {
    monthsSince: '距首月的月数',
    quartersSince: '距首季度的季度数',
    retention: '留存率',
  },
  column: { month: '第 {{k}} 月', quarter: '第 {{k}} 季度' },
  average: '加权平均',
  hover: {
    cell: '同期群 {{cohort}} · k = {{k}}',
    value: '数值',
    retention: '留存率',
  },
  picker: {
    label: '查看单元格对应的客户',
    cohort: '同期群',
    k: 'k',
    show: '查看客户',
  },
  sql: { cells: '单元格', average: '加权平均' },
  drillTitle: '同期群 {{cohort}}，k = {{k}}',
  empty: '当前设置下没有同期群。',
} as const;
