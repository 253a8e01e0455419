/**
 * The wholesale template, scaffolded by `zlc init` and walked as the README's quick path walks the root model, in the
 * scaffolded folder: a served sandbox org, the runtime, plan, apply, the Books steps through the sandbox's stand-in,
 * and a plan that finds "No changes" — then `zlc drift` finds none. (b2b-saas is the root model, which the quick-path
 * test walks; services-agency's runtime needs PostgreSQL.)
 *
 * @module-tag e2e
 * @module-tag slow
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT, zlc } from './support/zlc.js';

const BIN = join(REPO_ROOT, 'packages', 'cli', 'bin', 'run.js');
const TSX = pathToFileURL(join(REPO_ROOT, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;
const root = mkdtempSync(join(tmpdir(), 'zlc-init-walk-'));
const dir = join(root, 'harbour');
const background: ChildProcess[] = [];
afterAll(() => {
  for (const child of background) child.kill('SIGINT');
  rmSync(root, { recursive: true, force: true });
});

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address !== null ? address.port : 0;
}

/** Starts `zlc ARGS` in the background and waits until it says it is up. */
async function startInBackground(args: string[], env: Record<string, string>): Promise<void> {
  const child = spawn(process.execPath, ['--import', TSX, BIN, ...args], { cwd: dir, env, stdio: 'pipe' });
  background.push(child);
  let seen = '';
  await new Promise<void>((resolve, reject) => {
    const look = (chunk: Buffer) => {
      seen += chunk.toString('utf8');
      if (/Press Ctrl-C|Ledger: /.test(seen)) resolve();
    };
    child.stdout?.on('data', look);
    child.stderr?.on('data', look);
    child.on('exit', (code) => reject(new Error(`zlc ${args.join(' ')} exited ${code}:\n${seen}`)));
  });
}

/** The ZOHO_* lines `sandbox serve` wrote, as `set -a; . sandbox.env` reads them. */
function sandboxEnv(): Record<string, string> {
  const text = readFileSync(join(dir, '.zlc', 'sandbox', 'sandbox.env'), 'utf8');
  return Object.fromEntries(
    text
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => {
        const [name, ...value] = line.split('=');
        return [name as string, value.join('=').replace(/^'(.*)'$/, '$1')];
      }),
  );
}

describe('the wholesale template on a fresh sandbox org', () => {
  it('scaffolds, plans, applies, takes the Books steps and then plans "No changes"', async () => {
    expect((await zlc(['init', dir, '--template', 'wholesale-distribution'])).code).toBe(0);
    const base = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', NO_COLOR: '1' };
    await startInBackground(['sandbox', 'serve', '--port', String(await freePort())], base);
    const runtime = await freePort();
    const env = {
      ...base,
      ...sandboxEnv(),
      ZLC_WEBHOOK_SECRET: 'wholesale-walk-secret',
      ZLC_RUNTIME_URL: `http://127.0.0.1:${runtime}`,
    };
    await startInBackground(['flow', 'serve', '--port', String(runtime)], env);
    const step = async (args: string[]) => {
      const run = await zlc(args, { cwd: dir, env, timeoutMs: 300_000 });
      return { ...run, text: run.stdout + run.stderr };
    };
    expect((await step(['validate'])).code).toBe(0);
    const apply = await step(['apply', '--auto-approve', '--allow-data-loss']);
    expect(apply.code, apply.text).toBe(0);
    expect(apply.text).toContain('6 manual steps remain');
    expect((await step(['sandbox', 'books-fields'])).code).toBe(0);
    const plan = await step(['plan', '--detailed-exitcode']);
    expect(plan.code, plan.text).toBe(0);
    expect(plan.text).toContain('No changes.');
    const drift = await step(['drift']);
    expect(drift.code, drift.text).toBe(0);
  }, 600_000);
});
