/** Seeds: `empty` (standard metadata, no records), `default` (+ users and sample records), `large` (benchmarks). */
import type { SandboxContext, SeedName } from '../core/types.js';
import { buildField } from './field-defs.js';
import type { FieldDef, LayoutDef, MinUser, ModuleDef, RecordDoc, UserDoc } from './model.js';
import { seedPipelines } from './pipeline-store.js';
import { type FieldSpec, type ModuleSpec, STANDARD_MODULES } from './standard-modules.js';
import {
  dealProducts,
  fieldsOf,
  isoTime,
  layoutsOf,
  minUser,
  modules,
  orgDoc,
  profiles,
  recordsOf,
  roles,
  users,
} from './state.js';

const SEED_TIME = Date.UTC(2026, 0, 5, 9, 0, 0);

type Named = { id: string; name: string };

/** The ids and time every part of a seed shares. */
interface SeedRun {
  ctx: SandboxContext;
  id: () => string;
  time: string;
}

export function seedCrm(ctx: SandboxContext, seed: SeedName): void {
  const run: SeedRun = { ctx, id: (): string => ctx.ids.next('crm'), time: isoTime(SEED_TIME) };
  orgDoc(ctx).put('org', orgRecord(ctx));
  const userDocs = seedUsers(run);
  seedModules(run, seed);
  seedPipelines(ctx);
  if (seed === 'empty') return;
  const owner = minUser(userDocs[0]!);
  const reps = userDocs.map(minUser);
  sampleRecords(run, owner, reps);
  if (seed === 'large') largeDeals(ctx, reps, run.id);
}

function orgRecord(ctx: SandboxContext) {
  return {
    id: ctx.org.crmOrgId,
    company_name: 'Zylker Sandbox',
    alias: null,
    primary_email: 'admin@zylker.example',
    primary_zuid: '700000001',
    zgid: ctx.org.crmOrgId,
    domain_name: `org${ctx.org.crmOrgId}`,
    country: 'United States',
    country_code: 'US',
    currency: 'US Dollar - USD',
    currency_locale: 'en_US',
    currency_symbol: '$',
    iso_code: 'USD',
    time_zone: 'Etc/UTC',
    type: 'production',
    mc_status: false,
    gapps_enabled: false,
    privacy_settings: false,
    zia_portal_id: null,
    phone: null,
    mobile: null,
    fax: null,
    website: null,
    description: null,
    employee_count: '20',
    street: null,
    city: null,
    state: null,
    zip: null,
    hipaa_compliance_enabled: false,
    lite_users_enabled: false,
    photo_id: null,
    translation_enabled: false,
    license_details: {
      paid: ctx.edition !== 'free',
      paid_type: ctx.edition,
      paid_expiry: null,
      trial_type: null,
      trial_expiry: null,
      users_license_purchased: 10,
      trial_action: null,
    },
  };
}

/** The role hierarchy, the two standard profiles and the org's users (the first is the administrator). */
function seedUsers({ ctx, id, time }: SeedRun): UserDoc[] {
  const ceo = { id: id(), name: 'CEO' };
  const manager = { id: id(), name: 'Manager' };
  const rep = { id: id(), name: 'Sales Representative' };
  roles(ctx).put(ceo.id, role(ceo, null, true));
  roles(ctx).put(manager.id, role(manager, ceo, false));
  roles(ctx).put(rep.id, role(rep, manager, false));
  const admin = { id: id(), name: 'Administrator' };
  const standard = { id: id(), name: 'Standard' };
  profiles(ctx).put(admin.id, profile(admin, true, time));
  profiles(ctx).put(standard.id, profile(standard, false, time));
  const people: [string, string, Named, Named][] = [
    ['Patricia', 'Boyle', ceo, admin],
    ['Marcus', 'Hale', manager, standard],
    ['Aiko', 'Tanaka', rep, standard],
    ['Diego', 'Ramos', rep, standard],
    ['Nora', 'Lindqvist', rep, standard],
  ];
  const userDocs: UserDoc[] = people.map(([first, last, r, p]) => ({
    id: id(),
    first_name: first,
    last_name: last,
    full_name: `${first} ${last}`,
    email: `${first.toLowerCase()}.${last.toLowerCase()}@zylker.example`,
    status: 'active',
    confirm: true,
    role: r,
    profile: p,
    time_zone: 'Etc/UTC',
    locale: 'en_US',
    country: 'US',
    created_time: time,
    Modified_Time: time,
  }));
  for (const u of userDocs) users(ctx).put(u.id, u);
  return userDocs;
}

/** The standard modules with their fields and layouts (`large`: 200 fields in each of the first twelve). */
function seedModules({ ctx, id, time }: SeedRun, seed: SeedName): void {
  const moduleIds = new Map<string, string>();
  for (const spec of STANDARD_MODULES) moduleIds.set(spec.api, id());
  STANDARD_MODULES.forEach((spec, i) => {
    const def: ModuleDef = {
      id: moduleIds.get(spec.api) ?? id(),
      api_name: spec.api,
      module_name: spec.plural,
      singular_label: spec.singular,
      plural_label: spec.plural,
      generated_type: 'default',
      api_supported: spec.apiSupported ?? true,
      creatable: true,
      editable: true,
      deletable: true,
      viewable: true,
      sequence_number: i + 1,
      display_field: spec.displayField,
      modified_time: time,
    };
    modules(ctx).put(def.api_name, def);
    const extra = seed === 'large' && i < 12 ? largeFields(spec) : [];
    installFields(ctx, spec, [...spec.fields, ...extra], moduleIds, id, time);
  });
}

function role(r: { id: string; name: string }, reportsTo: { id: string; name: string } | null, admin: boolean) {
  return {
    id: r.id,
    name: r.name,
    display_label: r.name,
    api_name: r.name.replace(/\s+/g, '_'),
    reporting_to: reportsTo,
    admin_user: admin,
    share_with_peers: true,
    description: null,
    forecast_manager: null,
  };
}

function profile(p: { id: string; name: string }, isDefault: boolean, time: string) {
  return {
    id: p.id,
    name: p.name,
    display_label: p.name,
    default: isDefault,
    custom: false,
    description: isDefault
      ? 'This profile will have all the permissions.'
      : 'This profile will have all the permissions except administrative privileges.',
    created_time: time,
    modified_time: time,
  };
}

function installFields(
  ctx: SandboxContext,
  spec: ModuleSpec,
  specs: readonly FieldSpec[],
  moduleIds: Map<string, string>,
  id: () => string,
  time: string,
): void {
  const col = fieldsOf(ctx, spec.api);
  const built: FieldDef[] = specs.map((f, i) =>
    buildField(f, {
      id: id(),
      sequence: i + 1,
      custom: f.api.endsWith('_Custom') || f.api.startsWith('Custom_'),
      time: f.api.startsWith('Custom_') ? time : null,
      nextId: id,
      moduleIds: (api) => moduleIds.get(api) ?? '0',
      moduleApi: spec.api,
    }),
  );
  for (const f of built) col.put(f.id, f);
  const required = new Set(specs.filter((f) => f.mandatory || f.layoutRequired).map((f) => f.api));
  const main = built.filter((f) => f.api_name !== 'Description');
  const desc = built.filter((f) => f.api_name === 'Description');
  const toLayoutField = (f: FieldDef, i: number) => ({
    id: f.id,
    api_name: f.api_name,
    required: required.has(f.api_name),
    sequence_number: i + 1,
  });
  const layout: LayoutDef = {
    id: id(),
    name: 'Standard',
    api_name: 'Standard',
    display_label: 'Standard',
    status: 'active',
    created_time: time,
    modified_time: time,
    sections: [
      {
        id: id(),
        name: `${spec.singular} Information`,
        display_label: `${spec.singular} Information`,
        api_name: `${spec.singular.replace(/\s+/g, '_')}_Information`,
        sequence_number: 1,
        column_count: 2,
        fields: main.map(toLayoutField),
      },
      {
        id: id(),
        name: 'Description Information',
        display_label: 'Description Information',
        api_name: 'Description_Information',
        sequence_number: 2,
        column_count: 1,
        fields: desc.map(toLayoutField),
      },
    ],
  };
  layoutsOf(ctx, spec.api).put(layout.id, layout);
}

function largeFields(spec: ModuleSpec): FieldSpec[] {
  const out: FieldSpec[] = [];
  const kinds: FieldSpec['type'][] = ['text', 'integer', 'double', 'date', 'boolean', 'currency', 'email', 'picklist'];
  for (let n = 1; spec.fields.length + out.length < 200; n++) {
    const type = kinds[n % kinds.length] ?? 'text';
    out.push({
      api: `Custom_Field_${n}`,
      label: `Custom Field ${n}`,
      type,
      ...(type === 'picklist' ? { picklist: ['-None-', 'Alpha', 'Beta', 'Gamma'] } : {}),
    });
  }
  return out;
}

function baseDoc(recordId: string, owner: MinUser, time: string): RecordDoc {
  return { id: recordId, Owner: owner, Created_By: owner, Modified_By: owner, Created_Time: time, Modified_Time: time };
}

const SAMPLE_ACCOUNTS = [
  { name: 'Acme Robotics', industry: 'Manufacturing', phone: '+1 555 0100', website: 'https://acme-robotics.example' },
  { name: 'Globex Logistics', industry: 'Service Provider', phone: '+1 555 0101', website: 'https://globex.example' },
  { name: 'Initech Software', industry: 'Technology', phone: '+1 555 0102', website: 'https://initech.example' },
];
const SAMPLE_CITIES = ['Austin', 'Chicago', 'Denver'];
/** First name, last name, index of the account. */
const SAMPLE_CONTACTS: [string, string, number][] = [
  ['Ada', 'Quinn', 0],
  ['Ben', 'Okafor', 0],
  ['Chloe', 'Marsh', 1],
  ['Dev', 'Patel', 2],
];
/** Name, code, unit price. */
const SAMPLE_PRODUCTS: [string, string, number][] = [
  ['Robot Arm RA-200', 'RA-200', 12500],
  ['Vision Kit VK-1', 'VK-1', 2400],
  ['Support Plan (1 year)', 'SUP-1Y', 1800],
];
/** Name, amount, stage, index of the account, index of the contact. */
const SAMPLE_DEALS: [string, number, string, number, number][] = [
  ['Acme – line automation', 27400, 'Negotiation/Review', 0, 0],
  ['Globex – warehouse vision', 4800, 'Qualification', 1, 2],
  ['Initech – support renewal', 1800, 'Closed Won', 2, 3],
  ['Acme – spare arms', 25000, 'Proposal/Price Quote', 0, 1],
];
/** Per sample deal, the indexes of the products linked to it. */
const SAMPLE_DEAL_PRODUCTS: number[][] = [[0, 1], [], [2], []];
/** First name, last name, company. */
const SAMPLE_LEADS: [string, string, string][] = [
  ['Ezra', 'Stone', 'Stone & Co'],
  ['Fay', 'Liu', 'Liu Analytics'],
];

/** The `default` seed's records: accounts, their contacts, products, deals and leads, owned by the reps in turn. */
function sampleRecords(run: SeedRun, admin: MinUser, reps: MinUser[]): void {
  const { ctx, id, time } = run;
  const rep = (i: number): MinUser => reps[i % reps.length] ?? admin;
  const put = (module: string, doc: RecordDoc): RecordDoc => {
    recordsOf(ctx, module).put(doc.id, doc);
    return doc;
  };
  const accounts = SAMPLE_ACCOUNTS.map((a, i) =>
    put('Accounts', {
      ...baseDoc(id(), rep(i + 2), time),
      Account_Name: a.name,
      Industry: a.industry,
      Phone: a.phone,
      Website: a.website,
      Account_Type: 'Customer',
      Billing_City: SAMPLE_CITIES[i] ?? null,
      Billing_Country: 'United States',
    }),
  );
  const contacts = SAMPLE_CONTACTS.map(([first, last, acc], i) => {
    const account = accounts[acc]!;
    return put('Contacts', {
      ...baseDoc(id(), rep(i + 2), time),
      First_Name: first,
      Last_Name: last,
      Full_Name: `${first} ${last}`,
      Email: `${first.toLowerCase()}.${last.toLowerCase()}@${String(account.Account_Name).split(' ')[0]?.toLowerCase()}.example`,
      Phone: `+1 555 01${10 + i}`,
      Account_Name: { id: account.id, name: account.Account_Name },
    });
  });
  const products = SAMPLE_PRODUCTS.map(([name, code, price]) =>
    put('Products', {
      ...baseDoc(id(), admin, time),
      Product_Name: name,
      Product_Code: code,
      Unit_Price: price,
      Product_Active: true,
      Taxable: true,
    }),
  );
  sampleDeals(run, rep, accounts, contacts, products);
  SAMPLE_LEADS.forEach(([first, last, company], i) => {
    put('Leads', {
      ...baseDoc(id(), rep(i + 3), time),
      First_Name: first,
      Last_Name: last,
      Full_Name: `${first} ${last}`,
      Company: company,
      Lead_Source: 'Web Download',
      Lead_Status: 'Not Contacted',
      Email: `${first.toLowerCase()}@${last.toLowerCase()}.example`,
    });
  });
}

function sampleDeals(
  { ctx, id, time }: SeedRun,
  rep: (i: number) => MinUser,
  accounts: RecordDoc[],
  contacts: RecordDoc[],
  products: RecordDoc[],
): void {
  SAMPLE_DEALS.forEach(([name, amount, stage, acc, contact], i) => {
    const account = accounts[acc]!;
    const person = contacts[contact]!;
    const doc: RecordDoc = {
      ...baseDoc(id(), rep(i + 2), time),
      Deal_Name: name,
      Amount: amount,
      Stage: stage,
      Pipeline: 'Standard (Standard)',
      Closing_Date: `2026-0${i + 2}-15`,
      Probability: stageProbability(stage),
      Expected_Revenue: (amount * stageProbability(stage)) / 100,
      Account_Name: { id: account.id, name: account.Account_Name },
      Contact_Name: { id: person.id, name: person.Full_Name },
      Type: 'New Business',
    };
    recordsOf(ctx, 'Deals').put(doc.id, doc);
    for (const p of (SAMPLE_DEAL_PRODUCTS[i] ?? []).map((n) => products[n]!))
      dealProducts(ctx).put(`${doc.id}:${p.id}`, { deal_id: doc.id, product_id: p.id, linked_time: time });
  });
}

function stageProbability(stage: string): number {
  const p: Record<string, number> = {
    Qualification: 10,
    'Proposal/Price Quote': 75,
    'Negotiation/Review': 90,
    'Closed Won': 100,
  };
  return p[stage] ?? 0;
}

const LARGE_STAGES = [
  'Qualification',
  'Needs Analysis',
  'Value Proposition',
  'Negotiation/Review',
  'Closed Won',
  'Closed Lost',
];

function largeDeals(ctx: SandboxContext, reps: MinUser[], id: () => string): void {
  const deals = recordsOf(ctx, 'Deals');
  const accounts = [...recordsOf(ctx, 'Accounts').values()];
  for (let i = 0; i < 50_000; i++) {
    const owner = reps[i % reps.length]!;
    const account = accounts[i % accounts.length]!;
    const time = isoTime(SEED_TIME + i * 60_000);
    const stage = LARGE_STAGES[i % LARGE_STAGES.length]!;
    const doc: RecordDoc = {
      ...baseDoc(id(), owner, time),
      Deal_Name: `Bench deal ${i + 1}`,
      Amount: 1000 + (i % 97) * 250,
      Stage: stage,
      Pipeline: 'Standard (Standard)',
      Closing_Date: `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`,
      Account_Name: { id: account.id, name: account.Account_Name },
    };
    deals.put(doc.id, doc);
  }
}
