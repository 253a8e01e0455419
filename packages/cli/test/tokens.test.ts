/**
 * One access token for every zlc process on a machine, as a user meets it: a dozen commands in a row (and at once)
 * against one served sandbox, with `zlc flow serve` answering webhooks beside them, ask Zoho for one token between
 * them; a failing accounts server costs a bounded number of token requests.
 *
 * @module-tag e2e
 * @module-tag slow
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@zlc/sandbox';
import { type CliResult, freePort, runCli } from '@zlc/testkit';
import { createZohoClients, loadZohoConfig } from '@zlc/zoho';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeZohoEvent } from '../src/render/zoho-progress.js';
import { kill, startServe } from './support/flow-serve.js';

const SECRET = 'tokens-test-secret';

let sandbox: Sandbox;
let dir: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'zlc-tokens-cli-'));
  sandbox = await startSandbox({ dataDir: join(dir, 'org'), seed: 'default' });
});

afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The environment of a user pointed at the served sandbox, with a state dir of this test's own. */
function userEnv(state: string, runtimeUrl = 'http://127.0.0.1:9'): Record<string, string> {
  return {
    ...sandbox.env,
    ZLC_STATE_DIR: state,
    ZLC_RUNTIME_URL: runtimeUrl,
    ZLC_WEBHOOK_SECRET: SECRET,
  };
}

/** A deal of the seeded org, to name in a CRM webhook (read with a token of this test's own). */
async function aDealId(): Promise<string> {
  const loaded = loadZohoConfig(sandbox.env);
  if (!loaded.ok) throw new Error('the sandbox env is not a valid config');
  const clients = createZohoClients(loaded.config);
  try {
    for await (const deal of clients.crm.records.list('Deals', { fields: ['Deal_Name'] })) return deal.id;
  } finally {
    clients.close();
  }
  throw new Error('the default seed has no deal');
}

describe('one access token for every zlc process on the machine', () => {
  it('runs 12 commands against one sandbox with one token request, while flow serve answers every webhook', async () => {
    const state = join(dir, 'state-shared');
    const dealId = await aDealId();
    sandbox.resetStats();
    const env = userEnv(state);
    const port = await freePort();
    const serve = await startServe({ ...env, ZLC_RUNTIME_URL: `http://127.0.0.1:${port}` }, [
      '--port',
      String(port),
      '--ledger',
      join(dir, 'flow.db'),
    ]);
    const hookAnswers: number[] = [];
    let hooking = true;
    const hooks = (async () => {
      while (hooking) {
        const answer = await fetch(`http://127.0.0.1:${port}/hooks/crm/won-deal-to-books`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-zlc-secret': SECRET },
          body: new URLSearchParams({ id: dealId, module: 'Deals' }).toString(),
        });
        hookAnswers.push(answer.status);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    })();
    const started = Date.now();
    try {
      const out = (name: string) => join(dir, name);
      // Two at once, six times: the first two start with no token anywhere and race for it.
      const batches: string[][][] = [
        [['plan'], ['export', '--out', out('a.yaml')]],
        [
          ['flow', 'poll', '--once', '--ledger', out('poll.db')],
          ['plan', '--format', 'json'],
        ],
        [['validate'], ['export', '--out', out('b.yaml')]],
        [
          ['plan', '--format', 'markdown'],
          ['flow', 'status', '--ledger', out('poll.db')],
        ],
        [['export', '--out', out('c.yaml')], ['plan']],
        [
          ['flow', 'poll', '--once', '--ledger', out('poll.db')],
          ['plan', '--detailed-exitcode'],
        ],
      ];
      const runs: CliResult[] = [];
      for (const batch of batches) runs.push(...(await Promise.all(batch.map((args) => runCli(args, { env })))));
      const failed = runs.filter((r, i) => !(r.code === 0 || (i === 11 && r.code === 2)));
      expect(failed.map((r) => r.stderr)).toEqual([]);
      expect(runs).toHaveLength(12);
      expect(Date.now() - started).toBeLessThan(5 * 60_000);
    } finally {
      hooking = false;
      await hooks;
      await kill(serve, 'SIGTERM');
    }
    expect(sandbox.stats().requests.accounts).toBe(1);
    expect(hookAnswers.length).toBeGreaterThan(0);
    expect(hookAnswers.filter((status) => status === 503)).toEqual([]);
    expect(new Set(hookAnswers)).toEqual(new Set([202]));
  }, 300_000);

  it('asks a failing accounts server a bounded number of times, backing off, and says so', async () => {
    const env = userEnv(join(dir, 'state-storm'));
    sandbox.resetStats();
    sandbox.faults.set([{ product: 'accounts', kind: 'error' }]);
    try {
      const run = await runCli(['plan'], { env });
      expect(run.code).toBe(1);
      expect(sandbox.stats().requests.accounts).toBe(5);
      expect(run.stderr).toContain("Zoho's accounts server failed to give an access token; asking again in");
    } finally {
      sandbox.faults.clear();
    }
  }, 120_000);

  it('gets through a short login 5xx storm with one request per failure and one that succeeds', async () => {
    const env = userEnv(join(dir, 'state-short-storm'));
    sandbox.resetStats();
    sandbox.faults.set([{ product: 'accounts', kind: 'error', times: 3 }]);
    try {
      const run = await runCli(['plan'], { env });
      expect(run.stderr).not.toMatch(/failed:/);
      expect(run.code).toBe(0);
      expect(sandbox.stats().requests.accounts).toBe(4);
    } finally {
      sandbox.faults.clear();
    }
  }, 120_000);
});

describe('what a command says while it waits for an access token', () => {
  it('names the reason, the wait and how much longer zlc will wait, in whole seconds', () => {
    const wait = (reason: 'window' | 'throttled' | 'backoff') =>
      describeZohoEvent({ type: 'token_refresh_waiting', reason, waitMs: 250_400, deadlineMs: 700_000 });
    expect(wait('window')).toBe(
      'Zoho allows 10 access tokens per refresh token in 10 minutes and this one had them; asking for the next in 251 s (zlc waits at most 700 s more).',
    );
    expect(wait('throttled')).toContain('"too many requests"');
    expect(wait('backoff')).toBe("Zoho's accounts server failed to give an access token; asking again in 251 s.");
  });

  it('says when the shared cache cannot be used, and stays silent on ordinary requests', () => {
    expect(
      describeZohoEvent({ type: 'token_cache_unavailable', location: '.zlc/tokens/ab.json', reason: 'EACCES' }),
    ).toBe(
      'The shared token cache .zlc/tokens/ab.json cannot be used (EACCES); this command gets an access token of its own.',
    );
    expect(describeZohoEvent({ type: 'token_reused', expiresInSeconds: 3000 })).toBeUndefined();
  });
});
