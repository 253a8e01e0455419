/**
 * The zlc CLI as a child process, the way a user or CI runs it: `node <bundle>/bin/run.js ARGS`, the CLI as it ships
 * (its commands bundled by packages/cli/scripts/build.mjs), built once per test run by the cli project's global
 * setup (packages/cli/test/support/cli-bundle.ts) from the sources as they are. The child's environment is PATH,
 * HOME and NO_COLOR plus what the test passes, so nothing of the test runner's own environment (a developer's
 * ZOHO_* variables) leaks in.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { inject } from 'vitest';
import { repoRoot } from './repo-root.js';
import { waitFor } from './wait.js';

export const REPO_ROOT = repoRoot();

/** The name under which the cli project's global setup provides the bundle's bin/run.js. */
export const CLI_BUNDLE_KEY = 'zlcCliBin';

declare module 'vitest' {
  export interface ProvidedContext {
    [CLI_BUNDLE_KEY]: string;
  }
}

/** `node` and its arguments before zlc's own: the bundled CLI's bin/run.js. */
export function cliCommand(): { node: string; args: string[] } {
  const bin = inject(CLI_BUNDLE_KEY);
  if (typeof bin !== 'string' || bin === '')
    throw new Error(
      'no zlc bundle to run: tests that run the CLI live in packages/cli/test, whose global setup builds it',
    );
  return { node: process.execPath, args: [bin] };
}

export interface CliOptions {
  /** Working directory (default: the repo root). */
  cwd?: string;
  /** Added to PATH, HOME and NO_COLOR (an empty string value still sets the variable). */
  env?: Record<string, string>;
}

export interface CliResult {
  /** The exit code, or the name of the signal that ended the process. */
  code: number | string;
  stdout: string;
  stderr: string;
}

export interface CliRun {
  child: ChildProcess;
  /** Everything written to stdout so far. */
  stdout(): string;
  stderr(): string;
  /** Resolves once the process has exited and its output streams are closed (all output read). */
  done: Promise<CliResult>;
}

export function cliEnv(env: Record<string, string> = {}): Record<string, string> {
  return { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1', ...env };
}

/** Starts `zlc ARGS` and returns at once: for commands that keep running (serve) or that a test kills. */
export function startCli(args: readonly string[], options: CliOptions = {}): CliRun {
  const zlc = cliCommand();
  const child = spawn(zlc.node, [...zlc.args, ...args], {
    cwd: options.cwd ?? REPO_ROOT,
    env: cliEnv(options.env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout?.on('data', (c: Buffer) => {
    out += c.toString('utf8');
  });
  child.stderr?.on('data', (c: Buffer) => {
    err += c.toString('utf8');
  });
  // 'close', not 'exit': 'exit' can come before the last chunks of stdout have been read.
  const done = new Promise<CliResult>((resolve) => {
    child.once('close', (code, signal) => resolve({ code: code ?? signal ?? 'unknown', stdout: out, stderr: err }));
  });
  return { child, stdout: () => out, stderr: () => err, done };
}

/** Runs `zlc ARGS` to its end without blocking this process (a sandbox the CLI talks to may live here). */
export function runCli(args: readonly string[], options: CliOptions = {}): Promise<CliResult> {
  return startCli(args, options).done;
}

/** Starts `zlc ARGS` (a server) and resolves once its output matches `up`; fails at once if it exits first. */
export async function startCliUntil(args: readonly string[], options: CliOptions, up: RegExp): Promise<CliRun> {
  const run = startCli(args, options);
  let ended = false;
  void run.done.then(() => {
    ended = true;
  });
  const seen = () => `${run.stdout()}${run.stderr()}`;
  await waitFor(() => ended || up.test(seen()), `zlc ${args.join(' ')} to be up`);
  if (ended) throw new Error(`zlc ${args.join(' ')} ended (${(await run.done).code}) before it was up:\n${seen()}`);
  return run;
}

/** Ends a started CLI with `signal` and waits until it has exited (at once if it already has). */
export async function stopCli(run: CliRun, signal: NodeJS.Signals = 'SIGKILL'): Promise<CliResult> {
  if (run.child.exitCode === null && run.child.signalCode === null) run.child.kill(signal);
  return run.done;
}

/** True when `text` shows no stack trace (a line like `    at fn (file.ts:1:2)`). */
export function hasNoStackTrace(text: string): boolean {
  return !/^\s+at .+[:(]\d+/m.test(text) && !/\.ts:\d+:\d+/.test(text);
}
