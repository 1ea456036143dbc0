// Tables as an XLSX workbook (exceljs): one sheet per table, numbers stored as
// numbers with number formats, the header row frozen.
import { excel } from '../runtime/lazy.js';

export type ColumnFormat = 'text' | 'integer' | 'money' | 'percent' | 'number';

export interface SheetTable {
  name: string;
  columns: { name: string; format: ColumnFormat }[];
  rows: (string | number | null)[][];
}

const NUMBER_FORMATS: Record<ColumnFormat, string | undefined> = {
  text: undefined,
  integer: '#,##0',
  money: '#,##0.00',
  percent: '0.00%',
  number: '#,##0.####',
};

export async function tablesToXlsx(sheets: SheetTable[]): Promise<Uint8Array> {
  const workbook = new (excel().Workbook)();
  workbook.creator = 'Churn Workbench';
  for (const table of sheets) {
    const sheet = workbook.addWorksheet(table.name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31), {
      views: [{ state: 'frozen', ySplit: 1 }],
    });
    sheet.columns = table.columns.map((column) => ({
      header: column.name,
      key: column.name,
      width: Math.min(40, Math.max(10, column.name.length + 2)),
      ...(NUMBER_FORMATS[column.format] ? { style: { numFmt: NUMBER_FORMATS[column.format] } } : {}),
    }));
    sheet.getRow(1).font = { bold: true };
    for (const row of table.rows) sheet.addRow(row);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
