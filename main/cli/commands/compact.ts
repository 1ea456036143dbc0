// `churn-workbench compact --workspace <ws.duckdb>`: the workspace file rewritten
// without the space failed or cancelled imports left in it.
import type { Engine } from '../../engine/engine.js';
import { UsageError } from '../options.js';

const megabytes = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(1)} MB`;

export async function compactCommand(engine: Engine, files: string[], workspace: string | undefined) {
  if (!workspace || files.length > 0) throw new UsageError('compact takes only the workspace: churn-workbench compact --workspace <ws.duckdb>');
  const result = await engine.invoke('workspace.compact', {});
  if (result.ok && result.value.bytesBefore !== null && result.value.bytesAfter !== null) {
    process.stdout.write(`${result.value.path}: ${megabytes(result.value.bytesBefore)} → ${megabytes(result.value.bytesAfter)}\n`);
  }
  return result;
}
