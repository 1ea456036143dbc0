// Strings of the Data screen (en): one table's counts and columns.
export default {
  table: 'Table {{name}}',
  rows: '{{rows}} rows',
  columns: '{{columns}} columns',
  columnsAndTypes: 'Columns and types',
} as const;
