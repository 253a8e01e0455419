import { describe, expect, it } from 'vitest';
import { booksState } from '../src/books/state.js';
import { openStore } from '../src/core/store.js';
import type { SandboxContext, Store } from '../src/core/types.js';
import { deskData } from '../src/desk/records.js';

/** A context whose store records which collections were opened (opening one reads all its documents from disk). */
function recordingContext(): { ctx: SandboxContext; opened: string[] } {
  const inner = openStore(undefined);
  const opened: string[] = [];
  const store: Store = {
    collection: (name) => {
      opened.push(name);
      return inner.collection(name);
    },
    transaction: (fn) => inner.transaction(fn),
    memo: (key, collections, build) => inner.memo(key, collections, build),
    memoDoc: (collection, id, variant, build) => inner.memoDoc(collection, id, variant, build),
  };
  const ctx: SandboxContext = {
    tuning: { crmSearchIndexDelayMs: 0 },
    store,
    clock: { now: () => 0 },
    ids: { next: () => '1' },
    outbound: { enqueue: () => {}, send: async () => ({ status: 200 }) },
    org: { crmOrgId: '1', booksOrganizationId: '2', deskOrgId: '3' },
    baseUrl: 'http://127.0.0.1',
    edition: 'enterprise',
  };
  return { ctx, opened };
}

describe('the Books and Desk collections', () => {
  it('open only when a handler uses them, so a request for the org does not load every invoice or ticket', () => {
    const { ctx, opened } = recordingContext();
    const books = booksState(ctx);
    const desk = deskData(ctx);
    expect(opened).toEqual([]);
    expect(books.organizations.size).toBe(0);
    expect(desk.departments.size).toBe(0);
    expect(opened).toEqual(['books:organizations', 'desk:departments']);
  });
});
