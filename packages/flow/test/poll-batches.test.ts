/**
 * A poll that finds many records offers them to the ledger in batches: one round trip per 200 records, each record
 * still one entry and one intake event, and a second poll finds nothing new.
 *
 * @module-tag e2e
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type FlowEvent, type Ledger, ledgerStart, pollOnce, SqliteLedger } from '@zlc/flow';
import type { ResolvedModel } from '@zlc/model';
import { type Sandbox, startSandbox } from '@zlc/sandbox';
import type { ZohoClients } from '@zlc/zoho';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientsFor, rootModel } from './support/flow-world.js';

const HANDOFF = 'won-deal-to-books';
const DEALS = 450;
const dir = mkdtempSync(join(tmpdir(), 'zlc-poll-batches-'));
let sandbox: Sandbox;
let clients: ZohoClients;
let model: ResolvedModel;
let ledger: SqliteLedger;

beforeAll(async () => {
  sandbox = await startSandbox({ seed: 'default' });
  clients = clientsFor(sandbox.env);
  model = await rootModel();
  ledger = new SqliteLedger(join(dir, 'flow.db'));
  // The poll looks no further back than the ledger's start (set by a runtime's first start): the deals come after.
  await ledgerStart(ledger);
  sandbox.clock.advance(2_000);
  for (let first = 0; first < DEALS; first += 90) {
    const made = await clients.crm.records.create(
      'Deals',
      Array.from({ length: Math.min(90, DEALS - first) }, (_, i) => ({
        Deal_Name: `Batch deal ${first + i}`,
        Stage: 'Closed Won',
        Amount: 1_000,
        Closing_Date: '2030-01-31',
      })),
    );
    expect(made.every((r) => r.status === 'success')).toBe(true);
  }
}, 120_000);

afterAll(async () => {
  clients?.close();
  await ledger?.close();
  await sandbox?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The ledger as it is, with the size of each batch offered to it written down. */
function counting(target: Ledger, batches: number[]): Ledger {
  return new Proxy(target, {
    get(t, key) {
      if (key === 'offerMany')
        return (inputs: Parameters<Ledger['offerMany']>[0]) => {
          batches.push(inputs.length);
          return t.offerMany(inputs);
        };
      const value = Reflect.get(t, key, t);
      return typeof value === 'function' ? value.bind(t) : value;
    },
  });
}

async function poll(batches: number[], events: FlowEvent[]) {
  const [result] = await pollOnce({
    clients,
    model,
    ledger: counting(ledger, batches),
    handoffs: [HANDOFF],
    onEvent: (e) => events.push(e),
  });
  return result;
}

describe(`a poll that finds ${DEALS} won deals`, () => {
  it('offers them 200 at a time, one entry and one intake event each', async () => {
    const batches: number[] = [];
    const events: FlowEvent[] = [];
    const result = await poll(batches, events);
    expect(result).toMatchObject({ handoff: HANDOFF, seen: DEALS, offered: DEALS });
    expect(batches).toEqual([200, 200, 50]);
    const accepted = events.filter((e) => e.type === 'intake_accepted');
    expect(accepted).toHaveLength(DEALS);
    expect(new Set(accepted.map((e) => (e.type === 'intake_accepted' ? e.result : '')))).toEqual(new Set(['created']));
    expect((await ledger.counts()).pending).toBe(DEALS);
  });

  it('offers nothing new on the next poll', async () => {
    const result = await poll([], []);
    expect(result?.offered).toBe(0);
    expect((await ledger.counts()).pending).toBe(DEALS);
  });
});
