/**
 * Who a stage owner's task goes to in CRM: the named user (`crm.user`, an email or full name); for a role (and
 * profile), the record's own owner when they hold it, else the first active user who does; with neither, the record's
 * owner. CRM's users are read once and kept for ten minutes, so a run costs no extra call.
 */
import type { ResolvedOwner } from '@zlc/model';
import {
  type CrmUser,
  collect,
  crmUsersIn,
  type DeskAgent,
  type DeskDepartment,
  type DeskTeam,
  findCrmUser,
  findDeskAgent,
  findDeskDepartment,
  findDeskTeam,
  teamsOf,
  type ZohoClients,
} from '@zlc/zoho';
import { isRec, type Rec } from '../evaluate/snapshot.js';

const KEEP_MS = 10 * 60_000;

type Desk = { departments: DeskDepartment[]; agents: DeskAgent[] };

type Kept<T> = { at: number; list: Promise<T> };

export class StageOwners {
  private users: { at: number; list: Promise<CrmUser[]> } | undefined;
  private desk: Kept<Desk> | undefined;
  private teams: Kept<DeskTeam[]> | undefined;

  constructor(
    private readonly clients: ZohoClients,
    private readonly now: () => number = Date.now,
  ) {}

  private list(): Promise<CrmUser[]> {
    if (this.users === undefined || this.now() - this.users.at > KEEP_MS) {
      const list = collect(this.clients.crm.users('ActiveUsers'));
      this.users = { at: this.now(), list };
      list.catch(() => {
        this.users = undefined;
      });
    }
    return this.users.list;
  }

  /** The CRM user id a task for `owner` about `record` goes to (undefined: leave the org's default). */
  async userFor(owner: ResolvedOwner | undefined, record: Rec): Promise<string | undefined> {
    const recordOwner = isRec(record.Owner) && typeof record.Owner.id === 'string' ? record.Owner.id : undefined;
    const crm = owner?.crm ?? {};
    if (crm.user === undefined && crm.role === undefined && crm.profile === undefined) return recordOwner;
    const users = await this.list();
    if (crm.user !== undefined) return findCrmUser(users, crm.user)?.id ?? recordOwner;
    const holders = crmUsersIn(users, crm.role, crm.profile);
    return (holders.find((u) => u.id === recordOwner) ?? holders[0])?.id ?? recordOwner;
  }

  private deskDirectory(): Promise<Desk> {
    if (this.desk === undefined || this.now() - this.desk.at > KEEP_MS) {
      const list = Promise.all([
        collect(this.clients.desk.departments()),
        collect(this.clients.desk.agents({ status: 'ACTIVE' })),
      ]).then(([departments, agents]) => ({ departments, agents }));
      this.desk = { at: this.now(), list };
      list.catch(() => {
        if (this.desk?.list === list) this.desk = undefined;
      });
    }
    return this.desk.list;
  }

  /** Every department's teams (one call each), read only when an owner names a team. */
  private deskTeams(departments: readonly DeskDepartment[]): Promise<DeskTeam[]> {
    if (this.teams === undefined || this.now() - this.teams.at > KEEP_MS) {
      const list = teamsOf(this.clients, departments);
      this.teams = { at: this.now(), list };
      list.catch(() => {
        if (this.teams?.list === list) this.teams = undefined;
      });
    }
    return this.teams.list;
  }

  /**
   * The Desk agent a record of `owner` belongs to: the named agent, else the first active agent of the owner's team
   * (in its department when one is named), else of the owner's department (so the account lands in that team's or
   * department's hands); undefined when the owner names none of them.
   */
  async deskAgentFor(owner: ResolvedOwner | undefined): Promise<string | undefined> {
    const desk = owner?.desk ?? {};
    if (desk.agent === undefined && desk.department === undefined && desk.team === undefined) return undefined;
    const { departments, agents } = await this.deskDirectory();
    if (desk.agent !== undefined) return findDeskAgent(agents, desk.agent)?.id;
    const department = findDeskDepartment(departments, desk.department ?? '');
    if (desk.team !== undefined) {
      const team = findDeskTeam(await this.deskTeams(departments), desk.team, department?.id);
      const members = team?.derivedAgents ?? team?.agents ?? [];
      const inTeam = agents.find((a) => members.includes(a.id));
      if (inTeam !== undefined) return inTeam.id;
    }
    if (department === undefined) return undefined;
    const inIt = agents.find(
      (a) => Array.isArray(a.associatedDepartmentIds) && a.associatedDepartmentIds.includes(department.id),
    );
    return inIt?.id;
  }
}
