/**
 * `books_custom_field`: a Books custom field (entity + api_name). Books has no API to create or change custom
 * fields, so a missing or different one is a `manual` action with the exact steps; the next plan reads the org
 * (`GET /settings/fields?entity=`) and finds it.
 */
import type { ResolvedModel } from '@zlc/model';
import type { BooksCustomField, BooksCustomFieldEntity } from '@zlc/zoho';
import { lazyFingerprint } from '../../fingerprint.js';
import type { Attributes, RemoteResource, Resource } from '../../plan-types.js';
import { addressOf, isRecord, type ResourceDef, str } from '../resource-def.js';
import { type BooksCustomFieldAttributes, booksCustomFieldCodec } from './attributes.js';
import { booksCustomFieldExecutor } from './executor.js';

export type { BooksCustomFieldAttributes } from './attributes.js';

/** The Books entity whose custom fields each model module (`books:contacts` …) declares. */
export const BOOKS_ENTITY: Record<string, BooksCustomFieldEntity> = {
  contacts: 'contact',
  items: 'item',
  estimates: 'estimate',
  invoices: 'invoice',
  customerpayments: 'customer_payment',
};

/** Where each entity's custom fields live in Books' settings. */
const SETTINGS_PAGE: Record<BooksCustomFieldEntity, string> = {
  contact: 'Customers and Vendors',
  item: 'Items',
  estimate: 'Quotes',
  invoice: 'Invoices',
  customer_payment: 'Payments Received',
};

/** How Books' UI names each data type in the "Data Type" menu. */
const TYPE_LABEL: Record<string, string> = {
  string: 'Text Box (Single Line)',
  multiline: 'Text Box (Multi-line)',
  email: 'Email',
  url: 'URL',
  phone: 'Phone',
  number: 'Number',
  decimal: 'Decimal',
  amount: 'Amount',
  percent: 'Percent',
  date: 'Date',
  date_time: 'Date and Time',
  check_box: 'Check Box',
  dropdown: 'Dropdown',
  multiselect: 'Multi-select',
  lookup: 'Lookup',
  autonumber: 'Auto-Generate Number',
};

const HAS_VALUES = new Set(['dropdown', 'multiselect']);

function address(entity: string, apiName: string): string {
  return addressOf('books_custom_field', entity, apiName);
}

function entities(model: ResolvedModel): BooksCustomFieldEntity[] {
  const out = new Set<BooksCustomFieldEntity>();
  for (const f of model.customFields) {
    const entity = f.app === 'books' ? BOOKS_ENTITY[f.module] : undefined;
    if (entity) out.add(entity);
  }
  return [...out].sort();
}

/** The exact steps in Books' settings that make (or correct) the field. */
export function booksCustomFieldSteps(attributes: Attributes): string[] {
  const after = booksCustomFieldCodec.decode(attributes);
  const steps = [
    `In Zoho Books open Settings → Preferences → ${SETTINGS_PAGE[after.entity]} → Field Customization.`,
    `Click "New Custom Field" (or edit the field labelled "${after.label}" if it exists).`,
    `Label: ${after.label}; Data Type: ${TYPE_LABEL[after.dataType] ?? after.dataType}.`,
  ];
  if (after.values !== undefined) steps.push(`Options, in this order: ${after.values.join(', ')}.`);
  steps.push(
    after.unique
      ? 'Prevent Duplicate Values: Yes (zlc finds and upserts records by this field; Books accepts that only for a unique field).'
      : 'Prevent Duplicate Values: No.',
  );
  steps.push(
    `Save, then check that its API name is ${after.apiName} (Books derives it from the label; rename it under "Configure API field name" if it differs).`,
    'Run `zlc plan` again: it reads Books and checks every setting above (label, data type, options, Prevent Duplicate Values, API name); this step is done only when all of them match.',
  );
  return steps;
}

/** The field in the planner's shape; undefined for a field without an api_name (zlc cannot address it). */
export function normaliseBooksCustomField(
  entity: BooksCustomFieldEntity,
  raw: BooksCustomField,
): BooksCustomFieldAttributes | undefined {
  const apiName = str(raw.api_name);
  if (apiName === undefined || apiName === '') return undefined;
  const dataType = raw.data_type ?? 'string';
  return {
    entity,
    apiName,
    label: raw.label ?? apiName,
    dataType,
    values: HAS_VALUES.has(dataType) ? valuesOf(raw) : undefined,
    unique: raw.is_unique === true,
  };
}

/** Books ids are numeric strings; a JSON number is read as its digits. */
function idOf(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : str(value);
}

function valuesOf(raw: BooksCustomField): string[] {
  const list = Array.isArray(raw.values) ? raw.values : Array.isArray(raw.options) ? raw.options : [];
  const out: string[] = [];
  for (const v of list) {
    const value = isRecord(v) ? (str(v.name) ?? str(v.value) ?? str(v.label)) : str(v);
    if (value !== undefined) out.push(value);
  }
  return out;
}

export const booksCustomField: ResourceDef = {
  type: 'books_custom_field',
  product: 'books',
  immutable: [],
  manual: booksCustomFieldSteps,
  executor: booksCustomFieldExecutor,

  desired(model): Resource[] {
    return model.customFields.flatMap((f) => {
      const entity = f.app === 'books' ? BOOKS_ENTITY[f.module] : undefined;
      if (!entity) return [];
      const attributes: BooksCustomFieldAttributes = {
        entity,
        apiName: f.apiName,
        label: f.label,
        dataType: f.nativeType,
        values: HAS_VALUES.has(f.nativeType) ? (f.values ?? []).map((v) => v.display) : undefined,
        unique: f.unique,
      };
      return [
        {
          address: address(entity, f.apiName),
          type: 'books_custom_field' as const,
          product: 'books' as const,
          title: `Books ${entity} › ${f.apiName} (${f.nativeType})`,
          attributes: booksCustomFieldCodec.encode(attributes),
          dependsOn: [],
        },
      ];
    });
  },

  /**
   * One call per entity the model declares fields for. A field without an `api_name` cannot be addressed: it is
   * left out with a warning, and the read goes on.
   */
  async read(clients, scope): Promise<RemoteResource[]> {
    const wanted = entities(scope.model);
    const lists = await Promise.all(
      wanted.map((e) => scope.once(`books:customfields:${e}`, () => clients.books.listCustomFields(e))),
    );
    return wanted.flatMap((entity, i) => {
      const out: RemoteResource[] = [];
      const unnamed: string[] = [];
      for (const f of lists[i] ?? []) {
        const attributes = normaliseBooksCustomField(entity, f);
        if (attributes === undefined) {
          unnamed.push(str(f.label) ?? str(f.field_name_formatted) ?? str(f.customfield_id) ?? '(no label)');
          continue;
        }
        const { apiName, dataType } = attributes;
        out.push({
          address: address(entity, apiName),
          type: 'books_custom_field' as const,
          product: 'books' as const,
          title: `Books ${entity} › ${apiName} (${dataType})`,
          attributes: booksCustomFieldCodec.encode(attributes),
          dependsOn: [],
          // Books names fields by id; one listed without an id is still addressed by its api_name.
          remoteId: idOf(f.customfield_id) ?? apiName,
          fingerprint: lazyFingerprint(() => f),
        });
      }
      if (unnamed.length > 0)
        scope.warn(
          `Books ${entity} fields without an api_name are left out of the plan (zlc cannot address them): ${unnamed.join(', ')}.`,
        );
      return out;
    });
  },
};
