/**
 * Teams: `GET /departments/{departmentId}/teams` (`getTeamsInDepartment`) as zoho/zohodesk-oas `v1.0/Team.json`
 * documents it (not in the local spec copy; SPEC.md, [D:Team]): `200 {teams: [...]}`, each entry the
 * `teamResponse` shape with all its required properties.
 */
import type { Route, SandboxContext, SandboxRequest, SandboxResponse } from '../core/types.js';
import { urlNotFound } from './errors.js';
import { deskData, type TeamRecord } from './records.js';

export function teamShape(t: TeamRecord): Record<string, unknown> {
  return {
    id: t.id,
    name: t.name,
    description: t.description,
    departmentId: t.departmentId,
    // The sandbox has no Desk roles or sub-teams, so a team's members are exactly its agents.
    roles: [],
    rolesWithSubordinates: [],
    subTeams: [],
    agents: t.agentIds,
    derivedAgents: t.agentIds,
    logoUrl: null,
  };
}

function teamsInDepartment(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const data = deskData(ctx);
  const departmentId = req.params.departmentId ?? '';
  if (!data.departments.has(departmentId)) return urlNotFound();
  const teams = [...data.teams.values()].filter((t) => t.departmentId === departmentId);
  // teamListResponse requires `teams` and documents only 200, so a department without teams answers an empty list.
  return { status: 200, body: { teams: teams.map(teamShape) } };
}

export const teamRoutes: Route[] = [
  { method: 'GET', path: '/api/v1/departments/:departmentId/teams', handler: teamsInDepartment },
];
