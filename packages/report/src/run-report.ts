/**
 * The I/O shell around the pure core: check what was asked, bring the store up to date for the sources those
 * reports read, load the facts, compute. Outcomes are data; the CLI picks the exit code. A source that cannot be
 * read stops the run before anything is computed: no figure is ever shown that misses a source.
 */
import { REPORT_IDS, type ReportId, type ResolvedModel, type ResolvedReport } from '@zlc/model';
import type { ZohoClients } from '@zlc/zoho';
import { computeReports, defaultReport, GROUPINGS, reportsOf } from './compute/compute-reports.js';
import type { OnReportEvent } from './events.js';
import type { CrmOrgFact, Facts } from './facts.js';
import { linksOf } from './links.js';
import { fromMs, isDate, type PeriodKind, type Window } from './periods.js';
import { contactsReader, currenciesReader, invoicesReader, paymentsReader } from './read/books.js';
import { accountsReader, crmOrgReader, dealsReader, stageHistoryReader } from './read/crm.js';
import { deskAccountsReader, ticketsReader } from './read/desk.js';
import type { SourceReader } from './read/source.js';
import { type SourceOutcome, syncSources } from './read/sync.js';
import type { GroupBy, ReportResult } from './result.js';
import type { ReportStore, SourceId } from './store/report-store.js';

export const REPORT_FORMAT_VERSION = 1;
/** A source whose last full read is older than this is read in full again (deletions show only then). */
export const FULL_READ_EVERY_MS = 24 * 3_600_000;

const CRM: SourceId[] = ['crm:org', 'crm:deals', 'crm:accounts', 'crm:stage_history'];
const SOURCES: Record<ReportId, readonly SourceId[]> = {
  sold_invoiced_collected: [...CRM, 'books:currencies', 'books:contacts', 'books:invoices', 'books:payments'],
  close_to_invoice: [...CRM, 'books:currencies', 'books:invoices'],
  support_volume: [...CRM, 'books:currencies', 'books:invoices', 'desk:accounts', 'desk:tickets'],
  retention_renewals: [...CRM, 'books:currencies', 'books:invoices'],
  reconciliation: [...CRM, 'books:currencies', 'books:contacts', 'books:invoices', 'desk:accounts'],
};

export interface RunReportOptions {
  clients: ZohoClients;
  model: ResolvedModel;
  store: ReportStore;
  /** Report ids to run; none: every report of the model (and the reconciliation). */
  ids?: readonly string[];
  window?: Window;
  period?: PeriodKind;
  groupBy?: GroupBy;
  /** The day ages and overdue count from; default: today (UTC). */
  asOf?: string;
  /** Read every source in full. */
  refresh?: boolean;
  fullEveryMs?: number;
  now?: () => number;
  onEvent?: OnReportEvent;
}

export interface ReportDocument {
  formatVersion: number;
  generatedAt: string;
  asOf: string;
  /** When each product was last read, for the freshness line ("Books: as of …"). */
  freshness: Partial<Record<'crm' | 'books' | 'desk', string>>;
  sources: SourceOutcome[];
  reports: ReportResult[];
}

export type ReportRefusal =
  | { kind: 'unknown_report'; id: string; known: ReportId[] }
  | { kind: 'grouping'; id: ReportId; groupBy: GroupBy; supported: readonly GroupBy[] }
  | { kind: 'window'; message: string };

export type RunReportResult =
  | { status: 'ok'; document: ReportDocument }
  /** Some reports have no record in their window: shown as such, never as zeros that look measured. */
  | { status: 'no_data'; document: ReportDocument; empty: ReportId[] }
  | { status: 'refused'; refusal: ReportRefusal }
  | { status: 'unreachable'; source: SourceId; message: string; sources: SourceOutcome[] };

/** Which reports `ids` names, or why not. */
export function selectReports(model: ResolvedModel, ids: readonly string[] = []): ResolvedReport[] | ReportRefusal {
  const all = reportsOf(model);
  if (ids.length === 0) return all;
  const chosen: ResolvedReport[] = [];
  for (const id of ids) {
    const found = all.filter((r) => r.id === id);
    if (found.length > 0) {
      chosen.push(...found);
      continue;
    }
    const known = REPORT_IDS.find((r) => r === id);
    if (known === undefined) return { kind: 'unknown_report', id, known: [...REPORT_IDS] };
    chosen.push(defaultReport(known));
  }
  return chosen;
}

/** The reports `options` asks for, or why they cannot be made (checked before anything is read). */
export function checkReportRequest(
  options: Pick<RunReportOptions, 'model' | 'ids' | 'window' | 'asOf' | 'groupBy'>,
): { ok: true; reports: ResolvedReport[] } | { ok: false; refusal: ReportRefusal } {
  const selected = selectReports(options.model, options.ids);
  if (!Array.isArray(selected)) return { ok: false, refusal: selected };
  const problem = checkRequest(options, selected);
  return problem === undefined ? { ok: true, reports: selected } : { ok: false, refusal: problem };
}

function checkRequest(
  options: Pick<RunReportOptions, 'window' | 'asOf' | 'groupBy'>,
  reports: readonly ResolvedReport[],
): ReportRefusal | undefined {
  const w = options.window;
  if (w !== undefined && (!isDate(w.from) || !isDate(w.to) || w.from > w.to))
    return {
      kind: 'window',
      message: `--from ${w.from} --to ${w.to} is not a window of dates (YYYY-MM-DD, from ≤ to)`,
    };
  if (options.asOf !== undefined && !isDate(options.asOf))
    return { kind: 'window', message: `--as-of ${options.asOf} is not a date (YYYY-MM-DD)` };
  for (const r of reports) {
    const groupBy = options.groupBy ?? r.groupBy;
    if (!GROUPINGS[r.id].includes(groupBy)) return { kind: 'grouping', id: r.id, groupBy, supported: GROUPINGS[r.id] };
  }
  return undefined;
}

export async function runReport(options: RunReportOptions): Promise<RunReportResult> {
  const checked = checkReportRequest(options);
  if (!checked.ok) return { status: 'refused', refusal: checked.refusal };
  const selected = checked.reports;
  const now = options.now ?? Date.now;
  const onEvent = options.onEvent ?? (() => {});
  onEvent({ type: 'store_opened', kind: options.store.kind, location: options.store.location });
  const needed = new Set(selected.flatMap((r) => SOURCES[r.id]));
  const notes: string[] = [];
  const readers = readersFor(options, needed, now, notes);
  const synced = await syncSources({
    store: options.store,
    readers,
    clients: options.clients,
    refresh: options.refresh === true,
    fullEveryMs: options.fullEveryMs ?? FULL_READ_EVERY_MS,
    now,
    onEvent,
  });
  if (!synced.ok)
    return { status: 'unreachable', source: synced.source, message: messageOf(synced.error), sources: synced.sources };
  const facts = await loadFacts(options.store, needed, notes);
  const asOf = options.asOf ?? fromMs(now());
  const reports = computeReports(facts, options.model, {
    reports: selected,
    today: asOf,
    ...(options.window === undefined ? {} : { window: options.window }),
    ...(options.period === undefined ? {} : { period: options.period }),
    ...(options.groupBy === undefined ? {} : { groupBy: options.groupBy }),
  });
  const document: ReportDocument = {
    formatVersion: REPORT_FORMAT_VERSION,
    generatedAt: new Date(now()).toISOString(),
    asOf,
    freshness: freshnessOf(synced.sources),
    sources: synced.sources,
    reports,
  };
  const empty = reports.filter((r) => r.empty).map((r) => r.id);
  return empty.length > 0 ? { status: 'no_data', document, empty } : { status: 'ok', document };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** The oldest read per product: a product is as fresh as its stalest source. */
function freshnessOf(sources: readonly SourceOutcome[]): ReportDocument['freshness'] {
  const out: ReportDocument['freshness'] = {};
  for (const s of sources) {
    const product = s.source.slice(0, s.source.indexOf(':')) as 'crm' | 'books' | 'desk';
    const current = out[product];
    if (current === undefined || s.asOf < current) out[product] = s.asOf;
  }
  return out;
}

function readersFor(
  options: RunReportOptions,
  needed: ReadonlySet<SourceId>,
  now: () => number,
  notes: string[],
): SourceReader[] {
  const links = linksOf(options.model);
  const renewal = options.model.reports.find((r) => r.renewalField !== undefined)?.renewalField;
  const readers: SourceReader[] = [];
  if (needed.has('crm:deals')) {
    const onDeals = renewal?.module === 'Deals' ? renewal.apiName : undefined;
    const onAccounts = renewal?.module === 'Accounts' ? renewal.apiName : undefined;
    readers.push(crmOrgReader(), dealsReader(links, onDeals, notes), accountsReader(links, onAccounts, notes));
    readers.push(stageHistoryReader(links.wonStage));
  }
  const books: [SourceId, () => SourceReader][] = [
    ['books:currencies', currenciesReader],
    ['books:contacts', contactsReader],
    ['books:invoices', invoicesReader],
    ['books:payments', paymentsReader],
  ];
  for (const [id, make] of books) if (needed.has(id)) readers.push(make());
  if (needed.has('desk:accounts')) readers.push(deskAccountsReader(now));
  if (needed.has('desk:tickets')) readers.push(ticketsReader(now));
  return readers;
}

async function loadFacts(store: ReportStore, needed: ReadonlySet<SourceId>, notes: string[]): Promise<Facts> {
  const read = async <T>(source: SourceId): Promise<T[]> =>
    needed.has(source) ? ((await store.read(source)) as T[]) : [];
  const org = (await read<CrmOrgFact>('crm:org'))[0];
  return {
    deals: await read('crm:deals'),
    accounts: await read('crm:accounts'),
    stageHistory: await read('crm:stage_history'),
    customers: await read('books:contacts'),
    invoices: await read('books:invoices'),
    payments: await read('books:payments'),
    currencies: await read('books:currencies'),
    deskAccounts: await read('desk:accounts'),
    tickets: await read('desk:tickets'),
    crmCurrency: org?.currency ?? 'USD',
    readNotes: notes,
  };
}
