/**
 * `crm_layout_required` → `PATCH /settings/layouts/{id}?module=` with the field (by id) and its `required` flag
 * in the section that holds it (the first section when the layout does not show it yet). Create and update both
 * set the flag; remove clears it. Setting a flag is idempotent, so a retried action is harmless.
 */
import type { CrmLayout } from '@zlc/zoho';
import type { Attributes } from '../../plan-types.js';
import { attr, type Executor, type ExecutorContext } from './executor.js';

async function setRequired(a: Attributes, required: boolean, ctx: ExecutorContext): Promise<string> {
  const module = attr(a, 'module');
  const layoutName = attr(a, 'layout');
  const apiName = attr(a, 'apiName');
  const [layouts, fields] = await Promise.all([
    ctx.once(`crm:layouts:${module}`, () => ctx.clients.crm.listLayouts(module)),
    ctx.once(`crm:fields:${module}`, () => ctx.clients.crm.listFields(module)),
  ]);
  const layout: CrmLayout | undefined = layouts.find((l) => l.name === layoutName);
  if (layout === undefined) throw new Error(`CRM ${module} has no layout named ${layoutName}`);
  const field = fields.find((f) => f.api_name === apiName);
  if (field === undefined) throw new Error(`CRM ${module} has no field ${apiName}`);
  const sections = layout.sections ?? [];
  const section = sections.find((s) => (s.fields ?? []).some((f) => f.api_name === apiName)) ?? sections[0];
  if (section === undefined) throw new Error(`CRM layout ${module}/${layoutName} has no sections`);
  const sectionRef = typeof section.id === 'string' ? { id: section.id } : { api_name: section.api_name };
  await ctx.clients.crm.updateLayout(module, layout.id, {
    sections: [{ ...sectionRef, fields: [{ id: field.id, required }] }],
  });
  return layout.id;
}

export const crmLayoutRequiredExecutor: Executor = {
  create: (action, ctx) => setRequired(action.after, action.after.required !== false, ctx),
  async update(action, ctx) {
    await setRequired(action.after, action.after.required !== false, ctx);
  },
  async remove(action, ctx) {
    await setRequired(action.before, false, ctx);
  },
};
