/**
 * The safety net for lost webhooks: per handoff, the records changed since a modified-time cursor (kept in the
 * ledger) that may be in the trigger's stage (CRM COQL) or had ticket events (Desk search), offered to the
 * ledger like webhook events. The same event from both is one entry; a record edited since its entry finished
 * (a blocked deal completed, a closed deal edited) re-opens it. A new ledger starts from now: the first poll's lower
 * bound is the ledger's start, so history (every deal ever won) is processed only by `backfill`, on purpose.
 */
import { type ResolvedCondition, type ResolvedHandoff, type ResolvedModel, triggerHandoffs } from '@zlc/model';
import type { ZohoClients } from '@zlc/zoho';
import type { OnFlowEvent } from './events.js';
import type { Ledger, OfferInput } from './ledger/ledger.js';
import { ledgerStart } from './ledger/ledger-start.js';
import type { OfferResult } from './ledger/ledger-types.js';
import { pollInvoices } from './sources/books-poll.js';
import { transitionOf } from './transition.js';

function quote(value: unknown): string {
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return `'${String(value).replace(/'/g, "\\'")}'`;
}

const COQL_OPERATORS: Record<string, string> = {
  equals: '=',
  not_equals: '!=',
  greater_than: '>',
  less_than: '<',
};

/** The entry condition's tests on the module that COQL can express (the worker checks the rest). */
function coqlTests(condition: ResolvedCondition | undefined, module: string): string[] {
  if (condition === undefined) return [];
  if (condition.kind === 'all') return condition.conditions.flatMap((c) => coqlTests(c, module));
  if (condition.kind !== 'test' || condition.field.module !== module) return [];
  const name = condition.field.apiName;
  const op = COQL_OPERATORS[condition.operator];
  if (op !== undefined && condition.value !== undefined && !Array.isArray(condition.value))
    return [`${name} ${op} ${quote(condition.value)}`];
  if (condition.operator === 'in' && Array.isArray(condition.value))
    return [`${name} in (${condition.value.map(quote).join(', ')})`];
  return [];
}

/** `a`, `(a and b)`, `(a and (b and c))`: COQL wants parentheses past two criteria. */
function nest(tests: readonly string[]): string {
  if (tests.length === 0) return 'id is not null';
  if (tests.length === 1) return tests[0] ?? '';
  return `(${tests[0]} and ${nest(tests.slice(1))})`;
}

export function stageQuery(
  model: ResolvedModel,
  handoff: ResolvedHandoff,
  since: string | undefined,
  fields: readonly string[] = [],
): string | undefined {
  const trigger = handoff.trigger;
  if (trigger.on !== 'record_enters_stage') return undefined;
  const stage = model.stages.find((s) => s.id === trigger.stage);
  const tests = coqlTests(stage?.entry, trigger.module);
  if (since !== undefined) tests.push(`Modified_Time >= ${quote(since)}`);
  const selected = [...new Set(['id', 'Modified_Time', ...fields])].join(', ');
  return `select ${selected} from ${trigger.module} where ${nest(tests)} order by Modified_Time asc`;
}

export interface PollOptions {
  clients: ZohoClients;
  model: ResolvedModel;
  ledger: Ledger;
  onEvent?: OnFlowEvent;
  /** Only these handoffs (default all). */
  handoffs?: readonly string[];
}

export interface PollResult {
  handoff: string;
  seen: number;
  offered: number;
}

export interface TriggerRecord {
  id: string;
  /** Its modified time, the version offered to the ledger. */
  version?: string;
  /** The row as listed (CRM: the fields `fields` asked for). */
  row: Record<string, unknown>;
}

/** The records that may have entered the handoff's trigger since `since` (CRM COQL, or Desk's ticket search). */
export async function* triggerRecords(
  clients: ZohoClients,
  model: ResolvedModel,
  handoff: ResolvedHandoff,
  since: string,
  fields: readonly string[] = [],
): AsyncGenerator<TriggerRecord> {
  const query = stageQuery(model, handoff, since, fields);
  if (query !== undefined) {
    for await (const row of clients.crm.records.coql(query))
      yield {
        id: String(row.id),
        row,
        ...(typeof row.Modified_Time === 'string' ? { version: row.Modified_Time } : {}),
      };
    return;
  }
  const from = new Date(Date.parse(since)).toISOString();
  const to = new Date(Date.now() + 60_000).toISOString();
  for await (const ticket of clients.desk.tickets.search({
    modifiedTimeRange: `${from},${to}`,
    sortBy: 'modifiedTime',
  }))
    yield {
      id: String(ticket.id),
      row: ticket,
      ...(typeof ticket.modifiedTime === 'string' ? { version: ticket.modifiedTime } : {}),
    };
}

/**
 * Offers one batch of found records' events to the ledger (one `offerMany`, one round trip), in order, and tells the
 * listener what the ledger made of each; the results in the order of `events`.
 */
export async function offerFound(
  ledger: Ledger,
  source: 'poll' | 'backfill',
  events: readonly Omit<OfferInput, 'source'>[],
  onEvent: OnFlowEvent | undefined,
): Promise<OfferResult[]> {
  if (events.length === 0) return [];
  const results = await ledger.offerMany(events.map((event) => ({ ...event, source })));
  results.forEach((result, i) => {
    const event = events[i] as Omit<OfferInput, 'source'>;
    onEvent?.({
      type: 'intake_accepted',
      handoff: event.handoff,
      recordId: event.recordId,
      source,
      result: result.outcome,
      entryId: result.id,
    });
  });
  return results;
}

/** How many polled records go to the ledger at once: one round trip (one transaction) per batch, not per record. */
const OFFER_BATCH = 200;

export interface PollOffers {
  /** Queues a record's event; offers the queue once it holds a batch. */
  add(recordId: string, transition: string, version: string | undefined): Promise<void>;
  /** Offers what is queued; returns how many of all the events the ledger took as new work. */
  done(): Promise<number>;
}

/**
 * The events a poll of `handoff` finds, offered to the ledger in batches in the order found (the ledger decides a
 * record seen twice in one batch as it would one after the other). The poll's cursor moves only after `done()`, so
 * a runtime that dies with a batch unoffered reads those records again.
 */
export function pollOffers(options: PollOptions, handoff: string): PollOffers {
  let queued: Omit<OfferInput, 'source'>[] = [];
  let taken = 0;
  const flush = async () => {
    const batch = queued;
    queued = [];
    const results = await offerFound(options.ledger, 'poll', batch, options.onEvent);
    taken += results.filter((result) => result.outcome !== 'duplicate').length;
  };
  return {
    async add(recordId, transition, version) {
      queued.push({ handoff, recordId, transition, ...(version === undefined ? {} : { version }) });
      if (queued.length >= OFFER_BATCH) await flush();
    },
    async done() {
      await flush();
      return taken;
    },
  };
}

async function pollOne(options: PollOptions, handoff: ResolvedHandoff): Promise<PollResult> {
  const { clients, ledger, model } = options;
  const cursorName = `poll:${handoff.id}`;
  const cursor = await ledger.cursor(cursorName);
  const since = cursor ?? (await ledgerStart(ledger));
  let latest = since;
  let seen = 0;
  const offers = pollOffers(options, handoff.id);
  for await (const { id: recordId, version } of triggerRecords(clients, model, handoff, since)) {
    seen += 1;
    await offers.add(recordId, transitionOf(handoff), version);
    if (version !== undefined && Date.parse(version) > Date.parse(latest)) latest = version;
  }
  let offered = await offers.done();
  // Blocked work is looked at again when its re-check is due: the data it waits for may live on another record (the
  // account, a Books item) whose edits the cursor above does not see.
  offered += await ledger.reopenDueBlocked(handoff.id);
  if (latest !== cursor && latest !== since) await ledger.setCursor(cursorName, latest);
  const result = { handoff: handoff.id, seen, offered };
  options.onEvent?.({ type: 'poll_done', ...result, cursor: latest });
  return result;
}

/** One pass over every handoff's trigger; returns what each saw and offered. */
export async function pollOnce(options: PollOptions): Promise<PollResult[]> {
  const results: PollResult[] = [];
  for (const handoff of triggerHandoffs(options.model)) {
    if (options.handoffs !== undefined && !options.handoffs.includes(handoff.id)) continue;
    results.push(
      handoff.trigger.on === 'invoice_status' ? await pollInvoices(options, handoff) : await pollOne(options, handoff),
    );
  }
  return results;
}
