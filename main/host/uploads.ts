// The browser-mode host's upload folder: one per running host, in the system's
// temporary folder, holding the owner's process id so that a later start can
// remove the folders of hosts that died without cleaning up (a crash, kill -9).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const PREFIX = 'churn-workbench-uploads-';
const OWNER_FILE = 'owner.pid';
/** A folder without an owner file is left alone this long: its host may be writing the file right now. */
const UNOWNED_GRACE_MS = 60 * 60 * 1000;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes upload folders left by hosts that are no longer running; returns what it removed. */
export function sweepStaleUploads(tempDir: string = os.tmpdir(), now: number = Date.now()): string[] {
  const removed: string[] = [];
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(tempDir, { withFileTypes: true });
  } catch {
    return removed;
  }
  for (const entry of entries) {
    if (!entry.isDirectory() || !entry.name.startsWith(PREFIX)) continue;
    const dir = path.join(tempDir, entry.name);
    try {
      const owner = Number(fs.readFileSync(path.join(dir, OWNER_FILE), 'utf8'));
      if (Number.isInteger(owner) && owner > 0 && isAlive(owner)) continue;
    } catch {
      if (now - fs.statSync(dir).mtimeMs < UNOWNED_GRACE_MS) continue;
    }
    try {
      fs.rmSync(dir, { recursive: true, force: true });
      removed.push(dir);
    } catch {
      // another user's folder, or already gone: not ours to clean
    }
  }
  return removed;
}

/** A new upload folder owned by this process (readable by this user only). */
export function createUploadDir(tempDir: string = os.tmpdir()): string {
  const dir = fs.mkdtempSync(path.join(tempDir, PREFIX));
  fs.writeFileSync(path.join(dir, OWNER_FILE), String(process.pid));
  return dir;
}

/** Keeps the user's file name (for table names and messages) but nothing path-like. */
export function safeUploadName(name: string | null): string {
  const base = path.basename(name ?? 'upload').replace(/[^\p{L}\p{N}._ -]+/gu, '_').slice(0, 200);
  return base === '' || base.startsWith('.') ? `upload${base}` : base;
}
