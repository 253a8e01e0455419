/**
 * The org's people, as the stage owners of a model name them: CRM users (by email or full name), roles and
 * profiles; Desk departments, agents and teams; Books users. Read once per run (one list call each, only for the
 * products asked for; Desk teams one call per department the owners name), matched case-insensitively.
 */

import type { BooksUser } from './books/types.js';
import { collect } from './collect.js';
import type { ZohoClients } from './create-clients.js';
import type { CrmProfile, CrmRole, CrmUser } from './crm/types.js';
import type { DeskAgent, DeskDepartment, DeskTeam } from './desk/types.js';

export interface OrgDirectory {
  crm?: { users: CrmUser[]; roles: CrmRole[]; profiles: CrmProfile[] };
  desk?: DeskDirectory;
  books?: { users: BooksUser[] };
}

export interface DeskDirectory {
  departments: DeskDepartment[];
  agents: DeskAgent[];
  /** The teams of the departments in `teamsRead` (ids), when teams were asked for. */
  teams?: DeskTeam[];
  teamsRead?: string[];
}

/**
 * Reads the directory of the products asked for. `deskTeams`: the departments whose teams to read, by the names the
 * owners give (`undefined`: an owner names a team without a department); every department's when one is undefined
 * or not in the org.
 */
export async function readOrgDirectory(
  clients: ZohoClients,
  products: { crm?: boolean; desk?: boolean; deskTeams?: readonly (string | undefined)[]; books?: boolean },
): Promise<OrgDirectory> {
  const [crm, desk, books] = await Promise.all([
    products.crm
      ? Promise.all([collect(clients.crm.users()), clients.crm.listRoles(), clients.crm.listProfiles()])
      : undefined,
    products.desk || products.deskTeams ? readDesk(clients, products.deskTeams) : undefined,
    products.books ? collect(clients.books.users()) : undefined,
  ]);
  return {
    ...(crm === undefined ? {} : { crm: { users: crm[0], roles: crm[1], profiles: crm[2] } }),
    ...(desk === undefined ? {} : { desk }),
    ...(books === undefined ? {} : { books: { users: books } }),
  };
}

async function readDesk(
  clients: ZohoClients,
  teamDepartments: readonly (string | undefined)[] | undefined,
): Promise<DeskDirectory> {
  const departments = collect(clients.desk.departments());
  const [list, agents, teams] = await Promise.all([
    departments,
    collect(clients.desk.agents()),
    teamDepartments === undefined
      ? undefined
      : departments.then(async (all) => {
          const chosen = chooseDepartments(all, teamDepartments);
          return { teams: await teamsOf(clients, chosen), teamsRead: chosen.map((d) => d.id) };
        }),
  ]);
  return { departments: list, agents, ...teams };
}

function chooseDepartments(all: readonly DeskDepartment[], names: readonly (string | undefined)[]): DeskDepartment[] {
  const found = names.map((n) => (n === undefined ? undefined : findDeskDepartment(all, n)));
  if (found.some((d) => d === undefined)) return [...all];
  return all.filter((d) => found.includes(d));
}

/** `desk` with the teams of every department (reading only those of departments not yet read). */
export async function withEveryTeam(clients: ZohoClients, desk: DeskDirectory): Promise<DeskDirectory> {
  const read = new Set(desk.teamsRead ?? []);
  const rest = desk.departments.filter((d) => !read.has(d.id));
  if (rest.length === 0) return desk;
  const more = await teamsOf(clients, rest);
  return { ...desk, teams: [...(desk.teams ?? []), ...more], teamsRead: desk.departments.map((d) => d.id) };
}

/** The teams of the departments given, one call each (Desk lists teams per department). */
export async function teamsOf(clients: ZohoClients, departments: readonly DeskDepartment[]): Promise<DeskTeam[]> {
  const lists = await Promise.all(departments.map((d) => clients.desk.teamsInDepartment(d.id)));
  return lists.flat();
}

function same(a: unknown, b: string): boolean {
  return typeof a === 'string' && a.trim().toLowerCase() === b.trim().toLowerCase();
}

/** The CRM user a reference names: an email, or a full name. */
export function findCrmUser(users: readonly CrmUser[], ref: string): CrmUser | undefined {
  return users.find((u) => same(u.email, ref)) ?? users.find((u) => same(u.full_name, ref));
}

/** A CRM role or profile by its name (or display label). */
export function findNamed<T extends { name: string; display_label?: string }>(
  list: readonly T[],
  name: string,
): T | undefined {
  return list.find((r) => same(r.name, name)) ?? list.find((r) => same(r.display_label, name));
}

/** Active CRM users in a role (and profile, when given). */
export function crmUsersIn(
  users: readonly CrmUser[],
  role: string | undefined,
  profile: string | undefined,
): CrmUser[] {
  return users.filter(
    (u) =>
      (u.status === undefined || u.status === 'active') &&
      (role === undefined || same(u.role?.name, role)) &&
      (profile === undefined || same(u.profile?.name, profile)),
  );
}

/** An active Books user by email or name. */
export function findBooksUser(users: readonly BooksUser[], ref: string): BooksUser | undefined {
  return users.find((u) => same(u.email, ref)) ?? users.find((u) => same(u.name, ref));
}

/** A Desk department by name. */
export function findDeskDepartment(list: readonly DeskDepartment[], name: string): DeskDepartment | undefined {
  return list.find((d) => same(d.name, name));
}

/** A Desk team by name, in the department given (any department when undefined). */
export function findDeskTeam(
  list: readonly DeskTeam[],
  name: string,
  departmentId: string | undefined,
): DeskTeam | undefined {
  return list.find((t) => same(t.name, name) && (departmentId === undefined || t.departmentId === departmentId));
}

/** A Desk agent by email (`emailId`) or name. */
export function findDeskAgent(list: readonly DeskAgent[], ref: string): DeskAgent | undefined {
  return list.find((a) => same(a.emailId, ref)) ?? list.find((a) => same(a.name, ref));
}
