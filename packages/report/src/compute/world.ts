/**
 * The facts joined along the links zlc writes: won deals with the day they closed, each deal's invoices, and who a
 * Books customer or a Desk account is in CRM. Every report reads this, so all of them agree on what is linked.
 */
import type { AccountFact, DealFact, Facts, InvoiceFact } from '../facts.js';
import type { Links } from '../links.js';
import { dayOf } from '../periods.js';

export interface WonDeal {
  deal: DealFact;
  /** The day the deal entered the won stage (stage history), else its Closing_Date. */
  closedOn: string;
  closedBy: 'stage_history' | 'closing_date';
}

export interface World {
  facts: Facts;
  links: Links;
  accounts: Map<string, AccountFact>;
  deals: Map<string, DealFact>;
  won: WonDeal[];
  wonByDeal: Map<string, WonDeal>;
  /** Non-void invoices per deal id, by date then number. */
  invoicesByDeal: Map<string, InvoiceFact[]>;
  /** The deal an invoice is linked to (reference_number, or the deal's invoice link field). */
  dealOfInvoice: Map<string, string>;
  /** CRM account id of a Books customer / a Desk account (through the accounts' link fields). */
  accountOfCustomer: Map<string, string>;
  accountOfDeskAccount: Map<string, string>;
  customers: Map<string, string>;
  deskAccounts: Map<string, string>;
}

export function isVoid(invoice: InvoiceFact): boolean {
  return invoice.status === 'void';
}

export function buildWorld(raw: Facts, links: Links): World {
  const facts = withNames(raw);
  const accounts = new Map(facts.accounts.map((a) => [a.id, a]));
  const deals = new Map(facts.deals.map((d) => [d.id, d]));
  const history = new Map(facts.stageHistory.map((h) => [h.dealId, h]));
  const won: WonDeal[] = [];
  for (const deal of facts.deals) {
    if (deal.stage !== links.wonStage) continue;
    const entries = (history.get(deal.id)?.entries ?? []).filter((e) => e.stage === links.wonStage);
    const last = entries
      .map((e) => e.enteredAt)
      .sort()
      .at(-1);
    if (last !== undefined) won.push({ deal, closedOn: dayOf(last), closedBy: 'stage_history' });
    else if (deal.closingDate !== null) won.push({ deal, closedOn: deal.closingDate, closedBy: 'closing_date' });
  }
  const dealOfInvoice = new Map<string, string>();
  const invoiceIds = new Set(facts.invoices.map((i) => i.id));
  for (const deal of facts.deals)
    if (deal.invoiceLink !== null && invoiceIds.has(deal.invoiceLink)) dealOfInvoice.set(deal.invoiceLink, deal.id);
  if (links.invoiceReferencesDeal)
    for (const invoice of facts.invoices)
      if (!dealOfInvoice.has(invoice.id) && deals.has(invoice.referenceNumber))
        dealOfInvoice.set(invoice.id, invoice.referenceNumber);
  const invoicesByDeal = new Map<string, InvoiceFact[]>();
  for (const invoice of facts.invoices) {
    const dealId = dealOfInvoice.get(invoice.id);
    if (dealId === undefined || isVoid(invoice)) continue;
    const list = invoicesByDeal.get(dealId) ?? [];
    list.push(invoice);
    invoicesByDeal.set(dealId, list);
  }
  for (const list of invoicesByDeal.values())
    list.sort((a, b) => a.date.localeCompare(b.date) || a.number.localeCompare(b.number));
  const accountOfCustomer = new Map<string, string>();
  const accountOfDeskAccount = new Map<string, string>();
  for (const account of facts.accounts) {
    if (account.booksCustomerId !== null) accountOfCustomer.set(account.booksCustomerId, account.id);
    if (account.deskAccountId !== null) accountOfDeskAccount.set(account.deskAccountId, account.id);
  }
  return {
    facts,
    links,
    accounts,
    deals,
    won,
    wonByDeal: new Map(won.map((w) => [w.deal.id, w])),
    invoicesByDeal,
    dealOfInvoice,
    accountOfCustomer,
    accountOfDeskAccount,
    customers: new Map(facts.customers.map((c) => [c.id, c.name])),
    deskAccounts: new Map(facts.deskAccounts.map((a) => [a.id, a.name])),
  };
}

/** Account names where CRM gave the lookup's id only (COQL answers lookups as `{id}`). */
function withNames(facts: Facts): Facts {
  const accountNames = new Map(facts.accounts.map((a) => [a.id, a.name]));
  return {
    ...facts,
    deals: facts.deals.map((d) => ({
      ...d,
      accountName: d.accountName ?? (d.accountId === null ? null : (accountNames.get(d.accountId) ?? null)),
    })),
  };
}

/** The CRM account's name for a Books customer, else the Books name marked as Books-only. */
export function customerLabel(world: World, customerId: string, fallbackName: string): string {
  const accountId = world.accountOfCustomer.get(customerId);
  const account = accountId === undefined ? undefined : world.accounts.get(accountId);
  if (account !== undefined) return account.name;
  return `${world.customers.get(customerId) ?? fallbackName} (Books only)`;
}

/** Nearest-rank percentile of ascending `sorted` values: the value at rank ⌈p/100 × n⌉. */
export function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}
