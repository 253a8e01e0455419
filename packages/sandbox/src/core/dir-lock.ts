/**
 * One sandbox process per data dir: each keeps the org in memory and writes it through, so two processes on
 * the same dir would overwrite each other. `<dataDir>/sandbox.lock` holds the owner's pid; a lock whose process
 * is gone (killed) is taken over.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { privateDir } from './private-file.js';

export const LOCK_FILE = 'sandbox.lock';

/** The data dir is in use by another live process (for example `zlc sandbox serve`). */
export class DataDirBusyError extends Error {
  readonly code = 'DATA_DIR_BUSY';
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(
      `The sandbox data dir ${dataDir} is in use by process ${pid} (a running \`zlc sandbox serve\`?). ` +
        `Point zlc at that server with the ZOHO_* lines of ${join(dataDir, 'sandbox.env')}, or stop it first.`,
    );
    this.name = 'DataDirBusyError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Takes the lock or throws `DataDirBusyError`; returns the release function. */
export function lockDataDir(dataDir: string): () => void {
  privateDir(dataDir);
  const file = join(dataDir, LOCK_FILE);
  for (let tries = 0; tries < 3; tries++) {
    try {
      writeFileSync(file, String(process.pid), { flag: 'wx' });
      let released = false;
      return () => {
        if (released) return;
        released = true;
        rmSync(file, { force: true });
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      let owner = Number.NaN;
      try {
        owner = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
      } catch {
        // Removed between our two calls: try again.
      }
      if (Number.isInteger(owner) && owner !== process.pid && alive(owner)) throw new DataDirBusyError(dataDir, owner);
      if (owner === process.pid) throw new DataDirBusyError(dataDir, owner);
      rmSync(file, { force: true });
    }
  }
  throw new Error(`could not lock the sandbox data dir ${dataDir}`);
}
