/**
 * Reconciliation of the links zlc writes. Each line names the records and their ids:
 * - won_not_invoiced: a deal won in the window, at least `grace_days` ago, with no non-void invoice linked;
 * - invoice_differs: Σ non-void invoice totals linked to a deal ≠ its Amount (by more than half a cent);
 * - customer_not_linked / desk_account_not_linked: a Books customer / Desk account no CRM account links to;
 * - customer_link_broken / desk_link_broken / invoice_link_broken: a link field holding an id that does not exist.
 * Amounts are compared in the CRM org's currency.
 */
import { daysBetween, within } from '../periods.js';
import type { ReportResult, Row } from '../result.js';
import { cents } from './money.js';
import type { ComputeOptions } from './options.js';
import type { World } from './world.js';

export const DEFAULT_GRACE_DAYS = 14;

type Kind =
  | 'won_not_invoiced'
  | 'invoice_differs'
  | 'customer_not_linked'
  | 'desk_account_not_linked'
  | 'customer_link_broken'
  | 'desk_link_broken'
  | 'invoice_link_broken';

const KIND_LABELS: Record<Kind, string> = {
  won_not_invoiced: 'Won, not invoiced',
  invoice_differs: 'Invoice ≠ deal',
  customer_not_linked: 'Books customer not linked',
  desk_account_not_linked: 'Desk account not linked',
  customer_link_broken: 'Link to a missing Books customer',
  desk_link_broken: 'Link to a missing Desk account',
  invoice_link_broken: 'Link to a missing invoice',
};

interface Issue {
  kind: Kind;
  app: 'crm' | 'books' | 'desk';
  record: string;
  id: string;
  detail: string;
  difference: number | null;
}

export function reconciliation(world: World, options: ComputeOptions, readNotes: readonly string[]): ReportResult {
  const issues: Issue[] = [...dealIssues(world, options), ...linkIssues(world)];
  const counts = new Map<Kind, number>();
  for (const i of issues) counts.set(i.kind, (counts.get(i.kind) ?? 0) + 1);
  const rows: Row[] = issues.map((i, n) => ({
    key: `${i.kind}:${i.id}:${n}`,
    cells: {
      kind: i.kind,
      what: KIND_LABELS[i.kind],
      app: i.app,
      record: i.record,
      id: i.id,
      detail: i.detail,
      difference: i.difference,
    },
  }));
  const notes = [...readNotes];
  if (world.links.accountToCustomer === undefined)
    notes.push('The model writes no CRM link to Books customers: Books customers are not checked.');
  if (world.links.accountToDeskAccount === undefined)
    notes.push('The model writes no CRM link to Desk accounts: Desk accounts are not checked.');
  return {
    id: options.report.id,
    title: options.report.title,
    period: options.period,
    window: options.window,
    groupBy: 'none',
    currency: world.facts.crmCurrency,
    empty: false,
    tables: [
      {
        id: 'summary',
        title: 'What does not line up',
        columns: [
          { key: 'kind', label: 'Check', kind: 'text' },
          { key: 'what', label: 'What', kind: 'text' },
          { key: 'count', label: 'Records', kind: 'count' },
        ],
        rows: (Object.keys(KIND_LABELS) as Kind[]).map((kind) => ({
          key: kind,
          cells: { kind, what: KIND_LABELS[kind], count: counts.get(kind) ?? 0 },
        })),
      },
      {
        id: 'issues',
        title: 'Records to look at',
        columns: [
          { key: 'what', label: 'What', kind: 'text' },
          { key: 'app', label: 'App', kind: 'text' },
          { key: 'record', label: 'Record', kind: 'text' },
          { key: 'id', label: 'Id', kind: 'text' },
          { key: 'detail', label: 'Detail', kind: 'text' },
          { key: 'difference', label: `Difference (${world.facts.crmCurrency})`, kind: 'money' },
        ],
        rows,
      },
    ],
    charts: [],
    notes,
  };
}

function dealIssues(world: World, options: ComputeOptions): Issue[] {
  const grace = options.report.graceDays ?? DEFAULT_GRACE_DAYS;
  const out: Issue[] = [];
  const crm = world.facts.crmCurrency;
  for (const w of world.won) {
    if (!within(w.closedOn, options.window)) continue;
    const invoices = world.invoicesByDeal.get(w.deal.id) ?? [];
    const age = daysBetween(w.closedOn, options.today);
    if (invoices.length === 0) {
      if (age >= grace)
        out.push({
          kind: 'won_not_invoiced',
          app: 'crm',
          record: w.deal.name,
          id: w.deal.id,
          detail: `won ${w.closedOn}, ${age} days ago, no invoice`,
          difference: null,
        });
      continue;
    }
    let total = 0;
    let convertible = true;
    for (const invoice of invoices) {
      const c = options.money.convert(invoice.total, invoice.currencyCode, invoice.exchangeRate);
      const back = c.ok ? options.money.convert(1, crm) : { ok: false as const };
      if (!c.ok || !back.ok) convertible = false;
      else total += c.value / back.value;
    }
    const amount = w.deal.amount ?? 0;
    if (!convertible || Math.abs(total - amount) < 0.005) continue;
    out.push({
      kind: 'invoice_differs',
      app: 'books',
      record: w.deal.name,
      id: w.deal.id,
      detail: `deal ${amount.toFixed(2)}, invoiced ${cents(total).toFixed(2)} (${invoices.map((i) => `${i.number} ${i.id}`).join(', ')})`,
      difference: cents(total - amount),
    });
  }
  const invoiceIds = new Set(world.facts.invoices.map((i) => i.id));
  for (const deal of world.facts.deals) {
    if (deal.invoiceLink === null || invoiceIds.has(deal.invoiceLink)) continue;
    out.push({
      kind: 'invoice_link_broken',
      app: 'crm',
      record: deal.name,
      id: deal.id,
      detail: `${world.links.dealToInvoice ?? 'link'} = ${deal.invoiceLink}, no such Books invoice`,
      difference: null,
    });
  }
  return out;
}

function linkIssues(world: World): Issue[] {
  const out: Issue[] = [];
  const { links } = world;
  if (links.accountToCustomer !== undefined) {
    for (const c of world.facts.customers)
      if (!world.accountOfCustomer.has(c.id))
        out.push({
          kind: 'customer_not_linked',
          app: 'books',
          record: c.name,
          id: c.id,
          detail: `no CRM account has ${links.accountToCustomer} = ${c.id}`,
          difference: null,
        });
    for (const a of world.facts.accounts)
      if (a.booksCustomerId !== null && !world.customers.has(a.booksCustomerId))
        out.push({
          kind: 'customer_link_broken',
          app: 'crm',
          record: a.name,
          id: a.id,
          detail: `${links.accountToCustomer} = ${a.booksCustomerId}, no such Books customer`,
          difference: null,
        });
  }
  if (links.accountToDeskAccount !== undefined) {
    for (const d of world.facts.deskAccounts)
      if (!world.accountOfDeskAccount.has(d.id))
        out.push({
          kind: 'desk_account_not_linked',
          app: 'desk',
          record: d.name,
          id: d.id,
          detail: `no CRM account has ${links.accountToDeskAccount} = ${d.id}`,
          difference: null,
        });
    for (const a of world.facts.accounts)
      if (a.deskAccountId !== null && !world.deskAccounts.has(a.deskAccountId))
        out.push({
          kind: 'desk_link_broken',
          app: 'crm',
          record: a.name,
          id: a.id,
          detail: `${links.accountToDeskAccount} = ${a.deskAccountId}, no such Desk account`,
          difference: null,
        });
  }
  return out;
}
