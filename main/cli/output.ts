// How the CLI writes: JSON to a file or stdout, the import audit as text.
import fs from 'node:fs';
import { taxDecisionText, type ImportSummary } from '../../shared/model.js';

export function writeJson(target: string, value: unknown): void {
  const text = `${JSON.stringify(value, null, 2)}\n`;
  if (target === '-') process.stdout.write(text);
  else fs.writeFileSync(target, text);
}

export function formatImport(summary: ImportSummary): string {
  const lines: string[] = [];
  for (const file of summary.files) {
    lines.push(`${file.file}`);
    lines.push(`  kind:      ${file.kind}${file.preset ? ` (${file.preset} export)` : ''} — ${file.kindReason}`);
    if (file.encoding) lines.push(`  encoding:  ${file.encoding}${file.delimiter ? `, delimiter ${JSON.stringify(file.delimiter)}` : ''}`);
    if (file.sheet) lines.push(`  sheet:     ${file.sheet}`);
    const tax = file.tax ? ` (amount ${file.tax.amountIncludesTax ? 'includes' : 'excludes'} tax)` : '';
    lines.push(`  mapping:   ${Object.entries(file.fields).map(([field, column]) => `${field}=${column}`).join(', ')}${tax}`);
    if (file.tax) lines.push(`  tax:       ${taxDecisionText(file.tax)}`);
    lines.push(`  rows:      ${file.rowsRead} read, ${file.rowsLoaded} loaded, ${file.rowsRejected} rejected`);
    for (const note of file.notes) lines.push(`  note:      ${note}`);
  }
  lines.push(`as of:       ${summary.asOf ?? 'no dates found'}`);
  lines.push(`currency:    ${summary.reportingCurrency ?? 'none found'}`);
  if (summary.audit.length) lines.push('', 'Data-quality audit:');
  for (const row of summary.audit) {
    const examples = row.examples.map((e) => (e.line === null ? `${e.value}` : `line ${e.line}: ${e.value ?? '(blank)'}`)).join('; ');
    const amount = row.amount === null ? '' : `, amount ${row.amount.toFixed(2)}`;
    lines.push(`  ${row.severity.padEnd(7)} ${row.check} × ${row.count}${amount}${examples ? ` (${examples})` : ''}`);
  }
  return `${lines.join('\n')}\n`;
}
