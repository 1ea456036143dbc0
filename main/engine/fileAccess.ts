// What a caller of the engine may touch on disk. The command line (a local
// user's own command) and in-process callers have the whole file system.
// A page in a browser (the loopback host) or the desktop window has only what
// its user chose: files uploaded to the host, and paths the app's own native
// dialogs returned. Whoever holds the host's token is not thereby given the
// machine's files.
import fs from 'node:fs';
import path from 'node:path';
import { EngineError } from '../../shared/result.js';

export interface FileAccess {
  /** Throws `unauthorized` unless the caller may read the file. */
  assertRead(file: string): void;
  /** Throws `unauthorized` unless the caller may write (and replace) the file. */
  assertWrite(file: string): void;
  /** Throws `unauthorized` unless the caller may open (or create) this workspace. */
  assertWorkspace(file: string): void;
  /** Paths a native dialog returned: the user chose them for reading or for writing. */
  grant(files: readonly string[], use: 'read' | 'write'): void;
}

/** The command line and in-process callers: every file, as the user running it. */
export const FULL_ACCESS: FileAccess = {
  assertRead() {},
  assertWrite() {},
  assertWorkspace() {},
  grant() {},
};

/** DuckDB's database files carry "DUCK" at byte 8. */
function isDuckDbFile(file: string): boolean {
  let fd: number | null = null;
  try {
    fd = fs.openSync(file, 'r');
    const header = Buffer.alloc(12);
    return fs.readSync(fd, header, 0, 12, 0) === 12 && header.subarray(8, 12).toString('latin1') === 'DUCK';
  } catch {
    return false;
  } finally {
    if (fd !== null) fs.closeSync(fd);
  }
}

/** The path with every symbolic link resolved (as far as it exists), so a link cannot lead out of a folder. */
function canonical(file: string): string {
  const absolute = path.resolve(file);
  try {
    return fs.realpathSync.native(absolute);
  } catch {
    const parent = path.dirname(absolute);
    return parent === absolute ? absolute : path.join(canonical(parent), path.basename(absolute));
  }
}

/**
 * Browser mode and the desktop window: reads only under `roots` (the upload
 * folder) or of files a dialog returned; writes only to files a save dialog
 * returned (the dialog asked before replacing one); workspaces only when a
 * dialog returned them or when they already exist as DuckDB files named
 * *.duckdb outside the upload folder: a new workspace file is created only
 * where a save dialog said.
 */
export class GrantedFiles implements FileAccess {
  private readonly roots: string[];
  private readonly readable = new Set<string>();
  private readonly writable = new Set<string>();

  constructor(roots: readonly string[] = []) {
    this.roots = roots.map((root) => canonical(root));
  }

  grant(files: readonly string[], use: 'read' | 'write'): void {
    for (const file of files) (use === 'read' ? this.readable : this.writable).add(canonical(file));
  }

  private underRoot(file: string): boolean {
    return this.roots.some((root) => file.startsWith(root + path.sep));
  }

  assertRead(file: string): void {
    const real = canonical(file);
    if (this.readable.has(real) || this.writable.has(real) || this.underRoot(real)) return;
    throw new EngineError(
      'unauthorized',
      `${file}: this window may read only files you chose or uploaded. Open the file with Open Files… or drop it on the window.`,
      { file },
    );
  }

  assertWrite(file: string): void {
    if (this.writable.has(canonical(file))) return;
    throw new EngineError(
      'unauthorized',
      `${file}: this window may write only files you chose in a save dialog; reports are downloaded instead.`,
      { file },
    );
  }

  assertWorkspace(file: string): void {
    const real = canonical(file);
    if (this.readable.has(real) || this.writable.has(real)) return;
    // Not an uploaded one: whoever sent it could have put views in it that read any file (read_csv('/…')).
    if (!this.underRoot(real) && real.toLowerCase().endsWith('.duckdb') && isDuckDbFile(real)) return;
    throw new EngineError(
      'unauthorized',
      `${file}: in this window a workspace is an existing Churn Workbench workspace (.duckdb) or one you chose in a dialog. ` +
        'To start a new workspace file in the browser, start Churn Workbench with --workspace <new file>.duckdb.',
      { file },
    );
  }
}
