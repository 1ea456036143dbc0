// 指标名称与一句话定义来自唯一的指标目录（shared/metricCatalog.ts）。
import { metricNamespace } from '../../../shared/metricCatalog.js';

export default {
  ...metricNamespace('zh-CN'),
  movements: {
    new: '新增',
    reactivation: '回流',
    expansion: '扩张',
    contraction: '收缩',
    churn: '流失',
  },
} as const;
