/**
 * The local store of what the reports read: per source, the records by id and a watermark saying up to when the
 * source was read. Async so that a PostgreSQL store can stand beside the SQLite one behind the same interface.
 */

/** What the store keeps: one entry per Zoho list the reports read. */
export type SourceId =
  | 'crm:org'
  | 'crm:deals'
  | 'crm:accounts'
  | 'crm:stage_history'
  | 'books:currencies'
  | 'books:contacts'
  | 'books:invoices'
  | 'books:payments'
  | 'desk:accounts'
  | 'desk:tickets';

export const SOURCE_IDS: readonly SourceId[] = [
  'crm:org',
  'crm:deals',
  'crm:accounts',
  'crm:stage_history',
  'books:currencies',
  'books:contacts',
  'books:invoices',
  'books:payments',
  'desk:accounts',
  'desk:tickets',
];

export interface Watermark {
  /** Changes from this time on are read next time (ISO, already moved back by the overlap). */
  since: string;
  /** When the last read of this source finished (ISO): what "as of" shows. */
  readAt: string;
  /** When the last full read finished (ISO): deletions are seen by full reads. */
  fullReadAt: string;
  /** A digest of what the source was read with (fields, links): another digest means a full read. */
  shape: string;
}

/** One read of one source: records go in as they arrive; nothing counts until `commit`. */
export interface SourceWrite {
  upsert(records: readonly (readonly [id: string, value: unknown])[]): Promise<void>;
  delete(ids: readonly string[]): Promise<void>;
  /** Ends the read: a full read drops every record it did not see; the watermark is set. */
  commit(watermark: Watermark): Promise<void>;
}

export interface ReportStore {
  readonly kind: 'sqlite' | 'postgres';
  /** Where it lives, for people (a path, or a redacted URL). */
  readonly location: string;
  watermark(source: SourceId): Promise<Watermark | undefined>;
  /** Starts a read: `full` replaces the source's records on commit, `delta` adds to them. */
  begin(source: SourceId, mode: 'full' | 'delta'): Promise<SourceWrite>;
  /** Every record of a source, parsed. */
  read(source: SourceId): Promise<unknown[]>;
  close(): Promise<void>;
}
