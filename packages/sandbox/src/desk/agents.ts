/**
 * Agents: `GET /agents` (`getAgents`) and `GET /agents/{agentId}` (`getAgent`) as zoho/zohodesk-oas
 * `v1.0/Agent.json` documents them (not in the local spec copy; SPEC.md, [D:Agent]).
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

/** getAgents' `status` enum; the sandbox's agents are only ever ACTIVE or DISABLED, so the others find none. */
const AGENT_STATUSES = ['ACTIVE', 'DISABLED', 'DELETED', 'IMPORTED'];
/** getAgents: "The maximum number of IDs allowed is 50." */
const MAX_DEPARTMENT_IDS = 50;

function listAgents(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const page = readPage(req, { limit: 10, max: 200 });
  if (!page.ok) return page.response;
  const status = req.query.get('status');
  if (status !== null && !AGENT_STATUSES.includes(status)) return invalidQueryParam('status');
  const dept = req.query.get('departmentIds');
  const depts = dept === null || dept === '' ? undefined : dept.split(',');
  if (depts !== undefined && depts.length > MAX_DEPARTMENT_IDS) return invalidQueryParam('departmentIds');
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
