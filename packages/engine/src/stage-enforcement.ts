/**
 * How each stage's required fields are enforced, in words for the plan's business summary: by the stage gate (a
 * workflow rule and webhook feeding the runtime, which tasks the owner and may move the record back), and by the
 * handoffs that wait on it — or, where zlc provisions no gate, that they are not checked on entry and why. Pure.
 */
import {
  gateFieldLabel,
  gateOfStage,
  hookName,
  type ResolvedGate,
  type ResolvedModel,
  type ResolvedStage,
} from '@zlc/model';
import type { PlanAction } from './plan-types.js';

const APP_NAME: Record<string, string> = { crm: 'CRM', books: 'Books', desk: 'Desk' };

/** The labels a gate checks, in model order. */
export function gateLabels(gate: ResolvedGate): string[] {
  return gate.fields.map(gateFieldLabel);
}

/** The address of a gate's workflow rule, as `crm_workflow_rule` names it. */
export function gateRuleAddress(gate: ResolvedGate): string {
  return `crm_workflow_rule.${hookName(gate.id)}`;
}

function waiting(model: ResolvedModel, stage: ResolvedStage): string {
  const ids = model.handoffs
    .filter((h) => h.trigger.on === 'record_enters_stage' && h.trigger.stage === stage.id)
    .map((h) => h.id);
  if (ids.length === 0) return '';
  return `; ${ids.join(', ')} ${ids.length === 1 ? 'waits' : 'wait'} until they are filled`;
}

function gateSentence(model: ResolvedModel, gate: ResolvedGate): string {
  const stage = gate.stage;
  const record = stage.module.replace(/s$/, '').toLowerCase();
  const revert =
    gate.onMissing === 'revert'
      ? ` and the ${record} moves back to the stage it came from (with a note on the task)`
      : '';
  return (
    `${stage.name}: ${gateLabels(gate).join(', ')} — checked by the zlc runtime when a ${record} enters the stage ` +
    `(CRM workflow rule ${hookName(gate.id)} and its webhook); if any is empty, ${stage.owner.name} get${stage.owner.name.endsWith('s') ? '' : 's'} one CRM task naming it${revert}${waiting(model, stage)}.`
  );
}

/**
 * The sentence for one stage's requirements, or undefined for a stage without any. `provisioned` says whether the
 * plan holds the gate's workflow rule (it does not without `runtime.url`).
 */
export function stageEnforcement(model: ResolvedModel, stage: ResolvedStage, provisioned: boolean): string | undefined {
  if (stage.requiredFields.length === 0) return undefined;
  const gate = gateOfStage(model, stage.id);
  if (gate !== undefined && provisioned) return gateSentence(model, gate);
  const labels = stage.requiredFields.map((f) => (f.module === stage.module ? f.label : `${f.module} › ${f.label}`));
  const why =
    gate === undefined
      ? `zlc checks stage gates on CRM records only (${APP_NAME[stage.app] ?? stage.app} ${stage.module} get no workflow rule)`
      : 'no runtime URL is set (runtime.url or ZLC_RUNTIME_URL), so no workflow rule feeds the runtime';
  return `${stage.name}: ${labels.join(', ')} — not checked on entry: ${why}.`;
}

/** Whether the plan holds the stage's gate rule (so the gate is, or will be, in the org). */
function gateProvisioned(model: ResolvedModel, stage: ResolvedStage, byAddress: Map<string, PlanAction>): boolean {
  const gate = gateOfStage(model, stage.id);
  const action = gate === undefined ? undefined : byAddress.get(gateRuleAddress(gate));
  return action !== undefined && action.action !== 'remove';
}

/** Each stage's sentence, or undefined for a stage without requirements; in stage order. */
export function stageEnforcements(model: ResolvedModel, actions: readonly PlanAction[]): (string | undefined)[] {
  const byAddress = new Map(actions.map((a) => [a.address, a]));
  return model.stages.map((stage) => stageEnforcement(model, stage, gateProvisioned(model, stage, byAddress)));
}

/**
 * The highlights: the sentence of each stage whose enforcement this plan changes — its gate rule created or
 * changed, or a required field created.
 */
export function enforcementHighlights(
  model: ResolvedModel,
  actions: readonly PlanAction[],
  createdFields: ReadonlySet<string>,
): string[] {
  const byAddress = new Map(actions.map((a) => [a.address, a]));
  const out: string[] = [];
  for (const stage of model.stages) {
    const gate = gateOfStage(model, stage.id);
    const rule = gate === undefined ? undefined : byAddress.get(gateRuleAddress(gate));
    const ruleChanges = rule !== undefined && rule.action !== 'noop' && rule.action !== 'remove';
    if (!ruleChanges && !stage.requiredFields.some((f) => createdFields.has(f.ref))) continue;
    const sentence = stageEnforcement(model, stage, gateProvisioned(model, stage, byAddress));
    if (sentence !== undefined) out.push(sentence);
  }
  return out;
}
