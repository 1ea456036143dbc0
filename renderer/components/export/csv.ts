// Downloads from the renderer as a Blob: CSV text (written by shared/csv.ts,
// the one CSV writer of every export: RFC 4180, formulas neutralised),
// workbooks and reports.
export { toCsv } from '../../../shared/csv.js';

/** Offers the text as a file download. A byte-order mark lets spreadsheet programs read it as UTF-8. */
export function downloadCsv(fileName: string, text: string): void {
  download(fileName, new Blob(['\uFEFF', text], { type: 'text/csv;charset=utf-8' }));
}

/** Offers bytes (a workbook or a report from the engine) as a file download. */
export function downloadBytes(fileName: string, bytes: Uint8Array, type: string): void {
  download(fileName, new Blob([bytes as BlobPart], { type }));
}

/** Offers a file that arrived in parts (a console export read in chunks) as one download. */
export function downloadParts(fileName: string, parts: Uint8Array[], type: string): void {
  download(fileName, new Blob(parts as BlobPart[], { type }));
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
