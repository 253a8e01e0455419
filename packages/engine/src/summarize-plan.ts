/** The business summary of a plan: what the changes mean for the lifecycle's stages and handoffs. Pure. */
import type { ResolvedField, ResolvedHandoff, ResolvedModel, ResolvedStage } from '@zlc/model';
import type { BusinessSummary, PlanAction } from './plan-types.js';
import { hookName } from './resources/shared/webhook-secret.js';

const APP_NAME: Record<string, string> = { crm: 'CRM', books: 'Books', desk: 'Desk' };

function fieldName(field: ResolvedField, stage: ResolvedStage): string {
  return field.app === stage.app && field.module === stage.module ? field.apiName : `${field.module}.${field.apiName}`;
}

function triggerText(model: ResolvedModel, handoff: ResolvedHandoff): string {
  const t = handoff.trigger;
  if (t.on === 'ticket_event') return `Desk ticket ${t.events.join(', ')}`;
  if (t.on === 'invoice_status')
    return `a Books invoice is ${t.statuses.join(', ')} (polled by last modified time, and overdue invoices by due date)`;
  const stage = model.stages.find((s) => s.id === t.stage);
  return `${t.module} enters ${stage?.name ?? t.stage}`;
}

/** `crm_field.Deals.Budget` → `crm:Deals.Budget`, for matching actions to model fields. */
function fieldRefOf(action: PlanAction): string | undefined {
  const [type, module, apiName] = action.address.split('.');
  if (type === 'crm_field' || type === 'crm_layout_required')
    return `crm:${module}.${type === 'crm_layout_required' ? action.address.split('.')[3] : apiName}`;
  if (type === 'desk_field') return `desk:${module}.${apiName}`;
  if (type === 'books_custom_field') return undefined;
  return undefined;
}

/** The fields a handoff writes in CRM, Books or Desk: its mapped targets and write-backs (`crm:Deals.Amount_Paid`). */
function handoffWrites(handoff: ResolvedHandoff): string[] {
  const refs = new Set<string>();
  for (const step of handoff.steps) {
    for (const m of step.mappings) refs.add(m.target.ref);
    for (const w of step.writeBack) refs.add(w.field.ref);
  }
  return [...refs];
}

function handoffFields(handoff: ResolvedHandoff): Set<string> {
  const refs = new Set<string>();
  for (const s of handoff.requires) if (s.field) refs.add(s.field.ref);
  for (const step of handoff.steps) {
    for (const m of step.mappings) refs.add(m.target.ref);
    for (const w of step.writeBack) refs.add(w.field.ref);
    if (step.match?.by === 'link_field' || step.match?.by === 'unique_field') refs.add(step.match.field.ref);
  }
  return refs;
}

export function businessSummary(model: ResolvedModel, actions: readonly PlanAction[]): BusinessSummary {
  const changing = actions.filter((a) => a.action !== 'noop');
  const touchedFields = new Set(changing.flatMap((a) => fieldRefOf(a) ?? []));
  const stagePicklistChanged = changing.some((a) => a.type === 'crm_stage_picklist');
  const created = new Set(changing.filter((a) => a.action === 'create').flatMap((a) => fieldRefOf(a) ?? []));

  const stages = model.stages.map((stage) => ({
    id: stage.id,
    name: stage.name,
    owner: stage.owner.name,
    requiredFields: stage.requiredFields.map((f) => fieldName(f, stage)),
    changed:
      stage.requiredFields.some((f) => touchedFields.has(f.ref)) ||
      (stagePicklistChanged && stage.app === 'crm' && stage.module === 'Deals'),
  }));

  const handoffs = model.handoffs.map((handoff) => {
    const name = hookName(handoff.id);
    const fields = handoffFields(handoff);
    const affected =
      changing.some((a) => a.address.endsWith(`.${name}`)) || [...fields].some((f) => touchedFields.has(f));
    return { id: handoff.id, trigger: triggerText(model, handoff), writes: handoffWrites(handoff), affected };
  });

  const highlights: string[] = [];
  for (const stage of model.stages) {
    const fresh = stage.requiredFields.filter((f) => created.has(f.ref));
    if (fresh.length > 0)
      highlights.push(
        `${stage.app === 'crm' ? '' : `${APP_NAME[stage.app]} `}${stage.module} now require ${fresh.map((f) => fieldName(f, stage)).join(', ')} before ${stage.name}.`,
      );
  }
  if (stagePicklistChanged) highlights.push('The Deal stages change (values, probabilities or forecast categories).');
  for (const a of changing) {
    if (a.impact !== undefined && a.impact.count > 0) highlights.push(a.impact.message);
  }
  for (const a of changing) {
    if (a.action === 'remove') highlights.push(`Removes ${a.title}: ${a.reason}`);
    if (a.action === 'manual')
      highlights.push(`Needs a manual step in ${APP_NAME[a.product] ?? a.product}: ${a.title}.`);
  }
  return { stages, handoffs, highlights };
}
