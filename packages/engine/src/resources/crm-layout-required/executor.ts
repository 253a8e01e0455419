/**
 * `crm_layout_required` → `PATCH /settings/layouts/{id}?module=` with the field (by id) and its `required` flag in
 * the section that holds it (the first section when the layout does not show it yet). Create and update both set
 * the flag; remove clears it. The flags of one layout set in the same wave go in one request; setting a flag is
 * idempotent, so a retried action is harmless.
 */
import type { CrmLayout } from '@zlc/zoho';
import type { Attributes } from '../../plan-types.js';
import type { Executor, ExecutorContext } from '../executor.js';
import { type KeyedBatcher, keyedBatcher } from '../shared/keyed-batch.js';
import { crmLayoutRequiredCodec } from './attributes.js';

interface Flag {
  module: string;
  layoutId: string;
  section: { id: string } | { api_name: string | undefined };
  fieldId: string;
  required: boolean;
}

const batchers = new WeakMap<ExecutorContext, KeyedBatcher<Flag>>();

function layoutBatcher(ctx: ExecutorContext): KeyedBatcher<Flag> {
  let batcher = batchers.get(ctx);
  if (batcher === undefined) {
    batcher = keyedBatcher<Flag>(async (_key, flags) => {
      const first = flags[0];
      if (first === undefined) return;
      const sections = new Map<string, { ref: Flag['section']; fields: { id: string; required: boolean }[] }>();
      for (const f of flags) {
        const key = JSON.stringify(f.section);
        const entry = sections.get(key) ?? { ref: f.section, fields: [] };
        entry.fields.push({ id: f.fieldId, required: f.required });
        sections.set(key, entry);
      }
      await ctx.clients.crm.updateLayout(first.module, first.layoutId, {
        sections: [...sections.values()].map((s) => ({ ...s.ref, fields: s.fields })),
      });
    });
    batchers.set(ctx, batcher);
  }
  return batcher;
}

async function fieldId(ctx: ExecutorContext, module: string, apiName: string): Promise<string> {
  const known = ctx.remoteIds.get(`crm_field.${module}.${apiName}`);
  if (known !== undefined) return known;
  const fields = await ctx.once(`crm:fields:${module}`, () => ctx.clients.crm.listFields(module));
  const field = fields.find((f) => f.api_name === apiName);
  if (field === undefined) throw new Error(`CRM ${module} has no field ${apiName}`);
  return field.id;
}

async function setRequired(a: Attributes, required: boolean, ctx: ExecutorContext): Promise<string> {
  const { module, layout: layoutName, apiName } = crmLayoutRequiredCodec.decode(a);
  const [layouts, id] = await Promise.all([
    ctx.once(`crm:layouts:${module}`, () => ctx.clients.crm.listLayouts(module)),
    fieldId(ctx, module, apiName),
  ]);
  const layout: CrmLayout | undefined = layouts.find((l) => l.name === layoutName);
  if (layout === undefined) throw new Error(`CRM ${module} has no layout named ${layoutName}`);
  const sections = layout.sections ?? [];
  const section =
    sections.find((s) => (s.fields ?? []).some((f) => f.api_name === apiName || f.id === id)) ?? sections[0];
  if (section === undefined) throw new Error(`CRM layout ${module}/${layoutName} has no sections`);
  const ref = typeof section.id === 'string' ? { id: section.id } : { api_name: section.api_name };
  await layoutBatcher(ctx).add(`${module}/${layout.id}`, {
    module,
    layoutId: layout.id,
    section: ref,
    fieldId: id,
    required,
  });
  return layout.id;
}

export const crmLayoutRequiredExecutor: Executor = {
  create: (action, ctx) => setRequired(action.after, crmLayoutRequiredCodec.decode(action.after).required, ctx),
  async update(action, ctx) {
    await setRequired(action.after, crmLayoutRequiredCodec.decode(action.after).required, ctx);
  },
  async remove(action, ctx) {
    await setRequired(action.before, false, ctx);
  },
};
