/**
 * What the reports read, normalised from the three apps: one small record per Zoho record, kept in the local store
 * between runs. Dates are `YYYY-MM-DD`, times ISO 8601 UTC; amounts are in the record's own currency.
 */

/** A CRM deal (Deals: Deal_Name, Stage, Amount, Closing_Date, Account_Name, Owner, Modified_Time + link fields). */
export interface DealFact {
  id: string;
  name: string;
  stage: string;
  amount: number | null;
  closingDate: string | null;
  accountId: string | null;
  accountName: string | null;
  ownerId: string | null;
  ownerName: string | null;
  /** The Books invoice id written back to the deal (e.g. `Books_Invoice_ID`), when the model has such a link. */
  invoiceLink: string | null;
  /** The renewal date, when `renewal_field` is a Deals field. */
  renewalDate: string | null;
  modifiedTime: string;
}

/** A CRM account (Accounts: Account_Name, Owner + the link fields the handoffs write back). */
export interface AccountFact {
  id: string;
  name: string;
  ownerId: string | null;
  ownerName: string | null;
  booksCustomerId: string | null;
  deskAccountId: string | null;
  renewalDate: string | null;
}

/** One row of a deal's stage history (the Deals `Stage_History` related list): the deal entered `stage` then. */
export interface StageEntryFact {
  dealId: string;
  stage: string;
  enteredAt: string;
}

/** The stage history read for one won deal (read once; dropped when the deal leaves the won stage). */
export interface StageHistoryFact {
  dealId: string;
  readAtModified: string;
  entries: StageEntryFact[];
}

/** The CRM org: its currency. */
export interface CrmOrgFact {
  currency: string;
}

/** A Books contact of type customer (contacts list). */
export interface CustomerFact {
  id: string;
  name: string;
  currencyCode: string;
}

/** A Books invoice (invoices list: status, date, due_date, total, balance, currency, reference_number). */
export interface InvoiceFact {
  id: string;
  number: string;
  customerId: string;
  customerName: string;
  date: string;
  dueDate: string;
  status: string;
  total: number;
  balance: number;
  currencyCode: string;
  /** Base-currency units per unit of the invoice's currency, as Books holds it on the invoice. */
  exchangeRate: number;
  referenceNumber: string;
}

/** A Books customer payment (customerpayments list). */
export interface PaymentFact {
  id: string;
  customerId: string;
  date: string;
  amount: number;
  currencyCode: string;
  exchangeRate: number;
  createdTime: string;
}

/** A Books currency with the rate Books holds for it (settings/currencies). */
export interface CurrencyFact {
  code: string;
  isBase: boolean;
  /** Base-currency units per unit of this currency. */
  rate: number;
}

/** A Desk account (accounts list). */
export interface DeskAccountFact {
  id: string;
  name: string;
}

/** A Desk ticket (tickets list and search). */
export interface TicketFact {
  id: string;
  number: string;
  accountId: string | null;
  status: string;
  statusType: string;
  createdTime: string;
  closedTime: string | null;
}

/** Everything the reports compute from, as read from the store. */
export interface Facts {
  deals: DealFact[];
  accounts: AccountFact[];
  stageHistory: StageHistoryFact[];
  customers: CustomerFact[];
  invoices: InvoiceFact[];
  payments: PaymentFact[];
  currencies: CurrencyFact[];
  deskAccounts: DeskAccountFact[];
  tickets: TicketFact[];
  /** The CRM org's currency (deal amounts are in it). */
  crmCurrency: string;
  /** What the read found missing in the org (a link field the model declares that does not exist yet). */
  readNotes: string[];
}
