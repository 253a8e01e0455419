/**
 * CRM through COQL at its largest page (`COQL_MAX_LIMIT`: the 200 rows coql.yaml's answer holds): the first page by
 * key, the rest counted and read side by side (coql-read.ts); a delta reads `Modified_Time >= since`. Stage history
 * through the Deals `Stage_History` related list, for won deals whose history is missing or older than the deal.
 */
import { type CrmRecord, type ZohoClients, ZohoRejectedError } from '@zlc/zoho';
import type { AccountFact, CrmOrgFact, DealFact, StageEntryFact, StageHistoryFact } from '../facts.js';
import type { Links } from '../links.js';
import { coqlAll } from './coql-read.js';
import { day, type Json, lookup, nonEmpty, text, utc } from './parse.js';
import type { ReadContext, SourceReader } from './source.js';

/** Stage histories read at once; the CRM budget caps what is in flight. */
const HISTORY_BATCH = 200;

function coqlTime(iso: string): string {
  return `${iso.slice(0, 19)}+00:00`;
}

/** The columns a reader asks for; optional ones (link fields the model declares) may not exist in the org yet. */
interface Columns {
  required: readonly string[];
  optional: string[];
  /** Optional columns CRM said it does not have (INVALID_QUERY on the column). */
  missing: string[];
}

function missingColumn(error: unknown, optional: readonly string[]): string | undefined {
  if (!(error instanceof ZohoRejectedError) || error.zohoCode !== 'INVALID_QUERY') return undefined;
  const said = `${error.message} ${JSON.stringify(error.details)}`;
  return optional.find((c) => said.includes(`"${c}"`) || said.includes(` ${c} `) || said.endsWith(c));
}

/**
 * Every row of `select … from module where (where)` (coql-read.ts). An optional column CRM does not know (a link
 * field not created yet) is dropped and the query asked again.
 */
async function coqlRows(
  clients: ZohoClients,
  columns: Columns,
  module: string,
  where: string | undefined,
  onPage: (rows: CrmRecord[]) => Promise<void>,
): Promise<void> {
  const select = { module, where, columns: () => [...columns.required, ...columns.optional] };
  for (;;) {
    try {
      await coqlAll(clients, select, onPage);
      return;
    } catch (error) {
      const column = missingColumn(error, columns.optional);
      if (column === undefined) throw error;
      columns.optional = columns.optional.filter((c) => c !== column);
      columns.missing.push(`crm:${module}.${column}`);
    }
  }
}

function ownerName(r: Json): string | null {
  const name = [text(r, 'Owner.first_name'), text(r, 'Owner.last_name')].filter((p) => p !== null && p !== '');
  return name.length === 0 ? null : name.join(' ');
}

function shapeOf(columns: Columns): string {
  return (
    [...columns.required, ...columns.optional].join(',') +
    (columns.missing.length > 0 ? `;missing ${columns.missing.join(',')}` : '')
  );
}

export function dealsReader(links: Links, renewal: string | undefined, notes: string[]): SourceReader {
  const columns: Columns = {
    required: [
      'Deal_Name',
      'Stage',
      'Amount',
      'Closing_Date',
      'Account_Name',
      'Owner',
      'Owner.first_name',
      'Owner.last_name',
      'Modified_Time',
    ],
    optional: [links.dealToInvoice, renewal].filter((f): f is string => f !== undefined),
    missing: [],
  };
  return {
    source: 'crm:deals',
    get shape() {
      return shapeOf(columns);
    },
    delta: true,
    async read(ctx, mode, since) {
      const where = mode === 'delta' && since !== undefined ? `Modified_Time >= '${coqlTime(since)}'` : undefined;
      await coqlRows(ctx.clients, columns, 'Deals', where, (rows) =>
        ctx.emit(rows.map((r) => [String(r.id), dealFact(r, links, renewal)])),
      );
      notes.push(...columns.missing.map(missingNote));
    },
  };
}

function missingNote(ref: string): string {
  return `${ref} does not exist in the org yet (zlc apply creates it): its links are not read.`;
}

function dealFact(r: Json, links: Links, renewal: string | undefined): DealFact {
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
    ownerName: ownerName(r) ?? owner?.name ?? null,
    invoiceLink: links.dealToInvoice === undefined ? null : nonEmpty(text(r, links.dealToInvoice)),
    renewalDate: renewal === undefined ? null : day(text(r, renewal)),
    modifiedTime: utc(text(r, 'Modified_Time')) ?? '',
  };
}

export function accountsReader(links: Links, renewal: string | undefined, notes: string[]): SourceReader {
  const columns: Columns = {
    required: ['Account_Name', 'Owner', 'Owner.first_name', 'Owner.last_name', 'Modified_Time'],
    optional: [links.accountToCustomer, links.accountToDeskAccount, renewal].filter(
      (f): f is string => f !== undefined,
    ),
    missing: [],
  };
  const has = (f: string | undefined): f is string => f !== undefined;
  return {
    source: 'crm:accounts',
    get shape() {
      return shapeOf(columns);
    },
    delta: true,
    async read(ctx, mode, since) {
      const where = mode === 'delta' && since !== undefined ? `Modified_Time >= '${coqlTime(since)}'` : undefined;
      await coqlRows(ctx.clients, columns, 'Accounts', where, (rows) =>
        ctx.emit(
          rows.map((r): [string, AccountFact] => [
            String(r.id),
            {
              id: String(r.id),
              name: text(r, 'Account_Name') ?? String(r.id),
              ownerId: lookup(r, 'Owner')?.id ?? null,
              ownerName: ownerName(r) ?? lookup(r, 'Owner')?.name ?? null,
              booksCustomerId: has(links.accountToCustomer) ? nonEmpty(text(r, links.accountToCustomer)) : null,
              deskAccountId: has(links.accountToDeskAccount) ? nonEmpty(text(r, links.accountToDeskAccount)) : null,
              renewalDate: has(renewal) ? day(text(r, renewal)) : null,
            },
          ]),
        ),
      );
      notes.push(...columns.missing.map(missingNote));
    },
  };
}

/** The org's currency (deal amounts are in it). */
export function crmOrgReader(): SourceReader {
  return {
    source: 'crm:org',
    shape: 'iso_code',
    delta: false,
    async read(ctx) {
      const org = await ctx.clients.crm.getOrg();
      const fact: CrmOrgFact = { currency: typeof org.iso_code === 'string' ? org.iso_code : 'USD' };
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
      const wonIds = new Set(won.map((d) => d.id));
      // History gains a row only when the stage changes. A won deal's history is read once; a deal that leaves the
      // won stage loses its stored history, so that winning it again reads it anew.
      const stored = mode === 'full' ? [] : ((await ctx.stored('crm:stage_history')) as StageHistoryFact[]);
      const known = new Set(stored.map((h) => h.dealId));
      const left = stored.filter((h) => !wonIds.has(h.dealId)).map((h) => h.dealId);
      if (left.length > 0) await ctx.gone(left);
      const due = won.filter((d) => !known.has(d.id));
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
