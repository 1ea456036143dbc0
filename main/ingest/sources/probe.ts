// The cheap first look at a file, before anything is converted or read by
// DuckDB: does it exist, which format, which encoding, which sheet. Every
// refusal names the file and says what to do.
import fs from 'node:fs';
import path from 'node:path';
import { EngineError } from '../../../shared/result.js';
import { bomOf, decodeText, detectEncoding, normalizeEncoding } from './encoding.js';
import { containerOf, innerExtension, knownBinary, looksBinary, textFormatOf, type TextFormat } from './format.js';
import { damagedArchive } from './scan.js';
import { readHead, sampleGzipFile, samplePlainFile, type ByteSample } from './sample.js';
import { defaultSheet, readWorkbook, type SheetInfo, type Workbook } from './xlsx.js';
import { zipEntries } from './zip.js';

export type SourceFormat = 'csv' | 'parquet' | 'json' | 'ndjson' | 'xlsx';

export interface ProbeOptions {
  /** An encoding to use instead of the detected one (any iconv-lite name). */
  encoding?: string;
  /** The worksheet of an Excel workbook (default: the first visible one). */
  sheet?: string;
}

export interface Probe {
  path: string;
  size: number;
  format: SourceFormat;
  /** Text compressed with gzip. */
  gzip: boolean;
  /** Text only: the encoding used to read it. */
  encoding: string | null;
  /** The encoding came from detection, not from the user. */
  encodingDetected: boolean;
  /** Text only: it starts with a byte-order mark. */
  bom: boolean;
  /** JSON only: a top-level array (else one object or several). */
  jsonArray: boolean;
  workbook: Workbook | null;
  sheet: SheetInfo | null;
}

const unsupported = (filePath: string, message: string) => new EngineError('unsupported_file', message, { file: filePath });

function statOf(filePath: string): fs.Stats {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(filePath);
  } catch {
    throw new EngineError('not_found', `${filePath}: no such file. Check the path, or choose the file again.`, { file: filePath });
  }
  if (!stat.isFile()) throw unsupported(filePath, `${filePath} is not a file (it is a folder or a device). Choose a data file.`);
  if (stat.size === 0) {
    throw unsupported(filePath, `${filePath} is empty: there is nothing to load. Export the data again and choose the new file.`);
  }
  return stat;
}

function chooseSheet(filePath: string, workbook: Workbook, wanted: string | undefined): SheetInfo {
  const names = workbook.sheets.map((sheet) => `"${sheet.name}"`).join(', ');
  if (wanted === undefined) {
    const first = defaultSheet(workbook);
    if (!first) throw unsupported(filePath, `${filePath} has no worksheets with cells. Add the data to a sheet, or export it as CSV.`);
    return first;
  }
  const sheet =
    workbook.sheets.find((candidate) => candidate.name === wanted) ??
    workbook.sheets.find((candidate) => candidate.name.toLowerCase() === wanted.trim().toLowerCase());
  if (!sheet) throw new EngineError('not_found', `${filePath} has no sheet named "${wanted}". Its sheets are: ${names}.`, { file: filePath });
  return sheet;
}

function probeZip(filePath: string, size: number, options: ProbeOptions): Probe {
  const ext = innerExtension(filePath);
  const entries = zipEntries(filePath);
  if (entries?.some((entry) => entry.name === 'xl/workbook.bin')) {
    throw unsupported(filePath, `${filePath} is a binary Excel workbook (.xlsb). Open it in Excel and save it as .xlsx or CSV.`);
  }
  let workbook: Workbook | null = null;
  try {
    workbook = entries ? readWorkbook(filePath) : null;
  } catch {
    workbook = null;
  }
  if (!workbook) {
    if (ext === '.xlsx' || ext === '.xlsm') {
      throw unsupported(filePath, `${filePath} is named ${ext} but is not a readable Excel workbook (it may be damaged). Open it in Excel and save it again, or export it as CSV.`);
    }
    throw unsupported(filePath, `${filePath} is a ZIP archive, not a data file. Extract it and open the CSV, Parquet or Excel file inside.`);
  }
  const sheet = chooseSheet(filePath, workbook, options.sheet);
  return { path: filePath, size, format: 'xlsx', gzip: false, encoding: null, encodingDetected: false, bom: false, jsonArray: false, workbook, sheet };
}

export async function probeSource(filePath: string, options: ProbeOptions = {}): Promise<Probe> {
  const { size } = statOf(filePath);
  const head = readHead(filePath, 4096);
  const container = containerOf(head);
  const ext = innerExtension(filePath);
  if (container === 'parquet') {
    return { path: filePath, size, format: 'parquet', gzip: false, encoding: null, encodingDetected: false, bom: false, jsonArray: false, workbook: null, sheet: null };
  }
  if (container === 'zip') return probeZip(filePath, size, options);
  const binary = knownBinary(head);
  if (binary) throw unsupported(filePath, `${filePath} is ${binary.what}, not a data file Churn Workbench reads. ${binary.todo}`);
  if (ext === '.parquet' && container !== 'gzip') {
    throw unsupported(filePath, `${filePath} is named .parquet but is not a Parquet file. Export it again as Parquet, or as CSV.`);
  }
  if (ext === '.xlsx' || ext === '.xlsm') {
    throw unsupported(filePath, `${filePath} is named ${ext} but is not an Excel workbook. Open it in Excel and save it as .xlsx, or export it as CSV.`);
  }

  const gzip = container === 'gzip';
  let sample: ByteSample;
  if (gzip) {
    try {
      sample = await sampleGzipFile(filePath);
    } catch (error) {
      throw damagedArchive(filePath, error);
    }
    if (sample.head.length === 0) throw unsupported(filePath, `${filePath} is empty once decompressed: there is nothing to load.`);
    const inner = containerOf(sample.head);
    if (inner !== 'text' || knownBinary(sample.head)) {
      throw unsupported(filePath, `${filePath} is a compressed ${inner === 'parquet' ? 'Parquet' : 'binary'} file. Decompress it and open the file inside.`);
    }
  } else {
    sample = samplePlainFile(filePath, size);
  }

  let encoding: string;
  let encodingDetected = false;
  if (options.encoding !== undefined && options.encoding.trim() !== '') {
    const chosen = normalizeEncoding(options.encoding);
    if (!chosen) {
      throw new EngineError(
        'invalid_request',
        `Unknown encoding "${options.encoding}" for ${filePath}. Use a name such as utf-8, utf-16le, gb18030, big5, shift_jis or windows-1252.`,
        { file: filePath },
      );
    }
    encoding = chosen;
  } else {
    encoding = detectEncoding(sample.windows).encoding;
    encodingDetected = true;
  }
  const utf16 = encoding.startsWith('utf-16') || encoding.startsWith('utf16') || encoding === 'ucs2';
  if (!utf16 && sample.windows.some((window) => looksBinary(window))) {
    throw unsupported(
      filePath,
      `${filePath} looks like a binary file, not CSV, JSON, Parquet or Excel. Export the data as CSV or Excel and open that.`,
    );
  }
  const text = decodeText(sample.head, encoding);
  if (utf16 && /[\0-\x08\x0e-\x19]/.test(text)) {
    throw unsupported(filePath, `${filePath} looks like a binary file, not text. Export the data as CSV or Excel and open that.`);
  }
  if (sample.complete && text.replace(/^\uFEFF/, '').trim() === '') {
    throw unsupported(filePath, `${filePath} has only blank lines: there is nothing to load. Export the data again and choose the new file.`);
  }
  const format: TextFormat = textFormatOf(text, filePath);
  return {
    path: filePath,
    size,
    format,
    gzip,
    encoding,
    encodingDetected,
    bom: bomOf(sample.head) !== null,
    jsonArray: format === 'json' && text.replace(/^\uFEFF/, '').trimStart().startsWith('['),
    workbook: null,
    sheet: null,
  };
}

/** The file name used for a converted copy: the original name without .gz. */
export function convertedName(filePath: string, format: SourceFormat): string {
  const base = path.basename(filePath).replace(/\.(gz|gzip)$/i, '');
  const ext = format === 'xlsx' ? '.csv' : format === 'csv' ? '.csv' : '.json';
  return `${base.replace(/\.[^.]*$/, '')}.utf8${ext}`;
}
