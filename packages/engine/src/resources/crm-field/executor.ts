/** `crm_field` → `POST/PATCH/DELETE /settings/fields?module=` (see `CrmFieldAttributes`); creates are batched per module. */
import type { CrmFieldInput } from '@zlc/zoho';
import { type Executor, removeUnlessGone } from '../executor.js';
import { removedValues } from '../shared/impact.js';
import { picklistPatch } from '../shared/picklist-patch.js';
import { crmFieldCodec } from './attributes.js';
import { crmFieldBatcher } from './create-batch.js';

const fieldAttributes = crmFieldCodec.decode;

export const crmFieldExecutor: Executor = {
  async create(action, ctx) {
    const f = fieldAttributes(action.after);
    const input: CrmFieldInput = {
      field_label: f.label,
      api_name: f.apiName,
      data_type: f.dataType,
      ...(f.length === undefined ? {} : { length: f.length }),
      ...(f.picklist === undefined
        ? {}
        : { pick_list_values: f.picklist.map((v) => ({ display_value: v, actual_value: v })) }),
      ...(f.unique ? { unique: { casesensitive: 'false' } } : {}),
      ...(f.lookupModule === undefined ? {} : { lookup: { module: { api_name: f.lookupModule } } }),
    };
    return crmFieldBatcher(ctx).add(f.module, f.apiName, input);
  },

  async update(action, ctx) {
    const before = fieldAttributes(action.before);
    const after = fieldAttributes(action.after);
    const changes: Record<string, unknown> = {};
    if (before.label !== after.label) changes.field_label = after.label;
    if (after.length !== undefined && before.length !== after.length) changes.length = after.length;
    if (before.unique !== after.unique) changes.unique = after.unique ? { casesensitive: 'false' } : null;
    if (JSON.stringify(before.picklist ?? []) !== JSON.stringify(after.picklist ?? [])) {
      const fields = await ctx.once(`crm:fields:${after.module}`, () => ctx.clients.crm.listFields(after.module));
      const current = fields.find((f) => f.id === action.remoteId);
      if (current === undefined) throw new Error(`CRM field ${after.module}.${after.apiName} is gone`);
      const patch = picklistPatch(
        current.pick_list_values ?? [],
        (after.picklist ?? []).map((display) => ({ display })),
        removedValues(action, 'picklist'),
      );
      if (patch.length > 0) changes.pick_list_values = patch;
    }
    if (Object.keys(changes).length === 0) return;
    await ctx.clients.crm.updateField(after.module, action.remoteId, changes);
  },

  async remove(action, ctx) {
    await removeUnlessGone(() => ctx.clients.crm.deleteField(fieldAttributes(action.before).module, action.remoteId));
  },
};
