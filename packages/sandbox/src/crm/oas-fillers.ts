/**
 * Zoho's OAS marks nearly every property of fields, layouts and modules as required, including ones a real org
 * leaves empty. These are the empty shapes the sandbox sends for them so answers validate (SPEC.md, CRM, "Shapes").
 */
import type { MinUser } from './model.js';

const nullRef = () => ({ api_name: null, id: null });

/** Keys of a field definition (GET /settings/fields) that carry no information in the sandbox. */
export function fieldFillers(): Record<string, unknown> {
  return {
    associated_module: nullRef(),
    customizable_properties: [],
    separator: false,
    type: 'used',
    colour_code_enabled_by_system: null,
    email_parser: { fields_update_supported: null, record_operations_supported: null },
    rollup_summary: null,
    refer_from_field: nullRef(),
    show_type: 7,
    category: 0,
    multi_module_lookup: null,
    sharing_properties: {},
    file_upolad_optionlist: [],
    profiles: [],
    sub_module: nullRef(),
    subform: null,
    external: { show: null, type: null },
    formula: null,
    convert_mapping: {},
    multiselectlookup: null,
    multiuserlookup: {
      display_label: null,
      linking_module: nullRef(),
      connected_module: nullRef(),
      lookup_apiname: null,
      api_name: null,
      connectedfield_apiname: null,
      connectedlookup_apiname: null,
      id: null,
      record_access: null,
    },
    auto_number: null,
    crypt: { mode: null, status: null },
    history_tracking: { module: {}, duration_configured_field: nullRef() },
    association_details: { related_field: nullRef(), lookup_field: nullRef() },
    allowed_modules: [],
    additional_column: null,
    'common.picklist': null,
    hipaa_compliance_enabled: false,
    hipaa_compliance: { restricted_in_export: null, restricted: null },
    _update_existing_records: false,
    number_separator: false,
    textarea: {},
    static_field: false,
  };
}

/** Keys of a layout that the sandbox does not model. */
export function layoutFillers(): Record<string, unknown> {
  const min = { name: null, id: null };
  return {
    subform_properties: { pinned_column: null },
    created_for: { name: '', id: null },
    convert_mapping: { Contacts: min, Deals: { ...min, fields: [] }, Accounts: min, Invoices: min, SalesOrders: min },
  };
}

/** Keys of a module (GET /settings/modules) that the sandbox does not model. */
export function moduleFillers(
  m: { api_name: string; id: string; plural_label: string },
  user: MinUser,
): Record<string, unknown> {
  return {
    'common.search_supported': true,
    recycle_bin_on_delete: true,
    chart_view: false,
    chart_view_supported: true,
    emailTemplate_support: true,
    email_parser_supported: false,
    filter_supported: true,
    track_current_data: false,
    modified_by: user,
    parent_module: null,
    activity_badge: null,
    $field_states: [],
    business_card_fields: [],
    $properties: [],
    $on_demand_properties: [],
    kanban_view_supported: false,
    kanban_view: false,
    lookup_field_properties: { fields: [] },
    related_list_properties: { sort_by: nullRef(), fields: [], sort_order: null },
    filter_status: true,
    zia_view: false,
    default_mapping_fields: [],
    layout_associations: [],
    layouts: [],
    custom_view: {
      id: m.id,
      name: `All ${m.plural_label}`,
      display_value: `All ${m.plural_label}`,
      system_name: 'ALLVIEWS',
      category: 'public_views',
      created_time: null,
      modified_time: null,
      last_accessed_time: null,
      created_by: user,
      modified_by: user,
      module: { name: m.api_name, id: m.id },
      criteria: { comparator: null, field: nullRef(), value: null, group_operator: null, group: [] },
      default: true,
      system_defined: true,
      locked: false,
      favorite: null,
      offline: false,
      access_type: 'public',
      shared_to: [],
      fields: [],
      sort_by: { api_name: 'id', id: '0' },
      sort_order: null,
    },
  };
}
