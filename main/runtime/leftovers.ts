// What an interrupted run leaves in the temp folder: each process keeps its
// converted copies (UTF-16 → UTF-8, sheets as CSV) and DuckDB's spill files
// in churn-workbench-<pid>, removed when it exits normally. After a crash or
// kill -9 nothing removes them, so the next start does: every such folder
// whose process no longer runs.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const OWNED = /^churn-workbench-(\d+)$/;
/** Converted copies from before they were kept per process: removed once a day old. */
const UNOWNED = /^cw-source-/;
const DAY_MS = 24 * 60 * 60 * 1000;

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it runs, as another user.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes the leftovers of processes that are gone; returns the folders removed. */
export function removeLeftovers(tempRoot = os.tmpdir(), now = Date.now()): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(tempRoot);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const full = path.join(tempRoot, name);
    const owner = OWNED.exec(name);
    try {
      if (owner) {
        const pid = Number(owner[1]);
        if (pid === process.pid || running(pid)) continue;
      } else if (!UNOWNED.test(name) || now - fs.statSync(full).mtimeMs < DAY_MS) continue;
      fs.rmSync(full, { recursive: true, force: true });
      removed.push(full);
    } catch {
      // Gone meanwhile, or not ours to remove: leave it.
    }
  }
  return removed;
}
