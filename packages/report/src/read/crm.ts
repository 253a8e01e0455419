/**
 * CRM through COQL ([C:coql]; Zoho's v8 COQL limits page: 2,000 rows per call), paged by key (`id > last order by
 * id`) so that no offset ceiling applies; a delta reads `Modified_Time >= since`. Stage history through the Deals
 * `Stage_History` related list, for won deals whose history is missing or older than the deal.
 */
import type { CrmRecord, ZohoClients } from '@zlc/zoho';
import type { AccountFact, CrmOrgFact, DealFact, StageEntryFact, StageHistoryFact } from '../facts.js';
import type { Links } from '../links.js';
import { day, type Json, lookup, nonEmpty, text, utc } from './parse.js';
import type { ReadContext, SourceReader } from './source.js';

const PAGE = 2_000;
/** Stage histories read at once; the CRM budget caps what is in flight. */
const HISTORY_BATCH = 200;

export interface CrmFieldsPresent {
  deals: Set<string>;
  accounts: Set<string>;
}

/** Which of the model's link and renewal fields exist in the org (one metadata call per module). */
export async function crmFieldsPresent(clients: ZohoClients): Promise<CrmFieldsPresent> {
  const [deals, accounts] = await Promise.all([clients.crm.listFields('Deals'), clients.crm.listFields('Accounts')]);
  return { deals: new Set(deals.map((f) => f.api_name)), accounts: new Set(accounts.map((f) => f.api_name)) };
}

function coqlTime(iso: string): string {
  return `${iso.slice(0, 19)}+00:00`;
}

/** Every row of `select … from module where (where)` by key order, handing each page on. */
async function coqlByKey(
  clients: ZohoClients,
  columns: readonly string[],
  module: string,
  where: string | undefined,
  onPage: (rows: CrmRecord[]) => Promise<void>,
): Promise<void> {
  let last: string | undefined;
  for (;;) {
    const tests = [where, last === undefined ? undefined : `id > '${last}'`].filter((t) => t !== undefined);
    const condition =
      tests.length === 0 ? 'id is not null' : tests.length === 1 ? tests[0] : `(${tests[0]}) and (${tests[1]})`;
    const { rows, more } = await clients.crm.records.coqlPage(
      `select ${columns.join(', ')} from ${module} where ${condition} order by id asc`,
      PAGE,
    );
    await onPage(rows);
    const tail = rows.at(-1);
    if (!more || tail === undefined) return;
    last = String(tail.id);
  }
}

export function dealsReader(links: Links, renewal: string | undefined, present: CrmFieldsPresent): SourceReader {
  const extra = [links.dealToInvoice, renewal].filter((f): f is string => f !== undefined && present.deals.has(f));
  const columns = ['Deal_Name', 'Stage', 'Amount', 'Closing_Date', 'Account_Name', 'Owner', 'Modified_Time', ...extra];
  return {
    source: 'crm:deals',
    shape: columns.join(','),
    delta: true,
    async read(ctx, mode, since) {
      const where = mode === 'delta' && since !== undefined ? `Modified_Time >= '${coqlTime(since)}'` : undefined;
      await coqlByKey(ctx.clients, columns, 'Deals', where, (rows) =>
        ctx.emit(rows.map((r) => [String(r.id), dealFact(r, links, renewal, present)])),
      );
    },
  };
}

function dealFact(r: Json, links: Links, renewal: string | undefined, present: CrmFieldsPresent): DealFact {
  const account = lookup(r, 'Account_Name');
  const owner = lookup(r, 'Owner');
  return {
    id: String(r.id),
    name: text(r, 'Deal_Name') ?? String(r.id),
    stage: text(r, 'Stage') ?? '',
    amount: typeof r.Amount === 'number' ? r.Amount : null,
    closingDate: day(text(r, 'Closing_Date')),
    accountId: account?.id ?? null,
    accountName: account?.name ?? null,
    ownerId: owner?.id ?? null,
    ownerName: owner?.name ?? null,
    invoiceLink:
      links.dealToInvoice !== undefined && present.deals.has(links.dealToInvoice)
        ? nonEmpty(text(r, links.dealToInvoice))
        : null,
    renewalDate: renewal !== undefined && present.deals.has(renewal) ? day(text(r, renewal)) : null,
    modifiedTime: utc(text(r, 'Modified_Time')) ?? '',
  };
}

export function accountsReader(links: Links, renewal: string | undefined, present: CrmFieldsPresent): SourceReader {
  const extra = [links.accountToCustomer, links.accountToDeskAccount, renewal].filter(
    (f): f is string => f !== undefined && present.accounts.has(f),
  );
  const columns = ['Account_Name', 'Owner', 'Modified_Time', ...extra];
  const has = (f: string | undefined): f is string => f !== undefined && present.accounts.has(f);
  return {
    source: 'crm:accounts',
    shape: columns.join(','),
    delta: true,
    async read(ctx, mode, since) {
      const where = mode === 'delta' && since !== undefined ? `Modified_Time >= '${coqlTime(since)}'` : undefined;
      await coqlByKey(ctx.clients, columns, 'Accounts', where, (rows) =>
        ctx.emit(
          rows.map((r): [string, AccountFact] => [
            String(r.id),
            {
              id: String(r.id),
              name: text(r, 'Account_Name') ?? String(r.id),
              ownerId: lookup(r, 'Owner')?.id ?? null,
              ownerName: lookup(r, 'Owner')?.name ?? null,
              booksCustomerId: has(links.accountToCustomer) ? nonEmpty(text(r, links.accountToCustomer)) : null,
              deskAccountId: has(links.accountToDeskAccount) ? nonEmpty(text(r, links.accountToDeskAccount)) : null,
              renewalDate: has(renewal) ? day(text(r, renewal)) : null,
            },
          ]),
        ),
      );
    },
  };
}

/** The org's currency and its users (COQL answers owners and lookups as `{id}`: names come from here). */
export function crmOrgReader(): SourceReader {
  return {
    source: 'crm:org',
    shape: 'org,users',
    delta: false,
    async read(ctx) {
      const org = await ctx.clients.crm.getOrg();
      const users: Record<string, string> = {};
      for await (const u of ctx.clients.crm.users()) users[u.id] = String(u.full_name ?? u.email ?? u.id);
      const fact: CrmOrgFact = { currency: typeof org.iso_code === 'string' ? org.iso_code : 'USD', users };
      await ctx.emit([['org', fact]]);
    },
  };
}

export function stageHistoryReader(wonStage: string): SourceReader {
  return {
    source: 'crm:stage_history',
    shape: `Stage,Moved_To__s,Modified_Time;${wonStage}`,
    delta: true,
    async read(ctx, mode) {
      const deals = (await ctx.stored('crm:deals')) as DealFact[];
      const won = deals.filter((d) => d.stage === wonStage);
      const known = mode === 'full' ? new Map<string, unknown>() : await ctx.storedById(won.map((d) => d.id));
      const due = won.filter(
        (d) => (known.get(d.id) as StageHistoryFact | undefined)?.readAtModified !== d.modifiedTime,
      );
      for (let i = 0; i < due.length; i += HISTORY_BATCH) {
        const batch = due.slice(i, i + HISTORY_BATCH);
        const read = await Promise.all(batch.map((d) => historyOf(ctx, d)));
        await ctx.emit(read.map((h) => [h.dealId, h]));
      }
    },
  };
}

async function historyOf(ctx: ReadContext, deal: DealFact): Promise<StageHistoryFact> {
  const entries: StageEntryFact[] = [];
  for await (const row of ctx.clients.crm.records.dealStageHistory(deal.id, [
    'Stage',
    'Moved_To__s',
    'Modified_Time',
  ])) {
    const stage = text(row, 'Stage');
    const at = utc(text(row, 'Modified_Time'));
    if (stage !== null && at !== null) entries.push({ dealId: deal.id, stage, enteredAt: at });
  }
  return { dealId: deal.id, readAtModified: deal.modifiedTime, entries };
}
