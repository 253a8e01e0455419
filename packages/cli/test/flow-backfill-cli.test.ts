/**
 * `zlc flow backfill` as a user runs it (a child process of the real CLI) on an org with history, provisioned from
 * the root lifecycle.yaml: the dry run lists the seed's deal won before any runtime started and makes no ledger;
 * a --since that is not a date is refused. What a backfill run does to the org is tested beside the runtime
 * (packages/flow/test/invoices-backfill.test.ts).
 *
 * @module-tag e2e
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { type FlowWorld, flowWorld } from '@zlc/flow/testing';
import { runCli } from '@zlc/testkit';
import { type CrmRecord, collect } from '@zlc/zoho';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const SLOW = 240_000;
let world: FlowWorld;

beforeAll(async () => {
  world = await flowWorld();
}, SLOW);
afterAll(async () => {
  await world?.close();
});

/** The seed's deal won before the runtime started (2026-01-05): history. */
async function historicDeal(): Promise<CrmRecord> {
  const [deal] = await collect(
    world.clients.crm.records.coql(`select id, Deal_Name from Deals where Deal_Name = 'Initech – support renewal'`),
  );
  if (deal === undefined) throw new Error('the seed has no Initech deal');
  return deal;
}

/** `zlc flow backfill …` against the org (the sandbox answering it lives in this process). */
function zlcBackfill(args: string[]) {
  return runCli(['flow', 'backfill', ...args], { env: { ...world.sandbox.env, ZLC_WEBHOOK_SECRET: 's' } });
}

describe('zlc flow backfill on an org with history', () => {
  it('--dry-run --json lists the deal won before the runtime started, and makes no ledger', async () => {
    const deal = await historicDeal();
    const ledgerPath = join(world.dir, 'never-made.db');
    const cli = await zlcBackfill(['--since', '2026-01-01', '--dry-run', '--json', '--ledger', ledgerPath]);
    expect(cli.code, cli.stderr).toBe(0);
    const listed = (JSON.parse(cli.stdout) as { result: { dryRun: boolean; records: { recordId: string }[] } }).result;
    expect(listed.dryRun).toBe(true);
    expect(listed.records.map((r) => r.recordId)).toContain(deal.id);
    expect(existsSync(ledgerPath)).toBe(false);
  });

  it('--since refuses what is not a date, saying what to give', async () => {
    const cli = await zlcBackfill(['--since', 'last week', '--dry-run']);
    expect(cli.code).toBe(1);
    expect(cli.stderr).toContain('--since last week is not a date');
  });
});
