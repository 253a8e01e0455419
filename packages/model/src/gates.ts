/**
 * Stage gates: each CRM stage with `required_fields` is checked by the runtime when a record enters it. A gate is
 * fed like a handoff (a workflow rule and webhook named after it, ledger entries under its id), so the runtime's
 * intake, poll and ledger treat it as one more trigger: `triggerHandoffs` lists both.
 */
import type { ResolvedField, ResolvedGate, ResolvedHandoff, ResolvedModule, ResolvedStage } from './resolved-types.js';

/** The prefix of gate ids; handoff ids may not use it. */
export const GATE_PREFIX = 'gate-';

export function gateId(stageId: string): string {
  return `${GATE_PREFIX}${stageId}`;
}

/** The lookup field of `module` that leads to `target`'s module (Deals `Account_Name` → Accounts), if any. */
export function lookupTo(module: ResolvedModule, target: ResolvedField): ResolvedField | undefined {
  for (const field of module.fields.values())
    if (field.lookup?.app === target.app && field.lookup.module === target.module) return field;
  return undefined;
}

/** A gate field by its label, through the lookup that reaches it: `Account Name › Billing Street`. */
export function gateFieldLabel(entry: { field: ResolvedField; via?: ResolvedField }): string {
  return entry.via === undefined ? entry.field.label : `${entry.via.label} › ${entry.field.label}`;
}

/** The `equals` test of a stage's entry on its own module (the value a record is moved into), if any. */
export function entryEqualsField(stage: ResolvedStage): ResolvedField | undefined {
  const tests = stage.entry === undefined ? [] : stage.entry.kind === 'all' ? stage.entry.conditions : [stage.entry];
  for (const t of tests)
    if (t.kind === 'test' && t.operator === 'equals' && t.field.module === stage.module && t.field.app === stage.app)
      return t.field;
  return undefined;
}

/** The gates of the resolved stages: CRM stages with required fields (the rules checked the rest). */
export function resolveGates(stages: readonly ResolvedStage[], modules: Map<string, ResolvedModule>): ResolvedGate[] {
  const gates: ResolvedGate[] = [];
  for (const stage of stages) {
    if (stage.app !== 'crm' || stage.requiredFields.length === 0) continue;
    const module = modules.get(`crm:${stage.module}`);
    if (module === undefined) continue;
    const fields = stage.requiredFields.map((field) => {
      if (field.app === stage.app && field.module === stage.module) return { field };
      const via = lookupTo(module, field);
      return via === undefined ? { field } : { field, via };
    });
    const revertField = stage.onMissing === 'revert' ? entryEqualsField(stage) : undefined;
    gates.push({
      id: gateId(stage.id),
      stage,
      app: 'crm',
      module: stage.module,
      fields,
      onMissing: stage.onMissing,
      ...(revertField === undefined ? {} : { revertField }),
    });
  }
  return gates;
}

/** A gate as a trigger: a handoff with no steps that fires when a record enters the gate's stage. */
export function gateTrigger(gate: ResolvedGate): ResolvedHandoff {
  return {
    id: gate.id,
    description: `The required fields of ${gate.stage.name}`,
    trigger: { on: 'record_enters_stage', stage: gate.stage.id, app: 'crm', module: gate.module },
    requires: [],
    onBlocked: 'none',
    owner: gate.stage.owner,
    steps: [],
  };
}

/** Every trigger the runtime receives: the handoffs, then the gates. */
export function triggerHandoffs(model: { handoffs: ResolvedHandoff[]; gates: ResolvedGate[] }): ResolvedHandoff[] {
  return [...model.handoffs, ...model.gates.map(gateTrigger)];
}

/** The gate of a stage, if the stage has one. */
export function gateOfStage(model: { gates: ResolvedGate[] }, stageId: string): ResolvedGate | undefined {
  return model.gates.find((g) => g.stage.id === stageId);
}
