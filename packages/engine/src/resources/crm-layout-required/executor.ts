/**
 * `crm_layout_required` → `PATCH /settings/layouts/{id}?module=` with the field (by id) and its `required` flag in
 * the section that holds it (the first section when the layout does not show it yet). Create and update both set
 * the flag; remove clears it. The flags of one layout set in the same wave are gathered, at most five field actions
 * (and five sections) a request (layouts.yaml `updateLayout`); setting a flag is idempotent, so a retried action is
 * harmless.
 *
 * `required` is not among layouts.yaml's PATCH field keys, yet Zoho's Update Custom Layout page sets mandatory flags
 * through this call with `required: true`, and layouts.yaml's own answers carry the flag per layout field (sandbox
 * SPEC.md, "Layouts"; the excuse in `@zlc/testkit` names the source).
 */
import { CRM_LAYOUT_FIELDS_PER_PATCH, type CrmLayout, type CrmLayoutChanges } from '@zlc/zoho';
import type { Attributes } from '../../plan-types.js';
import type { Executor, ExecutorContext } from '../executor.js';
import { type KeyedBatcher, keyedBatcher } from '../shared/keyed-batch.js';
import { crmLayoutRequiredCodec } from './attributes.js';

interface Flag {
  module: string;
  layoutId: string;
  sectionId: string;
  fieldId: string;
  required: boolean;
}

/** Flags in requests of at most five field actions, each grouped by section (five fields span five sections at most). */
function layoutPatches(flags: readonly Flag[]): CrmLayoutChanges[] {
  const patches: CrmLayoutChanges[] = [];
  for (let i = 0; i < flags.length; i += CRM_LAYOUT_FIELDS_PER_PATCH) {
    const sections = new Map<string, { id: string; required: boolean }[]>();
    for (const f of flags.slice(i, i + CRM_LAYOUT_FIELDS_PER_PATCH)) {
      const fields = sections.get(f.sectionId) ?? [];
      fields.push({ id: f.fieldId, required: f.required });
      sections.set(f.sectionId, fields);
    }
    patches.push({ sections: [...sections].map(([id, fields]) => ({ id, fields })) });
  }
  return patches;
}

const batchers = new WeakMap<ExecutorContext, KeyedBatcher<Flag>>();

function layoutBatcher(ctx: ExecutorContext): KeyedBatcher<Flag> {
  let batcher = batchers.get(ctx);
  if (batcher === undefined) {
    batcher = keyedBatcher<Flag>(async (_key, flags) => {
      const first = flags[0];
      if (first === undefined) return;
      for (const patch of layoutPatches(flags)) await ctx.clients.crm.updateLayout(first.module, first.layoutId, patch);
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
  if (section?.id === undefined) throw new Error(`CRM layout ${module}/${layoutName} has no sections`);
  await layoutBatcher(ctx).add(`${module}/${layout.id}`, {
    module,
    layoutId: layout.id,
    sectionId: section.id,
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
