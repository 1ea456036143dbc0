// Heavy CommonJS packages loaded on first use instead of at start-up, so the
// CLI's --help and a small inspect start without them (docs/SCALE.md, "CLI
// start"). Synchronous, so the code using them keeps its shape.
import { createRequire } from 'node:module';

const load = createRequire(import.meta.url);

export function lazy<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= load(name) as T);
}

/** exceljs: workbooks read (imports) and written (exports, scenario workbooks). */
export const excel = lazy<typeof import('exceljs')>('exceljs');
/**
 * Parts of exceljs that read one worksheet's XML from a stream we give them
 * (main/ingest/sources/xlsx.ts): its worksheet reader, its styles (number
 * formats) and its SAX event batches. No types are published for them.
 */
export const excelWorksheetReader = lazy<unknown>('exceljs/lib/stream/xlsx/worksheet-reader.js');
export const excelStyles = lazy<unknown>('exceljs/lib/xlsx/xform/style/styles-xform.js');
export const excelParseSax = lazy<unknown>('exceljs/lib/utils/parse-sax.js');
/** iconv-lite: text in an encoding other than UTF-8, or one the user named (the reader's probe decodes UTF-8 without it). */
export const iconvLite = lazy<typeof import('iconv-lite')>('iconv-lite');
/** apache-arrow: table pages and drill-downs cross as Arrow IPC. */
export const arrow = lazy<typeof import('apache-arrow')>('apache-arrow');
