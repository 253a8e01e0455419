/**
 * Related records (related_records.json) of the lists in `related-list-defs.ts`. Deal products are the Deals
 * `Products` related list: link with `PUT /Deals/{id}/Products/{product_id}`, read with `GET /Deals/{id}/Products`,
 * unlink with DELETE. Lookup-backed lists (`Accounts/{id}/Contacts`, `Accounts/{id}/Deals`, `Contacts/{id}/Deals`)
 * are read-only views.
 */
import type { Handler, SandboxContext, SandboxRequest } from '../core/types.js';
import { batchStatus, crmError, errorResponse, invalidIdError, MESSAGES } from './errors.js';
import type { ModuleDef, RecordDoc } from './model.js';
import { isModule, recordModule } from './module-guard.js';
import { isResponse, pageInfo, parsePage } from './paging.js';
import { findRelatedList } from './related-list-defs.js';
import { parseFieldsParam, renderer } from './render.js';
import { dealProducts, findModule, now, recordsOf } from './state.js';

function resolve(
  ctx: SandboxContext,
  moduleName: string | undefined,
  id: string | undefined,
  list: string | undefined,
) {
  const mod = recordModule(ctx, moduleName);
  if (!isModule(mod)) return mod;
  const rel = findRelatedList(mod.api_name, list ?? '');
  if (!rel) return errorResponse(400, crmError('INVALID_DATA', 'invalid data', { resource_path_index: 2 }));
  const parent = recordsOf(ctx, mod.api_name).get(id ?? '');
  if (!parent) return errorResponse(400, crmError('INVALID_DATA', MESSAGES.invalidId, { resource_path_index: 1 }));
  const target = findModule(ctx, rel.module);
  if (!target)
    return errorResponse(400, crmError('INVALID_MODULE', MESSAGES.invalidModule, { resource_path_index: 2 }));
  return { mod, rel, parent, target };
}

function relatedDocs(
  ctx: SandboxContext,
  mod: ModuleDef,
  parent: RecordDoc,
  target: ModuleDef,
  rel: { lookup?: string; link?: string },
): RecordDoc[] {
  if (rel.link === 'deal_products') {
    const links = [...dealProducts(ctx).values()];
    const ids =
      mod.api_name === 'Deals'
        ? links.filter((l) => l.deal_id === parent.id).map((l) => l.product_id)
        : links.filter((l) => l.product_id === parent.id).map((l) => l.deal_id);
    return ids.flatMap((i) => recordsOf(ctx, target.api_name).get(i) ?? []);
  }
  const key = rel.lookup ?? '';
  return [...recordsOf(ctx, target.api_name).values()].filter((d) => {
    const v = d[key];
    return typeof v === 'object' && v !== null && (v as { id?: unknown }).id === parent.id;
  });
}

export const getRelated: Handler = (req, ctx) => {
  const r = resolve(ctx, req.params.module, req.params.id, req.params.related);
  if (isResponse(r)) return r;
  const fields = parseFieldsParam(ctx, r.target, req.query.get('fields'));
  if (!fields.ok)
    return errorResponse(400, crmError('INVALID_DATA', MESSAGES.invalidData, { api_name: fields.unknown }));
  if (!fields.fields)
    return errorResponse(400, crmError('REQUIRED_PARAM_MISSING', MESSAGES.paramMissing, { param_name: 'fields' }));
  const page = parsePage(ctx, req.query, `rel|${r.mod.api_name}|${r.parent.id}|${req.params.related}`);
  if (isResponse(page)) return page;
  const docs = relatedDocs(ctx, r.mod, r.parent, r.target, r.rel);
  const slice = docs.slice(page.offset, page.offset + page.perPage);
  if (slice.length === 0) return { status: 204 };
  const render = renderer(ctx, r.target, fields.fields);
  return {
    status: 200,
    body: { data: slice.map((d) => render.render(d)), info: pageInfo(ctx, page, docs.length, slice.length) },
  };
};

/** The lists that can be linked and unlinked (deal products); lookup-backed lists answer NOT_SUPPORTED. */
function resolveLinkable(ctx: SandboxContext, req: SandboxRequest) {
  const r = resolve(ctx, req.params.module, req.params.id, req.params.related);
  if (isResponse(r)) return r;
  if (r.rel.link !== 'deal_products')
    return errorResponse(400, crmError('NOT_SUPPORTED', 'not supported', { resource_path_index: 2 }));
  return r;
}

function linkOne(ctx: SandboxContext, mod: ModuleDef, parent: RecordDoc, target: ModuleDef, relatedId: string) {
  if (!recordsOf(ctx, target.api_name).has(relatedId)) return { ...invalidIdError(relatedId) };
  const [dealId, productId] = mod.api_name === 'Deals' ? [parent.id, relatedId] : [relatedId, parent.id];
  dealProducts(ctx).put(`${dealId}:${productId}`, { deal_id: dealId, product_id: productId, linked_time: now(ctx) });
  return { code: 'SUCCESS', details: { id: relatedId }, message: 'record updated', status: 'success' };
}

export const linkRelated: Handler = (req, ctx) => {
  const r = resolveLinkable(ctx, req);
  if (isResponse(r)) return r;
  const item = linkOne(ctx, r.mod, r.parent, r.target, req.params.related_id ?? '');
  return { status: item.status === 'success' ? 200 : 400, body: { data: [item] } };
};

export const linkRelatedMany: Handler = (req, ctx) => {
  const r = resolveLinkable(ctx, req);
  if (isResponse(r)) return r;
  const data = typeof req.body === 'object' && req.body !== null ? (req.body as { data?: unknown }).data : undefined;
  if (!Array.isArray(data) || data.length === 0) {
    return errorResponse(
      400,
      crmError('MANDATORY_NOT_FOUND', MESSAGES.mandatory, { api_name: 'data', json_path: '$.data' }),
    );
  }
  const items = data.map((d, i) => {
    const id = typeof d === 'object' && d !== null ? (d as { id?: unknown }).id : undefined;
    return typeof id === 'string'
      ? linkOne(ctx, r.mod, r.parent, r.target, id)
      : { ...crmError('MANDATORY_NOT_FOUND', MESSAGES.mandatory, { api_name: 'id', json_path: `$.data[${i}].id` }) };
  });
  const ok = items.filter((i) => i.status === 'success').length;
  return { status: batchStatus(ok, items.length, 200), body: { data: items } };
};

export const unlinkRelated: Handler = (req, ctx) => {
  const r = resolveLinkable(ctx, req);
  if (isResponse(r)) return r;
  const relatedId = req.params.related_id ?? '';
  const key = r.mod.api_name === 'Deals' ? `${r.parent.id}:${relatedId}` : `${relatedId}:${r.parent.id}`;
  if (!dealProducts(ctx).delete(key)) return { status: 400, body: { data: [{ ...invalidIdError(relatedId) }] } };
  return {
    status: 200,
    body: { data: [{ code: 'SUCCESS', details: { id: relatedId }, message: 'record deleted', status: 'success' }] },
  };
};
