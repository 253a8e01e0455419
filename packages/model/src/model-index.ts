/**
 * Indexes a schema-valid model for the rules and the resolver: every module with its standard and custom
 * fields (with kinds), owners, stages and handoffs by id; and lookups that explain why a reference fails.
 */
import { DEFAULT_DEAL_STAGES, standardModules } from './catalogue.js';
import type { Finding } from './diagnostic.js';
import { didYouMean } from './did-you-mean.js';
import { kindOf } from './field-kinds.js';
import {
  APPS,
  type App,
  type FieldDef,
  type Handoff,
  type LifecycleModel,
  type Owner,
  type PicklistValueDef,
  type Stage,
} from './model-types.js';
import type { ResolvedField, ResolvedModule, ResolvedPicklistValue } from './resolved-types.js';

/** A lookup that either found something or says why not (message and did-you-mean hint). */
export type Lookup<T> = { ok: true; value: T } | { ok: false; message: string; hint?: string };

export interface ModelIndex {
  model: LifecycleModel;
  /** `app:Module` → module. */
  modules: Map<string, ResolvedModule>;
  /** Field ref → YAML path of its declaration, for custom fields. */
  declaredAt: Map<string, (string | number)[]>;
  owners: Map<string, Owner>;
  stages: Map<string, { stage: Stage; index: number }>;
  handoffs: Map<string, { handoff: Handoff; index: number }>;
}

export function moduleKey(app: App, module: string): string {
  return `${app}:${module}`;
}

export function isApp(value: string): value is App {
  return (APPS as readonly string[]).includes(value);
}

/** Splits `app:Module` into its parts, or undefined when malformed. */
export function parseModuleRef(text: string): { app: App; module: string } | undefined {
  const match = /^([a-z]+):([A-Za-z][A-Za-z0-9_]*)$/.exec(text);
  if (!match || !isApp(match[1] ?? '')) return undefined;
  return { app: match[1] as App, module: match[2] ?? '' };
}

/** Splits `app:Module.field[.part]` into its parts, or undefined when malformed. */
export function parseFieldRef(text: string): { app: App; module: string; field: string } | undefined {
  const match = /^([a-z]+):([A-Za-z][A-Za-z0-9_]*)\.([A-Za-z0-9_.]+)$/.exec(text);
  if (!match || !isApp(match[1] ?? '')) return undefined;
  return { app: match[1] as App, module: match[2] ?? '', field: match[3] ?? '' };
}

export function picklistValues(values: readonly PicklistValueDef[]): ResolvedPicklistValue[] {
  return values.map((v) =>
    typeof v === 'string' ? { display: v, actual: v } : { display: v.display, actual: v.actual ?? v.display },
  );
}

/** Builds the index; reports duplicate api names and unknown lookup targets found on the way. */
export function buildIndex(model: LifecycleModel): { index: ModelIndex; findings: Finding[] } {
  const findings: Finding[] = [];
  const modules = new Map<string, ResolvedModule>();
  for (const m of standardModules()) {
    const fields = new Map<string, ResolvedField>();
    for (const f of m.fields) {
      const lookup = f.lookup === undefined ? undefined : parseModuleRef(f.lookup);
      fields.set(f.apiName, {
        ref: `${m.app}:${m.name}.${f.apiName}`,
        app: m.app,
        module: m.name,
        apiName: f.apiName,
        label: f.label,
        nativeType: f.type,
        kind: kindOf(m.app, f.type) ?? 'text',
        custom: false,
        readOnly: f.readOnly ?? false,
        ...(f.values === undefined ? {} : { values: picklistValues(f.values) }),
        ...(lookup === undefined ? {} : { lookup }),
        required: false,
        requiredInStages: [],
        unique: f.apiName === 'id',
      });
    }
    modules.set(moduleKey(m.app, m.name), { app: m.app, name: m.name, virtual: m.virtual, fields });
  }
  // The Deal pipeline, when declared, replaces the default Stage values.
  const stageField = modules.get('crm:Deals')?.fields.get('Stage');
  if (stageField !== undefined) {
    const names = model.pipeline?.stages.map((s) => s.name) ?? DEFAULT_DEAL_STAGES;
    stageField.values = names.map((name) => ({ display: name, actual: name }));
  }

  const declaredAt = new Map<string, (string | number)[]>();
  for (const app of APPS) {
    const perModule = model.fields?.[app] ?? {};
    for (const [moduleName, defs] of Object.entries(perModule)) {
      const module = modules.get(moduleKey(app, moduleName));
      if (module === undefined || defs === undefined) continue; // the schema only admits known modules
      defs.forEach((def, i) => {
        const path = ['fields', app, moduleName, i];
        const existing = module.fields.get(def.api_name);
        if (existing !== undefined) {
          findings.push({
            code: 'duplicate-api-name',
            severity: 'error',
            path: [...path, 'api_name'],
            message: existing.custom
              ? `'${def.api_name}' is declared twice in ${app}:${moduleName}`
              : `'${def.api_name}' is a standard field of ${app}:${moduleName}`,
            hint: existing.custom
              ? 'api names are unique per module; remove or rename one'
              : 'pick another api name; standard fields need no declaration',
          });
          return;
        }
        const field = customField(app, moduleName, def);
        module.fields.set(def.api_name, field);
        declaredAt.set(field.ref, path);
      });
    }
  }

  const stages = new Map<string, { stage: Stage; index: number }>();
  model.stages.forEach((stage, index) => {
    if (!stages.has(stage.id)) stages.set(stage.id, { stage, index });
  });
  const handoffs = new Map<string, { handoff: Handoff; index: number }>();
  (model.handoffs ?? []).forEach((handoff, index) => {
    if (!handoffs.has(handoff.id)) handoffs.set(handoff.id, { handoff, index });
  });
  return {
    index: { model, modules, declaredAt, owners: new Map(Object.entries(model.owners)), stages, handoffs },
    findings,
  };
}

function customField(app: App, module: string, def: FieldDef): ResolvedField {
  const lookup = def.lookup === undefined ? undefined : parseModuleRef(def.lookup);
  return {
    ref: `${app}:${module}.${def.api_name}`,
    app,
    module,
    apiName: def.api_name,
    label: def.label ?? def.api_name.replace(/^cf_/, '').replace(/_/g, ' '),
    nativeType: def.type,
    kind: kindOf(app, def.type) ?? 'text',
    custom: true,
    readOnly: false,
    ...(def.values === undefined ? {} : { values: picklistValues(def.values) }),
    ...(lookup === undefined ? {} : { lookup }),
    ...(def.length === undefined ? {} : { length: def.length }),
    ...(def.decimals === undefined ? {} : { decimals: def.decimals }),
    required: def.required ?? false,
    requiredInStages: [...(def.required_in ?? [])],
    unique: def.unique ?? false,
    ...(def.description === undefined ? {} : { description: def.description }),
    ...(def.tooltip === undefined ? {} : { tooltip: def.tooltip }),
  };
}

/** Finds a module by `app:Module`, suggesting the closest known one. */
export function lookupModule(
  index: ModelIndex,
  ref: string,
  options: { allowVirtual?: boolean } = {},
): Lookup<ResolvedModule> {
  const parsed = parseModuleRef(ref);
  const candidates = [...index.modules.values()]
    .filter((m) => options.allowVirtual || !m.virtual)
    .map((m) => moduleKey(m.app, m.name));
  const module = parsed === undefined ? undefined : index.modules.get(moduleKey(parsed.app, parsed.module));
  if (module === undefined || (module.virtual && !options.allowVirtual)) {
    return withHint(
      `unknown module '${ref}'`,
      didYouMean(ref, candidates) ?? `known modules: ${candidates.join(', ')}`,
    );
  }
  return { ok: true, value: module };
}

/** Finds a field in a module by api name, suggesting the closest api name. */
export function lookupFieldIn(module: ResolvedModule, apiName: string): Lookup<ResolvedField> {
  const field = module.fields.get(apiName);
  if (field !== undefined) return { ok: true, value: field };
  const where = moduleKey(module.app, module.name);
  return withHint(
    `unknown field '${apiName}' in ${where}`,
    didYouMean(apiName, module.fields.keys()) ?? `declare it under fields.${module.app}.${module.name}`,
  );
}

/** Finds a field by full reference (`crm:Deals.Amount`), or by api name in `defaultModule`. */
export function lookupField(index: ModelIndex, ref: string, defaultModule?: ResolvedModule): Lookup<ResolvedField> {
  const parsed = parseFieldRef(ref);
  if (parsed === undefined) {
    if (defaultModule !== undefined && /^[A-Za-z][A-Za-z0-9_.]*$/.test(ref)) return lookupFieldIn(defaultModule, ref);
    return withHint(`'${ref}' is not a field reference`, 'write app:Module.field, e.g. crm:Deals.Amount');
  }
  const module = lookupModule(index, `${parsed.app}:${parsed.module}`, { allowVirtual: true });
  if (!module.ok) return module;
  return lookupFieldIn(module.value, parsed.field);
}

function withHint<T>(message: string, hint: string | undefined): Lookup<T> {
  return hint === undefined ? { ok: false, message } : { ok: false, message, hint };
}

/** A finding from a failed lookup. */
export function danglingFinding(
  path: readonly (string | number)[],
  lookup: { message: string; hint?: string },
): Finding {
  return {
    code: 'dangling-reference',
    severity: 'error',
    path,
    message: lookup.message,
    ...(lookup.hint === undefined ? {} : { hint: lookup.hint }),
  };
}

/** The finding for a stage id that names no stage, suggesting the closest one. */
export function unknownStageFinding(path: readonly (string | number)[], id: string, index: ModelIndex): Finding {
  return danglingFinding(path, {
    message: `unknown stage '${id}'`,
    hint: didYouMean(id, index.stages.keys()) ?? 'stage ids are listed under stages:',
  });
}

/** The finding for a value that is not one of a field's fixed values (`allowed`). */
export function unknownValueFinding(
  path: readonly (string | number)[],
  value: string,
  field: ResolvedField,
  allowed: readonly string[],
  options: { atKey?: boolean } = {},
): Finding {
  return {
    code: 'picklist-unknown-value',
    severity: 'error',
    path,
    ...(options.atKey ? { atKey: true } : {}),
    message: `'${value}' is not a value of ${field.ref}`,
    hint: `values: ${allowed.join(', ')}`,
  };
}
