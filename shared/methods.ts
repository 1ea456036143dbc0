// The names of every contract method, free of any dependency, so the sandboxed
// preload (which cannot load zod) checks names against the same list the
// contract is typed by (shared/contract.ts fails to compile if they differ).
export const METHOD_NAMES = [
  'workspace.info',
  'workspace.open',
  'workspace.scratch',
  'files.import',
  'files.inspect',
  'sample.open',
  'tables.list',
  'tables.page',
  'tables.drop',
  'dialog.openFiles',
  'dialog.saveFile',
  'model.suggest',
  'model.import',
  'model.audit',
  'model.rejects',
  'analysis.run',
  'analysis.sql',
  'analysis.customers',
  'customers.search',
  'customers.history',
  'ui.settings.get',
  'ui.settings.set',
  'export.xlsx',
  'scenarios.run',
  'scenarios.list',
  'scenarios.save',
  'scenarios.delete',
  'scenarios.exportXlsx',
  'report.preview',
  'report.export',
  'jobs.progress',
  'jobs.cancel',
] as const;

export type MethodName = (typeof METHOD_NAMES)[number];
