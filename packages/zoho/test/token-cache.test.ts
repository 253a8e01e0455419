/**
 * @module-tag e2e
 */
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@zlc/sandbox';
import { waitFor } from '@zlc/testkit';
import {
  type Clock,
  createZohoClients,
  loadZohoConfig,
  type ZohoClientOptions,
  type ZohoClients,
  type ZohoEvent,
} from '@zlc/zoho';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FAST_RETRY } from './support/sandbox-clients.js';

let sandbox: Sandbox;
let dir: string;
const opened: ZohoClients[] = [];

beforeEach(async () => {
  sandbox = await startSandbox({ seed: 'empty' });
  dir = mkdtempSync(join(tmpdir(), 'zlc-token-cache-'));
});

afterEach(async () => {
  for (const clients of opened.splice(0)) clients.close();
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

/** One run's clients (as one zlc process has them), sharing the token cache in `<dir>/tokens`. */
function run(options: ZohoClientOptions = {}, cacheDir: string | undefined = join(dir, 'tokens')) {
  const loaded = loadZohoConfig(sandbox.env);
  if (!loaded.ok) throw new Error('the sandbox env is not a valid config');
  const events: ZohoEvent[] = [];
  const clients = createZohoClients(loaded.config, {
    retry: FAST_RETRY,
    ...options,
    ...(cacheDir === undefined ? {} : { tokenCacheDir: cacheDir }),
    onEvent: (event) => events.push(event),
  });
  opened.push(clients);
  return { clients, events };
}

const tokenRequests = () => sandbox.stats().requests.accounts;
const waits = (events: ZohoEvent[]) => events.filter((e) => e.type === 'token_refresh_waiting');

/** A clock whose sleeps pass at once and move the sandbox's clock along, for waits of minutes. */
function hurriedClock(): Clock {
  let offset = 0;
  return {
    now: () => Date.now() + offset,
    async sleep(ms: number) {
      if (ms <= 0) return;
      offset += ms;
      sandbox.clock.advance(ms);
    },
  };
}

describe('one access token shared by every zlc run on the machine', () => {
  it('gives the token one run got to the runs after it, without another token request', async () => {
    const first = run();
    await first.clients.desk.listOrganizations();
    for (let i = 0; i < 5; i += 1) {
      const next = run();
      await next.clients.books.listTaxes();
      expect(next.clients.tokenRequests()).toBe(0);
      expect(next.events).toContainEqual({ type: 'token_reused', expiresInSeconds: expect.any(Number) });
    }
    expect(tokenRequests()).toBe(1);
  });

  it('tells when the token it holds was issued and expires, and the runs after it the same times', async () => {
    const first = run();
    expect(first.clients.token.info()).toBeUndefined();
    const before = Date.now();
    const info = await first.clients.token.ensure();
    expect(info.issuedAt).toBeGreaterThanOrEqual(before);
    expect(info.issuedAt).toBeLessThanOrEqual(Date.now());
    expect(info.expiresAt - (info.issuedAt ?? 0)).toBe(3_600_000);
    const next = run();
    await next.clients.books.listTaxes();
    expect(next.clients.token.info()).toEqual(info);
    expect(tokenRequests()).toBe(1);
    expect(Object.keys(info).sort()).toEqual(['expiresAt', 'issuedAt']);
  });

  it('sends one token request for runs that start at once', async () => {
    const runs = Array.from({ length: 6 }, () => run());
    await Promise.all(runs.map((r) => Promise.all([r.clients.desk.listOrganizations(), r.clients.books.listTaxes()])));
    expect(tokenRequests()).toBe(1);
  });

  it('keeps the cache in a 0700 folder as a 0600 file that holds neither the refresh token nor the client secret', async () => {
    await run().clients.desk.listOrganizations();
    const folder = join(dir, 'tokens');
    expect(statSync(folder).mode & 0o777).toBe(0o700);
    const files = readdirSync(folder);
    expect(files).toHaveLength(1);
    const file = join(folder, files[0] ?? '');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    const { clientSecret, refreshToken } = sandbox.credentials;
    for (const secret of [clientSecret, refreshToken]) {
      expect(text).not.toContain(secret);
      expect(files[0]).not.toContain(secret);
    }
    expect(JSON.parse(text)).toMatchObject({ version: 1, clientId: sandbox.credentials.clientId });
  });

  it('keeps apart the tokens of different refresh tokens', async () => {
    await run().clients.desk.listOrganizations();
    const other = await startSandbox({ seed: 'empty' });
    try {
      const loaded = loadZohoConfig(other.env);
      if (!loaded.ok) throw new Error('config');
      const clients = createZohoClients(loaded.config, { tokenCacheDir: join(dir, 'tokens') });
      opened.push(clients);
      await clients.desk.listOrganizations();
      expect(clients.tokenRequests()).toBe(1);
      expect(readdirSync(join(dir, 'tokens')).filter((f) => f.endsWith('.json'))).toHaveLength(2);
    } finally {
      await other.close();
    }
  });

  it('takes over a lock left by a process that died while refreshing', async () => {
    const first = run();
    await first.clients.desk.listOrganizations();
    const file = readdirSync(join(dir, 'tokens')).find((f) => f.endsWith('.json')) ?? '';
    rmSync(join(dir, 'tokens', file));
    // A lock directory nobody has refreshed for a minute: its holder is gone.
    const lock = join(dir, 'tokens', `${file}.lock`);
    mkdirSync(lock);
    const aMinuteAgo = new Date(Date.now() - 60_000);
    utimesSync(lock, aMinuteAgo, aMinuteAgo);
    const next = run();
    await next.clients.desk.listOrganizations();
    expect(next.clients.tokenRequests()).toBe(1);
    // Taken over at once: a lock it waited out would end in the cache being given up as unavailable.
    expect(next.events.filter((e) => e.type === 'token_cache_unavailable')).toEqual([]);
  });

  it('replaces a cached token Zoho refused once, and the other runs pick up the new one', async () => {
    const first = run();
    await first.clients.desk.listOrganizations();
    sandbox.clock.advance(2 * 3600 * 1000); // the token dies on the server; the runs still believe in it
    const second = run();
    await Promise.all(Array.from({ length: 10 }, () => second.clients.desk.listOrganizations()));
    expect(second.clients.tokenRequests()).toBe(1);
    await first.clients.desk.listOrganizations();
    expect(first.clients.tokenRequests()).toBe(1);
    expect(tokenRequests()).toBe(2);
  });

  it('goes on with a token of its own when the cache folder cannot be made, and says so', async () => {
    const blocker = join(dir, 'not-a-folder');
    writeFileSync(blocker, '');
    const lone = run({}, join(blocker, 'tokens'));
    await lone.clients.desk.listOrganizations();
    expect(lone.events).toContainEqual({
      type: 'token_cache_unavailable',
      location: expect.stringContaining('not-a-folder'),
      reason: 'ENOTDIR',
    });
    expect(lone.clients.tokenRequests()).toBe(1);
  });
});

describe('token requests within Zoho’s limits', () => {
  it('waits out Zoho’s "too many requests" with progress events, then gets the token', async () => {
    sandbox.faults.set([{ product: 'accounts', kind: 'rate_limit', times: 1 }]);
    const { clients, events } = run({ tokenLimits: { throttleRetryMs: 100 } });
    await clients.desk.listOrganizations();
    expect(waits(events)).toEqual([
      {
        type: 'token_refresh_waiting',
        reason: 'throttled',
        waitMs: expect.any(Number),
        deadlineMs: expect.any(Number),
      },
    ]);
    expect(tokenRequests()).toBe(2);
  });

  it('tells the other runs about the throttle, so they wait instead of asking again', async () => {
    sandbox.faults.set([{ product: 'accounts', kind: 'rate_limit', times: 1 }]);
    const first = run({ tokenLimits: { throttleRetryMs: 300 } });
    const second = run({ tokenLimits: { throttleRetryMs: 300 } });
    const firstCall = first.clients.desk.listOrganizations();
    // The first run waits once it has recorded the throttle in the shared cache: only then does the second start.
    await waitFor(() => waits(first.events).length > 0, 'the first run to be throttled');
    await Promise.all([firstCall, second.clients.desk.listOrganizations()]);
    expect(tokenRequests()).toBe(2);
  });

  it('waits for a place in the 10-minute window when the runs already had 10 tokens, instead of failing', async () => {
    const { clients, events } = run({ clock: hurriedClock() });
    for (let i = 0; i < 10; i += 1) {
      await clients.books.listTaxes();
      sandbox.clock.advance(2 * 3600 * 1000); // each token dies on the server, so each call needs a new one
    }
    await clients.books.listTaxes();
    expect(clients.tokenRequests()).toBe(11);
    const windowWaits = waits(events).filter((e) => e.type === 'token_refresh_waiting' && e.reason === 'window');
    expect(windowWaits.length).toBeGreaterThan(1); // progress while it waits, not one silent sleep
  });

  it('backs off exponentially after a login 5xx and gives up after a bounded number of token requests', async () => {
    sandbox.faults.set([{ product: 'accounts', kind: 'error' }]);
    const { clients, events } = run();
    const failures = await Promise.allSettled(Array.from({ length: 20 }, () => clients.desk.listOrganizations()));
    expect(failures.every((f) => f.status === 'rejected')).toBe(true);
    expect(failures[0]).toMatchObject({ reason: { kind: 'unavailable', product: 'accounts' } });
    expect(tokenRequests()).toBe(5);
    const delays = waits(events).map((e) => (e.type === 'token_refresh_waiting' ? e.waitMs : 0));
    expect(delays).toHaveLength(4);
    expect(delays[3]).toBeGreaterThan(delays[0] ?? 0);
  });

  it('recovers from a short login 5xx storm with one request per failure and one that succeeds', async () => {
    sandbox.faults.set([{ product: 'accounts', kind: 'error', times: 3 }]);
    const { clients } = run();
    await Promise.all(Array.from({ length: 20 }, () => clients.desk.listOrganizations()));
    expect(tokenRequests()).toBe(4);
  });

  it('never puts the access token in an event', async () => {
    const { clients, events } = run();
    await clients.desk.listOrganizations();
    const file = readdirSync(join(dir, 'tokens')).find((f) => f.endsWith('.json')) ?? '';
    const token = JSON.parse(readFileSync(join(dir, 'tokens', file), 'utf8')).token.value as string;
    expect(JSON.stringify(events)).not.toContain(token);
  });
});
