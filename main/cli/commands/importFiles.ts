import type { Engine } from '../../engine/engine.js';
import { importPlan, UsageError, type ImportFlags } from '../options.js';
import { formatImport, writeJson } from '../output.js';

/** Imports files into the workspace; the result the caller checks. */
export async function runImport(engine: Engine, files: string[], flags: ImportFlags) {
  if (files.length === 0) throw new UsageError('Name at least one file to import.');
  const plan = importPlan(files, flags);
  return engine.invoke('model.import', {
    files: plan.files,
    options: plan.options,
    ...(plan.revenueKind ? { revenueKind: plan.revenueKind } : {}),
  });
}

export async function importCommand(engine: Engine, files: string[], flags: ImportFlags & { json?: string }) {
  if (!flags.workspace) throw new UsageError('import needs --workspace <file.duckdb>: the workspace that keeps what is imported.');
  const result = await runImport(engine, files, flags);
  if (!result.ok) return result;
  if (flags.json) writeJson(flags.json, result.value);
  else process.stdout.write(formatImport(result.value));
  return result;
}
