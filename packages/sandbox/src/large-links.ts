/**
 * The `large` org as one business: after each product's own large seed, the links a lifecycle tool writes between
 * them. CRM gets the link fields of the repo's model (Accounts `Books_Customer_ID`, `Desk_Account_ID`,
 * `Renewal_Date`; Deals `Books_Invoice_ID`), made through the field-create route; 5,000 CRM accounts named as the
 * Books customers and Desk accounts ("Customer 0001"…) hold their ids; the 50,000 deals belong to them; a won deal
 * has a Books invoice carrying its id in `reference_number` and its stage history. Left unlinked on purpose, so a
 * reconciliation has work: every 50th Books customer, every 40th Desk account, 1 in 20 won deals (no invoice),
 * 1 in 10 invoiced deals (an amount that differs from the invoice), and 10 links that point nowhere.
 * Deterministic; built in one pass inside the seed's transaction.
 */
import { booksState } from './books/state.js';
import type { SandboxContext, SandboxRequest } from './core/types.js';
import { createFields } from './crm/field-create.js';
import type { RecordDoc } from './crm/model.js';
import { type StageHistoryRow, stageHistory } from './crm/stage-history.js';
import { currentUser, isoTime, recordsOf } from './crm/state.js';
import { deskData } from './desk/records.js';

const DAY = 86_400_000;
const WON = 'Closed Won';

function fieldsRequest(module: string, fields: readonly Record<string, unknown>[]): SandboxRequest {
  return {
    method: 'POST',
    path: '/crm/v8/settings/fields',
    params: {},
    query: new URLSearchParams({ module }),
    headers: {},
    body: { fields },
    rawBody: Buffer.alloc(0),
  };
}

function linkField(label: string, tooltip: string): Record<string, unknown> {
  return {
    field_label: label,
    data_type: 'text',
    length: 50,
    unique: { case_sensitive: false },
    tooltip: { value: tooltip },
  };
}

/** Creates the fields through the route, as a tool would; a refusal fails the seed rather than leave them out. */
function createLinkFields(ctx: SandboxContext, module: string, fields: readonly Record<string, unknown>[]): void {
  const answer = createFields(fieldsRequest(module, fields), ctx);
  if (answer instanceof Promise || answer.status !== 201)
    throw new Error(`the ${module} link fields were refused: ${JSON.stringify('body' in answer ? answer.body : '')}`);
}

function addLinkFields(ctx: SandboxContext): void {
  createLinkFields(ctx, 'Accounts', [
    linkField('Books Customer ID', 'Filled by zlc when the customer is created in Books. Do not edit.'),
    linkField('Desk Account ID', 'Filled by zlc when the account is created in Desk. Do not edit.'),
    { field_label: 'Renewal Date', data_type: 'date' },
  ]);
  createLinkFields(ctx, 'Deals', [linkField('Books Invoice ID', '')]);
}

export function linkLargeOrg(ctx: SandboxContext): void {
  addLinkFields(ctx);
  const books = booksState(ctx);
  const customers = [...books.contacts.values()].filter((c) => /^Customer \d{4}$/.test(c.contact_name));
  const desk = [...deskData(ctx).accounts.values()].filter((a) => /^Customer \d{4}$/.test(a.accountName));
  const owner = currentUser(ctx);
  const now = ctx.clock.now();
  const accounts = recordsOf(ctx, 'Accounts');
  const created = isoTime(now - 400 * DAY);
  const byCustomer = new Map<string, RecordDoc>();
  customers.forEach((customer, i) => {
    const doc: RecordDoc = {
      id: ctx.ids.next('crm'),
      Owner: owner,
      Created_By: owner,
      Modified_By: owner,
      Created_Time: created,
      Modified_Time: created,
      Account_Name: customer.contact_name,
      Account_Type: 'Customer',
      Books_Customer_ID:
        i % 50 === 49 ? null : i < 10 ? `46000000000099${String(i).padStart(4, '0')}` : customer.contact_id,
      Desk_Account_ID: i % 40 === 39 ? null : (desk[i]?.id ?? null),
      Renewal_Date: i % 4 === 0 ? isoTime(now + ((i * 37) % 360) * DAY - 180 * DAY).slice(0, 10) : null,
    };
    accounts.put(doc.id, doc);
    byCustomer.set(customer.contact_id, doc);
  });
  linkDeals(ctx, byCustomer, now);
}

/** Each deal to an account; each won deal to an eligible invoice of that account's customer, dated from it. */
function linkDeals(ctx: SandboxContext, byCustomer: ReadonlyMap<string, RecordDoc>, now: number): void {
  const books = booksState(ctx);
  const invoices = [...books.invoices.values()].filter((i) => i.status !== 'void' && i.status !== 'draft');
  const accounts = [...byCustomer.values()];
  const deals = recordsOf(ctx, 'Deals');
  const history = stageHistory(ctx);
  let next = 0;
  let won = 0;
  for (const deal of [...deals.values()]) {
    if (!String(deal.Deal_Name ?? '').startsWith('Bench deal')) continue;
    if (deal.Stage !== WON) {
      const account = accounts[Math.abs(hash(deal.id)) % Math.max(1, accounts.length)];
      if (account !== undefined) deal.Account_Name = { id: account.id, name: account.Account_Name };
      deals.put(deal.id, deal);
      continue;
    }
    won += 1;
    if (won % 20 !== 0) next += 5;
    const invoice = won % 20 === 0 ? undefined : invoices[next % invoices.length];
    const account = invoice === undefined ? accounts[won % accounts.length] : byCustomer.get(invoice.customer_id);
    const closing =
      invoice === undefined
        ? now - ((won * 13) % 300) * DAY - 20 * DAY
        : Date.parse(`${invoice.date}T10:00:00Z`) - (won % 30) * DAY;
    if (account !== undefined) deal.Account_Name = { id: account.id, name: account.Account_Name };
    deal.Closing_Date = isoTime(closing).slice(0, 10);
    if (invoice !== undefined) {
      invoice.reference_number = deal.id;
      books.invoices.put(invoice.invoice_id, invoice);
      deal.Amount = won % 10 === 0 ? invoice.total + 100 : invoice.total;
      deal.Books_Invoice_ID = won % 5 === 0 ? invoice.invoice_id : null;
    }
    deals.put(deal.id, deal);
    for (const row of stageRows(ctx, deal, closing)) history.put(row.id, row);
  }
}

function stageRows(ctx: SandboxContext, deal: RecordDoc, closing: number): StageHistoryRow[] {
  const by = currentUser(ctx);
  const opened = closing - 21 * DAY;
  const base = {
    deal_id: deal.id,
    Amount: typeof deal.Amount === 'number' ? deal.Amount : null,
    Probability: null,
    Expected_Revenue: null,
    Modified_By: by,
  };
  return [
    {
      ...base,
      id: ctx.ids.next('crm'),
      Stage: 'Qualification',
      Moved_To__s: WON,
      Closing_Date: deal.Closing_Date as string,
      Modified_Time: isoTime(opened),
      entered_ms: opened,
      left_ms: closing,
    },
    {
      ...base,
      id: ctx.ids.next('crm'),
      Stage: WON,
      Moved_To__s: null,
      Closing_Date: deal.Closing_Date as string,
      Modified_Time: isoTime(closing),
      entered_ms: closing,
      left_ms: null,
    },
  ];
}

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) | 0;
  return h;
}
