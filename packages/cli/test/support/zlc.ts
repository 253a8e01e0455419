/** Runs the zlc CLI as a child process from any working directory, the way a user or CI does. */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

export const REPO_ROOT = join(import.meta.dirname, '..', '..', '..', '..');
const BIN = join(REPO_ROOT, 'packages', 'cli', 'bin', 'run.js');
/** tsx by absolute URL: `--import tsx` would be looked up from the working directory. */
const TSX = pathToFileURL(join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

export interface ZlcRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface ZlcOptions {
  /** Working directory (default: the repo root). */
  cwd?: string;
  /** The whole environment beyond PATH, HOME and NO_COLOR: nothing of the test's own leaks in. */
  env?: Record<string, string>;
  timeoutMs?: number;
}

export function zlc(args: readonly string[], options: ZlcOptions = {}): Promise<ZlcRun> {
  const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', ...options.env };
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', TSX, BIN, ...args],
      {
        cwd: options.cwd ?? REPO_ROOT,
        env,
        maxBuffer: 64 * 1024 * 1024,
        timeout: options.timeoutMs ?? 120_000,
      },
      (error, stdout, stderr) => {
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : -1;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** True when `text` shows no stack trace (a line like `    at fn (file.ts:1:2)`). */
export function hasNoStackTrace(text: string): boolean {
  return !/^\s+at .+[:(]\d+/m.test(text) && !/\.ts:\d+:\d+/.test(text);
}
