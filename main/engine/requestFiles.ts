// The files each contract method touches, named from its (validated) request,
// so the engine boundary can hold every call to the caller's FileAccess
// before any handler runs. A method that takes a file path must be listed
// here (test/security/file-access.test.ts checks every schema for one).
import type { Method, Request } from '../../shared/contract.js';
import type { FileAccess } from './fileAccess.js';

interface Touched {
  read?: string[];
  write?: string[];
  workspace?: string;
}

/** A report's logo is a data URL or (the command line's --logo) a file to read. */
const logoFile = (logo: string | undefined): string[] => (logo && !logo.startsWith('data:') ? [logo] : []);

const FILES: { [M in Method]?: (request: Request<M>) => Touched } = {
  'workspace.open': ({ path }) => ({ workspace: path }),
  'files.import': ({ paths }) => ({ read: paths }),
  'files.inspect': ({ path }) => ({ read: [path] }),
  'model.suggest': ({ path }) => ({ read: [path] }),
  'model.import': ({ files }) => ({ read: files.map((file) => file.path) }),
  'report.preview': ({ report }) => ({ read: logoFile(report.logo) }),
  'report.export': ({ report, path }) => ({ read: logoFile(report.logo), write: path ? [path] : [] }),
  'console.export': ({ path }) => ({ write: [path] }),
  'reconcile.suggest': ({ path }) => ({ read: [path] }),
  'reconcile.importReference': ({ file }) => ({ read: [file.path] }),
};

/** The methods whose requests name files. */
export const FILE_METHODS = Object.keys(FILES) as Method[];

/** Throws `unauthorized` when the request names a file the caller may not touch that way. */
export function assertFileAccess<M extends Method>(method: M, request: Request<M>, access: FileAccess): void {
  const touched = (FILES[method] as ((request: Request<M>) => Touched) | undefined)?.(request);
  if (!touched) return;
  for (const file of touched.read ?? []) access.assertRead(file);
  for (const file of touched.write ?? []) access.assertWrite(file);
  if (touched.workspace) access.assertWorkspace(touched.workspace);
}
