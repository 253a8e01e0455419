/**
 * Agents: `GET /agents` and `GET /agents/{agentId}`. Agent.json is not in the local spec copy; the shape follows
 * Desk's agent API documentation (see SPEC.md, unverified against the OAS).
 */
import type { Route, SandboxContext, SandboxRequest, SandboxResponse } from '../core/types.js';
import { invalidQueryParam, urlNotFound } from './errors.js';
import { listResponse, pageOf, readPage } from './paging.js';
import { type AgentRecord, deskData } from './records.js';

export function agentShape(a: AgentRecord): Record<string, unknown> {
  return {
    id: a.id,
    firstName: a.firstName,
    lastName: a.lastName,
    name: `${a.firstName} ${a.lastName}`,
    emailId: a.email,
    phone: null,
    mobile: null,
    roleId: a.roleId,
    profileId: a.profileId,
    status: a.status,
    isConfirmed: a.isConfirmed,
    associatedDepartmentIds: a.departmentIds,
    associatedChatDepartmentIds: [],
    photoURL: null,
    langCode: 'en_US',
    timeZone: 'Etc/UTC',
  };
}

function listAgents(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const page = readPage(req, { limit: 10, max: 200 });
  if (!page.ok) return page.response;
  const status = req.query.get('status');
  if (status !== null && status !== 'ACTIVE' && status !== 'DISABLED') return invalidQueryParam('status');
  const dept = req.query.get('departmentIds');
  const depts = dept === null || dept === '' ? undefined : dept.split(',');
  const all = [...deskData(ctx).agents.values()].filter(
    (a) =>
      (status === null || a.status === status) &&
      (depts === undefined || a.departmentIds.some((d) => depts.includes(d))),
  );
  return listResponse(pageOf(all, page.page).map(agentShape));
}

function getAgent(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const a = deskData(ctx).agents.get(req.params.agentId ?? '');
  return a === undefined ? urlNotFound() : { status: 200, body: agentShape(a) };
}

export const agentRoutes: Route[] = [
  { method: 'GET', path: '/api/v1/agents', handler: listAgents, cost: 3 },
  { method: 'GET', path: '/api/v1/agents/:agentId', handler: getAgent },
];
