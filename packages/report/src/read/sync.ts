/**
 * Brings the store up to date for the sources the reports need: a full read the first time, after `refresh`, when
 * what a source is read with changed, or when its last full read is older than `fullEvery` (deletions show only
 * in full reads); otherwise a delta from the watermark. Products are read side by side; within a product in order
 * (stage history needs the deals, the payment check needs the invoices).
 */
import type { ZohoProduct } from '@zlc/zoho';
import type { ReportEvent } from '../events.js';
import type { ReportStore, SourceId, Watermark } from '../store/report-store.js';
import type { ReadContext, SourceReader } from './source.js';

/** Changes made while a read runs may carry a time just before it started: the next delta starts this early. */
const OVERLAP_MS = 5 * 60_000;

export interface SyncOptions {
  store: ReportStore;
  readers: readonly SourceReader[];
  clients: ReadContext['clients'];
  refresh: boolean;
  fullEveryMs: number;
  now: () => number;
  onEvent: (event: ReportEvent) => void;
}

export interface SourceOutcome {
  source: SourceId;
  mode: 'full' | 'delta';
  records: number;
  asOf: string;
}

export type SyncResult =
  | { ok: true; sources: SourceOutcome[] }
  | { ok: false; source: SourceId; error: unknown; sources: SourceOutcome[] };

function productOf(source: SourceId): ZohoProduct {
  return source.slice(0, source.indexOf(':')) as ZohoProduct;
}

export async function syncSources(options: SyncOptions): Promise<SyncResult> {
  const byProduct = new Map<ZohoProduct, SourceReader[]>();
  for (const reader of options.readers) {
    const list = byProduct.get(productOf(reader.source)) ?? [];
    list.push(reader);
    byProduct.set(productOf(reader.source), list);
  }
  const outcomes: SourceOutcome[] = [];
  let failure: { source: SourceId; error: unknown } | undefined;
  await Promise.all(
    [...byProduct.values()].map(async (readers) => {
      for (const reader of readers) {
        if (failure !== undefined) return;
        try {
          outcomes.push(await syncOne(reader, options));
        } catch (error) {
          failure ??= { source: reader.source, error };
          options.onEvent({ type: 'source_failed', source: reader.source, message: messageOf(error) });
          return;
        }
      }
    }),
  );
  const order = new Map(options.readers.map((r, i) => [r.source, i]));
  outcomes.sort((a, b) => (order.get(a.source) ?? 0) - (order.get(b.source) ?? 0));
  return failure === undefined ? { ok: true, sources: outcomes } : { ok: false, ...failure, sources: outcomes };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function syncOne(reader: SourceReader, options: SyncOptions): Promise<SourceOutcome> {
  const { store, now } = options;
  const mark = await store.watermark(reader.source);
  const mode = chooseMode(reader, mark, options);
  // What the reader meant to read; after the read, `reader.shape` may say that some columns were missing.
  const started = now();
  const write = await store.begin(reader.source, mode);
  let records = 0;
  options.onEvent({ type: 'source_started', source: reader.source, mode });
  const ctx: ReadContext = {
    clients: options.clients,
    emit: async (batch) => {
      await write.upsert(batch);
      records += batch.length;
      options.onEvent({ type: 'source_progress', source: reader.source, records });
    },
    gone: (ids) => write.delete(ids),
    stored: (source) => store.read(source),
  };
  await reader.read(ctx, mode, mode === 'delta' ? mark?.since : undefined);
  const readAt = new Date(now()).toISOString();
  const next: Watermark = {
    since: new Date(started - OVERLAP_MS).toISOString(),
    readAt,
    fullReadAt: mode === 'full' ? readAt : (mark?.fullReadAt ?? readAt),
    shape: reader.shape,
  };
  await write.commit(next);
  options.onEvent({ type: 'source_done', source: reader.source, mode, records, asOf: readAt });
  return { source: reader.source, mode, records, asOf: readAt };
}

function chooseMode(reader: SourceReader, mark: Watermark | undefined, options: SyncOptions): 'full' | 'delta' {
  if (options.refresh || !reader.delta || mark === undefined || mark.shape !== reader.shape) return 'full';
  if (options.now() - Date.parse(mark.fullReadAt) > options.fullEveryMs) return 'full';
  return 'delta';
}
