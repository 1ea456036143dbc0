// Small files written fresh for each test run, so every expected value is
// visible in the test that uses it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export function tempDir(prefix = 'cw-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function writeFile(dir: string, name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

export const PLANS_CSV = 'customer_id,plan,mrr,start_date\nC1,Starter,49.5,2024-01-01\nC2,Growth,199,2024-02-15\nC3,,0,2024-03-31\n';
