/**
 * The Deals `Stage_History` related list: CRM keeps one row per stage a deal was in — `Stage`, the time it entered
 * it (`Modified_Time`, with `Modified_By`), the deal's `Amount`, `Closing_Date`, `Probability` and
 * `Expected_Revenue` then, `Moved_To__s` (the stage it went to next; empty while it is still there) and
 * `Stage_Duration_Calendar_Days`. Read with `GET /Deals/{id}/Stage_History?fields=…` ([C:related_records] Get
 * Related Records; related_records.yaml's 200 item names `Moved_To__s`, "the stage value to which the record was
 * moved"). Rows come newest first (the operation's default `sort_order` desc). Written by every deal write that
 * sets or changes `Stage`, in the same transaction.
 */
import type { Handler, SandboxContext } from '../core/types.js';
import { crmError, errorResponse, MESSAGES, requiredParamMissing } from './errors.js';
import type { MinUser, ModuleDef, RecordDoc } from './model.js';
import { isResponse, pageInfo, parsePage } from './paging.js';
import { currentUser, isoTime, recordsOf } from './state.js';

export interface StageHistoryRow {
  id: string;
  deal_id: string;
  Stage: string;
  Moved_To__s: string | null;
  Amount: number | null;
  Closing_Date: string | null;
  Probability: number | null;
  Expected_Revenue: number | null;
  Modified_Time: string;
  Modified_By: MinUser;
  /** When the deal entered the stage, for ordering and durations. */
  entered_ms: number;
  left_ms: number | null;
}

const FIELDS = [
  'Stage',
  'Moved_To__s',
  'Amount',
  'Closing_Date',
  'Probability',
  'Expected_Revenue',
  'Modified_Time',
  'Modified_By',
  'Stage_Duration_Calendar_Days',
] as const;

const DAY = 86_400_000;

export const stageHistory = (ctx: SandboxContext) => ctx.store.collection<StageHistoryRow>('crm:stage_history');

function byDeal(ctx: SandboxContext) {
  return stageHistory(ctx).index('deal', (row) => [row.deal_id]);
}

function num(v: unknown): number | null {
  return typeof v === 'number' ? v : null;
}

/** Records that `deal` entered its current stage at `atMs`, closing the row of the stage it left. */
export function enterStage(ctx: SandboxContext, deal: RecordDoc, atMs: number, by: MinUser): void {
  const stage = typeof deal.Stage === 'string' ? deal.Stage : undefined;
  if (stage === undefined) return;
  const rows = stageHistory(ctx);
  for (const open of byDeal(ctx).get(deal.id)) {
    if (open.left_ms !== null) continue;
    rows.put(open.id, { ...open, Moved_To__s: stage, left_ms: atMs });
  }
  const id = ctx.ids.next('crm');
  rows.put(id, {
    id,
    deal_id: deal.id,
    Stage: stage,
    Moved_To__s: null,
    Amount: num(deal.Amount),
    Closing_Date: typeof deal.Closing_Date === 'string' ? deal.Closing_Date : null,
    Probability: num(deal.Probability),
    Expected_Revenue: num(deal.Expected_Revenue),
    Modified_Time: isoTime(atMs),
    Modified_By: by,
    entered_ms: atMs,
    left_ms: null,
  });
}

/** After a write batch on a module: a deal created with a stage, or whose stage changed, gets a history row. */
export function noteStageChanges(
  ctx: SandboxContext,
  mod: ModuleDef,
  events: readonly { doc: RecordDoc; previous: RecordDoc | undefined }[],
): void {
  if (mod.api_name !== 'Deals') return;
  for (const { doc, previous } of events)
    if (previous === undefined || previous.Stage !== doc.Stage) enterStage(ctx, doc, ctx.clock.now(), currentUser(ctx));
}

function render(row: StageHistoryRow, fields: readonly string[]): Record<string, unknown> {
  const all: Record<string, unknown> = {
    ...row,
    Stage_Duration_Calendar_Days: row.left_ms === null ? null : Math.floor((row.left_ms - row.entered_ms) / DAY),
  };
  const out: Record<string, unknown> = { id: row.id };
  for (const f of fields) out[f] = all[f] ?? null;
  return out;
}

export const getStageHistory: Handler = (req, ctx) => {
  const deal = recordsOf(ctx, 'Deals').get(req.params.id ?? '');
  if (deal === undefined)
    return errorResponse(400, crmError('INVALID_DATA', MESSAGES.invalidId, { resource_path_index: 1 }));
  const raw = req.query.get('fields');
  if (raw === null || raw.trim() === '') return requiredParamMissing('fields');
  const fields = raw.split(',').map((f) => f.trim());
  const unknown = fields.find((f) => !FIELDS.some((k) => k === f) && f !== 'id');
  if (unknown !== undefined)
    return errorResponse(400, crmError('INVALID_DATA', MESSAGES.invalidData, { api_name: unknown }));
  const page = parsePage(ctx, req.query, `rel|Deals|${deal.id}|Stage_History`);
  if (isResponse(page)) return page;
  const rows = [...byDeal(ctx).get(deal.id)].sort((a, b) => b.entered_ms - a.entered_ms || b.id.localeCompare(a.id));
  const slice = rows.slice(page.offset, page.offset + page.perPage);
  if (slice.length === 0) return { status: 204 };
  return {
    status: 200,
    body: { data: slice.map((r) => render(r, fields)), info: pageInfo(ctx, page, rows.length, slice.length) },
  };
};
