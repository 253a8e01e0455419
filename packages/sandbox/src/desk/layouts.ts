/**
 * Layouts (Layout.json): `GET /layouts?module=` and `GET /layouts/{layoutId}`. Each module has its standard layout
 * (tickets: one per department); a layout's sections list the module's standard fields and then its custom fields.
 */
import type { Route, SandboxContext, SandboxRequest, SandboxResponse } from '../core/types.js';
import { fieldError, invalidData, invalidQueryParam } from './errors.js';
import { layoutFieldShape } from './layout-field-shape.js';
import { listResponse, pageOf, readPage } from './paging.js';
import { DESK_MODULES, deskData, iso, type LayoutRecord } from './records.js';

function layoutShape(ctx: SandboxContext, l: LayoutRecord): Record<string, unknown> {
  const creator = deskData(ctx).agents.values().next().value?.id ?? null;
  return {
    id: l.id,
    layoutName: l.layoutName,
    layoutDisplayName: l.layoutName,
    layoutDesc: null,
    module: l.module,
    departmentId: l.departmentId,
    status: 'active',
    isStandardLayout: true,
    isDefaultLayout: l.isDefaultLayout,
    hasLogo: false,
    photoURL: null,
    skipDeptAccessValidation: false,
    createdBy: creator,
    modifiedBy: creator,
    createdTime: iso(l.createdTime),
    modifiedTime: iso(l.createdTime),
  };
}

/** Section ids are small int32s per layout (Layout.json types them int32). */
function sections(ctx: SandboxContext, l: LayoutRecord): Record<string, unknown>[] {
  const fields = [...deskData(ctx).fields.values()].filter((f) => f.module === l.module);
  const standard = fields.filter((f) => !f.isCustomField).map((f) => layoutFieldShape(f, l.id));
  const custom = fields.filter((f) => f.isCustomField).map((f) => layoutFieldShape(f, l.id));
  const out = [
    {
      id: '1',
      name: `${l.module} Information`,
      i18NLabel: `${l.module} Information`,
      isCustomSection: false,
      fields: standard,
    },
  ];
  if (custom.length > 0) {
    out.push({
      id: '2',
      name: 'Additional Information',
      i18NLabel: 'Additional Information',
      isCustomSection: true,
      fields: custom,
    });
  }
  return out;
}

function listLayouts(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const module = DESK_MODULES.find((m) => m === req.query.get('module'));
  if (module === undefined) return invalidQueryParam('module');
  const page = readPage(req, { limit: 99, max: 99 });
  if (!page.ok) return page.response;
  const status = req.query.get('status');
  if (status !== null && !['active', 'inactive', 'all'].includes(status)) return invalidQueryParam('status');
  const dept = req.query.get('departmentId');
  const all = [...deskData(ctx).layouts.values()].filter(
    (l) => l.module === module && (dept === null || dept === '' || l.departmentId === dept) && status !== 'inactive',
  );
  return listResponse(pageOf(all, page.page).map((l) => ({ ...layoutShape(ctx, l), layoutProfiles: [] })));
}

function getLayout(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const l = deskData(ctx).layouts.get(req.params.layoutId ?? '');
  if (l === undefined) return invalidData([fieldError('/layoutId', 'invalid', 'No layout exists with this id.')]);
  return { status: 200, body: { ...layoutShape(ctx, l), sections: sections(ctx, l) } };
}

export const layoutRoutes: Route[] = [
  { method: 'GET', path: '/api/v1/layouts', handler: listLayouts, cost: 3 },
  { method: 'GET', path: '/api/v1/layouts/:layoutId', handler: getLayout },
];
