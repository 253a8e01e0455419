/**
 * Brings the store up to date for the sources the reports need: a full read the first time, after `refresh`, when
 * what a source is read with changed, or when its last full read is older than `fullEvery` (deletions show only
 * in full reads); otherwise a delta from the watermark. Sources are read side by side, the products' budgets pacing
 * the calls; a source that reads another's records from the store (stage history the deals, the payment check the
 * invoices) waits there for that source's read to end.
 */
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

export async function syncSources(options: SyncOptions): Promise<SyncResult> {
  const outcomes: SourceOutcome[] = [];
  let failure: { source: SourceId; error: unknown } | undefined;
  // Every source at once; one that reads another's records from the store waits for that one's read to end.
  const settled = new Map(options.readers.map((r) => [r.source, settlement()]));
  const stored = async (own: SourceId, source: SourceId) => {
    if (source !== own && (await settled.get(source)?.promise) === false)
      throw new Error(`${source} was not read, so ${own} cannot be`);
    return options.store.read(source);
  };
  await Promise.all(
    options.readers.map(async (reader) => {
      let ok = false;
      try {
        outcomes.push(await syncOne(reader, options, (source) => stored(reader.source, source)));
        ok = true;
      } catch (error) {
        failure ??= { source: reader.source, error };
        options.onEvent({ type: 'source_failed', source: reader.source, message: messageOf(error) });
      } finally {
        settled.get(reader.source)?.resolve(ok);
      }
    }),
  );
  const order = new Map(options.readers.map((r, i) => [r.source, i]));
  outcomes.sort((a, b) => (order.get(a.source) ?? 0) - (order.get(b.source) ?? 0));
  return failure === undefined ? { ok: true, sources: outcomes } : { ok: false, ...failure, sources: outcomes };
}

/** A promise and the function that resolves it. */
function settlement(): { promise: Promise<boolean>; resolve: (ok: boolean) => void } {
  let resolve: (ok: boolean) => void = () => {};
  const promise = new Promise<boolean>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

async function syncOne(
  reader: SourceReader,
  options: SyncOptions,
  stored: ReadContext['stored'],
): Promise<SourceOutcome> {
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
    stored,
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
