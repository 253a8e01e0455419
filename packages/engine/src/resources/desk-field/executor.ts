/**
 * `desk_field` → `POST /fields?module=` in Desk's documented shape, then the picklist values in each layout
 * (`PATCH /layouts/{id}/fields/{fieldId}`); `PATCH /fields/{id}` with the whole shape again for the label, lengths
 * and decimals, which change in place; `DELETE /fields/{id}`. Desk derives the api name from the label; a field
 * created under another name is an error that says so, rather than a plan that never converges.
 */
import { createOnce, type DeskField, type DeskModule } from '@zlc/zoho';
import { type Executor, type ExecutorContext, removeUnlessGone } from '../executor.js';
import { deskFieldCodec } from './attributes.js';
import { deskFieldBody, setLayoutValues } from './field-body.js';

async function findField(ctx: ExecutorContext, module: DeskModule, apiName: string, label: string) {
  const fields = await ctx.clients.desk.listFields(module);
  return (
    fields.find((f) => f.apiName === apiName) ??
    fields.find((f) => f.isCustomField === true && f.displayLabel?.toLowerCase() === label.toLowerCase())
  );
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  return (a ?? []).length === (b ?? []).length && (a ?? []).every((v, i) => v === b?.[i]);
}

export const deskFieldExecutor: Executor = {
  async create(action, ctx) {
    const a = deskFieldCodec.decode(action.after);
    const module = a.module as DeskModule;
    const body = deskFieldBody(a);
    const field = await createOnce<DeskField>({
      product: 'desk',
      what: `Desk field ${module}.${a.apiName}`,
      create: () => ctx.clients.desk.createField(module, body),
      lookup: () => findField(ctx, module, a.apiName, a.label),
      adoptExisting: true,
      clock: ctx.clock,
      onEvent: ctx.onZohoEvent,
    });
    if (field.apiName !== a.apiName)
      throw new Error(
        `Desk created the field as ${field.apiName}, not ${a.apiName} (Desk names fields after their label): change api_name or label in the model`,
      );
    if (a.values !== undefined && a.values.length > 0) await setLayoutValues(ctx, module, field.id, a.values);
    return field.id;
  },
  async update(action, ctx) {
    const before = deskFieldCodec.decode(action.before);
    const after = deskFieldCodec.decode(action.after);
    const module = after.module as DeskModule;
    const inPlace =
      before.label !== after.label || before.maxLength !== after.maxLength || before.decimals !== after.decimals;
    if (inPlace) {
      const current = await ctx.clients.desk.getField(action.remoteId);
      await ctx.clients.desk.updateField(action.remoteId, deskFieldBody(after, current));
    }
    if (after.values !== undefined && !sameList(before.values, after.values))
      await setLayoutValues(ctx, module, action.remoteId, after.values);
  },
  async remove(action, ctx) {
    await removeUnlessGone(() => ctx.clients.desk.deleteField(action.remoteId));
  },
};
