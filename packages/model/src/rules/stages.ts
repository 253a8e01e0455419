/** Rules on `stages` and `pipeline`: ids, owners, modules, entry criteria, required fields and order. */
import type { Finding } from '../diagnostic.js';
import { didYouMean } from '../did-you-mean.js';
import { danglingFinding, lookupField, lookupModule, type ModelIndex, unknownStageFinding } from '../model-index.js';
import type { Condition } from '../model-types.js';
import { checkCondition } from './conditions.js';

export function stageIdsAreUnique(index: ModelIndex): Finding[] {
  const seen = new Set<string>();
  const findings: Finding[] = [];
  index.model.stages.forEach((stage, i) => {
    if (seen.has(stage.id)) {
      findings.push({
        code: 'duplicate-id',
        severity: 'error',
        path: ['stages', i, 'id'],
        message: `stage id '${stage.id}' is used twice`,
        hint: 'stage ids are unique',
      });
    }
    seen.add(stage.id);
  });
  const names = new Set<string>();
  (index.model.pipeline?.stages ?? []).forEach((stage, i) => {
    if (names.has(stage.name)) {
      findings.push({
        code: 'duplicate-id',
        severity: 'error',
        path: ['pipeline', 'stages', i, 'name'],
        message: `pipeline stage '${stage.name}' is listed twice`,
      });
    }
    names.add(stage.name);
  });
  return findings;
}

export function stageReferencesResolve(index: ModelIndex): Finding[] {
  const findings: Finding[] = [];
  index.model.stages.forEach((stage, i) => {
    const at = ['stages', i];
    if (!index.owners.has(stage.owner)) {
      findings.push(
        danglingFinding([...at, 'owner'], {
          message: `unknown owner '${stage.owner}'`,
          hint: didYouMean(stage.owner, index.owners.keys()) ?? `declare it under owners:`,
        }),
      );
    }
    const module = lookupModule(index, stage.record);
    if (!module.ok) {
      findings.push(danglingFinding([...at, 'record'], module));
      return;
    }
    if (stage.entry !== undefined) findings.push(...checkCondition(index, module.value, stage.entry, [...at, 'entry']));
    (stage.required_fields ?? []).forEach((ref, j) => {
      const field = lookupField(index, ref, module.value);
      if (!field.ok) findings.push(danglingFinding([...at, 'required_fields', j], field));
    });
    (stage.next ?? []).forEach((exit, j) => {
      const target = index.stages.get(exit.stage);
      if (target === undefined) {
        findings.push(unknownStageFinding([...at, 'next', j, 'stage'], exit.stage, index));
      } else if (target.index <= i) {
        findings.push({
          code: 'stage-order',
          severity: 'error',
          path: [...at, 'next', j, 'stage'],
          message: `'${stage.id}' moves on to '${exit.stage}', which comes before it`,
          hint: 'stages are listed in lifecycle order; a record only moves forward',
        });
      }
      if (exit.via !== undefined && !index.handoffs.has(exit.via)) {
        findings.push(
          danglingFinding([...at, 'next', j, 'via'], {
            message: `unknown handoff '${exit.via}'`,
            hint: didYouMean(exit.via, index.handoffs.keys()) ?? 'handoff ids are listed under handoffs:',
          }),
        );
      }
    });
  });
  return findings;
}

/** Deal stages gated on `Stage equals X` must follow the pipeline's order. */
export function stageOrderMatchesPipeline(index: ModelIndex): Finding[] {
  const values =
    index.modules
      .get('crm:Deals')
      ?.fields.get('Stage')
      ?.values?.map((v) => v.actual) ?? [];
  const findings: Finding[] = [];
  let previous: { id: string; position: number } | undefined;
  index.model.stages.forEach((stage, i) => {
    if (stage.record !== 'crm:Deals' || stage.entry === undefined) return;
    const value = dealStageValue(stage.entry);
    const position = value === undefined ? -1 : values.indexOf(value);
    if (position < 0) return;
    if (previous !== undefined && position < previous.position) {
      findings.push({
        code: 'stage-order',
        severity: 'error',
        path: ['stages', i],
        message: `stage '${stage.id}' (Deal stage '${value}') comes after '${previous.id}' but is earlier in the Deal pipeline`,
        hint: 'reorder the stages, or the pipeline stages, so that both agree',
      });
    }
    previous = { id: stage.id, position };
  });
  return findings;
}

function dealStageValue(condition: Condition): string | undefined {
  if (condition.field === 'Stage' && typeof condition.equals === 'string') return condition.equals;
  for (const inner of condition.all ?? []) {
    const found = dealStageValue(inner);
    if (found !== undefined) return found;
  }
  return undefined;
}

export function stageNamesFollowConvention(index: ModelIndex): Finding[] {
  const convention = index.model.vocabulary?.naming?.stage_name_case ?? 'any';
  if (convention === 'any') return [];
  const findings: Finding[] = [];
  index.model.stages.forEach((stage, i) => {
    const words = stage.name.split(/\s+/).filter((w) => /^[a-z]/i.test(w));
    const ok =
      convention === 'title'
        ? words.every((w) => /^[A-Z]/.test(w))
        : words.slice(1).every((w) => /^[a-z]/.test(w) || /^[A-Z]{2,}/.test(w)) && /^[A-Z]/.test(words[0] ?? 'A');
    if (!ok) {
      findings.push({
        code: 'naming-convention',
        severity: 'warning',
        path: ['stages', i, 'name'],
        message: `stage name '${stage.name}' is not in ${convention} case`,
        hint: `vocabulary.naming.stage_name_case is '${convention}'`,
      });
    }
  });
  return findings;
}
