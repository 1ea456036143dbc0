// 指标名称与一句话定义（完整定义见 docs/METRICS.md）。
export default {
  mrr: { name: 'MRR（月度经常性收入）', definition: '期末最后一天生效的月度经常性收入。' },
  customers: { name: '付费客户数', definition: '期末有 MRR 的客户数。' },
  customer_churn_rate: { name: '客户流失率', definition: '本期流失客户数 ÷ 期初客户数（分母与计入范围取决于计算口径）。' },
  customer_retention_rate: { name: '客户留存率', definition: '（期末客户数 − 新客户数）÷ 期初客户数。' },
  customer_acquisition_rate: { name: '客户获取率', definition: '新客户数 ÷ 期初客户数。' },
  gross_mrr_churn_rate: { name: '总 MRR 流失率', definition: '（流失 MRR + 收缩 MRR）÷ 期初 MRR。' },
  net_mrr_churn_rate: { name: '净 MRR 流失率', definition: '（流失 + 收缩 − 扩张 − 回流 MRR）÷ 期初 MRR；为负表示扩张超过损失。' },
  nrr: { name: '净收入留存率（NRR）', definition: '1 − 净 MRR 流失率。' },
  grr: { name: '总收入留存率（GRR）', definition: '1 − 总 MRR 流失率（不超过 100%）。' },
  quick_ratio: { name: '快速比率', definition: '（新增 + 扩张 + 回流 MRR）÷（收缩 + 流失 MRR）。' },
  arpa: { name: 'ARPA（每客户平均收入）', definition: 'MRR ÷ 期末付费客户数。' },
  ltv: { name: '客户终身价值（LTV）', definition: 'ARPA × 毛利率 ÷ 月客户流失率。' },
  movements: {
    new: '新增',
    reactivation: '回流',
    expansion: '扩张',
    contraction: '收缩',
    churn: '流失',
  },
} as const;
