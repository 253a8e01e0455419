/**
 * `zlc flow status` and `zlc flow replay` over a ledger, and `zlc flow books-token`, as a user runs them (child
 * processes of the real CLI).
 *
 * @module-tag e2e
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PostgresLedger, SqliteLedger } from '@zlc/flow';
import { clientsFor } from '@zlc/flow/testing';
import { booksHookToken } from '@zlc/model';
import { type Sandbox, startSandbox } from '@zlc/sandbox';
import {
  type CliResult,
  dropSchema,
  freshSchemaName,
  postgresAvailable,
  runCli,
  TEST_POSTGRES_URL,
} from '@zlc/testkit';
import { collect } from '@zlc/zoho';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

let sandbox: Sandbox;
let dir: string;
let ledgerPath: string;
let entryId: number;

/** `zlc flow ARGS` against the sandbox (its ZOHO_* variables), with a webhook secret set. */
function zlc(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return runCli(['flow', ...args], { env: { ...sandbox.env, ZLC_WEBHOOK_SECRET: 's', ...env } });
}

beforeAll(async () => {
  sandbox = await startSandbox();
  dir = mkdtempSync(join(tmpdir(), 'zlc-flow-cli-'));
  ledgerPath = join(dir, 'flow.db');
  const clients = clientsFor(sandbox.env);
  const [ticket] = await collect(clients.desk.tickets.list());
  clients.close();
  const ledger = new SqliteLedger(ledgerPath);
  entryId = (
    await ledger.offer({
      handoff: 'tickets-to-crm',
      recordId: ticket?.id ?? '',
      transition: 'ticket_event',
      source: 'webhook',
    })
  ).id;
  await ledger.claim('test', 1, 60_000);
  await ledger.finish(entryId, { state: 'dead', error: 'unavailable after 8 tries' });
  await ledger.close();
});
afterAll(async () => {
  await sandbox.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('zlc flow status and replay', () => {
  it('status --json lists the dead entry with its reason', async () => {
    const run = await zlc(['status', '--json', '--ledger', ledgerPath]);
    expect(run.code).toBe(0);
    const status = (
      JSON.parse(run.stdout) as {
        result: { counts: Record<string, number>; entries: { id: number; lastError?: string }[] };
      }
    ).result;
    expect(status.counts.dead).toBe(1);
    expect(status.entries.map((e) => [e.id, e.lastError])).toEqual([[entryId, 'unavailable after 8 tries']]);
  });

  it('replay runs the entry again now and reports where it ended (blocked: the seed account is not linked to CRM)', async () => {
    const run = await zlc(['replay', String(entryId), '--json', '--ledger', ledgerPath]);
    const { status, result: entry } = JSON.parse(run.stdout) as {
      status: number;
      result: { state: string; reason?: string };
    };
    expect(status).toBe(1);
    expect(entry.state).toBe('blocked');
    expect(entry.reason).toContain('account.cf_crm_account_id');
    expect(run.code).toBe(1);
  });

  it('replay of an unknown entry fails with exit 1', async () => {
    expect((await zlc(['replay', '999', '--ledger', ledgerPath])).code).toBe(1);
  });

  it('status on a ledger file that is not there says so and exits 1, making no empty ledger', async () => {
    const missing = join(dir, 'flwo.db');
    const run = await zlc(['status', '--ledger', missing]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`No ledger at ${missing}`);
    expect(existsSync(missing)).toBe(false);
  });
});

describe('zlc flow books-token', () => {
  it("prints the Books webhook's header token and URL, the ones the runtime checks", async () => {
    const run = await zlc(['books-token', 'invoice-status-to-crm', '--json'], {
      ZLC_RUNTIME_URL: 'https://flow.example.com',
    });
    expect(run.code, run.stderr).toBe(0);
    expect((JSON.parse(run.stdout) as { result: unknown }).result).toEqual({
      handoff: 'invoice-status-to-crm',
      header: 'X-Zlc-Token',
      token: booksHookToken('s', 'invoice-status-to-crm'),
      url: 'https://flow.example.com/hooks/books/invoice-status-to-crm',
    });
  });

  it('refuses a handoff not triggered by invoices, and a missing secret, with exit 1', async () => {
    const other = await zlc(['books-token', 'won-deal-to-books']);
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('no handoff won-deal-to-books triggered by invoice_status');
    const unset = await zlc(['books-token', 'invoice-status-to-crm'], { ZLC_WEBHOOK_SECRET: '' });
    expect(unset.code).toBe(1);
    expect(unset.stderr).toContain('ZLC_WEBHOOK_SECRET is not set');
  });
});

describe('zlc flow on a PostgreSQL ledger (runtime.ledger.kind postgres)', async () => {
  const postgres = await postgresAvailable();
  const schema = freshSchemaName();
  afterAll(() => (postgres.ok ? dropSchema(schema) : undefined));

  it.skipIf(!postgres.ok)('status reads the entries the runtime recorded there, from the URL in url_env', async () => {
    const ledger = await PostgresLedger.open({ url: TEST_POSTGRES_URL, schema });
    await ledger.offer({ handoff: 'won-deal-to-books', recordId: 'd1', transition: 'enters:won', source: 'poll' });
    await ledger.close();
    const env = { ZLC_LEDGER_URL: TEST_POSTGRES_URL, ZLC_LEDGER_SCHEMA: schema };
    const run = await zlc(['status', '--json', '-f', 'examples/services-agency/lifecycle.yaml'], env);
    expect(run.code).toBe(0);
    const status = (JSON.parse(run.stdout) as { result: { ledger: string; counts: Record<string, number> } }).result;
    expect(status.counts.pending).toBe(1);
    expect(status.ledger).toContain(`schema ${schema}`);
  });

  it('says which variable to set when url_env is unset', async () => {
    const run = await zlc(['status', '-f', 'examples/services-agency/lifecycle.yaml'], { ZLC_LEDGER_URL: '' });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('ZLC_LEDGER_URL');
  });
});
