/**
 * Desk at 100 a page ([D:Account, Ticket]): full reads page `from`/`limit` side by side under the Desk budget;
 * a delta of tickets or accounts searches `modifiedTimeRange` (Search.json; `from` stops at 999, so a busy range is
 * split in halves until each half fits; more changes in one second than that, and the list is read whole).
 */
import type { DeskAccount, DeskTicket } from '@zlc/zoho';
import type { DeskAccountFact, TicketFact } from '../facts.js';
import { type Json, nonEmpty, text, utc } from './parse.js';
import { pagesSideBySide, type ReadContext, type SourceReader } from './source.js';

const LIMIT = 100;
/** Pages in flight at once; the Desk budget caps it again. */
const WINDOW = 25;
/** Search answers rows `from` 0 to 999 + `limit`: a range with more rows is split. */
const SEARCH_REACH = 1_000;

function ticketFact(t: Json): TicketFact {
  return {
    id: String(t.id),
    number: text(t, 'ticketNumber') ?? '',
    accountId: nonEmpty(text(t, 'accountId')),
    status: text(t, 'status') ?? '',
    statusType: text(t, 'statusType') ?? '',
    createdTime: utc(text(t, 'createdTime')) ?? '',
    closedTime: utc(text(t, 'closedTime')),
  };
}

export function deskAccountsReader(now: () => number): SourceReader {
  return {
    source: 'desk:accounts',
    shape: 'id,accountName',
    delta: true,
    async read(ctx, mode, since) {
      const toFact = (a: DeskAccount): [string, DeskAccountFact] => [
        String(a.id),
        { id: String(a.id), name: String(a.accountName) },
      ];
      if (mode === 'full') {
        await pagesSideBySide(
          (i) => ctx.clients.desk.accounts.listPage(1 + i * LIMIT, LIMIT),
          LIMIT,
          WINDOW,
          (items) => ctx.emit(items.map(toFact)),
        );
        return;
      }
      const search = (from: number, params: Record<string, string>) =>
        ctx.clients.desk.accounts.searchPage(from, LIMIT, params);
      if (await searchRange(ctx, search, toFact, Date.parse(since ?? new Date(0).toISOString()), now())) return;
      await pagesSideBySide(
        (i) => ctx.clients.desk.accounts.listPage(1 + i * LIMIT, LIMIT),
        LIMIT,
        WINDOW,
        (items) => ctx.emit(items.map(toFact)),
      );
    },
  };
}

export function ticketsReader(now: () => number): SourceReader {
  return {
    source: 'desk:tickets',
    shape: 'id,accountId,status,statusType,createdTime,closedTime',
    delta: true,
    async read(ctx, mode, since) {
      if (mode === 'full' || since === undefined) {
        await pagesSideBySide(
          (i) => ctx.clients.desk.tickets.listPage(1 + i * LIMIT, LIMIT),
          LIMIT,
          WINDOW,
          (items) => ctx.emit(items.map((t: DeskTicket) => [String(t.id), ticketFact(t)])),
        );
        return;
      }
      const search = (from: number, params: Record<string, string>) =>
        ctx.clients.desk.tickets.searchPage(from, LIMIT, params);
      const toFact = (t: DeskTicket) => [String(t.id), ticketFact(t)] as const;
      if (await searchRange(ctx, search, toFact, Date.parse(since), now())) return;
      // More changes within one second than search reaches (a mass update): every ticket is read again instead.
      await pagesSideBySide(
        (i) => ctx.clients.desk.tickets.listPage(1 + i * LIMIT, LIMIT),
        LIMIT,
        WINDOW,
        (items) => ctx.emit(items.map(toFact)),
      );
    },
  };
}

/**
 * Every record modified in [from, to]: one search when it fits Desk's reach, else both halves. False when more
 * records changed within one second than a search reaches (the caller reads the list instead).
 */
async function searchRange<T>(
  ctx: ReadContext,
  search: (from: number, params: Record<string, string>) => Promise<T[]>,
  toFact: (item: T) => readonly [string, unknown],
  from: number,
  to: number,
): Promise<boolean> {
  const range = `${new Date(from).toISOString()},${new Date(to).toISOString()}`;
  const rows: (readonly [string, unknown])[] = [];
  for (let start = 0; start < SEARCH_REACH; start += LIMIT) {
    const page = await search(start, { modifiedTimeRange: range, sortBy: 'modifiedTime' });
    rows.push(...page.map(toFact));
    if (page.length < LIMIT) {
      await ctx.emit(rows);
      return true;
    }
  }
  if (to - from < 1_000) return false;
  const middle = Math.floor((from + to) / 2);
  return (
    (await searchRange(ctx, search, toFact, from, middle)) && (await searchRange(ctx, search, toFact, middle + 1, to))
  );
}
