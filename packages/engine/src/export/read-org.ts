/**
 * Reads what `export` writes: the custom fields of the standard CRM, Desk and Books modules (one list call per
 * module), the Standard layout's mandatory flags and picklist values, and the Deal stages of its pipeline. Values come back in the planner's
 * own normalised shapes, so that the exported model plans against the same org as "No changes".
 */
import { standardModules } from '@zlc/model';
import { type BooksCustomFieldEntity, type DeskModule, isZohoError, type ZohoClients } from '@zlc/zoho';
import { BOOKS_ENTITY, normaliseBooksCustomField } from '../resources/books-custom-field/definition.js';
import { type CrmFieldAttributes, normaliseCrmField } from '../resources/crm-field/definition.js';
import { type CrmStagePicklistAttributes, normaliseStagePicklist } from '../resources/crm-stage-picklist/definition.js';
import { readRemoteStages } from '../resources/crm-stage-picklist/remote-stages.js';
import { type DeskFieldAttributes, normaliseDeskField } from '../resources/desk-field/definition.js';
import { standardLayoutFields } from '../resources/shared/standard-layout.js';

export interface ExportedBooksField {
  module: string;
  apiName: string;
  label: string;
  dataType: string;
  values?: string[];
}

export interface OrgSnapshot {
  crm: { field: CrmFieldAttributes; required: boolean }[];
  stage?: CrmStagePicklistAttributes;
  desk: DeskFieldAttributes[];
  books: ExportedBooksField[];
  /** Modules that could not be read (not in this org, or no permission), with why. */
  skipped: string[];
  calls: number;
}

export async function readOrgForExport(clients: ZohoClients): Promise<OrgSnapshot> {
  const snapshot: OrgSnapshot = { crm: [], desk: [], books: [], skipped: [], calls: 0 };
  const modules = standardModules().filter((m) => !m.virtual);
  const guarded = async <T>(what: string, read: () => Promise<T>): Promise<T | undefined> => {
    snapshot.calls += 1;
    try {
      return await read();
    } catch (error) {
      // A module this org does not have (or may not read) is left out; anything else stops the export.
      if (!isZohoError(error) || (error.kind !== 'not_found' && error.kind !== 'rejected')) throw error;
      snapshot.skipped.push(`${what}: ${error.message}`);
      return undefined;
    }
  };

  const crm = modules.filter((m) => m.app === 'crm').map((m) => m.name);
  const desk = modules.filter((m) => m.app === 'desk').map((m) => m.name as DeskModule);
  const books = modules.filter((m) => m.app === 'books' && BOOKS_ENTITY[m.name] !== undefined).map((m) => m.name);

  const crmReads = crm.map(async (module) => {
    const [fields, layouts] = await Promise.all([
      guarded(`crm:${module} fields`, () => clients.crm.listFields(module)),
      guarded(`crm:${module} layouts`, () => clients.crm.listLayouts(module)),
    ]);
    const placed = standardLayoutFields(layouts ?? []);
    const required = new Set(placed.filter((f) => f.required === true).map((f) => f.api_name));
    const values = new Map(placed.map((f) => [f.api_name, f.pick_list_values ?? []]));
    for (const raw of fields ?? []) {
      if (raw.custom_field !== true) continue;
      const field = normaliseCrmField(module, raw, values.get(raw.api_name));
      snapshot.crm.push({ field, required: required.has(raw.api_name) });
    }
    if (module === 'Deals') {
      // The Deals layouts are read already: only the pipeline is one more call.
      const read = new Map<string, Promise<unknown>>([['crm:layouts:Deals', Promise.resolve(layouts ?? [])]]);
      const once = <T>(key: string, load: () => Promise<T>): Promise<T> => {
        if (!read.has(key)) read.set(key, load());
        return read.get(key) as Promise<T>;
      };
      const stages = await guarded('crm:Deals pipeline', () => readRemoteStages(clients, once));
      if (stages !== undefined)
        snapshot.stage = normaliseStagePicklist(stages.pipeline?.maps ?? [], stages.stage.pick_list_values ?? []);
    }
  });
  const deskReads = desk.map(async (module) => {
    const fields = await guarded(`desk:${module} fields`, () => clients.desk.listFields(module));
    for (const raw of fields ?? []) if (raw.isCustomField === true) snapshot.desk.push(normaliseDeskField(module, raw));
  });
  const booksReads = books.map(async (module) => {
    const entity = BOOKS_ENTITY[module] as BooksCustomFieldEntity;
    const fields = await guarded(`books:${module} custom fields`, () => clients.books.listCustomFields(entity));
    for (const raw of fields ?? []) {
      const f = normaliseBooksCustomField(entity, raw);
      if (f === undefined) {
        snapshot.skipped.push(`books:${module} field "${String(raw.label ?? raw.customfield_id ?? '?')}": no api_name`);
        continue;
      }
      const { apiName, label, dataType, values } = f;
      snapshot.books.push({ module, apiName, label, dataType, ...(values === undefined ? {} : { values }) });
    }
  });
  await Promise.all([...crmReads, ...deskReads, ...booksReads]);
  return snapshot;
}
