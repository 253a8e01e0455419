/**
 * `GET /settings/related_lists?module=` and `GET /settings/related_lists/{id}?module=`: the related lists of a
 * module, as Zoho's newest related lists OAS (zoho/crm-oas `v8.0/related_lists/related_lists.yaml`, getRelatedLists)
 * and `../shared/specs/crm/related_lists.json` describe them. Only the lists the sandbox serves are listed
 * (`related-list-defs.ts`), each with the `href` a client follows to read its records. Ids are made the first time
 * a module's lists are read and kept in the store, so they stay stable.
 */
import type { Handler, SandboxContext, SandboxResponse } from '../core/types.js';
import { crmError, errorResponse, requiredParamMissing } from './errors.js';
import type { ModuleDef } from './model.js';
import { isResponse } from './paging.js';
import { RELATED_LISTS, type RelatedListDef } from './related-list-defs.js';
import { fieldMap, findModule, layoutsOf } from './state.js';

const STATUSES = ['visible', 'user_hidden', 'scheduled_for_deletion'] as const;

const relatedListIds = (ctx: SandboxContext) => ctx.store.collection<{ id: string }>('crm:related_list_ids');

function idOf(ctx: SandboxContext, parent: ModuleDef, def: RelatedListDef): string {
  const key = `${parent.api_name}.${def.api_name}`;
  const known = relatedListIds(ctx).get(key);
  if (known !== undefined) return known.id;
  const id = ctx.ids.next('crm');
  relatedListIds(ctx).put(key, { id });
  return id;
}

function relatedListJson(ctx: SandboxContext, parent: ModuleDef, def: RelatedListDef, sequence: number) {
  const target = findModule(ctx, def.module);
  const sortField = target === undefined ? undefined : fieldMap(ctx, target.api_name).get('Modified_Time');
  return {
    id: idOf(ctx, parent, def),
    sequence_number: String(sequence),
    display_label: def.display_label,
    api_name: def.api_name,
    module: target === undefined ? null : { api_name: target.api_name, id: target.id },
    name: def.display_label,
    action: null,
    href: `${parent.api_name}/{ENTITYID}/${def.api_name}`,
    type: 'default',
    customize_sort: true,
    customize_fields: true,
    customize_display_label: true,
    status: 'visible',
    visibility: 1,
    sort_by: sortField === undefined ? null : { api_name: sortField.api_name, id: sortField.id },
    sort_order: sortField === undefined ? null : 'desc',
    fields: [],
  };
}

/** The `module` parameter (required), then `layout_id` and `status` when given; the module's lists or an error. */
function moduleLists(
  ctx: SandboxContext,
  query: URLSearchParams,
): ReturnType<typeof relatedListJson>[] | SandboxResponse {
  const name = query.get('module');
  if (name === null || name === '') return requiredParamMissing('module');
  const parent = findModule(ctx, name);
  // `param_name` as the newest document has it, `param` as related_lists.json requires (like `requiredParamMissing`).
  if (parent === undefined || !parent.api_supported)
    return errorResponse(
      400,
      crmError('INVALID_MODULE', 'the module name given seems to be invalid', {
        param_name: 'module',
        param: 'module',
      }),
    );
  const layoutId = query.get('layout_id');
  if (layoutId !== null && !layoutsOf(ctx, parent.api_name).has(layoutId))
    return errorResponse(400, crmError('INVALID_DATA', 'Invalid Layout Id', { param_name: 'layout_id' }));
  const status = query.get('status');
  if (status !== null && !(STATUSES as readonly string[]).includes(status))
    return errorResponse(
      400,
      crmError('INVALID_DATA', 'The status given is invalid.', {
        param_name: 'status',
        supported_values: [...STATUSES],
      }),
    );
  // Every list the sandbox serves is visible; a filter on another status finds none.
  if (status !== null && status !== 'visible') return [];
  return (RELATED_LISTS[parent.api_name] ?? []).map((def, i) => relatedListJson(ctx, parent, def, i + 1));
}

export const listRelatedLists: Handler = (req, ctx) => {
  const lists = moduleLists(ctx, req.query);
  if (isResponse(lists)) return lists;
  return lists.length === 0 ? { status: 204 } : { status: 200, body: { related_lists: lists } };
};

export const getRelatedList: Handler = (req, ctx) => {
  const lists = moduleLists(ctx, req.query);
  if (isResponse(lists)) return lists;
  const one = lists.find((l) => l.id === req.params.id);
  return one === undefined ? { status: 204 } : { status: 200, body: { related_lists: [one] } };
};
