/** How one source is read: every record (full) or what changed since a time (delta), in batches. */
import type { ZohoClients } from '@zlc/zoho';
import type { SourceId } from '../store/report-store.js';

export type Batch = readonly (readonly [id: string, fact: unknown])[];

export interface ReadContext {
  clients: ZohoClients;
  /** Hands a batch of records to the store; resolves when it is written. */
  emit(batch: Batch): Promise<void>;
  /** Ids to delete (records the read learnt are gone). */
  gone(ids: readonly string[]): Promise<void>;
  /**
   * The store's records of a source (stage history reads the deals); another source's once its read in this run
   * has ended (it fails when that read failed).
   */
  stored(source: SourceId): Promise<unknown[]>;
}

export interface SourceReader {
  source: SourceId;
  /** A digest of what the reader asks for (fields, links): when it changes, the next read is full. */
  shape: string;
  /** Whether the source can be read by change at all (else every read is full). */
  delta: boolean;
  read(ctx: ReadContext, mode: 'full' | 'delta', since: string | undefined): Promise<void>;
}

/** Reads pages side by side, `window` at a time, until a page comes back short: the pages in order. */
export async function pagesSideBySide<T>(
  page: (index: number) => Promise<T[]>,
  pageSize: number,
  window: number,
  onPage: (items: T[]) => Promise<void>,
): Promise<void> {
  let next = 0;
  let size = 1;
  for (;;) {
    const indexes = Array.from({ length: size }, (_, i) => next + i);
    const pages = await Promise.all(indexes.map((i) => page(i)));
    for (const items of pages) {
      await onPage(items);
      if (items.length < pageSize) return;
    }
    next += size;
    // Grow the window as the list proves long, so a short list costs no pages past its end.
    size = Math.min(window, size * 2);
  }
}
