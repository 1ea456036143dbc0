// Where a report's numbers came from, read from the workspace: each imported
// file (name, kind, rows, SHA-256 — churn.imports), the import's data-quality
// audit (churn.audit), the exchange rates it used (churn.fx_rates), the data's
// own as-of date, and the app's version.
import fs from 'node:fs';
import path from 'node:path';
import type { Database } from '../runtime/database.js';
import { appRoot } from '../runtime/paths.js';
import { readAudit } from '../ingest/importer.js';
import type { Provenance } from './document.js';

export function appVersion(): string {
  try {
    return String(JSON.parse(fs.readFileSync(path.join(appRoot(), 'package.json'), 'utf8')).version);
  } catch {
    return 'unknown';
  }
}

export async function loadProvenance(db: Database): Promise<Provenance> {
  const imports = await db.rows(
    `SELECT file, kind, rows_read, rows_loaded, rows_rejected, sha256 FROM churn.imports ORDER BY import_id`,
  );
  const rates = await db.rows(`SELECT currency, CAST(rate AS DOUBLE) AS rate FROM churn.fx_rates ORDER BY currency`);
  const [asOf] = await db.rows(`SELECT json_extract_string(value, '$') AS v FROM churn.settings WHERE key = 'data_as_of'`);
  return {
    appVersion: appVersion(),
    // The file's name only: a client need not see the consultant's folders, and the hash identifies it.
    files: imports.map((row) => ({
      file: path.basename(String(row.file)),
      kind: String(row.kind),
      rowsRead: Number(row.rows_read),
      rowsLoaded: Number(row.rows_loaded),
      rowsRejected: Number(row.rows_rejected),
      sha256: String(row.sha256),
    })),
    audit: await readAudit(db),
    fxRates: rates.map((row) => ({ currency: String(row.currency), rate: Number(row.rate) })),
    dataAsOf: asOf?.v ? String(asOf.v) : null,
  };
}
