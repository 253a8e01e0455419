/** Rules on `moved` and `remove`: they refer to known modules and fields, and do not contradict `fields`. */
import type { Finding } from '../diagnostic.js';
import { didYouMean } from '../did-you-mean.js';
import { danglingFinding, lookupModule, type ModelIndex, parseFieldRef } from '../model-index.js';

export function movesReferToKnownFields(index: ModelIndex): Finding[] {
  const findings: Finding[] = [];
  const declared = [...index.declaredAt.keys()];
  const froms = new Set<string>();
  (index.model.moved ?? []).forEach((move, i) => {
    const at = ['moved', i];
    const from = parseFieldRef(move.from);
    const to = parseFieldRef(move.to);
    if (from === undefined || to === undefined) return; // the schema reports malformed references
    if (!index.declaredAt.has(move.to)) {
      findings.push(
        danglingFinding([...at, 'to'], {
          message: `'${move.to}' is not a declared custom field`,
          hint: didYouMean(move.to, declared) ?? 'the new name must be declared under fields:',
        }),
      );
    }
    const module = lookupModule(index, `${from.app}:${from.module}`);
    if (!module.ok) findings.push(danglingFinding([...at, 'from'], module));
    else if (module.value.fields.get(from.field)?.custom === false) {
      findings.push({
        code: 'invalid-move',
        severity: 'error',
        path: [...at, 'from'],
        message: `'${move.from}' is a standard field; standard fields cannot be renamed`,
      });
    } else if (index.declaredAt.has(move.from)) {
      findings.push({
        code: 'invalid-move',
        severity: 'error',
        path: [...at, 'from'],
        message: `'${move.from}' is still declared under fields:`,
        hint: 'after a rename only the new name is declared',
      });
    }
    if (from.app !== to.app || from.module !== to.module) {
      findings.push({
        code: 'invalid-move',
        severity: 'error',
        path: at,
        message: `a field can only be renamed within its module (${from.app}:${from.module} → ${to.app}:${to.module})`,
        hint: 'declare the new field and remove the old one instead',
      });
    }
    if (froms.has(move.from))
      findings.push({
        code: 'invalid-move',
        severity: 'error',
        path: [...at, 'from'],
        message: `'${move.from}' is moved twice`,
      });
    froms.add(move.from);
  });
  return findings;
}

export function removalsReferToKnownThings(index: ModelIndex): Finding[] {
  const findings: Finding[] = [];
  const managed = new Set([...index.handoffs.keys()].map((id) => `zlc-${id}`));
  (index.model.remove ?? []).forEach((removal, i) => {
    const at = ['remove', i, 'target'];
    const kind = /^(webhook|workflow):(.+)$/.exec(removal.target);
    if (kind) {
      if (managed.has(kind[2] ?? '')) {
        findings.push({
          code: 'invalid-remove',
          severity: 'error',
          path: at,
          message: `'${kind[2] ?? ''}' is provisioned for a handoff in this model`,
          hint: 'remove the handoff instead',
        });
      }
      return;
    }
    const ref = parseFieldRef(removal.target);
    if (ref === undefined) return;
    const module = lookupModule(index, `${ref.app}:${ref.module}`);
    if (!module.ok) {
      findings.push(danglingFinding(at, module));
      return;
    }
    const field = module.value.fields.get(ref.field);
    if (field?.custom === false) {
      findings.push({
        code: 'invalid-remove',
        severity: 'error',
        path: at,
        message: `'${removal.target}' is a standard field; zlc never removes standard fields`,
      });
    } else if (field !== undefined) {
      findings.push({
        code: 'invalid-remove',
        severity: 'error',
        path: at,
        message: `'${removal.target}' is both declared and removed`,
        hint: 'delete its declaration under fields:, or drop this entry',
      });
    }
  });
  return findings;
}
