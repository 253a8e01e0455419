/**
 * `crm_field` → `POST/PATCH/DELETE /settings/fields?module=` (see `CrmFieldAttributes`). Creates are batched per
 * module, five to a request; a picklist's values go at most ten to a request (fields.yaml), so a create carries the
 * first ten and follow-up PATCHes add the rest in order, and an update's picklist patch is split the same way.
 */
import {
  CRM_PICKLIST_VALUES_PER_REQUEST,
  type CrmFieldChanges,
  type CrmFieldInput,
  type CrmPicklistValue,
} from '@zlc/zoho';
import { type Executor, type ExecutorContext, removeUnlessGone } from '../executor.js';
import { removedValues } from '../shared/impact.js';
import { picklistChunks } from '../shared/picklist-chunks.js';
import { type PicklistPatchEntry, picklistPatch } from '../shared/picklist-patch.js';
import { type CrmFieldAttributes, crmFieldCodec } from './attributes.js';
import { crmFieldBatcher } from './create-batch.js';

const fieldAttributes = crmFieldCodec.decode;

/** Unique case-insensitively, as Zoho's own UI offers by default; zlc models uniqueness only as on or off. */
const UNIQUE = { case_sensitive: false } as const;

function createInput(f: CrmFieldAttributes): CrmFieldInput {
  return {
    field_label: f.label,
    api_name: f.apiName,
    data_type: f.dataType,
    ...(f.length === undefined ? {} : { length: f.length }),
    ...(f.picklist === undefined
      ? {}
      : {
          pick_list_values: f.picklist
            .slice(0, CRM_PICKLIST_VALUES_PER_REQUEST)
            .map((v) => ({ display_value: v, actual_value: v })),
        }),
    ...(f.unique ? { unique: UNIQUE } : {}),
    // A lookup names its related list in the other module (required there); the field's label keeps it unique.
    ...(f.lookupModule === undefined
      ? {}
      : { lookup: { module: { api_name: f.lookupModule } }, display_label: f.label }),
  };
}

/** Sends a picklist patch in requests of at most ten entries; the first request also carries `first` changes. */
async function sendPicklist(
  ctx: ExecutorContext,
  module: string,
  id: string,
  patch: PicklistPatchEntry[],
  first: CrmFieldChanges = {},
): Promise<void> {
  const chunks = picklistChunks(patch, CRM_PICKLIST_VALUES_PER_REQUEST);
  if (chunks.length === 0) {
    if (Object.keys(first).length > 0) await ctx.clients.crm.updateField(module, id, first);
    return;
  }
  for (const [i, chunk] of chunks.entries())
    await ctx.clients.crm.updateField(module, id, { ...(i === 0 ? first : {}), pick_list_values: chunk });
}

/** The field's picklist values as CRM holds them now (fresh: an earlier request of this run may have added some). */
function currentValues(ctx: ExecutorContext, module: string, id: string): Promise<CrmPicklistValue[]> {
  return ctx.clients.crm.listPicklistValues(module, id);
}

export const crmFieldExecutor: Executor = {
  async create(action, ctx) {
    const f = fieldAttributes(action.after);
    const id = await crmFieldBatcher(ctx).add(f.module, f.apiName, createInput(f));
    if (f.picklist !== undefined && f.picklist.length > CRM_PICKLIST_VALUES_PER_REQUEST) {
      const wanted = f.picklist.map((display) => ({ display }));
      await sendPicklist(ctx, f.module, id, picklistPatch(await currentValues(ctx, f.module, id), wanted, []));
    }
    return id;
  },

  async update(action, ctx) {
    const before = fieldAttributes(action.before);
    const after = fieldAttributes(action.after);
    const changes: CrmFieldChanges = {};
    if (before.label !== after.label) changes.field_label = after.label;
    if (after.length !== undefined && before.length !== after.length) changes.length = after.length;
    if (before.unique !== after.unique) changes.unique = after.unique ? UNIQUE : false;
    let patch: PicklistPatchEntry[] = [];
    if (JSON.stringify(before.picklist ?? []) !== JSON.stringify(after.picklist ?? [])) {
      const current = await currentValues(ctx, after.module, action.remoteId);
      const wanted = (after.picklist ?? []).map((display) => ({ display }));
      patch = picklistPatch(current, wanted, removedValues(action, 'picklist'));
    }
    await sendPicklist(ctx, after.module, action.remoteId, patch, changes);
  },

  async remove(action, ctx) {
    await removeUnlessGone(() => ctx.clients.crm.deleteField(fieldAttributes(action.before).module, action.remoteId));
  },
};
