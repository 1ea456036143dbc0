// A private temporary folder per opened source, created on first use and
// removed whole by cleanup(), so no partial or converted file outlives it.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export class TempFolder {
  private dir: string | null = null;

  constructor(private readonly base: string = os.tmpdir()) {}

  /** A path for a new file inside the folder. */
  file(name: string): string {
    if (this.dir === null) {
      fs.mkdirSync(this.base, { recursive: true });
      this.dir = fs.mkdtempSync(path.join(this.base, 'cw-source-'));
    }
    return path.join(this.dir, name.replace(/[^A-Za-z0-9._-]+/g, '_') || 'data');
  }

  get path(): string | null {
    return this.dir;
  }

  cleanup(): void {
    if (this.dir === null) return;
    fs.rmSync(this.dir, { recursive: true, force: true });
    this.dir = null;
  }
}
