/**
 * A field as the fields API answers it (fields.yaml `FieldSchema`) and as a layout's section shows it (layouts.yaml
 * `FieldSchema`). The fields API's answers carry no layout-specific configuration: "does not contain
 * layout-specific configurations such as mandatory flags or picklist values" (fields.yaml `getFields`), so
 * `pick_list_values` is empty there (the property is required); a layout's sections carry the values with their
 * ids, order and, for the Deals `Stage`, probability and forecast (layouts.yaml's example of the Stage field).
 */
import type { FieldDef, PickValue } from './model.js';

export interface LayoutRef {
  id: string;
  name: string;
  api_name: string;
}

const USER_LOOKUP = new Set(['ownerlookup']);

function lookupJson(f: FieldDef): Record<string, unknown> {
  if (!f.lookup) return {};
  return {
    display_label: f.lookup.display_label,
    revalidate_filter_during_edit: false,
    api_name: f.lookup.api_name,
    module: { api_name: f.lookup.module.api_name, crypt: false, id: f.lookup.module.id },
    id: f.id,
    query_details: { system_query_id: null },
  };
}

function autoNumberJson(f: FieldDef): Record<string, unknown> {
  if (!f.autonumber) return {};
  const a = f.autonumber;
  return {
    starting_number_length: a.starting_number_length,
    prefix: a.prefix,
    start_number: a.start_number,
    suffix: a.suffix,
  };
}

/**
 * `GET /settings/fields` and `/settings/fields/{id}`. One object literal, keys in the answer's order: spreading
 * ~70 keys one by one cost ~100 µs a field on the large org.
 */
export function fieldJson(f: FieldDef, layouts: LayoutRef[]): Record<string, unknown> {
  const writable = !f.read_only;
  return {
    associated_module: null,
    webhook: true,
    operation_type: { web_update: writable, api_create: writable, web_create: writable, api_update: writable },
    colour_code_enabled_by_system: false,
    field_label: f.field_label,
    tooltip: f.tooltip ?? null,
    display_format_properties: null,
    type: 'used',
    field_read_only: f.field_read_only,
    customizable_properties: f.system_mandatory ? [] : ['mandatory'],
    display_label: f.display_label,
    read_only: f.read_only,
    association_details: null,
    businesscard_supported: true,
    multi_module_lookup: {},
    id: f.id,
    created_time: f.created_time,
    filterable: true,
    visible: f.visible,
    profiles: [],
    view_type: { view: true, edit: writable, quick_create: f.system_mandatory, create: writable },
    separator: false,
    searchable: true,
    history_tracking_enabled: false,
    external: null,
    api_name: f.api_name,
    unique: f.unique ? { case_sensitive: f.unique.case_sensitive } : {},
    enable_colour_code: false,
    pick_list_values: [],
    system_mandatory: f.system_mandatory,
    private: null,
    virtual_field: false,
    json_type: f.json_type,
    crypt: null,
    range: null,
    created_source: f.custom_field ? 'crm' : 'default',
    display_type: -1,
    ui_type: 1,
    modified_time: f.modified_time,
    public: false,
    email_parser: { fields_update_supported: false, record_operations_supported: false },
    currency: f.data_type === 'currency' ? { rounding_option: 'normal', precision: f.decimal_place ?? 2 } : {},
    custom_field: f.custom_field,
    lookup: lookupJson(f),
    hipaa_compliance: null,
    convert_mapping: {},
    rollup_summary: {},
    length: f.length,
    column_name: f.api_name.toUpperCase(),
    display_field: false,
    pick_list_values_sorted_lexically: false,
    sortable: f.data_type !== 'multiselectpicklist' && f.data_type !== 'textarea',
    global_picklist: null,
    display_format: null,
    history_tracking: null,
    data_type: f.data_type,
    formula: {},
    additional_column: null,
    hipaa_compliance_enabled: false,
    decimal_place: f.decimal_place,
    mass_update: writable && !USER_LOOKUP.has(f.data_type),
    multiselectlookup: {},
    auto_number: autoNumberJson(f),
    layout_associations: layouts,
    quick_sequence_number: String(f.sequence_number),
    blueprint_supported: true,
    ...(f.data_type === 'textarea' ? { textarea: { type: f.length > 2000 ? 'large' : 'small' } } : {}),
    static_field: false,
  };
}

/** One picklist value as a layout shows it; Deals `Stage` values carry probability and forecast. */
function layoutPickValue(v: PickValue): Record<string, unknown> {
  return {
    display_value: v.display_value,
    sequence_number: v.sequence_number,
    reference_value: v.display_value,
    maps: [],
    colour_code: v.colour_code,
    actual_value: v.actual_value,
    id: v.id,
    type: v.type,
    ...(v.probability === undefined ? {} : { probability: v.probability }),
    ...(v.forecast_type === undefined ? {} : { forecast_type: v.forecast_type }),
    ...(v.forecast_category === undefined ? {} : { forecast_category: v.forecast_category }),
  };
}

/**
 * A field inside a layout's section (layouts.yaml `FieldSchema`): the field's own keys that schema allows, the
 * layout's flag and position, and the picklist values. `-None-` has sequence 0 in the store; layouts number from 1.
 */
export function layoutFieldJson(f: FieldDef, required: boolean, sequence: number): Record<string, unknown> {
  const json = fieldJson(f, []);
  delete json.layout_associations;
  delete json.email_parser;
  delete json.convert_mapping;
  json.required = required;
  json.sequence_number = sequence;
  json.validation_rule = null;
  json.default_value = f.default_value ?? null;
  json.static_values = null;
  json.pick_list_values = (f.pick_list_values ?? []).map((v, i) => layoutPickValue({ ...v, sequence_number: i + 1 }));
  return json;
}
