// The report as an XLSX workbook: the "Settings & definitions" sheet first,
// then one sheet per table (xlsxTables.ts: numbers stored as numbers, unrounded,
// with number formats; the header row frozen).
import { reportTables } from './model.js';
import { type ReportModel, type ReportTable } from './document.js';
import { tablesToXlsx, type SheetTable } from './xlsxTables.js';

/** Excel's rules for a sheet name: at most 31 characters, none of \ / ? * [ ] :, unique ignoring case. */
export function sheetNames(titles: string[]): string[] {
  const used = new Set<string>();
  return titles.map((title) => {
    const base = title.replace(/[\\/?*[\]:]/g, ' ').trim().slice(0, 31) || 'Sheet';
    let name = base;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base.slice(0, 31 - String(n).length - 1)} ${n}`;
    used.add(name.toLowerCase());
    return name;
  });
}

export function reportSheets(model: ReportModel): { table: ReportTable; sheet: SheetTable }[] {
  const tables = reportTables(model);
  const names = sheetNames(tables.map((t) => t.title));
  return tables.map((table, i) => ({
    table,
    sheet: { name: names[i]!, columns: table.columns.map((c) => ({ name: c.label, format: c.format })), rows: table.rows },
  }));
}

export async function reportToXlsx(model: ReportModel): Promise<Uint8Array> {
  return tablesToXlsx(reportSheets(model).map((s) => s.sheet));
}
