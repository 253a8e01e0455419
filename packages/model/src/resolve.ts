/**
 * Normalises a model that passed every rule into the resolved model: defaults applied, ids replaced by the
 * objects they name, fields typed. Only called when the rules found no errors, so lookups succeed; a
 * failed lookup here is a bug in the rules, reported as an internal error by the caller.
 */

import { resolveGates } from './gates.js';
import {
  type Lookup,
  lookupField,
  lookupFieldIn,
  lookupModule,
  type ModelIndex,
  parseFieldRef,
} from './model-index.js';
import type { Condition, Handoff, MapValueDef, PicklistMapDef, Step } from './model-types.js';
import { INVOICE_STATUSES } from './model-types.js';
import type {
  MatchStrategy,
  ResolvedCondition,
  ResolvedField,
  ResolvedHandoff,
  ResolvedMapping,
  ResolvedModel,
  ResolvedModule,
  ResolvedOwner,
  ResolvedReport,
  ResolvedRuntime,
  ResolvedSource,
  ResolvedStage,
  ResolvedStep,
  ResolvedValue,
} from './resolved-types.js';
import { operatorsOf } from './rules/conditions.js';
import { defaultFieldPattern } from './rules/fields.js';
import { resolveSource, type SourceScope, triggerScope, withItem } from './sources.js';

/** Thrown only when the rules let through something the resolver cannot resolve (a bug, not bad input). */
export class ResolveError extends Error {}

function must<T>(lookup: Lookup<T>): T {
  if (!lookup.ok) throw new ResolveError(lookup.message);
  return lookup.value;
}

/** The standard title of each report. */
export const REPORT_TITLES: Record<ResolvedReport['id'], string> = {
  sold_invoiced_collected: 'Sold vs invoiced vs collected',
  close_to_invoice: 'Time from close to first invoice',
  support_volume: 'Support volume by customer',
  retention_renewals: 'Retention and renewals',
  reconciliation: 'Reconciliation of CRM, Books and Desk',
};

export function resolveModel(index: ModelIndex): ResolvedModel {
  const { model } = index;
  const owners = resolveOwners(model);
  const stages = resolveStages(index, owners);
  const customFields = [...index.declaredAt.keys()].map((ref) => must(lookupField(index, ref)));
  const runtime = resolveRuntime(model.runtime ?? {});
  return {
    version: 1,
    vocabulary: resolveVocabulary(index),
    owners: [...owners.values()],
    ...(model.pipeline === undefined ? {} : { pipeline: resolvePipeline(model.pipeline) }),
    stages,
    gates: resolveGates(stages, index.modules),
    modules: index.modules,
    customFields,
    handoffs: (model.handoffs ?? []).map((h) => resolveHandoff(index, h, owners)),
    reports: (model.reports ?? []).map(resolveReport),
    runtime,
    moved: (model.moved ?? []).map((m) => resolveMoved(index, m)),
    remove: (model.remove ?? []).map(resolveRemoval),
  };
}

type Model = ModelIndex['model'];

function resolveOwners(model: Model): Map<string, ResolvedOwner> {
  const owners = new Map<string, ResolvedOwner>();
  for (const [id, owner] of Object.entries(model.owners)) {
    owners.set(id, {
      id,
      name: owner.name,
      ...(owner.description === undefined ? {} : { description: owner.description }),
      crm: { ...owner.crm },
      books: { ...owner.books },
      desk: { ...owner.desk },
    });
  }
  return owners;
}

function resolveStages(index: ModelIndex, owners: Map<string, ResolvedOwner>): ResolvedStage[] {
  return index.model.stages.map((stage, i) => {
    const module = must(lookupModule(index, stage.record));
    const requiredFields = (stage.required_fields ?? []).map((ref) => must(lookupField(index, ref, module)));
    for (const field of requiredFields)
      if (!field.requiredInStages.includes(stage.id)) field.requiredInStages.push(stage.id);
    return {
      id: stage.id,
      name: stage.name,
      ...(stage.description === undefined ? {} : { description: stage.description }),
      index: i,
      app: module.app,
      module: module.name,
      owner: owners.get(stage.owner) as ResolvedOwner,
      ...(stage.entry === undefined ? {} : { entry: resolveCondition(index, module, stage.entry) }),
      requiredFields,
      onMissing: stage.on_missing ?? 'task',
      next: (stage.next ?? []).map((n) => ({ ...n })),
    };
  });
}

function resolveRuntime(runtime: NonNullable<Model['runtime']>): ResolvedRuntime {
  const ledger = runtime.ledger ?? {};
  return {
    ...(runtime.url === undefined ? {} : { url: runtime.url }),
    ledger:
      ledger.kind === 'postgres'
        ? { kind: 'postgres', urlEnv: ledger.url_env ?? '' }
        : { kind: 'sqlite', path: ledger.path ?? '.zlc/flow.db' },
    pollIntervalSeconds: seconds(runtime.poll_interval ?? '5m'),
    maxAttempts: runtime.max_attempts ?? 8,
    secretEnv: runtime.secret_env ?? 'ZLC_WEBHOOK_SECRET',
  };
}

function resolveVocabulary(index: ModelIndex): ResolvedModel['vocabulary'] {
  const vocabulary = index.model.vocabulary;
  const naming = vocabulary?.naming ?? {};
  return {
    terms: Object.entries(vocabulary?.terms ?? {}).map(([id, term]) => ({
      id,
      name: term.name,
      ...(term.description === undefined ? {} : { description: term.description }),
      perApp: {
        ...(term.crm === undefined ? {} : { crm: term.crm }),
        ...(term.books === undefined ? {} : { books: term.books }),
        ...(term.desk === undefined ? {} : { desk: term.desk }),
      },
      aliases: [...(term.aliases ?? [])],
    })),
    statuses: Object.entries(vocabulary?.statuses ?? {}).map(([id, set]) => ({
      id,
      field: must(lookupField(index, set.field)),
      labels: { ...set.labels },
    })),
    naming: {
      crmFieldPattern: naming.crm_field_pattern ?? defaultFieldPattern('crm'),
      booksFieldPattern: naming.books_field_pattern ?? defaultFieldPattern('books'),
      deskFieldPattern: naming.desk_field_pattern ?? defaultFieldPattern('desk'),
      stageNameCase: naming.stage_name_case ?? 'any',
    },
  };
}

function resolvePipeline(pipeline: NonNullable<Model['pipeline']>): NonNullable<ResolvedModel['pipeline']> {
  return {
    name: pipeline.name ?? 'Standard',
    stages: pipeline.stages.map((s, order) => ({
      name: s.name,
      probability: s.probability,
      forecastCategory: s.forecast_category,
      order,
    })),
  };
}

function resolveReport(r: NonNullable<Model['reports']>[number]): ResolvedReport {
  return {
    id: r.id,
    title: r.title ?? REPORT_TITLES[r.id],
    period: r.period ?? 'month',
    groupBy: r.group_by ?? 'none',
    ...(r.currency === undefined ? {} : { currency: r.currency }),
    lookback: r.lookback ?? '12m',
    ...renewalFieldOf(r.renewal_field),
    ...(r.grace_days === undefined ? {} : { graceDays: r.grace_days }),
  };
}

function resolveMoved(index: ModelIndex, m: NonNullable<Model['moved']>[number]): ResolvedModel['moved'][number] {
  const from = parseFieldRef(m.from);
  if (from === undefined) throw new ResolveError(`bad reference ${m.from}`);
  return { from: { app: from.app, module: from.module, apiName: from.field }, to: must(lookupField(index, m.to)) };
}

function resolveRemoval(r: NonNullable<Model['remove']>[number]): ResolvedModel['remove'][number] {
  const named = /^(webhook|workflow):(.+)$/.exec(r.target);
  if (named) return { kind: named[1] as 'webhook' | 'workflow', name: named[2] ?? '', reason: r.reason };
  const ref = parseFieldRef(r.target);
  if (ref === undefined) throw new ResolveError(`bad reference ${r.target}`);
  return { kind: 'field', app: ref.app, module: ref.module, apiName: ref.field, reason: r.reason };
}

function renewalFieldOf(ref: string | undefined): Pick<ResolvedReport, 'renewalField'> {
  const parsed = ref === undefined ? undefined : parseFieldRef(ref);
  if (parsed === undefined || (parsed.module !== 'Accounts' && parsed.module !== 'Deals')) return {};
  return { renewalField: { module: parsed.module, apiName: parsed.field } };
}

function seconds(duration: string): number {
  const match = /^(\d+)([smh])$/.exec(duration);
  const n = Number(match?.[1] ?? 300);
  return match?.[2] === 'h' ? n * 3600 : match?.[2] === 'm' ? n * 60 : n;
}

function resolveCondition(index: ModelIndex, module: ResolvedModule, condition: Condition): ResolvedCondition {
  if (condition.all !== undefined)
    return { kind: 'all', conditions: condition.all.map((c) => resolveCondition(index, module, c)) };
  if (condition.any !== undefined)
    return { kind: 'any', conditions: condition.any.map((c) => resolveCondition(index, module, c)) };
  const operator = operatorsOf(condition)[0];
  if (operator === undefined || condition.field === undefined) throw new ResolveError('malformed condition');
  const value = condition[operator];
  return {
    kind: 'test',
    field: must(lookupField(index, condition.field, module)),
    operator,
    ...(value === undefined || (value === true && (operator === 'empty' || operator === 'not_empty')) ? {} : { value }),
  };
}

function resolveHandoff(index: ModelIndex, handoff: Handoff, owners: Map<string, ResolvedOwner>): ResolvedHandoff {
  const scope = triggerScope(index, handoff);
  if (scope === undefined) throw new ResolveError(`trigger of ${handoff.id}`);
  const trigger = handoff.trigger;
  let resolvedTrigger: ResolvedHandoff['trigger'];
  let owner: ResolvedOwner | undefined;
  if (trigger.on === 'record_enters_stage') {
    const stage = index.stages.get(trigger.stage ?? '')?.stage;
    if (stage === undefined) throw new ResolveError(`stage of ${handoff.id}`);
    const module = must(lookupModule(index, stage.record));
    resolvedTrigger = { on: 'record_enters_stage', stage: stage.id, app: module.app, module: module.name };
    owner = owners.get(stage.owner);
  } else if (trigger.on === 'invoice_status') {
    const statuses = trigger.statuses ?? [...INVOICE_STATUSES];
    resolvedTrigger = {
      on: 'invoice_status',
      app: 'books',
      module: 'invoices',
      statuses: [...statuses],
      webhook: trigger.webhook === true,
    };
  } else {
    resolvedTrigger = { on: 'ticket_event', app: 'desk', module: 'tickets', events: [...(trigger.events ?? [])] };
  }
  const requires = (handoff.requires ?? []).map((p) => must(resolveSource(index, scope, p)));
  const steps: ResolvedStep[] = [];
  for (const step of handoff.steps) {
    const resolved = resolveStep(index, scope, step);
    steps.push(resolved);
    scope.steps.set(step.id, { app: resolved.app, module: resolved.module, list: false });
  }
  return {
    id: handoff.id,
    ...(handoff.description === undefined ? {} : { description: handoff.description }),
    trigger: resolvedTrigger,
    requires,
    onBlocked: handoff.on_blocked ?? 'task',
    ...(owner === undefined ? {} : { owner }),
    steps,
    ...(handoff.advance_to === undefined ? {} : { advanceTo: handoff.advance_to }),
  };
}

function resolveStep(index: ModelIndex, outer: SourceScope, step: Step): ResolvedStep {
  const target = must(lookupModule(index, step.target));
  let scope = outer;
  let forEach: ResolvedSource | undefined;
  if (step.for_each !== undefined) {
    forEach = must(resolveSource(index, outer, step.for_each));
    scope = withItem(outer, forEach);
  }
  const src = (path: string) => must(resolveSource(index, scope, path));
  const mappings = (
    module: ResolvedModule,
    map: Record<string, MapValueDef>,
    s: SourceScope,
    picklists?: Record<string, PicklistMapDef>,
  ) => resolveMappings(index, s, module, map, picklists);
  const nested = (from: string) => {
    const list = src(from);
    return { list, scope: withItem(scope, list) };
  };
  const document = documentOf(target, step);
  const persons = step.contact_persons === undefined ? undefined : nested(step.contact_persons.from);
  const items = step.line_items === undefined ? undefined : nested(step.line_items.from ?? 'products');
  return {
    id: step.id,
    ...(step.description === undefined ? {} : { description: step.description }),
    app: target.app,
    module: target.name,
    action: step.action ?? 'upsert',
    ...(forEach === undefined ? {} : { forEach }),
    ...(step.match === undefined ? {} : { match: resolveMatch(index, scope, target, step.match) }),
    mappings: mappings(target, step.map ?? {}, scope, step.picklists),
    ...(persons === undefined || step.contact_persons === undefined
      ? {}
      : {
          contactPersons: {
            from: persons.list,
            ...(step.contact_persons.primary === undefined ? {} : { primary: src(step.contact_persons.primary) }),
            mappings: mappings(
              index.modules.get('books:contactpersons') as ResolvedModule,
              step.contact_persons.map,
              persons.scope,
            ),
          },
        }),
    ...(items === undefined || step.line_items === undefined
      ? {}
      : {
          lineItems: {
            from: items.list,
            itemMatch: step.line_items.item_match ?? 'name',
            createMissingItems: step.line_items.create_missing_items ?? false,
            ...(step.line_items.total === undefined
              ? {}
              : {
                  total: {
                    source: src(step.line_items.total),
                    whenDiffers: step.line_items.when_total_differs ?? 'block',
                  },
                }),
            mappings: mappings(
              index.modules.get('books:line_items') as ResolvedModule,
              step.line_items.map,
              items.scope,
            ),
          },
        }),
    ...(document === undefined ? {} : { document }),
    writeBack: Object.entries(step.write_back ?? {}).map(([ref, from]) => ({
      field: must(lookupField(index, ref)),
      from,
    })),
  };
}

/** How a step that writes a Books estimate or invoice leaves it; undefined for every other target. */
function documentOf(target: ResolvedModule, step: Step): ResolvedStep['document'] {
  if (target.app !== 'books' || (target.name !== 'estimates' && target.name !== 'invoices')) return undefined;
  return {
    kind: target.name === 'estimates' ? 'estimate' : 'invoice',
    status: step.document?.status ?? 'draft',
    email: step.document?.email ?? false,
    ...(step.document?.due_in_days === undefined ? {} : { dueInDays: step.document.due_in_days }),
  };
}

function resolveMatch(
  index: ModelIndex,
  scope: SourceScope,
  target: ResolvedModule,
  match: NonNullable<Step['match']>,
): MatchStrategy {
  const value = () => must(resolveSource(index, scope, match.value ?? ''));
  switch (match.by) {
    case 'link_field':
      return { by: 'link_field', field: must(lookupField(index, match.field ?? '')) };
    case 'unique_field':
      return { by: 'unique_field', field: must(lookupFieldIn(target, match.field ?? '')), value: value() };
    case 'id':
      return { by: 'id', value: value() };
    case 'reference_number':
      return { by: 'reference_number', value: value() };
    case 'email':
      return { by: 'email', value: value() };
  }
}

function resolveMappings(
  index: ModelIndex,
  scope: SourceScope,
  target: ResolvedModule,
  map: Record<string, MapValueDef>,
  picklists: Record<string, PicklistMapDef> | undefined,
): ResolvedMapping[] {
  return Object.entries(map).map(([name, def]) => {
    const field: ResolvedField = must(lookupFieldIn(target, name));
    const picklist = picklists?.[name];
    return {
      target: field,
      value: resolveValue(index, scope, def),
      ...(picklist === undefined
        ? {}
        : {
            picklist: {
              values: { ...picklist.values },
              ...(picklist.default === undefined ? {} : { default: picklist.default }),
            },
          }),
    };
  });
}

function resolveValue(index: ModelIndex, scope: SourceScope, def: MapValueDef): ResolvedValue {
  if (typeof def === 'string') return { kind: 'source', source: must(resolveSource(index, scope, def)) };
  if (def.value !== undefined) return { kind: 'literal', value: def.value };
  if (def.template !== undefined) {
    const placeholders = [...def.template.matchAll(/\{([^{}]+)\}/g)].map((m) =>
      must(resolveSource(index, scope, (m[1] ?? '').trim(), { listFields: true })),
    );
    return { kind: 'template', template: def.template, placeholders };
  }
  if (def.when !== undefined) {
    const record = scope.named.get('record');
    const module = must(lookupModule(index, `${record?.app ?? ''}:${record?.module ?? ''}`));
    return { kind: 'test', condition: resolveCondition(index, module, def.when) };
  }
  const of = must(lookupModule(index, def.of ?? ''));
  return {
    kind: 'aggregate',
    fn: def.aggregate ?? 'count',
    of: { app: of.app, module: of.name },
    ...(def.field === undefined ? {} : { field: must(lookupFieldIn(of, def.field)) }),
    ...(def.where === undefined ? {} : { where: resolveCondition(index, of, def.where) }),
  };
}
