/**
 * Files that hold the org's credentials (the SQLite store, `sandbox.env`) are readable by their owner only: made
 * 0600 before the first byte is written, and brought back to 0600 when an older file was looser. The data dir is
 * made 0700. On Windows modes do not apply and these are no-ops.
 */
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, writeFileSync } from 'node:fs';

const OWNER_ONLY = 0o600;

/** Makes `dir` (and its parents) if missing, readable by the owner only when made here. */
export function privateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
}

/** Creates `file` empty if missing; either way it ends 0600. */
export function ensurePrivateFile(file: string): void {
  closeSync(openSync(file, 'a', OWNER_ONLY));
  chmodSync(file, OWNER_ONLY);
}

/** Brings each existing file to 0600 (SQLite's -wal and -shm files take the database's mode only when it makes them). */
export function tightenExisting(files: readonly string[]): void {
  for (const file of files) if (existsSync(file)) chmodSync(file, OWNER_ONLY);
}

/** Writes `text` to `file`, readable by the owner only from the first byte. */
export function writePrivateFile(file: string, text: string): void {
  ensurePrivateFile(file);
  writeFileSync(file, text, { encoding: 'utf8', mode: OWNER_ONLY });
}
