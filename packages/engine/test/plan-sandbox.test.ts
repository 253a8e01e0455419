/**
 * @module-tag e2e
 */
import { createHash } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  applyModel,
  booksFieldsToMake,
  booksHooksToMake,
  checkOwners,
  checkPlan,
  hasChanges,
  makePlan,
  OwnerResolutionError,
  type Plan,
  renderPlanText,
} from '@zlc/engine';
import { booksHookToken, type ResolvedModel } from '@zlc/model';
import { endpointOf, type Sandbox, setBooksCustomFields, setBooksInvoiceWebhooks, startSandbox } from '@zlc/sandbox';
import { createZohoClients, loadZohoConfig, targetIdentity, type ZohoClients, type ZohoEvent } from '@zlc/zoho';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelOf, ROOT_MODEL_TEXT } from './support/plan-builders.js';

const SECRET = 'plan-sandbox-secret';
let sandbox: Sandbox;
let clients: ZohoClients;
let identity: string;
let receiver: Server;
let runtimeUrl: string;
let requests: Extract<ZohoEvent, { type: 'request' }>[] = [];
const model = modelOf();

beforeAll(async () => {
  receiver = createServer((_req, res) => res.writeHead(200).end('ok'));
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  runtimeUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/zlc`;
  sandbox = await startSandbox({});
  const loaded = loadZohoConfig(sandbox.env);
  if (!loaded.ok) throw new Error('sandbox config does not load');
  identity = targetIdentity(loaded.config);
  clients = createZohoClients(loaded.config, {
    onEvent: (e) => {
      if (e.type === 'request') requests.push(e);
    },
  });
});
afterAll(async () => {
  clients.close();
  await sandbox.close();
  await new Promise((resolve) => receiver.close(resolve));
});

async function planOf(m: ResolvedModel = model, secret = SECRET): Promise<Plan> {
  const made = await makePlan(clients, m, { target: identity, runtimeUrlOverride: runtimeUrl, webhookSecret: secret });
  return made.plan;
}

/** Applies a saved plan of the root model, with a journal and lock of its own. */
function applySaved(saved: Plan, allowDataLoss = false) {
  return applyModel(model, {
    clients,
    identity,
    journalDir: mkdtempSync(join(tmpdir(), 'zlc-plan-journal-')),
    lockDir: mkdtempSync(join(tmpdir(), 'zlc-plan-lock-')),
    webhookSecret: SECRET,
    runtimeUrlOverride: runtimeUrl,
    saved,
    allowDataLoss,
  });
}

function changes(p: Plan): string[] {
  return p.actions.filter((a) => a.action !== 'noop').map((a) => `${a.action} ${a.address}`);
}

async function sandboxToken(): Promise<string> {
  return fetch(
    `${sandbox.urls.accounts}/oauth/v2/token?${new URLSearchParams({
      grant_type: 'refresh_token',
      client_id: sandbox.credentials.clientId,
      client_secret: sandbox.credentials.clientSecret,
      refresh_token: sandbox.credentials.refreshToken,
    })}`,
    { method: 'POST' },
  ).then(async (r) => ((await r.json()) as { access_token: string }).access_token);
}

/**
 * The admin's manual steps in Books' settings, through the sandbox's stand-in for the Books UI: each field the plan's
 * steps name, with every setting they name, and each invoice webhook with its rule. `halfDone` leaves out Prevent
 * Duplicate Values, as a hurried admin might; `token` is a token typed wrong.
 */
async function doBooksManualSteps(p: Plan, options: { halfDone?: boolean; token?: string } = {}): Promise<void> {
  const fields = booksFieldsToMake(p).map((f) => ({
    module: f.module,
    label: f.label,
    apiName: f.apiName,
    nativeType: f.dataType,
    unique: options.halfDone === true ? false : f.unique,
    ...(f.values === undefined ? {} : { values: f.values.map((v) => ({ actual: v })) }),
  }));
  await setBooksCustomFields(endpointOf(sandbox), fields);
  const hooks = booksHooksToMake(p).map((h) => ({
    name: h.name,
    url: h.url,
    headers: [{ name: h.tokenHeader, value: options.token ?? booksHookToken(SECRET, h.handoff) }],
  }));
  await setBooksInvoiceWebhooks(endpointOf(sandbox), hooks);
}

describe('plan against the sandbox', () => {
  it('plans the root model on a fresh org as creates, manual Books steps and the Deal stages', async () => {
    requests = [];
    const p = await planOf();
    expect(p.counts.add).toBeGreaterThan(20);
    expect(p.counts.manual).toBe(5);
    expect(changes(p)).toContain('manual books_webhook.zlc-invoice-status-to-crm');
    expect(p.counts.remove).toBe(0);
    expect(changes(p).filter((c) => c.startsWith('update'))).toEqual(['update crm_stage_picklist.Deals.Stage']);
    expect(p.target).toBe(identity);
    expect(checkPlan(JSON.parse(JSON.stringify(p)))).toMatchObject({ ok: true });
  });

  it('reads each list once: one call per module and resource type, plus one count per impacted field', async () => {
    requests = [];
    let lists: string[] = [];
    const made = await makePlan(clients, model, {
      target: identity,
      runtimeUrlOverride: runtimeUrl,
      webhookSecret: SECRET,
      onEvent: (e) => {
        if (e.type === 'plan_read_done') lists = e.lists;
      },
    });
    expect(lists).toEqual([
      'books:customfields:contact',
      'books:customfields:invoice',
      'books:webhooks',
      'crm:fields:Accounts',
      'crm:fields:Deals',
      'crm:fields:Leads',
      'crm:fields:Products',
      'crm:layouts:Accounts',
      'crm:layouts:Deals',
      'crm:layouts:Leads',
      'crm:layouts:Products',
      'crm:pipelines:Deals',
      'crm:webhooks',
      'crm:workflow_rules',
      'desk:fields:accounts',
      'desk:fields:contacts',
      'desk:webhooks',
    ]);
    const api = requests.filter((r) => r.product !== 'accounts');
    const counted = made.plan.actions.filter((a) => a.impact !== undefined).length;
    expect(counted).toBeGreaterThan(0);
    expect(api.filter((r) => r.path.endsWith('/coql'))).toHaveLength(counted);
    // The owners' directory: CRM users, roles and profiles, Desk departments and agents, one read each, and the
    // teams of the one Desk department an owner names with a team (Customer Success).
    const owners = [
      '/crm/v8/users',
      '/crm/v8/settings/roles',
      '/crm/v8/settings/profiles',
      '/books/v3/users',
      '/departments',
      '/agents',
    ];
    const reads = api.filter((r) => !r.path.endsWith('/coql'));
    expect(owners.map((o) => reads.filter((r) => r.path.endsWith(o)).length)).toEqual([1, 1, 1, 1, 1, 1]);
    const teamReads = reads.filter((r) => /\/departments\/[0-9]+\/teams$/.test(r.path)).length;
    expect(teamReads).toBe(1);
    expect(reads.map((r) => `${r.method} ${r.path}`)).toHaveLength(lists.length + owners.length + teamReads);
    expect(api.every((r) => r.method === 'GET' || r.path.endsWith('/coql'))).toBe(true);
    expect(made.calls).toBe(lists.length + owners.length + teamReads + counted);
  });

  it('shows data impact counted from the org', async () => {
    const p = await planOf();
    const flag = p.actions.find((a) => a.address === 'crm_layout_required.Accounts.Standard.Customer_Tier');
    const { count } = (await collectOne(
      clients.crm.records.coql('select COUNT(id) from Accounts where id is not null'),
    )) as {
      count: number;
    };
    expect(flag?.impact).toEqual({
      count,
      message: `${count} Accounts have no Customer_Tier, which becomes mandatory`,
    });
  });

  it('plans "No changes" after apply (and the Books manual steps), then exactly one ~ for one label', async () => {
    const first = await planOf();
    // The seeded deals are in stages the root model drops.
    const applied = await applySaved(first, true);
    expect(applied.status).toBe('applied');
    const manualLeft = await planOf();
    expect(
      changes(manualLeft).every(
        (c) => c.startsWith('manual books_custom_field.') || c.startsWith('manual books_webhook.'),
      ),
    ).toBe(true);
    expect(hasChanges(manualLeft)).toBe(false);
    expect(renderPlanText(manualLeft)).toContain('No changes to apply. 5 manual steps are still open');
    const hook = manualLeft.actions.find((a) => a.address === 'books_webhook.zlc-invoice-status-to-crm');
    const steps = hook?.action === 'manual' ? hook.steps.join('\n') : '';
    expect(steps).toContain(`URL: ${runtimeUrl}/hooks/books/invoice-status-to-crm`);
    expect(steps).toContain('X-Zlc-Token with the value `zlc flow books-token invoice-status-to-crm` prints');
    expect(steps).toContain('Module: Invoices; Workflow Type: Event Based; Action Type: Edited');
    const account = manualLeft.actions.find((a) => a.address === 'books_custom_field.contact.cf_crm_account_id');
    expect(account?.action === 'manual' ? account.steps : []).toContain(
      'Prevent Duplicate Values: Yes (zlc finds and upserts records by this field; Books accepts that only for a unique field).',
    );

    // Half done: the fields made, but without Prevent Duplicate Values, and the webhook's token typed wrong. The next
    // plan checks those settings too.
    await doBooksManualSteps(first, { halfDone: true, token: 'typed-wrong' });
    const halfDone = await planOf();
    expect(changes(halfDone)).toEqual([
      'manual books_custom_field.contact.cf_crm_account_id',
      'manual books_custom_field.invoice.cf_crm_deal_id',
      'manual books_webhook.zlc-invoice-status-to-crm',
    ]);
    expect(renderPlanText(halfDone)).toContain('Prevent Duplicate Values: Yes');
    await doBooksManualSteps(halfDone);

    const again = await planOf();
    expect(changes(again)).toEqual([]);
    expect(renderPlanText(again)).toContain('No changes.');

    const relabelled = modelOf(ROOT_MODEL_TEXT.replace('label: VAT Number', 'label: VAT Registration'));
    const one = await planOf(relabelled);
    expect(changes(one)).toEqual(['update crm_field.Accounts.VAT_Number']);
    const text = renderPlanText(one);
    expect(text.match(/^ {2}~ /gm)).toHaveLength(1);
    expect(text).toContain('Plan: 0 to add, 1 to change, 0 to remove, 0 manual.');
  });

  it('shows drift made behind its back, and a rotated secret as one change per webhook', async () => {
    const fields = await clients.crm.listFields('Deals');
    const field = fields.find((f) => f.api_name === 'Contract_Term_Months');
    if (!field) throw new Error('Contract_Term_Months was not applied');
    await clients.crm.updateField('Deals', field.id, { field_label: 'Term' });
    const drifted = await planOf();
    expect(changes(drifted)).toEqual(['update crm_field.Deals.Contract_Term_Months']);
    await clients.crm.updateField('Deals', field.id, { field_label: 'Contract Term (Months)' });

    const rotated = await planOf(model, 'a-new-secret');
    expect(changes(rotated).sort()).toEqual(
      [
        'update crm_webhook.zlc-gate-closed-won',
        'update crm_webhook.zlc-gate-lead',
        'update crm_webhook.zlc-gate-opportunity',
        'update crm_webhook.zlc-won-deal-to-books',
        'update crm_webhook.zlc-won-deal-to-desk',
        'update desk_webhook.zlc-tickets-to-crm',
        // Typed by hand from the old secret: the Books webhook's token is a manual step again.
        'manual books_webhook.zlc-invoice-status-to-crm',
      ].sort(),
    );
    const saved = JSON.stringify(rotated);
    // Nothing derived from either secret: not the secret, not a prefix, not a short hash of it.
    for (const secret of ['a-new-secret', SECRET]) {
      expect(saved).not.toContain(secret.slice(0, 8));
      // Nor the Books webhook's token, which the admin types in by hand.
      expect(saved).not.toContain(booksHookToken(secret, 'invoice-status-to-crm').slice(0, 8));
      expect(saved).not.toContain(createHash('sha256').update(secret).digest('hex').slice(0, 8));
    }
  });
});

describe('owners on the sandbox', () => {
  it('refuses to plan owners the org does not have, naming each with the closest name it has', async () => {
    const typo = modelOf(
      ROOT_MODEL_TEXT.replace(
        'crm: { role: Account Executive, profile: Sales }',
        'crm: { role: Acount Executive, profile: Sales }',
      )
        .replace('desk: { department: Customer Success, team: Onboarding }', 'desk: { department: Customer Sucess }')
        .replace('crm: { user: finance@northwind.example }', 'crm: { user: nobody@northwind.example }')
        .replace('books: { user: finance@northwind.example', 'books: { user: finanse@northwind.example'),
    );
    const failure = await planOf(typo).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OwnerResolutionError);
    expect((failure as OwnerResolutionError).problems).toEqual([
      "owners.sales.crm.role: no CRM role 'Acount Executive' in the org (did you mean 'Account Executive'?)",
      "owners.finance.crm.user: no active CRM user 'nobody@northwind.example' in the org (did you mean 'finance@northwind.example'?)",
      "owners.finance.books.user: no active Books user 'finanse@northwind.example' in the org (did you mean 'finance@northwind.example'?)",
      "owners.success.desk.department: no Desk department 'Customer Sucess' in the org (did you mean 'Customer Success'?)",
    ]);
  });

  it("refuses a Desk team the owner's department does not have, naming the closest team or where it is", async () => {
    // checkOwners is the check plan runs beside its list reads (the CLI test runs it through `zlc plan`); called
    // alone here, so that four models cost the directory's reads only, within Books' per-minute limit.
    const owner = (desk: string) =>
      modelOf(ROOT_MODEL_TEXT.replace('desk: { department: Customer Success, team: Onboarding }', desk));
    const problems = async (m: ResolvedModel) => {
      const failure = await checkOwners(clients, m).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(OwnerResolutionError);
      return (failure as OwnerResolutionError).problems;
    };
    expect(await problems(owner('desk: { department: Customer Success, team: Onbording }'))).toEqual([
      "owners.success.desk.team: no Desk team 'Onbording' in department 'Customer Success' (did you mean 'Onboarding'?)",
    ]);
    expect(await problems(owner('desk: { department: Customer Service, team: Onboarding }'))).toEqual([
      "owners.success.desk.team: Desk team 'Onboarding' is in department 'Customer Success', not 'Customer Service'",
    ]);
    expect(await problems(owner('desk: { team: Deliverys }'))).toEqual([
      "owners.success.desk.team: no Desk team 'Deliverys' in the org (did you mean 'Deliveries'?)",
    ]);
    // A team named alone is found in whichever department holds it, in any letter case: every department's teams
    // are read (the default seed has five departments), beside the CRM, Books and Desk directory reads.
    expect(await checkOwners(clients, owner('desk: { team: deliveries }'))).toEqual({ calls: 3 + 1 + 2 + 5 });
    // Named with its department, only that department's teams are read.
    expect(await checkOwners(clients, model)).toEqual({ calls: 3 + 1 + 2 + 1 });
  });

  it("says in the summary how each stage's required fields are enforced", async () => {
    const p = await planOf();
    const closedWon = p.summary.stages.find((s) => s.id === 'closed-won');
    expect(closedWon?.enforcement).toContain('checked by the zlc runtime when a deal enters the stage');
    expect(closedWon?.enforcement).toContain('Account Name › Billing Street');
    expect(closedWon?.enforcement).toContain('Account Executives get one CRM task naming it');
    expect(closedWon?.enforcement).toContain('won-deal-to-books, won-deal-to-desk wait until they are filled');
    expect(p.summary.stages.find((s) => s.id === 'invoiced')?.enforcement).toContain('not checked on entry');
    expect(p.actions.map((a) => a.address)).toContain('crm_workflow_rule.zlc-gate-closed-won');
  });
});

describe('a rename through `moved:` on the sandbox', () => {
  it("is a manual step in CRM's settings; done, the next plan finds the field with its data and converges", async () => {
    // The org as before the rename: the root model's `moved:` names Accounts.Client_Tier.
    const tier = (await clients.crm.listFields('Accounts')).find((f) => f.api_name === 'Customer_Tier');
    if (!tier) throw new Error('Customer_Tier was not applied');
    await clients.crm.deleteField('Accounts', tier.id);
    const [made] = await clients.crm.createFields('Accounts', [
      {
        field_label: 'Client Tier',
        api_name: 'Client_Tier',
        data_type: 'picklist',
        pick_list_values: ['Standard', 'Growth', 'Enterprise'].map((v) => ({ display_value: v, actual_value: v })),
      },
    ]);
    if (made?.status !== 'success') throw new Error('Client_Tier was not made');
    const [account] = await clients.crm.records.create('Accounts', [{ Account_Name: 'Tiered', Client_Tier: 'Growth' }]);
    if (account?.status !== 'success') throw new Error('the account was not made');

    const before = await planOf();
    expect(changes(before)).toEqual([
      'manual crm_field.Accounts.Customer_Tier',
      'manual crm_layout_required.Accounts.Standard.Customer_Tier',
    ]);
    expect(before.orphans).toEqual([]);
    expect(renderPlanText(before)).toContain('change its API name to Customer_Tier');
    expect(checkPlan(JSON.parse(JSON.stringify(before)))).toMatchObject({ ok: true });

    const renamed = await fetch(`${sandbox.urls.api}/crm/v8/__sandbox/fields/${made.id}/rename?module=Accounts`, {
      method: 'POST',
      headers: { authorization: `Zoho-oauthtoken ${await sandboxToken()}`, 'content-type': 'application/json' },
      body: JSON.stringify({ api_name: 'Customer_Tier' }),
    });
    expect(renamed.status).toBe(200);
    const after = await planOf();
    expect(changes(after)).toEqual([
      'update crm_field.Accounts.Customer_Tier',
      'create crm_layout_required.Accounts.Standard.Customer_Tier',
    ]);
    const applied = await applySaved(after);
    expect(applied.status).toBe('applied');
    expect(changes(await planOf())).toEqual([]);
    expect((await clients.crm.records.get('Accounts', account.id))?.Customer_Tier).toBe('Growth');
  });
});

describe('removals and orphans on the sandbox', () => {
  it('removes only what `remove:` names, counts its data, and reports other strays as orphaned', async () => {
    await clients.crm.createFields('Deals', [
      { field_label: 'Legacy Invoice No', api_name: 'Legacy_Invoice_No', data_type: 'text' },
      { field_label: 'Hand Made', api_name: 'Hand_Made', data_type: 'text' },
    ]);
    await clients.crm.records.create('Deals', [
      { Deal_Name: 'Old deal', Stage: 'Qualification', Legacy_Invoice_No: 'INV-1', Closing_Date: '2026-01-31' },
    ]);
    const p = await planOf();
    const removal = p.actions.find((a) => a.address === 'crm_field.Deals.Legacy_Invoice_No');
    expect(removal).toMatchObject({ action: 'remove', requiresAllowDataLoss: true });
    expect(removal?.impact?.count).toBeGreaterThanOrEqual(1);
    expect(removal?.impact?.message).toMatch(/Deals have a value in Legacy_Invoice_No, which would be lost$/);
    expect(p.orphans.map((o) => o.address)).toEqual(['crm_field.Deals.Hand_Made']);
    expect(p.actions.some((a) => a.address === 'crm_field.Deals.Hand_Made')).toBe(false);

    const allowed = await makePlan(clients, model, {
      target: identity,
      runtimeUrlOverride: runtimeUrl,
      webhookSecret: SECRET,
      allowDataLoss: true,
    });
    const removalAllowed = allowed.plan.actions.find((a) => a.address === 'crm_field.Deals.Legacy_Invoice_No');
    expect(removalAllowed).toMatchObject({ action: 'remove' });
    expect(removalAllowed?.action === 'remove' && removalAllowed.requiresAllowDataLoss).toBeUndefined();
    expect(allowed.plan.allowDataLoss).toBe(true);
  });
});

describe('Books items on the sandbox', () => {
  it('creates an item a mapping names, and finds it on the next plan', async () => {
    const fixed = modelOf(ROOT_MODEL_TEXT.replace('name: item.Product_Name', 'name: { value: Onboarding Package }'));
    const before = await planOf(fixed);
    expect(before.actions.find((a) => a.type === 'books_item')).toMatchObject({
      action: 'create',
      address: 'books_item.Onboarding Package',
    });
    await clients.books.items.create({ name: 'Onboarding Package', rate: 1500 });
    const after = await planOf(fixed);
    expect(after.actions.find((a) => a.type === 'books_item')?.action).toBe('noop');
  });
});

async function collectOne<T>(rows: AsyncGenerator<T>): Promise<{ count: number }> {
  for await (const row of rows) return { count: Number((row as Record<string, unknown>)['COUNT(id)']) };
  return { count: 0 };
}
