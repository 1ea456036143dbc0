// CSV text as RFC 4180 describes it (CRLF line ends; a field with a comma,
// quote or line break is quoted, its quotes doubled), and its download from
// the renderer as a Blob.
import type { Row } from '../grid/paging.js';

export function csvField(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(header: readonly string[], rows: readonly Row[]): string {
  const lines = [header.map(csvField).join(',')];
  for (const row of rows) lines.push(row.map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** Offers the text as a file download. A byte-order mark lets spreadsheet programs read it as UTF-8. */
export function downloadCsv(fileName: string, text: string): void {
  download(fileName, new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }));
}

/** Offers bytes (a workbook or a report from the engine) as a file download. */
export function downloadBytes(fileName: string, bytes: Uint8Array, type: string): void {
  download(fileName, new Blob([bytes as BlobPart], { type }));
}

/** Offers an XLSX workbook from the engine as a file download. */
export function downloadXlsx(fileName: string, bytes: Uint8Array): void {
  downloadBytes(fileName, bytes, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
}

function download(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
