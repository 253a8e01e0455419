/**
 * Zoho's search index lags behind writes: "When you create or edit a record and search for it immediately, you may
 * receive a 204 NO CONTENT response due to indexing delays" (module_search.yaml, `searchRecords`). A record is in
 * the index once its last write (`Modified_Time`, to the second) is `ctx.tuning.crmSearchIndexDelayMs` old on the
 * sandbox clock. Record reads and COQL are not indexed: they see every write at once.
 */
import type { SandboxContext } from '../core/types.js';
import type { RecordDoc } from './model.js';

/**
 * The default delay. Zoho states no figure; 60 s is the strictest reading that still lets a test wait it out by
 * moving the sandbox clock (`clock.advance`), and it is longer than any zlc call sequence, so code that finds a
 * record it has just written by search fails here as it could on Zoho (SPEC.md, CRM, Search).
 */
export const CRM_SEARCH_INDEX_DELAY_MS = 60_000;

/** Whether search can see the record now. */
export function isIndexed(ctx: SandboxContext, doc: RecordDoc): boolean {
  return settled(ctx, doc.Modified_Time);
}

/**
 * Whether the module's record count includes the record yet: "The record count may take 1-10 minutes to reflect
 * the latest changes" (record_count.yaml, `getRecordCount`). A new record joins the count once it is as old as the
 * search delay; an edit does not take it out (the count of all records does not depend on its fields).
 */
export function isCounted(ctx: SandboxContext, doc: RecordDoc): boolean {
  return settled(ctx, doc.Created_Time);
}

function settled(ctx: SandboxContext, time: string): boolean {
  const written = Date.parse(time);
  return Number.isNaN(written) || ctx.clock.now() - written >= ctx.tuning.crmSearchIndexDelayMs;
}
