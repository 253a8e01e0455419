/**
 * `zlc sandbox serve` and `zlc sandbox reset` as child processes, and their flags.
 *
 * @module-tag e2e
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, startCli, stopCli, waitFor } from '@zlc/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import SandboxReset from '../src/commands/sandbox/reset.js';
import SandboxServe from '../src/commands/sandbox/serve.js';

const dir = mkdtempSync(join(tmpdir(), 'zlc-sandbox-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('zlc sandbox serve', () => {
  it('prints its target, writes sandbox.env, answers OAuth, and stops cleanly on SIGINT', async () => {
    const data = join(dir, 'served');
    const serve = startCli(['sandbox', 'serve', '--data', data]);
    await waitFor(() => serve.stdout().includes('Ctrl-C'), 'the sandbox to serve');
    expect(serve.stdout().split('\n')[0]).toMatch(/^Target: sandbox at http:\/\/127\.0\.0\.1:\d+/);
    // It holds the client secret and the refresh token: the owner's only.
    if (process.platform !== 'win32') expect(statSync(join(data, 'sandbox.env')).mode & 0o777).toBe(0o600);
    const env = Object.fromEntries(
      readFileSync(join(data, 'sandbox.env'), 'utf8')
        .split('\n')
        .filter((l) => l.startsWith('ZOHO_'))
        .map((l) => l.split('=', 2) as [string, string]),
    );
    expect(Object.keys(env).sort()).toEqual([
      'ZOHO_ACCOUNTS_URL',
      'ZOHO_API_URL',
      'ZOHO_BOOKS_ORG_ID',
      'ZOHO_BOOKS_PLAN',
      'ZOHO_CLIENT_ID',
      'ZOHO_CLIENT_SECRET',
      'ZOHO_CRM_EDITION',
      'ZOHO_DESK_EDITION',
      'ZOHO_DESK_ORG_ID',
      'ZOHO_DESK_URL',
      'ZOHO_REFRESH_TOKEN',
    ]);
    const params = new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: env.ZOHO_CLIENT_ID ?? '',
      client_secret: env.ZOHO_CLIENT_SECRET ?? '',
      refresh_token: env.ZOHO_REFRESH_TOKEN ?? '',
    });
    const token = (await (
      await fetch(`${env.ZOHO_ACCOUNTS_URL}/oauth/v2/token?${params}`, { method: 'POST' })
    ).json()) as {
      token_type?: string;
    };
    expect(token.token_type).toBe('Bearer');
    // A web page cannot fire the reset (foreign Origin), nor can anything without the run's admin key.
    const fromPage = await fetch(`${env.ZOHO_API_URL}/__sandbox/reset`, {
      method: 'POST',
      headers: { origin: 'https://attacker.example', 'content-type': 'text/plain' },
      body: '{"seed":"empty"}',
    });
    expect(fromPage.status).toBe(403);
    const keyless = await fetch(`${env.ZOHO_API_URL}/__sandbox/reset`, { method: 'POST', body: '{"seed":"empty"}' });
    expect(keyless.status).toBe(401);
    expect(readFileSync(join(data, 'sandbox.env'), 'utf8')).toMatch(/^ZLC_SANDBOX_ADMIN_KEY=[0-9a-f]{32}$/m);
    // zlc sandbox reset asks the running server, with the key from sandbox.env.
    const reset = await runCli(['sandbox', 'reset', '--data', data, '--seed', 'empty']);
    expect(reset.stderr).toBe('');
    expect(reset.code).toBe(0);
    expect(reset.stdout).toContain(`Target: sandbox at ${env.ZOHO_API_URL} (data ${data})`);
    expect(reset.stdout).toMatch(/Reset with seed "empty": \d+ documents\./);
    const stopped = await stopCli(serve, 'SIGINT');
    expect(stopped.code).toBe(0);
    expect(stopped.stdout).toContain('Sandbox stopped.');
  }, 90_000);

  it('says so when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    const run = await runCli(['sandbox', 'serve', '--port', String(port), '--data', join(dir, 'taken')]);
    blocker.close();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`Port ${port} is already in use`);
  }, 60_000);

  it('refuses a bad faults file with each problem', async () => {
    const file = join(dir, 'faults.json');
    writeFileSync(file, '{"rules": [{"kind": "latency"}, {"kind": "melt"}]}');
    const run = await runCli(['sandbox', 'serve', '--faults', file, '--data', join(dir, 'bad-faults')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('$.rules[0].ms: required for latency');
    expect(run.stderr).toContain('$.rules[1].kind: must be one of');
  }, 60_000);
});

describe('zlc sandbox reset', () => {
  it('seeds a fresh org and reports it as JSON', async () => {
    const run = await runCli(['sandbox', 'reset', '--data', join(dir, 'reset'), '--seed', 'empty', '--json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 0, result: { seed: 'empty' }, warnings: [] });
  }, 60_000);

  it('resets the org ZLC_SANDBOX_DIR names — the one every other command opens — not .zlc/sandbox', async () => {
    const named = join(dir, 'named-org');
    const run = await runCli(['sandbox', 'reset', '--seed', 'empty', '--json'], {
      cwd: dir,
      env: { ZLC_SANDBOX_DIR: named },
    });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ result: { dataDir: named, seed: 'empty' } });
    expect(existsSync(join(dir, '.zlc', 'sandbox'))).toBe(false);
  }, 60_000);
});

describe('the sandbox command flags', () => {
  it('stay as documented (a renamed flag shows up here)', () => {
    const shape = (flags: Record<string, { type: string; options?: readonly string[]; default?: unknown }>) =>
      Object.fromEntries(
        Object.entries(flags).map(([name, f]) => [name, { type: f.type, options: f.options, default: f.default }]),
      );
    expect(shape(SandboxServe.flags)).toMatchInlineSnapshot(`
      {
        "edition": {
          "default": "enterprise",
          "options": [
            "free",
            "standard",
            "professional",
            "enterprise",
            "ultimate",
          ],
          "type": "option",
        },
        "faults": {
          "default": undefined,
          "options": undefined,
          "type": "option",
        },
        "outbound": {
          "default": "loopback",
          "options": [
            "loopback",
            "any",
          ],
          "type": "option",
        },
        "port": {
          "default": 0,
          "options": undefined,
          "type": "option",
        },
        "sandbox-dir": {
          "default": undefined,
          "options": undefined,
          "type": "option",
        },
        "seed": {
          "default": "default",
          "options": [
            "default",
            "large",
            "empty",
          ],
          "type": "option",
        },
        "state-dir": {
          "default": undefined,
          "options": undefined,
          "type": "option",
        },
      }
    `);
    expect(shape(SandboxReset.flags)).toMatchInlineSnapshot(`
      {
        "sandbox-dir": {
          "default": undefined,
          "options": undefined,
          "type": "option",
        },
        "seed": {
          "default": "default",
          "options": [
            "default",
            "large",
            "empty",
          ],
          "type": "option",
        },
        "state-dir": {
          "default": undefined,
          "options": undefined,
          "type": "option",
        },
      }
    `);
  });
});
