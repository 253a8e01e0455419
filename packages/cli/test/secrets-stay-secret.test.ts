/**
 * Secrets stay secret: a whole run through the CLI — validate, plan (text, markdown, JSON, saved), apply, the handoff
 * runtime receiving a real webhook and a forged one, export, status, poll, and runs that fail on a bad refresh token
 * or a bad model — with unique secrets planted (the org's client secret and refresh token, the webhook secret, the
 * sandbox's admin key). Then every output, journal, plan, ledger, lock, export and log the run produced is searched
 * for each secret and for its 8-character prefixes. Only the files meant to hold them are left out: the sandbox's
 * own store and its 0600 sandbox.env.
 *
 * @module-tag e2e
 * @module-tag slow
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { ENV_FILE, type Sandbox, STORE_FILE, startSandbox, writeEnvFile } from '@zlc/sandbox';
import { type CliResult, type CliRun, freePort, REPO_ROOT, runCli, startCli, stopCli, waitFor } from '@zlc/testkit';
import { collect, createZohoClients, loadZohoConfig } from '@zlc/zoho';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let dir: string;
let sandbox: Sandbox;
const sandboxLog: string[] = [];
const outputs: { name: string; text: string }[] = [];
const WEBHOOK_SECRET = `whs${randomBytes(16).toString('hex')}`;

async function run(name: string, args: string[], env: Record<string, string>): Promise<CliResult> {
  const result = await runCli(args, { cwd: dir, env });
  outputs.push({ name, text: `${result.stdout}\n${result.stderr}` });
  return result;
}

/** `zlc flow serve` in the background, its output collected until it stops. */
function serve(args: string[], env: Record<string, string>): CliRun & { output: () => string } {
  const run = startCli(args, { cwd: dir, env });
  return { ...run, output: () => `${run.stdout()}${run.stderr()}` };
}

/** Every file under `root`, except those listed. */
function filesUnder(root: string, except: (path: string) => boolean): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .map((name) => join(root, name))
    .filter((path) => statSync(path).isFile() && !except(path));
}

/** A secret and the 8-character prefixes of it and of each of its random parts (`1000.<hex>.<hex>`). */
function needles(secret: string): string[] {
  const parts = secret.split('.').filter((p) => p.length >= 8);
  return [...new Set([secret, secret.slice(0, 8), ...parts.map((p) => p.slice(0, 8))])];
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zlc-secrets-'));
  writeFileSync(join(dir, 'lifecycle.yaml'), readFileSync(join(REPO_ROOT, 'lifecycle.yaml'), 'utf8'));
  sandbox = await startSandbox({
    dataDir: join(dir, 'org'),
    seed: 'default',
    onEvent: (event) => sandboxLog.push(JSON.stringify(event)),
  });
  writeEnvFile(sandbox, join(dir, 'org'));
}, 60_000);

afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('secrets planted in a whole run', () => {
  it('appear in no output, journal, plan, ledger, lock, export or log', async () => {
    const port = await freePort();
    const env: Record<string, string> = {
      ...sandbox.env,
      ZLC_WEBHOOK_SECRET: WEBHOOK_SECRET,
      ZLC_RUNTIME_URL: `http://127.0.0.1:${port}/zlc`,
      ZLC_STATE_DIR: join(dir, 'state'),
    };
    const ledger = join(dir, 'flow.db');
    expect((await run('validate', ['validate'], env)).code).toBe(0);
    expect((await run('plan --out', ['plan', '--out', 'plan.json'], env)).code).toBe(0);
    await run('plan markdown', ['plan', '--format', 'markdown'], env);
    await run('plan json', ['plan', '--json'], env);
    const runtime = serve(['flow', 'serve', '--ledger', ledger, '--poll-interval', '0'], env);
    try {
      await waitFor(() => runtime.output().includes('Listening on'), 'flow serve');
      const applied = await run('apply plan.json', ['apply', 'plan.json', '--allow-data-loss'], env);
      expect(applied.code, applied.stderr).toBe(0);

      // A real webhook: a deal enters Closed Won, the workflow rule sends the secret header to the runtime.
      const loaded = loadZohoConfig(sandbox.env);
      if (!loaded.ok) throw new Error('sandbox env does not load');
      const clients = createZohoClients(loaded.config);
      const deals = await collect(clients.crm.records.list('Deals', { fields: ['Deal_Name', 'Amount', 'Stage'] }));
      const deal = deals.find((d) => Number(d.Amount) > 0 && d.Stage !== 'Closed Won');
      if (deal === undefined) throw new Error('the default org has no open deal with an amount');
      await clients.crm.records.update('Deals', deal.id, { Stage: 'Closed Won' });
      clients.close();
      await waitFor(() => runtime.output().includes(`webhook won-deal-to-books ${deal.id}`), 'the webhook');
      // A forged one, carrying the secret with a suffix: refused, and the header is not echoed.
      const forged = await fetch(`http://127.0.0.1:${port}/zlc/hooks/crm/won-deal-to-books`, {
        method: 'POST',
        headers: { 'x-zlc-secret': `${WEBHOOK_SECRET}-forged`, 'content-type': 'application/x-www-form-urlencoded' },
        body: `id=${deal.id}`,
      });
      expect(forged.status).toBe(401);
      await waitFor(() => runtime.output().includes('refused 401'), 'the refusal');
    } finally {
      await stopCli(runtime, 'SIGINT');
      outputs.push({ name: 'flow serve', text: runtime.output() });
    }
    await run('apply again', ['apply', '--auto-approve'], env);
    await run('export', ['export', '--out', 'export.yaml'], env);
    await run('flow status', ['flow', 'status', '--json', '--all', '--ledger', ledger], env);
    await run('flow poll', ['flow', 'poll', '--once', '--ledger', ledger], env);
    const badToken = await run('plan, bad refresh token', ['plan'], {
      ...env,
      ZOHO_REFRESH_TOKEN: `${sandbox.credentials.refreshToken}0`,
    });
    expect(badToken.code).toBe(1);
    writeFileSync(join(dir, 'broken.yaml'), 'version: 2\nowners: oops\n');
    expect((await run('validate broken', ['validate', '-f', 'broken.yaml'], env)).code).toBe(1);
    outputs.push({ name: 'sandbox events', text: sandboxLog.join('\n') });

    // The files the run produced; the sandbox's own store and its 0600 sandbox.env hold the credentials by design.
    const org = join(dir, 'org');
    const files = filesUnder(dir, (path) => path.startsWith(join(org, STORE_FILE)) || path === join(org, ENV_FILE));
    expect(files.map((f) => relative(dir, f))).toEqual(
      expect.arrayContaining([
        'plan.json',
        'export.yaml',
        'flow.db',
        expect.stringMatching(/^state\/journal\/.+\.jsonl$/),
      ]),
    );
    for (const file of files) outputs.push({ name: relative(dir, file), text: readFileSync(file, 'latin1') });

    const secrets = {
      'client secret': sandbox.credentials.clientSecret,
      'refresh token': sandbox.credentials.refreshToken,
      'webhook secret': WEBHOOK_SECRET,
      'admin key': sandbox.adminKey,
    };
    const found = outputs.flatMap(({ name, text }) =>
      Object.entries(secrets).flatMap(([what, secret]) =>
        needles(secret)
          .filter((needle) => text.includes(needle))
          .map((needle) => `${what} (${needle}) in ${name}`),
      ),
    );
    expect(found).toEqual([]);
    // The search itself works: the file meant to hold the credentials has them.
    const envFile = readFileSync(join(org, ENV_FILE), 'utf8');
    for (const needle of needles(sandbox.credentials.refreshToken)) expect(envFile).toContain(needle);
    expect(outputs.length).toBeGreaterThan(15);
  }, 300_000);
});
