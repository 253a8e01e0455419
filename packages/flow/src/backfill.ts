/**
 * History on purpose: the records that entered each handoff's trigger since a date (the same queries as the poll,
 * with that date as the lower bound), offered to the ledger as `backfill` events — or, with `dryRun`, listed with
 * what each run would do, changing nothing in Zoho or in the ledger. The poll cursors are left alone.
 */
import type { ResolvedHandoff, ResolvedModel } from '@zlc/model';
import type { ZohoClients } from '@zlc/zoho';
import type { OnFlowEvent } from './events.js';
import type { Ledger } from './ledger/ledger.js';
import { crmTime } from './ledger/ledger-start.js';
import { offerFound, stageQuery, type TriggerRecord, triggerRecords } from './poll.js';
import type { ItemCache } from './steps/line-items.js';
import { type Preview, previewHandoff } from './steps/preview.js';
import { transitionOf } from './transition.js';

export interface BackfillOptions {
  clients: ZohoClients;
  model: ResolvedModel;
  /** Where the work goes; not touched on a dry run (may be left out then). */
  ledger?: Ledger;
  /** The lower bound: records modified at or after it. */
  since: Date;
  dryRun: boolean;
  /** Only these handoffs (default all). */
  handoffs?: readonly string[];
  onEvent?: OnFlowEvent;
}

export interface BackfillRecord {
  handoff: string;
  recordId: string;
  /** The record's name where the trigger module has one (`Deal_Name`). */
  name?: string;
  version?: string;
  /** Dry run: what the run would do. */
  preview?: Preview;
  /** Not a dry run: what the ledger made of it (`created`, `duplicate` — already there —, `reopened`). */
  offered?: 'created' | 'duplicate' | 'reopened';
}

export interface BackfillResult {
  since: string;
  dryRun: boolean;
  records: BackfillRecord[];
}

/** The field that names a record of the trigger module, listed beside it. */
const NAME_FIELD: Record<string, string> = { Deals: 'Deal_Name', Accounts: 'Account_Name', Contacts: 'Full_Name' };

/**
 * Records offered to the ledger at once: one round trip on a shared database (thousands of records would otherwise
 * cost a transaction each), and small enough that the worker starts on the first while the rest are offered.
 */
const OFFER_BATCH = 250;

type Listed = { handoff: ResolvedHandoff; found: TriggerRecord; name?: unknown };

/** Offers every listed record, in order, `OFFER_BATCH` at a time; says what the ledger made of each. */
async function offerAll(
  ledger: Ledger,
  listed: readonly Listed[],
  records: readonly BackfillRecord[],
  onEvent: OnFlowEvent | undefined,
): Promise<void> {
  for (let start = 0; start < listed.length; start += OFFER_BATCH) {
    const batch = listed.slice(start, start + OFFER_BATCH);
    const results = await offerFound(
      ledger,
      'backfill',
      batch.map(({ handoff, found }) => ({
        handoff: handoff.id,
        recordId: found.id,
        transition: transitionOf(handoff),
        ...(found.version === undefined ? {} : { version: found.version }),
      })),
      onEvent,
    );
    results.forEach((result, i) => {
      const record = records[start + i];
      if (record !== undefined) record.offered = result.outcome;
    });
  }
}

export async function backfill(options: BackfillOptions): Promise<BackfillResult> {
  const { clients, model, ledger } = options;
  if (!options.dryRun && ledger === undefined) throw new TypeError('backfill needs a ledger unless it is a dry run');
  const since = crmTime(options.since.getTime());
  const records: BackfillRecord[] = [];
  const itemCache: ItemCache = new Map();
  // Every record of every handoff is listed before any is offered: runs change the records' modified times, and
  // the listing pages by offset in modified-time order, so a record run meanwhile would move past the page being read.
  const listed: Listed[] = [];
  const listings = new Map<string, TriggerRecord[]>();
  for (const handoff of model.handoffs) {
    if (options.handoffs !== undefined && !options.handoffs.includes(handoff.id)) continue;
    // Finance → sales follows invoices' status from the first start on; history there is Books' own.
    if (handoff.trigger.on === 'invoice_status') continue;
    const nameField = handoff.trigger.on === 'record_enters_stage' ? NAME_FIELD[handoff.trigger.module] : 'subject';
    const fields = nameField === undefined || handoff.trigger.on !== 'record_enters_stage' ? [] : [nameField];
    // Handoffs on the same trigger (the won deal to Books and to Desk) read the same listing once.
    const key = stageQuery(model, handoff, since, fields) ?? `handoff:${handoff.id}`;
    let found = listings.get(key);
    if (found === undefined) {
      found = [];
      for await (const record of triggerRecords(clients, model, handoff, since, fields)) found.push(record);
      listings.set(key, found);
    }
    for (const record of found)
      listed.push({ handoff, found: record, name: nameField === undefined ? undefined : record.row[nameField] });
  }
  for (const { handoff, found, name } of listed) {
    const record: BackfillRecord = {
      handoff: handoff.id,
      recordId: found.id,
      ...(typeof name === 'string' ? { name } : {}),
      ...(found.version === undefined ? {} : { version: found.version }),
    };
    if (options.dryRun) record.preview = await previewHandoff(clients, model, handoff, found.id, itemCache);
    records.push(record);
  }
  if (!options.dryRun && ledger !== undefined) await offerAll(ledger, listed, records, options.onEvent);
  return { since, dryRun: options.dryRun, records };
}
