/**
 * Rules on stage gates (a stage's `required_fields` checked on entry, `on_missing`): handoff ids stay clear of the
 * gates' names, a required field of another module is reachable from the stage's record, and `revert` has a stage
 * to move back to.
 */
import type { Finding } from '../diagnostic.js';
import { GATE_PREFIX, lookupTo } from '../gates.js';
import { lookupField, lookupModule, type ModelIndex } from '../model-index.js';
import type { Condition, Stage } from '../model-types.js';

/** `revert` moves a deal back through its Stage_History, which CRM keeps for Deals and their `Stage` only. */
function stageEquals(condition: Condition | undefined): boolean {
  if (condition === undefined) return false;
  if (condition.field === 'Stage' && condition.equals !== undefined) return true;
  return (condition.all ?? []).some(stageEquals);
}

function revertFindings(stage: Stage, at: (string | number)[]): Finding[] {
  if (stage.on_missing !== 'revert') return [];
  if (stage.record === 'crm:Deals' && stageEquals(stage.entry)) return [];
  return [
    {
      code: 'invalid-gate',
      severity: 'error',
      path: [...at, 'on_missing'],
      message: `stage '${stage.id}' cannot move a record back: on_missing: revert needs a crm:Deals stage entered by 'Stage equals …'`,
      hint: 'CRM keeps the stage history of deals only; use on_missing: task here',
    },
  ];
}

function reachFindings(index: ModelIndex, stage: Stage, at: (string | number)[]): Finding[] {
  const module = lookupModule(index, stage.record);
  if (!module.ok || module.value.app !== 'crm') return [];
  const findings: Finding[] = [];
  (stage.required_fields ?? []).forEach((ref, j) => {
    const field = lookupField(index, ref, module.value);
    if (!field.ok || field.value.module === module.value.name || field.value.app !== 'crm') return;
    if (lookupTo(module.value, field.value) !== undefined) return;
    findings.push({
      code: 'invalid-gate',
      severity: 'error',
      path: [...at, 'required_fields', j],
      message: `${ref} cannot be checked when a ${module.value.name} record enters '${stage.id}': no lookup of ${module.value.name} leads to ${field.value.module}`,
      hint: `require a field of ${module.value.name}, or of a module one of its lookups points at`,
    });
  });
  return findings;
}

export function stageGatesAreEnforceable(index: ModelIndex): Finding[] {
  const findings: Finding[] = [];
  (index.model.handoffs ?? []).forEach((handoff, i) => {
    if (handoff.id.startsWith(GATE_PREFIX))
      findings.push({
        code: 'invalid-gate',
        severity: 'error',
        path: ['handoffs', i, 'id'],
        message: `handoff id '${handoff.id}' starts with '${GATE_PREFIX}', which names the stage gates`,
        hint: `rename the handoff (e.g. '${handoff.id.slice(GATE_PREFIX.length)}')`,
      });
  });
  index.model.stages.forEach((stage, i) => {
    const at = ['stages', i];
    findings.push(...revertFindings(stage, at), ...reachFindings(index, stage, at));
    if (stage.on_missing !== undefined && (stage.required_fields ?? []).length === 0)
      findings.push({
        code: 'invalid-gate',
        severity: 'warning',
        path: [...at, 'on_missing'],
        message: `stage '${stage.id}' has on_missing but no required_fields: nothing is checked`,
        hint: 'list the fields under required_fields, or drop on_missing',
      });
  });
  return findings;
}
