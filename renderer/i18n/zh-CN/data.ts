// 数据表界面的简体中文文案：单张表的行数与字段。
export default {
  table: '数据表 {{name}}',
  rows: '{{rows}} 行',
  columns: '{{columns}} 列',
  columnsAndTypes: '字段与类型',
} as const;
