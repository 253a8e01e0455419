/** `/settings/modules` (modules.json): the org's modules, standard and custom. */
import { JsonBody } from '../core/json-body.js';
import type { Handler, SandboxContext, SandboxResponse } from '../core/types.js';
import { invalidModule, invalidParam } from './errors.js';
import type { ModuleDef } from './model.js';
import { moduleFillers } from './oas-fillers.js';
import { currentUser, findModule, modules, profiles } from './state.js';

export function moduleJson(ctx: SandboxContext, m: ModuleDef): Record<string, unknown> {
  const profileList = [...profiles(ctx).values()].map((p) => ({ name: p.name, id: p.id }));
  const base: Record<string, unknown> = {
    ...moduleFillers(m, currentUser(ctx)),
    id: m.id,
    api_name: m.api_name,
    module_name: m.module_name,
    singular_label: m.singular_label,
    plural_label: m.plural_label,
    generated_type: m.generated_type,
    api_supported: m.api_supported,
    creatable: m.creatable,
    editable: m.editable,
    deletable: m.deletable,
    viewable: m.viewable,
    sequence_number: m.sequence_number,
    modified_time: m.modified_time,
    visible: true,
    visibility: 1,
    convertable: m.api_name === 'Leads',
    quick_create: true,
    global_search_supported: true,
    inventory_template_supported: ['Quotes', 'Sales_Orders', 'Purchase_Orders', 'Invoices'].includes(m.api_name),
    show_as_tab: true,
    web_link: null,
    presence_sub_menu: false,
    triggers_supported: true,
    feeds_required: false,
    scoring_supported: true,
    webform_supported: true,
    arguments: [],
    isBlueprintSupported: true,
    description: null,
    public_fields_configured: false,
    status: 'visible',
    profiles: profileList,
    profile_count: profileList.length,
    display_field: { api_name: m.display_field, id: null },
    per_page: 200,
    search_layout_fields: [m.display_field],
    fields: [],
    related_lists: [],
    business_card_field_limit: 5,
  };
  return base;
}

export const listModules: Handler = (req, ctx) => {
  const status = req.query.get('status');
  if (
    status !== null &&
    !['user_hidden', 'system_hidden', 'scheduled_for_deletion', 'visible'].some((s) => status.split(',').includes(s))
  ) {
    return invalidParam('status', status);
  }
  return ctx.store.memo('crm:listModules', ['crm:modules', 'crm:profiles', 'crm:users'], (): SandboxResponse => {
    const list = [...modules(ctx).values()].sort((a, b) => a.sequence_number - b.sequence_number);
    return { status: 200, body: new JsonBody({ modules: list.map((m) => moduleJson(ctx, m)) }) };
  });
};

export const getModule: Handler = (req, ctx) => {
  const m = findModule(ctx, req.params.api_name ?? '');
  if (!m) return invalidModule(req.params.api_name ?? '');
  return { status: 200, body: { modules: [moduleJson(ctx, m)] } };
};
