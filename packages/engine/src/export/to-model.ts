/**
 * Turns an org snapshot into a model as written (canonical: modules and fields sorted, defaults left out).
 * The org says nothing about owners, stages or handoffs, so the model gets one placeholder owner and stage that
 * create nothing in the org; the header of the file says to replace them. Pure.
 */
import type { FieldDef, LifecycleModel, PipelineStage } from '@zlc/model';
import { TEXT_DEFAULT_LENGTH } from '../resources/crm-field/definition.js';
import { DESK_DEFAULT_DECIMALS, DESK_DEFAULT_LENGTH } from '../resources/desk-field/definition.js';
import type { OrgSnapshot } from './read-org.js';

const CRM_TYPES = new Set([
  'text',
  'textarea',
  'email',
  'phone',
  'picklist',
  'multiselectpicklist',
  'date',
  'datetime',
  'integer',
  'bigint',
  'double',
  'decimal',
  'currency',
  'percent',
  'boolean',
  'website',
  'lookup',
  'autonumber',
]);
const PICKLISTS = new Set(['picklist', 'multiselectpicklist', 'Picklist', 'Multiselect', 'dropdown', 'multiselect']);

export interface ExportedModel {
  model: LifecycleModel;
  /** Objects left out, and why (a type the language does not know, a picklist without values). */
  warnings: string[];
  counts: { crm: number; desk: number; books: number; stages: number };
}

type ModuleField = { module: string; def: FieldDef };

function byApiName(a: FieldDef, b: FieldDef): number {
  return a.api_name < b.api_name ? -1 : a.api_name > b.api_name ? 1 : 0;
}

function group(defs: ModuleField[]): Record<string, FieldDef[]> | undefined {
  if (defs.length === 0) return undefined;
  const out: Record<string, FieldDef[]> = {};
  for (const module of [...new Set(defs.map((d) => d.module))].sort())
    out[module] = defs
      .filter((d) => d.module === module)
      .map((d) => d.def)
      .sort(byApiName);
  return out;
}

export function snapshotToModel(snapshot: OrgSnapshot): ExportedModel {
  const warnings: string[] = [...snapshot.skipped.map((s) => `not read: ${s}`)];
  const crm = crmFieldDefs(snapshot, warnings);
  const desk = deskFieldDefs(snapshot, warnings);
  const books = booksFieldDefs(snapshot, warnings);
  const model = placeholderModel();
  if (snapshot.stage !== undefined && snapshot.stage.values.length > 0) {
    model.pipeline = {
      name: 'Standard',
      stages: snapshot.stage.values.map(
        (v): PipelineStage => ({ name: v.value, probability: v.probability, forecast_category: v.forecastCategory }),
      ),
    };
  }
  const fields = { crm: group(crm), books: group(books), desk: group(desk) };
  if (fields.crm !== undefined || fields.books !== undefined || fields.desk !== undefined) {
    model.fields = {};
    if (fields.crm) model.fields.crm = fields.crm;
    if (fields.books) model.fields.books = fields.books;
    if (fields.desk) model.fields.desk = fields.desk;
  }
  return {
    model,
    warnings,
    counts: {
      crm: crm.length,
      desk: desk.length,
      books: books.length,
      stages: model.pipeline?.stages.length ?? 0,
    },
  };
}

/** A picklist without values cannot be written in the language: it is left out, with a warning. */
function hasValues(warnings: string[], at: string, type: string, values: readonly string[] | undefined): boolean {
  if (PICKLISTS.has(type) && (values ?? []).length === 0) {
    warnings.push(`${at}: a ${type} without values is left out`);
    return false;
  }
  return true;
}

function crmFieldDefs(snapshot: OrgSnapshot, warnings: string[]): ModuleField[] {
  const crm: ModuleField[] = [];
  for (const { field: f, required } of snapshot.crm) {
    if (!CRM_TYPES.has(f.dataType)) {
      warnings.push(`crm:${f.module}.${f.apiName}: type ${f.dataType} is not in zlc's language; left out`);
      continue;
    }
    if (!hasValues(warnings, `crm:${f.module}.${f.apiName}`, f.dataType, f.picklist)) continue;
    const def: FieldDef = { api_name: f.apiName, label: f.label, type: f.dataType };
    if (f.length !== undefined && f.length !== TEXT_DEFAULT_LENGTH) def.length = f.length;
    if (f.picklist !== undefined) def.values = [...f.picklist];
    if (f.lookupModule !== undefined) def.lookup = `crm:${f.lookupModule}`;
    if (required) def.required = true;
    if (f.unique) def.unique = true;
    crm.push({ module: f.module, def });
  }
  return crm;
}

function deskFieldDefs(snapshot: OrgSnapshot, warnings: string[]): ModuleField[] {
  const desk: ModuleField[] = [];
  for (const f of snapshot.desk) {
    if (!hasValues(warnings, `desk:${f.module}.${f.apiName}`, f.fieldType, f.values)) continue;
    const def: FieldDef = { api_name: f.apiName, label: f.label, type: f.fieldType };
    if (f.maxLength !== undefined && f.maxLength !== DESK_DEFAULT_LENGTH[f.fieldType]) def.length = f.maxLength;
    if (f.decimals !== undefined && f.decimals !== DESK_DEFAULT_DECIMALS) def.decimals = f.decimals;
    if (f.values !== undefined) def.values = [...f.values];
    desk.push({ module: f.module, def });
  }
  return desk;
}

function booksFieldDefs(snapshot: OrgSnapshot, warnings: string[]): ModuleField[] {
  const books: ModuleField[] = [];
  for (const f of snapshot.books) {
    if (!hasValues(warnings, `books:${f.module}.${f.apiName}`, f.dataType, f.values)) continue;
    const def: FieldDef = { api_name: f.apiName, label: f.label, type: f.dataType };
    if (f.values !== undefined) def.values = [...f.values];
    books.push({ module: f.module, def });
  }
  return books;
}

/** The owner and stage every model needs, which the org cannot tell: placeholders that create nothing. */
function placeholderModel(): LifecycleModel {
  return {
    version: 1,
    owners: {
      admin: {
        name: 'Administrators',
        description: 'Placeholder written by zlc export: replace with the teams that own your stages.',
        crm: { profile: 'Administrator' },
      },
    },
    stages: [
      {
        id: 'deal',
        name: 'Deal',
        description: 'Placeholder written by zlc export: replace with your lifecycle.',
        record: 'crm:Deals',
        owner: 'admin',
      },
    ],
  };
}
