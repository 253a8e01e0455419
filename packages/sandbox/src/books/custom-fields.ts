/**
 * Custom fields that exist on the org. Books has no public API to create them (an admin makes them in the UI), so
 * the sandbox gets them from its seed or from its own admin endpoint (`POST /books/v3/__sandbox/customfields`).
 * Records carry their values in `custom_fields[]`; requests name a field by `customfield_id`, `api_name`, `label`
 * or `index`.
 */
import type { Collection, SandboxContext } from '../core/types.js';
import { BooksError, CODE, doesNotExist, invalidParameter, invalidValue } from './errors.js';
import { byCustomField, customFieldKey, type HasCustomFields } from './indexes.js';
import { route } from './route.js';
import type { BooksState, CustomFieldDef, CustomFieldModule, CustomFieldType, CustomFieldValue } from './state.js';
import { bodyObject, done, isDate, isObject, type Json, ok, optBool, optString, reqString } from './wire.js';

const TYPES: ReadonlySet<string> = new Set<CustomFieldType>([
  'string',
  'multiline',
  'email',
  'url',
  'phone',
  'number',
  'decimal',
  'amount',
  'percent',
  'date',
  'check_box',
  'dropdown',
]);

/** `module`/`entity` spellings clients use, mapped to the sandbox's module names. */
const MODULE_NAMES: Record<string, CustomFieldModule> = {
  contact: 'contacts',
  contacts: 'contacts',
  customer: 'contacts',
  item: 'items',
  items: 'items',
  estimate: 'estimates',
  estimates: 'estimates',
  invoice: 'invoices',
  invoices: 'invoices',
  customer_payment: 'customerpayments',
  customerpayment: 'customerpayments',
  customerpayments: 'customerpayments',
};

const ENTITY_OF: Record<CustomFieldModule, string> = {
  contacts: 'contact',
  items: 'item',
  estimates: 'estimate',
  invoices: 'invoice',
  customerpayments: 'customer_payment',
};

export function moduleOf(name: string | null | undefined): CustomFieldModule | undefined {
  return name ? MODULE_NAMES[name.toLowerCase()] : undefined;
}

export function definitions(state: BooksState, module: CustomFieldModule): CustomFieldDef[] {
  return [...state.customFields.values()].filter((d) => d.module === module && d.is_active);
}

/** `cf_` + the label in snake case, as Books derives API names. */
export function apiNameFor(label: string): string {
  const slug = label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
  return `cf_${slug}`;
}

export interface NewCustomField {
  module: CustomFieldModule;
  label: string;
  data_type: CustomFieldType;
  api_name?: string;
  is_unique?: boolean;
  is_mandatory?: boolean;
  values?: string[];
}

/** Adds a field definition (seeds and the admin endpoint). */
export function defineCustomField(state: BooksState, ctx: SandboxContext, input: NewCustomField): CustomFieldDef {
  const existing = definitions(state, input.module);
  const apiName = input.api_name ?? apiNameFor(input.label);
  if (existing.some((d) => d.api_name === apiName || d.label.toLowerCase() === input.label.toLowerCase())) {
    throw new BooksError(400, CODE.duplicateName, `The custom field "${input.label}" already exists.`);
  }
  const def: CustomFieldDef = {
    customfield_id: ctx.ids.next('books'),
    module: input.module,
    index:
      Math.max(0, ...[...state.customFields.values()].filter((d) => d.module === input.module).map((d) => d.index)) + 1,
    label: input.label,
    api_name: apiName,
    data_type: input.data_type,
    is_active: true,
    is_mandatory: input.is_mandatory ?? false,
    is_unique: input.is_unique ?? false,
    values: input.values ?? [],
    show_on_pdf: false,
  };
  state.customFields.put(def.customfield_id, def);
  return def;
}

function findDef(defs: readonly CustomFieldDef[], entry: Json): CustomFieldDef {
  const id = entry.customfield_id;
  const apiName = entry.api_name;
  const label = entry.label;
  const index = entry.index;
  const def =
    id !== undefined
      ? defs.find((d) => d.customfield_id === String(id))
      : apiName !== undefined
        ? defs.find((d) => d.api_name === apiName)
        : label !== undefined
          ? defs.find((d) => d.label === label)
          : index !== undefined
            ? defs.find((d) => d.index === Number(index))
            : undefined;
  if (!def) throw invalidValue('custom_fields');
  return def;
}

function checkValue(def: CustomFieldDef, value: unknown): CustomFieldValue['value'] {
  const bad = () => invalidValue(def.label);
  switch (def.data_type) {
    case 'number': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isInteger(n)) throw bad();
      return n;
    }
    case 'decimal':
    case 'amount':
    case 'percent': {
      const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof n !== 'number' || !Number.isFinite(n)) throw bad();
      return n;
    }
    case 'check_box':
      if (typeof value === 'boolean') return value;
      if (value === 'true' || value === 'false') return value === 'true';
      throw bad();
    case 'date':
      if (typeof value !== 'string' || !isDate(value)) throw bad();
      return value;
    case 'dropdown':
      if (typeof value !== 'string' || !def.values.includes(value)) throw bad();
      return value;
    case 'email':
      if (typeof value !== 'string' || !/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(value)) throw bad();
      return value;
    default:
      if (typeof value === 'number') return String(value);
      if (typeof value !== 'string') throw bad();
      if (value.length > (def.data_type === 'multiline' ? 30_000 : 255)) throw bad();
      return value;
  }
}

function toValue(def: CustomFieldDef, value: CustomFieldValue['value']): CustomFieldValue {
  return {
    customfield_id: def.customfield_id,
    index: def.index,
    label: def.label,
    api_name: def.api_name,
    data_type: def.data_type,
    show_on_pdf: def.show_on_pdf,
    // The OAS types every custom field `value` as a string, numbers and check boxes included.
    value: String(value),
    value_formatted: String(value),
  };
}

/**
 * Applies `custom_fields` input to a record's current values: named fields are set (an empty value clears one),
 * the others keep their values. Unknown fields and values of the wrong type are refused.
 */
export function applyCustomFields(
  state: BooksState,
  module: CustomFieldModule,
  input: unknown,
  current: readonly CustomFieldValue[],
  uniqueOwner?: string,
): CustomFieldValue[] {
  if (input === undefined || input === null) return [...current];
  if (!Array.isArray(input) || input.length > 200) throw invalidValue('custom_fields');
  const defs = definitions(state, module);
  const byId = new Map(current.map((v) => [v.customfield_id, v]));
  for (const entry of input) {
    if (!isObject(entry)) throw invalidValue('custom_fields');
    const def = findDef(defs, entry);
    const raw = entry.value;
    if (raw === undefined || raw === null || raw === '') {
      byId.delete(def.customfield_id);
      continue;
    }
    const value = checkValue(def, raw);
    if (def.is_unique && findByCustomField(state, module, def, value, uniqueOwner)) {
      throw new BooksError(400, CODE.duplicateName, `The value "${String(value)}" already exists for ${def.label}.`);
    }
    byId.set(def.customfield_id, toValue(def, value));
  }
  const order = new Map(defs.map((d) => [d.customfield_id, d.index]));
  return [...byId.values()].sort((a, b) => (order.get(a.customfield_id) ?? 0) - (order.get(b.customfield_id) ?? 0));
}

/** Refuses a create or update that leaves a mandatory custom field empty. */
export function checkMandatory(
  state: BooksState,
  module: CustomFieldModule,
  values: readonly CustomFieldValue[],
): void {
  for (const def of definitions(state, module)) {
    if (def.is_mandatory && !values.some((v) => v.customfield_id === def.customfield_id)) throw invalidValue(def.label);
  }
}

function collectionOf(state: BooksState, module: CustomFieldModule): Collection<HasCustomFields & Json> {
  const collections = {
    contacts: state.contacts,
    items: state.items,
    estimates: state.estimates,
    invoices: state.invoices,
    customerpayments: state.payments,
  } as const;
  return collections[module] as unknown as Collection<HasCustomFields & Json>;
}

const ID_KEY: Record<CustomFieldModule, string> = {
  contacts: 'contact_id',
  items: 'item_id',
  estimates: 'estimate_id',
  invoices: 'invoice_id',
  customerpayments: 'payment_id',
};

/** The id of the record whose custom field holds `value` (other than `exceptId`), if any. */
export function findByCustomField(
  state: BooksState,
  module: CustomFieldModule,
  def: CustomFieldDef,
  value: CustomFieldValue['value'],
  exceptId?: string,
): string | undefined {
  for (const record of byCustomField(collectionOf(state, module)).get(customFieldKey(def.customfield_id, value))) {
    const id = String(record[ID_KEY[module]]);
    if (id !== exceptId) return id;
  }
  return undefined;
}

/** The definition an `X-Unique-Identifier-Key` names; it must be a unique custom field of the module. */
export function uniqueKeyField(state: BooksState, module: CustomFieldModule, key: string): CustomFieldDef {
  const def = definitions(state, module).find((d) => d.api_name === key || d.label === key);
  if (!def?.is_unique) throw invalidParameter('X-Unique-Identifier-Key');
  return def;
}

function renderDef(def: CustomFieldDef): Json {
  return {
    customfield_id: def.customfield_id,
    field_id: def.customfield_id,
    index: def.index,
    label: def.label,
    field_name_formatted: def.label,
    api_name: def.api_name,
    data_type: def.data_type,
    entity: ENTITY_OF[def.module],
    is_active: def.is_active,
    is_mandatory: def.is_mandatory,
    is_unique: def.is_unique,
    show_on_pdf: def.show_on_pdf,
    values: def.values.map((v, i) => ({ name: v, order: i + 1 })),
  };
}

function requestedModule(query: URLSearchParams, names: readonly ('entity' | 'module')[]): CustomFieldModule {
  const given = names.find((n) => query.has(n)) ?? names[0] ?? 'entity';
  const module = moduleOf(query.get(given));
  if (!module) throw invalidParameter(given);
  return module;
}

export const customFieldRoutes = [
  /**
   * Undocumented in the OAS. Callers name the entity with `entity=` (a Zoho-provided Books script reads
   * `settings/fields?entity=salesorder`); no source shows `module=` here, so it is refused (see SPEC.md).
   */
  route('GET', '/settings/fields', (req, state) => {
    const module = requestedModule(req.query, ['entity']);
    return ok({ fields: definitions(state, module).map(renderDef) });
  }),
  route('GET', '/settings/customfields', (req, state) => {
    const module = requestedModule(req.query, ['module', 'entity']);
    return ok({ customfields: { [ENTITY_OF[module]]: definitions(state, module).map(renderDef) } });
  }),
  /** Sandbox-only: the admin's manual step of creating a custom field in the Books UI. */
  route('POST', '/__sandbox/customfields', (req, state, ctx) => {
    const body = bodyObject(req);
    const module = moduleOf(optString(body, 'module') ?? optString(body, 'entity'));
    if (!module) throw invalidValue('module');
    const dataType = optString(body, 'data_type') ?? 'string';
    if (!TYPES.has(dataType)) throw invalidValue('data_type');
    const values = body.values;
    if (values !== undefined && (!Array.isArray(values) || !values.every((v) => typeof v === 'string'))) {
      throw invalidValue('values');
    }
    const apiName = optString(body, 'api_name', 100);
    if (apiName !== undefined && !/^cf_[a-z0-9_]+$/.test(apiName)) throw invalidValue('api_name');
    const def = defineCustomField(state, ctx, {
      module,
      label: reqString(body, 'label', 100),
      data_type: dataType as CustomFieldType,
      ...(apiName === undefined ? {} : { api_name: apiName }),
      is_unique: optBool(body, 'is_unique') ?? false,
      is_mandatory: optBool(body, 'is_mandatory') ?? false,
      ...(values === undefined ? {} : { values: values as string[] }),
    });
    return done('The custom field has been created.', { customfield: renderDef(def) }, 201);
  }),
  /**
   * Sandbox-only: the admin editing a custom field in the Books UI (label, options, Prevent Duplicate Values,
   * mandatory). A field's data type cannot be changed there (strictest reading, unverified): another one → code 4.
   */
  route('PUT', '/__sandbox/customfields/:customfield_id', (req, state) => {
    const def = state.customFields.get(req.params.customfield_id ?? '');
    if (!def) throw doesNotExist('Custom field');
    const body = bodyObject(req);
    const dataType = optString(body, 'data_type');
    if (dataType !== undefined && dataType !== def.data_type) throw invalidValue('data_type');
    const values = body.values;
    if (values !== undefined && (!Array.isArray(values) || !values.every((v) => typeof v === 'string'))) {
      throw invalidValue('values');
    }
    const label = optString(body, 'label', 100);
    const others = definitions(state, def.module).filter((d) => d.customfield_id !== def.customfield_id);
    if (label !== undefined && others.some((d) => d.label.toLowerCase() === label.toLowerCase())) {
      throw new BooksError(400, CODE.duplicateName, `The custom field "${label}" already exists.`);
    }
    const edited: CustomFieldDef = {
      ...def,
      ...(label === undefined ? {} : { label }),
      is_unique: optBool(body, 'is_unique') ?? def.is_unique,
      is_mandatory: optBool(body, 'is_mandatory') ?? def.is_mandatory,
      ...(values === undefined ? {} : { values: values as string[] }),
    };
    state.customFields.put(def.customfield_id, edited);
    return done('The custom field has been updated.', { customfield: renderDef(edited) });
  }),
  route('DELETE', '/__sandbox/customfields/:customfield_id', (req, state) => {
    const def = state.customFields.get(req.params.customfield_id ?? '');
    if (!def) throw doesNotExist('Custom field');
    state.customFields.delete(def.customfield_id);
    return done('The custom field has been deleted.');
  }),
];
