/** Departments (Department.json): list, get, count, and the agents of a department. */
import type { Route, SandboxContext, SandboxRequest, SandboxResponse } from '../core/types.js';
import { agentShape } from './agents.js';
import { invalidQueryParam, urlNotFound } from './errors.js';
import { listResponse, pageOf, readPage } from './paging.js';
import { type DepartmentRecord, deskData, iso } from './records.js';

export function departmentShape(d: DepartmentRecord): Record<string, unknown> {
  return {
    id: d.id,
    name: d.name,
    nameInCustomerPortal: d.name,
    sanitizedName: d.name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    description: d.description,
    isDefault: d.isDefault,
    isEnabled: d.isEnabled,
    isAssignToTeamEnabled: false,
    isVisibleInCustomerPortal: true,
    hasLogo: false,
    chatStatus: 'NOT_CREATED',
    creatorId: d.creatorId,
    createdTime: iso(d.createdTime),
  };
}

function readEnabled(req: SandboxRequest): boolean | undefined | 'bad' {
  const v = req.query.get('isEnabled');
  if (v === null || v === '') return undefined;
  return v === 'true' ? true : v === 'false' ? false : 'bad';
}

function listDepartments(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const page = readPage(req, { limit: 10, max: 200 });
  if (!page.ok) return page.response;
  const enabled = readEnabled(req);
  if (enabled === 'bad') return invalidQueryParam('isEnabled');
  const all = [...deskData(ctx).departments.values()].filter((d) => enabled === undefined || d.isEnabled === enabled);
  return listResponse(pageOf(all, page.page).map(departmentShape));
}

function countDepartments(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const enabled = readEnabled(req);
  if (enabled === 'bad') return invalidQueryParam('isEnabled');
  let count = 0;
  for (const d of deskData(ctx).departments.values()) if (enabled === undefined || d.isEnabled === enabled) count++;
  return { status: 200, body: { count } };
}

function getDepartment(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const d = deskData(ctx).departments.get(req.params.departmentId ?? '');
  return d === undefined
    ? urlNotFound()
    : { status: 200, body: { ...departmentShape(d), associatedAgentIds: d.agentIds } };
}

function agentsOfDepartment(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const data = deskData(ctx);
  const d = data.departments.get(req.params.departmentId ?? '');
  if (d === undefined) return urlNotFound();
  const page = readPage(req, { limit: 10, max: 200 });
  if (!page.ok) return page.response;
  const agents = d.agentIds.flatMap((id) => {
    const a = data.agents.get(id);
    return a === undefined ? [] : [agentShape(a)];
  });
  return listResponse(pageOf(agents, page.page));
}

export const departmentRoutes: Route[] = [
  { method: 'GET', path: '/api/v1/departments', handler: listDepartments, cost: 3 },
  { method: 'GET', path: '/api/v1/departments/count', handler: countDepartments },
  { method: 'GET', path: '/api/v1/departments/:departmentId', handler: getDepartment },
  { method: 'GET', path: '/api/v1/departments/:departmentId/agents', handler: agentsOfDepartment, cost: 3 },
];
