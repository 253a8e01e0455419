/**
 * The CRM triggers that need provisioned plumbing: the handoffs triggered by a CRM record entering a stage, and the
 * stage gates (a CRM stage's required fields, checked by the runtime on entry), each fed the same way.
 */
import { type ResolvedHandoff, type ResolvedModel, type ResolvedStage, triggerHandoffs } from '@zlc/model';

export interface CrmHook {
  handoff: ResolvedHandoff;
  stage: ResolvedStage;
  module: string;
}

export function crmHooks(model: ResolvedModel): CrmHook[] {
  const out: CrmHook[] = [];
  for (const handoff of triggerHandoffs(model)) {
    const trigger = handoff.trigger;
    if (trigger.on !== 'record_enters_stage' || trigger.app !== 'crm') continue;
    const stage = model.stages.find((s) => s.id === trigger.stage);
    if (!stage) continue;
    out.push({ handoff, stage, module: trigger.module });
  }
  return out;
}

/** Names of CRM webhooks and workflow rules the model asks to remove (`remove: webhook:NAME | workflow:NAME`). */
export function removedNames(model: ResolvedModel, kind: 'webhook' | 'workflow'): Set<string> {
  const names = new Set<string>();
  for (const r of model.remove) if (r.kind === kind) names.add(r.name);
  return names;
}
