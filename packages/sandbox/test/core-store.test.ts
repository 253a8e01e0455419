/**
 * @module-tag e2e
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { createIds } from '../src/core/ids.js';
import { openStore } from '../src/core/store.js';
import { DataDirBusyError, startSandbox } from '../src/index.js';
import { accessToken, callApi, testProduct } from './support/index.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'zlc-sandbox-store-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

describe('the store', () => {
  it('keeps insertion order and survives reopening', () => {
    const dir = tempDir();
    const store = openStore(dir);
    expect(store.wasEmpty).toBe(true);
    const c = store.collection<{ v: number }>('c');
    c.put('b', { v: 1 });
    c.put('a', { v: 2 });
    c.put('b', { v: 3 });
    c.delete('zzz');
    store.close();
    const again = openStore(dir);
    expect(again.wasEmpty).toBe(false);
    expect([...again.collection<{ v: number }>('c').values()]).toEqual([{ v: 3 }, { v: 2 }]);
    again.close();
  });

  it('rolls back memory and disk together when a transaction throws', () => {
    const dir = tempDir();
    const store = openStore(dir);
    const c = store.collection<number>('c');
    c.put('keep', 1);
    expect(() =>
      store.transaction(() => {
        c.put('keep', 2);
        c.put('new', 3);
        c.delete('keep');
        throw new Error('abort');
      }),
    ).toThrow('abort');
    expect(c.get('keep')).toBe(1);
    expect(c.has('new')).toBe(false);
    store.close();
    const again = openStore(dir);
    expect(again.collection<number>('c').get('keep')).toBe(1);
    expect(again.collection<number>('c').has('new')).toBe(false);
    again.close();
  });

  it('rolls back only the inner transaction when its error is caught', () => {
    const store = openStore(undefined);
    const c = store.collection<number>('c');
    store.transaction(() => {
      c.put('outer', 1);
      try {
        store.transaction(() => {
          c.put('inner', 2);
          throw new Error('inner');
        });
      } catch {
        // expected
      }
    });
    expect(c.get('outer')).toBe(1);
    expect(c.has('inner')).toBe(false);
  });

  it('runs after-commit work only when the outermost transaction commits', () => {
    const store = openStore(undefined);
    const ran: string[] = [];
    store.afterCommit(() => ran.push('now'));
    store.transaction(() => {
      store.afterCommit(() => ran.push('outer'));
      try {
        store.transaction(() => {
          store.afterCommit(() => ran.push('inner rolled back'));
          throw new Error('inner');
        });
      } catch {
        // expected
      }
      expect(ran).toEqual(['now']);
    });
    expect(() =>
      store.transaction(() => {
        store.afterCommit(() => ran.push('all rolled back'));
        throw new Error('outer');
      }),
    ).toThrow('outer');
    expect(ran).toEqual(['now', 'outer']);
  });

  it('writes a quarter of a million documents in one transaction quickly', () => {
    const dir = tempDir();
    const store = openStore(dir);
    const c = store.collection<{ i: number; name: string }>('big');
    const started = Date.now();
    store.transaction(() => {
      for (let i = 0; i < 250_000; i++) c.put(String(i), { i, name: `Record ${i}` });
    });
    const ms = Date.now() - started;
    store.close();
    expect(ms).toBeLessThan(20_000);
    const again = openStore(dir);
    expect(again.collection('big').size).toBe(250_000);
    again.close();
  }, 60_000);

  it('is consistent after the writing process is killed mid-flight', async () => {
    const dir = tempDir();
    const here = dirname(fileURLToPath(import.meta.url));
    const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'support', 'kill-writer.ts'), dir], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString('utf8');
    });
    await new Promise<void>((resolve, reject) => {
      child.stdout.once('data', () => resolve());
      child.once('exit', (code) => reject(new Error(`writer exited early with ${code}: ${stderr}`)));
    });
    await new Promise((r) => setTimeout(r, 300));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
    const store = openStore(dir);
    const left = store.collection<{ n: number }>('left').get('counter');
    const right = store.collection<{ n: number }>('right').get('counter');
    const log = store.collection<{ n: number }>('log');
    expect(left?.n).toBeGreaterThan(0);
    expect(right?.n).toBe(left?.n);
    expect(log.size).toBe(left?.n);
    store.close();
  }, 60_000);
});

describe('ids', () => {
  it('have Zoho lengths and stay unique across a rolled-back transaction and a restart', () => {
    const dir = tempDir();
    let store = openStore(dir);
    let ids = createIds(store);
    expect(ids.next('crm')).toMatch(/^\d{19}$/);
    expect(ids.next('books')).toMatch(/^\d{18}$/);
    expect(ids.next('desk')).toMatch(/^\d{18}$/);
    const seen = new Set<string>();
    store.transaction(() => {
      for (let i = 0; i < 10_000; i++) seen.add(ids.next('crm'));
    });
    expect(() =>
      store.transaction(() => {
        for (let i = 0; i < 5_000; i++) seen.add(ids.next('crm'));
        throw new Error('rolled back');
      }),
    ).toThrow('rolled back');
    for (let i = 0; i < 10; i++) seen.add(ids.next('crm'));
    store.close();
    store = openStore(dir);
    ids = createIds(store);
    const after = Array.from({ length: 5_000 }, () => ids.next('crm'));
    expect(after.filter((id) => seen.has(id))).toEqual([]);
    store.close();
  });
});

describe('a sandbox on a data dir', () => {
  it('keeps its org, credentials and data across a restart', async () => {
    const dir = tempDir();
    const first = await startSandbox({ dataDir: dir, products: [testProduct()] });
    const token = await accessToken(first);
    const created = await callApi(first, token, 'POST', '/crm/v8/things', { name: 'kept' });
    expect(created.status).toBe(201);
    const { credentials, org } = first;
    await first.close();

    const second = await startSandbox({ dataDir: dir, products: [testProduct()] });
    try {
      expect(second.credentials).toEqual(credentials);
      expect(second.org).toEqual(org);
      // The access token was persisted too: a served sandbox restart does not log clients out.
      const list = await callApi(second, token, 'GET', '/crm/v8/things');
      expect(list.body).toMatchObject({ data: [{ body: { name: 'kept' } }] });
      const again = await callApi(second, token, 'POST', '/crm/v8/things', { name: 'new' });
      const ids = (list.body as { data: Array<{ id: string }> }).data.map((d) => d.id);
      const newId = (again.body as { data: Array<{ details: { id: string } }> }).data[0]?.details.id;
      expect(ids).not.toContain(newId);
      expect(newId).toMatch(/^\d{19}$/);
    } finally {
      await second.close();
    }
  });

  it('seeds a new data dir once, and seeds again on reset while keeping the credentials', async () => {
    const dir = tempDir();
    const seeds: string[] = [];
    const product = testProduct({
      seed: (ctx, seed) => {
        seeds.push(seed);
        ctx.store.collection('test:things').put('seeded', { id: 'seeded', seed });
      },
    });
    const first = await startSandbox({ dataDir: dir, seed: 'empty', products: [product] });
    await first.close();
    const second = await startSandbox({ dataDir: dir, products: [product] });
    expect(seeds).toEqual(['empty']);
    const token = await accessToken(second);
    await callApi(second, token, 'POST', '/crm/v8/things', { extra: true });
    second.reset('default');
    expect(seeds).toEqual(['empty', 'default']);
    const list = await callApi(second, token, 'GET', '/crm/v8/things');
    expect(list.body).toEqual({ data: [{ id: 'seeded', seed: 'default' }] });
    await second.close();
  });

  it('refuses a second sandbox on a data dir in use, and takes over a lock whose process is gone', async () => {
    const dir = tempDir();
    const first = await startSandbox({ dataDir: dir, products: [testProduct()] });
    await expect(startSandbox({ dataDir: dir, products: [testProduct()] })).rejects.toBeInstanceOf(DataDirBusyError);
    await first.close();
    const dead = spawn(process.execPath, ['-e', '0']);
    const deadPid = dead.pid as number;
    await new Promise((resolve) => dead.once('exit', resolve));
    writeFileSync(join(dir, 'sandbox.lock'), String(deadPid));
    const second = await startSandbox({ dataDir: dir, products: [testProduct()] });
    await second.close();
  });

  it('names the product whose seed failed, leaves nothing half-seeded, and frees the data dir', async () => {
    const dir = tempDir();
    const broken = testProduct({
      seed: (ctx) => {
        ctx.store.collection('test:things').put('half', { id: 'half' });
        throw new Error('seed exploded');
      },
    });
    await expect(startSandbox({ dataDir: dir, products: [broken] })).rejects.toThrow(
      'sandbox: the crm seed "default" failed: seed exploded',
    );
    const store = openStore(dir);
    expect(store.collection('test:things').size).toBe(0);
    store.close();
    const healthy = await startSandbox({ dataDir: dir, products: [testProduct()] });
    await healthy.close();
  });

  it('reports a port that is taken as an error', async () => {
    const first = await startSandbox({ products: [testProduct()] });
    const port = Number(new URL(first.url).port);
    await expect(startSandbox({ port, products: [testProduct()] })).rejects.toThrow(/EADDRINUSE/);
    await first.close();
  });
});
