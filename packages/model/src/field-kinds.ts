import type { App } from './model-types.js';

/** The product-neutral kind of a field, used to check that a mapping makes sense. */
export type FieldKind =
  | 'text'
  | 'longtext'
  | 'number'
  | 'decimal'
  | 'currency'
  | 'percent'
  | 'date'
  | 'datetime'
  | 'boolean'
  | 'picklist'
  | 'multipicklist'
  | 'email'
  | 'phone'
  | 'url'
  | 'lookup';

/** CRM `data_type` → kind (see the CRM fields API). */
const CRM: Record<string, FieldKind> = {
  text: 'text',
  textarea: 'longtext',
  email: 'email',
  phone: 'phone',
  picklist: 'picklist',
  multiselectpicklist: 'multipicklist',
  date: 'date',
  datetime: 'datetime',
  integer: 'number',
  bigint: 'number',
  double: 'decimal',
  decimal: 'decimal',
  currency: 'currency',
  percent: 'percent',
  boolean: 'boolean',
  website: 'url',
  lookup: 'lookup',
  ownerlookup: 'lookup',
  autonumber: 'text',
};

/** Books custom-field data type → kind. */
const BOOKS: Record<string, FieldKind> = {
  string: 'text',
  multiline: 'longtext',
  email: 'email',
  url: 'url',
  phone: 'phone',
  number: 'number',
  decimal: 'decimal',
  amount: 'currency',
  percent: 'percent',
  date: 'date',
  date_time: 'datetime',
  check_box: 'boolean',
  dropdown: 'picklist',
  multiselect: 'multipicklist',
  lookup: 'lookup',
  autonumber: 'text',
};

/** Desk field `type` → kind. */
const DESK: Record<string, FieldKind> = {
  Text: 'text',
  Textarea: 'longtext',
  LargeText: 'longtext',
  Email: 'email',
  Phone: 'phone',
  Fax: 'phone',
  Picklist: 'picklist',
  Multiselect: 'multipicklist',
  Date: 'date',
  DateTime: 'datetime',
  Number: 'number',
  Decimal: 'decimal',
  Currency: 'currency',
  Percent: 'percent',
  Boolean: 'boolean',
  URL: 'url',
  LookUp: 'lookup',
  AutoNumber: 'text',
};

const BY_APP: Record<App, Record<string, FieldKind>> = { crm: CRM, books: BOOKS, desk: DESK };

/** The kind of a product's native field type, or undefined for a type zlc does not know. */
export function kindOf(app: App, nativeType: string): FieldKind | undefined {
  return BY_APP[app][nativeType];
}

/** Native type names of one product, for hints. */
export function nativeTypes(app: App): string[] {
  return Object.keys(BY_APP[app]);
}

/** Which source kinds each target kind accepts. Text targets take any scalar (rendered as text). */
const ACCEPTS: Record<FieldKind, readonly FieldKind[]> = {
  text: [
    'text',
    'longtext',
    'number',
    'decimal',
    'currency',
    'percent',
    'date',
    'datetime',
    'boolean',
    'picklist',
    'email',
    'phone',
    'url',
    'lookup',
  ],
  longtext: [
    'text',
    'longtext',
    'number',
    'decimal',
    'currency',
    'percent',
    'date',
    'datetime',
    'boolean',
    'picklist',
    'multipicklist',
    'email',
    'phone',
    'url',
    'lookup',
  ],
  number: ['number'],
  decimal: ['number', 'decimal', 'percent'],
  currency: ['number', 'decimal', 'currency'],
  percent: ['number', 'decimal', 'percent'],
  date: ['date', 'datetime'],
  datetime: ['datetime', 'date'],
  boolean: ['boolean'],
  picklist: ['picklist', 'text', 'boolean'],
  multipicklist: ['multipicklist', 'picklist'],
  email: ['email'],
  phone: ['phone'],
  url: ['url'],
  lookup: ['lookup', 'text'],
};

/** True when a value of kind `source` can be written to a field of kind `target`. */
export function kindsCompatible(source: FieldKind, target: FieldKind): boolean {
  return ACCEPTS[target].includes(source);
}

/** The source kinds a target kind accepts, for hints. */
export function acceptedKinds(target: FieldKind): readonly FieldKind[] {
  return ACCEPTS[target];
}
