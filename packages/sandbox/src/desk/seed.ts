/**
 * Desk seeds. `empty`: the org, its admin agent, one department, the standard fields and layouts.
 * `default`: that plus four more departments (two with a team), four agents and a few accounts, contacts and tickets.
 * `large`: `default` plus 5,000 accounts with a contact each and 150,000 tickets, built in one pass.
 */
import type { SandboxContext, SeedName } from '../core/types.js';
import { newContact } from './contacts.js';
import { STANDARD_FIELDS } from './field-catalog.js';
import {
  type AccountRecord,
  type AgentRecord,
  type ContactRecord,
  DESK_MODULES,
  type DepartmentRecord,
  type DeskData,
  deskData,
  type FieldRecord,
  type TeamRecord,
  type TicketRecord,
} from './records.js';

const DAY = 86_400_000;

/** Deterministic numbers for seeds (a 32-bit LCG): the same seed always builds the same org. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0;
    return s / 4_294_967_296;
  };
}

function seedMetadata(ctx: SandboxContext, data: DeskData, departments: DepartmentRecord[]): void {
  const now = ctx.clock.now();
  for (const module of DESK_MODULES) {
    for (const s of STANDARD_FIELDS[module]) {
      const f: FieldRecord = {
        id: ctx.ids.next('desk'),
        module,
        apiName: s.apiName,
        displayLabel: s.displayLabel,
        type: s.type,
        maxLength: s.maxLength,
        isCustomField: false,
        isMandatory: s.isMandatory === true,
        isEncryptedField: false,
        decimalPlaces: null,
        roundingOption: null,
        roundingPrecision: null,
        defaultValue: null,
        pickListValues: s.pickListValues ?? null,
        statusTypes: s.statusTypes ?? null,
        lookup: s.lookup ?? null,
        toolTip: null,
        createdTime: now,
        modifiedTime: now,
      };
      data.fields.put(f.id, f);
    }
    const owners = module === 'tickets' ? departments.map((d) => d.id) : [null];
    for (const departmentId of owners) {
      const id = ctx.ids.next('desk');
      data.layouts.put(id, {
        id,
        module,
        layoutName: 'Standard Layout',
        departmentId,
        isDefaultLayout: true,
        createdTime: now,
      });
    }
  }
}

function department(
  ctx: SandboxContext,
  name: string,
  isDefault: boolean,
  creatorId: string,
  agentIds: string[],
): DepartmentRecord {
  return {
    id: ctx.ids.next('desk'),
    name,
    description: `${name} department`,
    isDefault,
    isEnabled: true,
    creatorId,
    createdTime: ctx.clock.now(),
    agentIds,
  };
}

/**
 * The teams the repository's example models name as Desk owners (sample data): Onboarding in Customer Success, made
 * of that department's last agent, so that a team's first agent differs from its department's; Deliveries in
 * Customer Service, made of all of that department's agents.
 */
function seedTeams(ctx: SandboxContext, departments: readonly DepartmentRecord[]): TeamRecord[] {
  const teams: [string, string, (agentIds: string[]) => string[]][] = [
    ['Customer Success', 'Onboarding', (ids) => ids.slice(-1)],
    ['Customer Service', 'Deliveries', (ids) => ids],
  ];
  return teams.flatMap(([departmentName, name, members]) => {
    const d = departments.find((x) => x.name === departmentName);
    if (d === undefined) return [];
    const team: TeamRecord = {
      id: ctx.ids.next('desk'),
      name,
      description: `${name} team`,
      departmentId: d.id,
      agentIds: members(d.agentIds),
      createdTime: ctx.clock.now(),
    };
    return [team];
  });
}

const AGENTS: [string, string][] = [
  ['Ada', 'Admin'],
  ['Sam', 'Support'],
  ['Bea', 'Billing'],
  ['Tom', 'Triage'],
];

function agent(ctx: SandboxContext, [firstName, lastName]: [string, string], departmentIds: string[]): AgentRecord {
  return {
    id: ctx.ids.next('desk'),
    firstName,
    lastName,
    email: `${firstName.toLowerCase()}.${lastName.toLowerCase()}@sandbox.example.com`,
    roleId: ctx.ids.next('desk'),
    profileId: ctx.ids.next('desk'),
    isConfirmed: true,
    status: 'ACTIVE',
    departmentIds,
    createdTime: ctx.clock.now(),
  };
}

function account(ctx: SandboxContext, name: string, ownerId: string, created: number): AccountRecord {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '');
  return {
    id: ctx.ids.next('desk'),
    accountName: name,
    email: `info@${slug}.example.com`,
    phone: '+1 555 0100',
    website: `https://www.${slug}.example.com`,
    industry: 'Software',
    description: null,
    code: null,
    fax: null,
    street: null,
    city: null,
    state: null,
    country: null,
    annualrevenue: null,
    ownerId,
    cf: {},
    createdTime: created,
    modifiedTime: created,
  };
}

function contact(
  ctx: SandboxContext,
  first: string,
  last: string,
  a: AccountRecord | null,
  ownerId: string,
  created: number,
): ContactRecord {
  const domain = a === null ? 'example.com' : (a.email?.split('@')[1] ?? 'example.com');
  return {
    ...newContact(ctx, last),
    firstName: first,
    email: `${first.toLowerCase()}.${last.toLowerCase()}@${domain}`,
    accountId: a?.id ?? null,
    ownerId,
    createdTime: created,
    modifiedTime: created,
  };
}

const STATUSES = ['Open', 'Open', 'On Hold', 'Escalated', 'Closed', 'Closed'];
const PRIORITIES = ['High', 'Medium', 'Low'];

function ticket(
  number: number,
  id: string,
  subject: string,
  c: ContactRecord,
  departmentId: string,
  assigneeId: string | null,
  status: string,
  created: number,
): TicketRecord {
  return {
    id,
    ticketNumber: String(number),
    subject,
    description: null,
    departmentId,
    contactId: c.id,
    accountId: c.accountId,
    assigneeId,
    status,
    priority: PRIORITIES[number % PRIORITIES.length] ?? null,
    channel: 'Email',
    email: c.email,
    phone: null,
    category: null,
    subCategory: null,
    classification: null,
    language: 'English',
    dueDate: null,
    resolution: null,
    cf: {},
    createdTime: created,
    modifiedTime: created,
    closedTime: status === 'Closed' ? created + DAY : null,
    modifiedBy: assigneeId,
  };
}

export function seedDesk(ctx: SandboxContext, seed: SeedName): void {
  const data = deskData(ctx);
  const now = ctx.clock.now();
  data.org.put(ctx.org.deskOrgId, {
    id: ctx.org.deskOrgId,
    companyName: 'Zylker Sandbox',
    portalName: 'zylkersandbox',
    edition: 'ENTERPRISE',
    createdTime: now,
  });
  const admin = agent(ctx, AGENTS[0] ?? ['Ada', 'Admin'], []);
  const agents = seed === 'empty' ? [admin] : [admin, ...AGENTS.slice(1).map((n) => agent(ctx, n, []))];
  const support = department(
    ctx,
    'Support',
    true,
    admin.id,
    agents.map((a) => a.id),
  );
  const departments =
    seed === 'empty'
      ? [support]
      : [
          support,
          department(ctx, 'Billing', false, admin.id, [admin.id, agents[2]?.id ?? admin.id]),
          // The teams the repository's example models name as stage owners (sample data, like the records below).
          department(ctx, 'Customer Success', false, admin.id, [agents[1]?.id ?? admin.id, agents[3]?.id ?? admin.id]),
          department(ctx, 'Delivery', false, admin.id, [agents[3]?.id ?? admin.id]),
          department(ctx, 'Customer Service', false, admin.id, [agents[1]?.id ?? admin.id]),
        ];
  for (const a of agents) {
    a.departmentIds = departments.filter((d) => d.agentIds.includes(a.id)).map((d) => d.id);
    data.agents.put(a.id, a);
  }
  for (const d of departments) data.departments.put(d.id, d);
  for (const t of seedTeams(ctx, departments)) data.teams.put(t.id, t);
  seedMetadata(ctx, data, departments);
  if (seed === 'empty') return;

  const accounts = ['Zylker Corp', 'Acme Widgets', 'Globex Ltd'].map((n, i) =>
    account(ctx, n, admin.id, now - (30 - i) * DAY),
  );
  const people: [string, string, number | null][] = [
    ['Jane', 'Doe', 0],
    ['John', 'Smith', 0],
    ['Ana', 'Lima', 1],
    ['Walk', 'In', null],
  ];
  const contacts = people.map(([f, l, i], n) =>
    contact(ctx, f, l, i === null ? null : (accounts[i] ?? null), admin.id, now - (20 - n) * DAY),
  );
  for (const a of accounts) data.accounts.put(a.id, a);
  for (const c of contacts) data.contacts.put(c.id, c);
  let number = 100;
  const subjects = [
    'Cannot log in',
    'Invoice question',
    'Feature request',
    'Password reset',
    'Refund',
    'Slow dashboard',
  ];
  subjects.forEach((subject, i) => {
    const c = contacts[i % contacts.length] as ContactRecord;
    const d = departments[i % departments.length] as DepartmentRecord;
    const t = ticket(
      ++number,
      ctx.ids.next('desk'),
      subject,
      c,
      d.id,
      agents[i % agents.length]?.id ?? null,
      STATUSES[i] ?? 'Open',
      now - (10 - i) * DAY,
    );
    data.tickets.put(t.id, t);
  });
  if (seed === 'large') number = seedLarge(ctx, data, departments, agents, number);
  data.counters.put('tickets', { ticketNumber: number });
}

function seedLarge(
  ctx: SandboxContext,
  data: DeskData,
  departments: DepartmentRecord[],
  agents: AgentRecord[],
  start: number,
): number {
  const rand = lcg(20261126);
  const now = ctx.clock.now();
  const contacts: ContactRecord[] = [];
  for (let i = 0; i < 5_000; i++) {
    const created = now - Math.floor(rand() * 365) * DAY;
    const a = account(ctx, `Customer ${String(i + 1).padStart(4, '0')}`, agents[i % agents.length]?.id ?? '', created);
    data.accounts.put(a.id, a);
    const c = contact(ctx, 'Contact', String(i + 1).padStart(4, '0'), a, a.ownerId ?? '', created);
    data.contacts.put(c.id, c);
    contacts.push(c);
  }
  let number = start;
  for (let i = 0; i < 150_000; i++) {
    const c = contacts[Math.floor(rand() * contacts.length)] as ContactRecord;
    const d = departments[i % departments.length] as DepartmentRecord;
    const created = now - Math.floor(rand() * 365 * DAY);
    const status = STATUSES[Math.floor(rand() * STATUSES.length)] ?? 'Open';
    const t = ticket(
      ++number,
      ctx.ids.next('desk'),
      `Request ${number}`,
      c,
      d.id,
      agents[i % agents.length]?.id ?? null,
      status,
      created,
    );
    data.tickets.put(t.id, t);
  }
  return number;
}
