/**
 * The stage owners resolved against the org at plan time: each CRM role, user and profile, Books user, Desk
 * department and agent an owner names must exist (users active; a Books role is not checked: Books lists a user's
 * `user_role` as staff, admin or timesheetstaff only). A name that is not there is a plan error
 * saying where it is written and the closest name the org has. Pure: the model and the directory as read.
 */
import { closest, type ResolvedModel, type ResolvedOwner } from '@zlc/model';
import {
  crmUsersIn,
  findBooksUser,
  findCrmUser,
  findDeskAgent,
  findDeskDepartment,
  findNamed,
  type OrgDirectory,
  readOrgDirectory,
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

function problem(at: string, what: string, name: string, candidates: Iterable<string>): string {
  const near = closest(name, candidates);
  return `owners.${at}: no ${what} '${name}' in the org${near === undefined ? '' : ` (did you mean '${near}'?)`}`;
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

function deskProblems(owner: ResolvedOwner, desk: NonNullable<OrgDirectory['desk']>): string[] {
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
  if (agent !== undefined && findDeskAgent(desk.agents, agent) === undefined)
    out.push(problem(`${at}.agent`, 'Desk agent', agent, names(desk.agents)));
  return out;
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

/** Reads the directory the owners need (CRM, Desk: only products some owner names) and checks them. */
export async function checkOwners(clients: ZohoClients, model: ResolvedModel): Promise<{ calls: number }> {
  const crm = model.owners.some((o) => Object.keys(o.crm).length > 0);
  const desk = model.owners.some((o) => o.desk.department !== undefined || o.desk.agent !== undefined);
  const books = model.owners.some((o) => o.books.user !== undefined);
  if (!crm && !desk && !books) return { calls: 0 };
  const directory = await readOrgDirectory(clients, { crm, desk, books });
  const problems = ownerProblems(model, directory);
  if (problems.length > 0) throw new OwnerResolutionError(problems);
  return { calls: (crm ? 3 : 0) + (desk ? 2 : 0) + (books ? 1 : 0) };
}
