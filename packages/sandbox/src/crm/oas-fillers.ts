/**
 * Zoho's OAS marks nearly every property of layouts and modules as required, including ones a real org leaves
 * empty. These are the shapes the sandbox sends for them so answers validate (SPEC.md, CRM).
 */
import type { SandboxContext } from '../core/types.js';
import type { MinUser } from './model.js';
import { layoutsOf } from './state.js';

const nullRef = () => ({ api_name: null, id: null });

/**
 * A layout's `convert_mapping` (layouts.yaml `ConvertMappingModule`): the target modules' layouts a record of this
 * layout converts into — Leads into Contacts, Deals (with field mappings; none here) and Accounts, Quotes into
 * Sales Orders and Invoices, Sales Orders into Invoices — and null for modules that do not convert.
 */
export function convertMapping(ctx: SandboxContext, moduleApi: string): Record<string, unknown> | null {
  const target = (module: string) => {
    const layout = layoutsOf(ctx, module).values().next().value;
    return layout === undefined ? undefined : { display_label: layout.display_label, name: layout.name, id: layout.id };
  };
  const targets: Record<string, [key: string, module: string][]> = {
    Leads: [
      ['Contacts', 'Contacts'],
      ['Deals', 'Deals'],
      ['Accounts', 'Accounts'],
    ],
    Quotes: [
      ['SalesOrders', 'Sales_Orders'],
      ['Invoices', 'Invoices'],
    ],
    Sales_Orders: [['Invoices', 'Invoices']],
  };
  const wanted = targets[moduleApi];
  if (wanted === undefined) return null;
  const out: Record<string, unknown> = {};
  for (const [key, module] of wanted) {
    const t = target(module);
    if (t === undefined) return null;
    out[key] = key === 'Deals' ? { ...t, fields: [] } : t;
  }
  return out;
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
