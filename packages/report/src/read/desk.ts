/**
 * Desk at 100 a page ([D:Account, Ticket]): full reads page `from`/`limit` side by side under the Desk budget;
 * a ticket delta searches `modifiedTimeRange` (Search.json; `from` stops at 999, so a busy range is split in
 * halves until each half fits); accounts newest first by `modifiedTime` ([D:Account] sortBy), read until older.
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
      await searchRange(ctx, search, toFact, Date.parse(since ?? new Date(0).toISOString()), now());
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
      await searchRange(ctx, search, (t: DeskTicket) => [String(t.id), ticketFact(t)], Date.parse(since), now());
    },
  };
}

/** Every record modified in [from, to]: one search when it fits Desk's reach, else both halves. */
async function searchRange<T>(
  ctx: ReadContext,
  search: (from: number, params: Record<string, string>) => Promise<T[]>,
  toFact: (item: T) => readonly [string, unknown],
  from: number,
  to: number,
): Promise<void> {
  const range = `${new Date(from).toISOString()},${new Date(to).toISOString()}`;
  const rows: (readonly [string, unknown])[] = [];
  for (let start = 0; start < SEARCH_REACH; start += LIMIT) {
    const page = await search(start, { modifiedTimeRange: range, sortBy: 'modifiedTime' });
    rows.push(...page.map(toFact));
    if (page.length < LIMIT) {
      await ctx.emit(rows);
      return;
    }
  }
  if (to - from < 1_000)
    throw new Error(`more than ${SEARCH_REACH} Desk records were modified within one second (${range})`);
  const middle = Math.floor((from + to) / 2);
  await searchRange(ctx, search, toFact, from, middle);
  await searchRange(ctx, search, toFact, middle + 1, to);
}
