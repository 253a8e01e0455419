/**
 * `desk_field` → `POST /fields?module=`, `PATCH /fields/{id}` (label only: everything else is a replace), and
 * `DELETE /fields/{id}`. Desk derives the api name from the label; a field created under another name is an error
 * that says so, rather than a plan that never converges.
 */
import { createOnce, type DeskField, type DeskFieldInput, type DeskModule } from '@zlc/zoho';
import { type Executor, type ExecutorContext, removeUnlessGone } from '../executor.js';
import { deskFieldCodec } from './attributes.js';

/** Desk requires `maxLength` on these types (Field.json `createFieldNewRequest`); Desk's own maxima. */
const DEFAULT_MAX_LENGTH: Record<string, number> = { Number: 9, Decimal: 16, Currency: 16 };

async function findField(ctx: ExecutorContext, module: DeskModule, apiName: string, label: string) {
  const fields = await ctx.clients.desk.listFields(module);
  return (
    fields.find((f) => f.apiName === apiName) ??
    fields.find((f) => f.isCustomField === true && f.displayLabel?.toLowerCase() === label.toLowerCase())
  );
}

export const deskFieldExecutor: Executor = {
  async create(action, ctx) {
    const a = deskFieldCodec.decode(action.after);
    const module = a.module as DeskModule;
    const { apiName, label, values } = a;
    const maxLength = a.maxLength ?? DEFAULT_MAX_LENGTH[a.fieldType];
    const decimals = a.decimals ?? (['Decimal', 'Currency'].includes(a.fieldType) ? 2 : undefined);
    const input: DeskFieldInput = {
      displayLabel: label,
      type: a.fieldType,
      ...(maxLength === undefined ? {} : { maxLength }),
      ...(decimals === undefined ? {} : { decimalPlaces: decimals }),
      ...(values === undefined ? {} : { allowedValues: values.map((value) => ({ value })) }),
    };
    const field = await createOnce<DeskField>({
      product: 'desk',
      what: `Desk field ${module}.${apiName}`,
      create: () => ctx.clients.desk.createField(module, input),
      lookup: () => findField(ctx, module, apiName, label),
      clock: ctx.clock,
      onEvent: ctx.onZohoEvent,
    });
    if (field.apiName !== apiName)
      throw new Error(
        `Desk created the field as ${field.apiName}, not ${apiName} (Desk names fields after their label): change api_name or label in the model`,
      );
    return field.id;
  },
  async update(action, ctx) {
    await ctx.clients.desk.updateField(action.remoteId, { displayLabel: deskFieldCodec.decode(action.after).label });
  },
  async remove(action, ctx) {
    await removeUnlessGone(() => ctx.clients.desk.deleteField(action.remoteId));
  },
};
