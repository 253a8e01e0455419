/** Building field definitions (standard and custom); `field-json.ts` renders them. */
import type { DataType, FieldDef, PickValue } from './model.js';
import { DEAL_STAGES, type FieldSpec } from './standard-modules.js';

export const JSON_TYPE: Record<DataType, FieldDef['json_type']> = {
  text: 'string',
  textarea: 'string',
  email: 'string',
  phone: 'string',
  picklist: 'string',
  multiselectpicklist: 'jsonarray',
  date: 'string',
  datetime: 'string',
  integer: 'integer',
  bigint: 'string',
  double: 'double',
  currency: 'double',
  percent: 'double',
  boolean: 'boolean',
  website: 'string',
  lookup: 'jsonobject',
  ownerlookup: 'jsonobject',
  autonumber: 'string',
  subform: 'jsonarray',
};

/** Default and maximum lengths per type, as the field-creation UI offers them. */
export const DEFAULT_LENGTH: Record<DataType, number> = {
  text: 255,
  textarea: 2000,
  email: 100,
  phone: 30,
  picklist: 120,
  multiselectpicklist: 2000,
  date: 20,
  datetime: 120,
  integer: 9,
  bigint: 18,
  double: 16,
  currency: 16,
  percent: 5,
  boolean: 5,
  website: 255,
  lookup: 120,
  ownerlookup: 120,
  autonumber: 50,
  subform: 0,
};
export const MAX_LENGTH: Partial<Record<DataType, number>> = {
  text: 255,
  textarea: 32000,
  integer: 9,
  bigint: 18,
  double: 16,
  currency: 16,
  phone: 50,
};

export const CREATABLE_TYPES: readonly DataType[] = [
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
  'currency',
  'percent',
  'boolean',
  'website',
  'lookup',
  'autonumber',
];

export function isDataType(value: unknown): value is DataType {
  return typeof value === 'string' && value in JSON_TYPE;
}

export function makePickValues(values: readonly string[], nextId: () => string, dealStages = false): PickValue[] {
  return values.map((v, i) => {
    const base: PickValue = {
      id: nextId(),
      display_value: v,
      actual_value: v,
      sequence_number: i + 1,
      type: 'used',
      colour_code: null,
    };
    const stage = dealStages ? DEAL_STAGES.find((s) => s.name === v) : undefined;
    if (stage) {
      base.probability = stage.probability;
      base.forecast_type = stage.forecast;
      base.forecast_category = { id: forecastCategoryId(stage.forecast), name: forecastCategoryName(stage.forecast) };
    }
    return base;
  });
}

const forecastCategoryName = (f: string): string =>
  f === 'Open' ? 'Pipeline' : f === 'Closed Won' ? 'Closed' : 'Omitted';
const forecastCategoryId = (f: string): string =>
  f === 'Open' ? '1000000000001' : f === 'Closed Won' ? '1000000000002' : '1000000000003';

export interface BuildOptions {
  id: string;
  sequence: number;
  custom: boolean;
  time: string | null;
  nextId: () => string;
  moduleIds: (api: string) => string;
  moduleApi: string;
}

export function buildField(spec: FieldSpec, o: BuildOptions): FieldDef {
  const field: FieldDef = {
    id: o.id,
    api_name: spec.api,
    field_label: spec.label,
    display_label: spec.label,
    data_type: spec.type,
    json_type: JSON_TYPE[spec.type],
    length: spec.length ?? DEFAULT_LENGTH[spec.type],
    decimal_place:
      spec.decimals ?? (spec.type === 'double' || spec.type === 'currency' || spec.type === 'percent' ? 2 : null),
    custom_field: o.custom,
    system_mandatory: spec.mandatory === true,
    read_only: spec.readOnly === true,
    field_read_only: spec.readOnly === true,
    visible: true,
    sequence_number: o.sequence,
    created_time: o.time,
    modified_time: o.time,
    unique: null,
    tooltip: null,
  };
  if (spec.picklist) {
    field.pick_list_values = makePickValues(spec.picklist, o.nextId, o.moduleApi === 'Deals' && spec.api === 'Stage');
  }
  if (spec.type === 'multiselectpicklist' && !field.pick_list_values) field.pick_list_values = [];
  if (spec.lookup) {
    field.lookup = {
      module: { api_name: spec.lookup, id: o.moduleIds(spec.lookup) },
      display_label: spec.label,
      api_name: spec.api,
    };
  }
  return field;
}
