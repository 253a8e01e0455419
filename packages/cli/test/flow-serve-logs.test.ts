/**
 * `zlc flow serve --log-format json` as a service runs it: every line on stdout is a JSON log record.
 *
 * @module-tag e2e
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Sandbox, startSandbox } from '@zlc/sandbox';
import { freePort } from '@zlc/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { kill, type ServeProcess, startServe } from './support/flow-serve.js';

let sandbox: Sandbox;
let serve: ServeProcess;
let dir: string;
let url: string;
const SECRET = 'log-test-secret-4b1d';

beforeAll(async () => {
  sandbox = await startSandbox();
  dir = mkdtempSync(join(tmpdir(), 'zlc-serve-logs-'));
  const port = await freePort();
  url = `http://127.0.0.1:${port}`;
  serve = await startServe(
    { ...sandbox.env, ZLC_WEBHOOK_SECRET: SECRET, ZLC_RUNTIME_URL: url, ZLC_STATE_DIR: join(dir, 'state') },
    ['--port', String(port), '--ledger', join(dir, 'flow.db'), '--poll-interval', '0', '--log-format', 'json'],
  );
}, 60_000);
afterAll(async () => {
  if (serve !== undefined) await kill(serve);
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('flow serve logs', () => {
  it('writes JSON lines with time, level, message and the event, and no secret', async () => {
    const refused = await fetch(`${url}/hooks/crm/won-deal-to-books`, { method: 'POST', body: 'id=1' });
    expect(refused.status).toBe(401);
    await kill(serve, 'SIGTERM');
    const lines = [serve.stdout(), serve.stderr()]
      .join('\n')
      .split('\n')
      .filter((l) => l.trim() !== '');
    const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const r of records) {
      expect(typeof r.time).toBe('number');
      expect(typeof r.level).toBe('number');
      expect(typeof r.msg).toBe('string');
    }
    expect(records.some((r) => String(r.msg).startsWith('Listening on'))).toBe(true);
    expect(records.find((r) => r.event === 'intake_refused')).toMatchObject({ status: 401, level: 40 });
    expect(lines.join('\n')).not.toContain(SECRET);
  });
});
