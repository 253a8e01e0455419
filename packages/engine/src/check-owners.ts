/**
 * The stage owners resolved against the org at plan time: each CRM role, user and profile, Books user, Desk
 * department, team and agent an owner names must exist (users active; a team in the owner's department when both are
 * named). A Books role is not checked: Books' API documents no list of roles, and a user carries only a `role_id`
 * and a `user_role` of staff, admin or timesheetstaff. A name that is not there is a plan error saying where it is
 * written and the closest name the org has. Pure: the model and the directory as read.
 */
import { closest, type ResolvedModel, type ResolvedOwner } from '@zlc/model';
import {
  crmUsersIn,
  type DeskDirectory,
  findBooksUser,
  findCrmUser,
  findDeskAgent,
  findDeskDepartment,
  findDeskTeam,
  findNamed,
  type OrgDirectory,
  readOrgDirectory,
  withEveryTeam,
  type ZohoClients,
} from '@zlc/zoho';

/** A plan refused because owners name people or groups the org does not have; `problems` says each. */
export class OwnerResolutionError extends Error {
  readonly problems: readonly string[];
  constructor(problems: readonly string[]) {
    super(`the model's owners name what the org does not have:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'OwnerResolutionError';
    this.problems = problems;
  }
}

function problem(at: string, what: string, name: string, candidates: Iterable<string>, where = 'the org'): string {
  const near = closest(name, candidates);
  return `owners.${at}: no ${what} '${name}' in ${where}${near === undefined ? '' : ` (did you mean '${near}'?)`}`;
}

function names(list: readonly { name?: unknown; email?: unknown; emailId?: unknown }[]): string[] {
  return list.flatMap((x) => [x.name, x.email, x.emailId].filter((v): v is string => typeof v === 'string'));
}

function crmProblems(owner: ResolvedOwner, crm: NonNullable<OrgDirectory['crm']>): string[] {
  const out: string[] = [];
  const at = `${owner.id}.crm`;
  const { role, user, profile } = owner.crm;
  if (role !== undefined && findNamed(crm.roles, role) === undefined)
    out.push(
      problem(
        `${at}.role`,
        'CRM role',
        role,
        crm.roles.map((r) => r.name),
      ),
    );
  if (profile !== undefined && findNamed(crm.profiles, profile) === undefined)
    out.push(
      problem(
        `${at}.profile`,
        'CRM profile',
        profile,
        crm.profiles.map((p) => p.name),
      ),
    );
  const active = crmUsersIn(crm.users, undefined, undefined);
  if (user !== undefined && findCrmUser(active, user) === undefined)
    out.push(problem(`${at}.user`, 'active CRM user', user, names(active.map((u) => ({ ...u, name: u.full_name })))));
  if (out.length === 0 && role !== undefined && user === undefined && crmUsersIn(crm.users, role, profile).length === 0)
    out.push(
      `owners.${at}: no active CRM user holds role '${role}'${profile === undefined ? '' : ` with profile '${profile}'`}, so the stage's tasks have no one to go to`,
    );
  return out;
}

function deskProblems(owner: ResolvedOwner, desk: DeskDirectory): string[] {
  const out: string[] = [];
  const at = `${owner.id}.desk`;
  const { department, agent } = owner.desk;
  if (department !== undefined && findDeskDepartment(desk.departments, department) === undefined)
    out.push(
      problem(
        `${at}.department`,
        'Desk department',
        department,
        desk.departments.map((d) => d.name),
      ),
    );
  out.push(...teamProblems(owner, desk));
  if (agent !== undefined && findDeskAgent(desk.agents, agent) === undefined)
    out.push(problem(`${at}.agent`, 'Desk agent', agent, names(desk.agents)));
  return out;
}

/** The owner's team must be one of its department's teams (of any department's when none is named or found). */
function teamProblems(owner: ResolvedOwner, desk: DeskDirectory): string[] {
  const { team } = owner.desk;
  if (team === undefined || desk.teams === undefined) return [];
  const at = `${owner.id}.desk.team`;
  const department = findDeskDepartment(desk.departments, owner.desk.department ?? '');
  if (department === undefined) {
    if (findDeskTeam(desk.teams, team, undefined) !== undefined) return [];
    return [
      problem(
        at,
        'Desk team',
        team,
        desk.teams.map((t) => t.name),
      ),
    ];
  }
  if (findDeskTeam(desk.teams, team, department.id) !== undefined) return [];
  const elsewhere = findDeskTeam(desk.teams, team, undefined);
  const home = desk.departments.find((d) => d.id === elsewhere?.departmentId);
  if (elsewhere !== undefined && home !== undefined)
    return [`owners.${at}: Desk team '${elsewhere.name}' is in department '${home.name}', not '${department.name}'`];
  const ofDepartment = desk.teams.filter((t) => t.departmentId === department.id).map((t) => t.name);
  return [problem(at, 'Desk team', team, ofDepartment, `department '${department.name}'`)];
}

function booksProblems(owner: ResolvedOwner, books: NonNullable<OrgDirectory['books']>): string[] {
  const user = owner.books.user;
  if (user === undefined || findBooksUser(books.users, user) !== undefined) return [];
  return [problem(`${owner.id}.books.user`, 'active Books user', user, names(books.users))];
}

/** What each owner names that the directory lacks, in owner order. */
export function ownerProblems(model: ResolvedModel, directory: OrgDirectory): string[] {
  return model.owners.flatMap((owner) => [
    ...(directory.crm === undefined ? [] : crmProblems(owner, directory.crm)),
    ...(directory.books === undefined ? [] : booksProblems(owner, directory.books)),
    ...(directory.desk === undefined ? [] : deskProblems(owner, directory.desk)),
  ]);
}

/**
 * Reads the directory the owners need (only the products some owner names; Desk teams only of the departments the
 * owners name, unless an owner names a team alone) and checks them. A team not found in its department sends for
 * every department's teams, to say which department holds it.
 */
export async function checkOwners(clients: ZohoClients, model: ResolvedModel): Promise<{ calls: number }> {
  const crm = model.owners.some((o) => Object.keys(o.crm).length > 0);
  const teamOwners = model.owners.filter((o) => o.desk.team !== undefined);
  const deskTeams = teamOwners.length > 0 ? teamOwners.map((o) => o.desk.department) : undefined;
  const desk =
    teamOwners.length > 0 || model.owners.some((o) => o.desk.department !== undefined || o.desk.agent !== undefined);
  const books = model.owners.some((o) => o.books.user !== undefined);
  if (!crm && !desk && !books) return { calls: 0 };
  const directory = await readOrgDirectory(clients, { crm, desk, ...(deskTeams ? { deskTeams } : {}), books });
  const read = directory.desk;
  if (read !== undefined && teamOwners.some((o) => teamProblems(o, read).length > 0))
    directory.desk = await withEveryTeam(clients, read);
  const problems = ownerProblems(model, directory);
  if (problems.length > 0) throw new OwnerResolutionError(problems);
  const teamReads = directory.desk?.teamsRead?.length ?? 0;
  return { calls: (crm ? 3 : 0) + (desk ? 2 : 0) + teamReads + (books ? 1 : 0) };
}
