/**
 * The demo's walk, on a fresh sandbox of its own (a temp dir, removed at the end): validate the model, plan, apply,
 * do the Books manual steps, plan again ("No changes"), then start the handoff runtime, close a sample deal and
 * watch the customer, the invoice and the Desk account appear, a Desk ticket's count reach CRM, and the invoice's
 * payment in Books reach the CRM deal and account.
 * Everything goes through the same code as the commands: the client talks HTTP to the sandbox.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { applyModel, hasChanges, makePlan, renderPlanText } from '@zlc/engine';
import { type FlowRuntime, type LedgerEntry, startFlowRuntime } from '@zlc/flow';
import { type LoadModelOptions, loadModelFile, type ResolvedModel, summarizeModel } from '@zlc/model';
import { openSqliteStore, renderReportText, runReport } from '@zlc/report';
import { endpointOf, type Sandbox, startSandbox } from '@zlc/sandbox';
import { collect, createZohoClients, loadZohoConfig, targetIdentity, type ZohoClients } from '@zlc/zoho';
import { doBooksStepsOnSandbox } from '../books-stand-in.js';
import { renderApplyResult } from '../render/apply.js';
import { renderDiagnostics } from '../render/diagnostics.js';
import { renderModelSummary } from '../render/model-summary.js';
import { styleFor } from '../render/style.js';
import { collectThePayment } from './collect-payment.js';
import { createSampleDeal, type SampleDeal } from './sample-deal.js';
import { WalkFailed } from './walk-failed.js';

export interface WalkOptions {
  file: string;
  /** How to read the model (`--allow-outside`, `--insecure`). */
  load?: LoadModelOptions;
  color: boolean;
  say(text: string): void;
}

/** A step of the walk that did not go as it must; the message says which and what was seen. */

interface World {
  dir: string;
  sandbox: Sandbox;
  clients: ZohoClients;
  identity: string;
  secret: string;
  runtime?: FlowRuntime;
}

export async function walk(options: WalkOptions): Promise<boolean> {
  const { say } = options;
  say(`zlc demo — Zoho lifecycle as code\n\n1. Validate ${options.file}`);
  const loaded = await loadModelFile(options.file, options.load ?? {});
  const text = loaded.text === undefined ? {} : { text: loaded.text };
  if (!loaded.result.ok) {
    say(
      renderDiagnostics([...loaded.result.diagnostics, ...loaded.result.warnings], { ...text, color: options.color }),
    );
    say(`\nThe model is invalid: fix the errors above (zlc validate -f ${options.file}) and run the demo again.`);
    return false;
  }
  if (loaded.result.warnings.length > 0)
    say(renderDiagnostics(loaded.result.warnings, { ...text, color: options.color }));
  const model = loaded.result.resolved;
  say(`   valid.\n\n2. What the model says\n\n${renderModelSummary(summarizeModel(model))}`);

  const world = await openWorld();
  try {
    await planApplyAndConverge(model, world, options);
    await flowTheSampleDeal(model, world, say);
    await reportTheOrg(model, world, say);
    say(
      '\nDone. Try it yourself: pnpm zlc plan, pnpm zlc apply, pnpm zlc flow serve, pnpm zlc report (see README.md).',
    );
    return true;
  } catch (error) {
    if (!(error instanceof WalkFailed)) throw error;
    say(`\nThe demo stopped: ${error.message}`);
    return false;
  } finally {
    await world.runtime?.close();
    world.clients.close();
    await world.sandbox.close();
    rmSync(world.dir, { recursive: true, force: true });
  }
}

async function openWorld(): Promise<World> {
  const dir = mkdtempSync(join(tmpdir(), 'zlc-demo-'));
  const sandbox = await startSandbox({ dataDir: join(dir, 'sandbox'), seed: 'default' });
  const loaded = loadZohoConfig(sandbox.env);
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('; '));
  return {
    dir,
    sandbox,
    clients: createZohoClients(loaded.config),
    identity: targetIdentity(loaded.config),
    secret: randomBytes(16).toString('hex'),
  };
}

async function planApplyAndConverge(model: ResolvedModel, world: World, options: WalkOptions): Promise<void> {
  const { say } = options;
  // The runtime listens first, so the webhooks apply provisions point at it.
  world.runtime = await startFlowRuntime({
    clients: world.clients,
    model,
    ledger: { kind: 'sqlite', path: join(world.dir, 'flow.db') },
    secret: world.secret,
    pollIntervalMs: 0,
    worker: { baseDelayMs: 200, maxDelayMs: 2_000 },
  });
  const planOptions = { target: world.identity, webhookSecret: world.secret, runtimeUrlOverride: world.runtime.url };
  say(`\n3. Plan against a fresh sandbox org (${world.sandbox.url}; the runtime listens on ${world.runtime.url})\n`);
  const first = await makePlan(world.clients, model, planOptions);
  say(renderPlanText(first.plan, { style: styleFor(options.color), file: options.file }));
  say(`   (${first.calls} API calls: one list per module and resource type.)`);

  say(
    '\n4. Apply. The model retires Zoho’s default pipeline stages that the sample deals of a new org still use,\n' +
      '   so the plan counts them as data loss; the demo accepts that, as `zlc apply --allow-data-loss` would.\n',
  );
  const applied = await applyModel(model, {
    ...planOptions,
    clients: world.clients,
    identity: world.identity,
    journalDir: join(world.dir, 'journal'),
    lockDir: join(world.dir, 'locks'),
    allowDataLoss: true,
  });
  say(renderApplyResult(applied));
  if (applied.status === 'refused' || applied.status === 'partial') throw new WalkFailed('apply did not finish');

  // Books has no API for custom fields; on the sandbox its own admin endpoint stands in for the admin's hands,
  // following the plan's manual steps setting by setting (as `zlc sandbox books-fields` does).
  const books = await doBooksStepsOnSandbox(endpointOf(world.sandbox), first.plan, world.secret);
  const made = books.fields.map((f) => `${f.module}: ${f.apiName} (${f.done})`);
  const hooks = books.webhooks.map((h) => `${h.name} (${h.done})`);
  say(`\n5. The manual steps: Books has no API for custom fields, so an admin makes them (the plan lists how);`);
  say("   the Books invoice webhook and its workflow rule are made in Books' settings too.");
  say(`   On the sandbox the demo makes them: ${made.join('; ') || 'none needed'}.`);
  say(`   And the Books webhooks: ${hooks.join('; ') || 'none needed'}.`);

  say('\n6. Plan again\n');
  const second = await makePlan(world.clients, model, planOptions);
  say(renderPlanText(second.plan, { style: styleFor(options.color), file: options.file }));
  if (hasChanges(second.plan) || second.plan.counts.manual > 0)
    throw new WalkFailed('the second plan should be "No changes" after apply and the manual steps');
}

async function flowTheSampleDeal(model: ResolvedModel, world: World, say: (text: string) => void): Promise<void> {
  const runtime = world.runtime;
  if (runtime === undefined) throw new Error('internal: the runtime is not running');
  const dealHandoffs = model.handoffs.filter((h) => h.trigger.on === 'record_enters_stage').map((h) => h.id);
  say('\n7. Close a deal. The sample customer: Globex Corporation, two contacts, two products, a $15,000 deal.');
  const sample = await createSampleDeal(world.clients);
  await world.clients.crm.records.update('Deals', sample.deal.id, { Stage: 'Closed Won' });
  say('   Deal moved to Closed Won in CRM. The workflow rule fires the webhook; the runtime takes it from there:\n');
  const entries = await settled(world, sample.deal.id, dealHandoffs);
  for (const entry of entries) say(await describeEntry(runtime, entry));
  await showWhatFlowed(world, sample, say);

  const ticketHandoffs = model.handoffs.filter((h) => h.trigger.on === 'ticket_event').map((h) => h.id);
  if (ticketHandoffs.length === 0) return;
  say('\n8. Support sees the customer; sales sees support. A ticket is opened in Desk:');
  const account = await world.clients.crm.records.get('Accounts', sample.account.id);
  const deskAccountId = String(account?.Desk_Account_ID ?? '');
  const [contact] = await collect(world.clients.desk.contacts.search({ accountId: deskAccountId }));
  const [department] = await collect(world.clients.desk.departments());
  const ticket = await world.clients.desk.tickets.create({
    subject: 'Dashboard export times out',
    departmentId: department?.id ?? '',
    contactId: contact?.id ?? '',
  });
  for (const entry of await settled(world, ticket.id, ticketHandoffs)) say(await describeEntry(runtime, entry));
  const after = await world.clients.crm.records.get('Accounts', sample.account.id);
  say(
    `   CRM account Globex Corporation: Open_Tickets = ${String(after?.Open_Tickets)}, Last_Ticket_At = ${String(after?.Last_Ticket_At)}`,
  );
  if (after?.Open_Tickets !== 1) throw new WalkFailed('the open-ticket count did not reach CRM');
  await collectThePayment({
    model,
    clients: world.clients,
    sandbox: world.sandbox,
    runtime,
    deal: { id: sample.deal.id, accountId: sample.account.id },
    say,
    settle: (recordId, handoffs) => settled(world, recordId, handoffs),
    describe: (entry) => describeEntry(runtime, entry),
  });
}

/** The last step: the lifecycle reports of the sample org, as `zlc report` prints them. */
async function reportTheOrg(model: ResolvedModel, world: World, say: (text: string) => void): Promise<void> {
  say('\n10. Report: what was sold, invoiced and collected, and whether the three apps agree (zlc report)\n');
  const store = openSqliteStore(join(world.dir, 'reports.db'));
  try {
    const result = await runReport({
      clients: world.clients,
      model,
      store,
      ids: ['sold_invoiced_collected', 'close_to_invoice', 'reconciliation'],
    });
    if (result.status === 'refused' || result.status === 'unreachable')
      throw new WalkFailed(`the report could not be made: ${JSON.stringify(result).slice(0, 300)}`);
    say(renderReportText(result.document, { maxRows: 12 }));
  } finally {
    await store.close();
  }
}

async function showWhatFlowed(world: World, sample: SampleDeal, say: (text: string) => void): Promise<void> {
  const account = await world.clients.crm.records.get('Accounts', sample.account.id);
  const deal = await world.clients.crm.records.get('Deals', sample.deal.id);
  const customerId = String(account?.Books_Customer_ID ?? '');
  const deskId = String(account?.Desk_Account_ID ?? '');
  if (customerId === '' || deskId === '') throw new WalkFailed('the Books and Desk ids were not written back to CRM');
  const customer = await world.clients.books.contacts.get(customerId);
  const invoices = await collect(world.clients.books.invoices.list({ customer_id: customerId }));
  const desk = await world.clients.desk.accounts.get(deskId);
  say(
    `\n   Books customer  ${customer.contact_name} (${Array.isArray(customer.contact_persons) ? customer.contact_persons.length : 0} contact persons)`,
  );
  for (const invoice of invoices)
    say(
      `   Books invoice   ${invoice.invoice_number}: ${invoice.total} ${invoice.currency_code ?? ''}, ${invoice.status}, reference ${invoice.reference_number}`,
    );
  say(`   Desk account    ${desk.accountName}: ${JSON.stringify(desk.cf ?? {})}`);
  say(
    `   CRM write-backs Account.Books_Customer_ID=${customerId}, Account.Desk_Account_ID=${deskId}, Deal.Stage=${String(deal?.Stage)}`,
  );
  if (invoices.length !== 1) throw new WalkFailed(`expected one invoice for the deal, found ${invoices.length}`);
}

async function settled(world: World, recordId: string, handoffs: readonly string[]): Promise<LedgerEntry[]> {
  const runtime = world.runtime;
  if (runtime === undefined) throw new Error('internal: the runtime is not running');
  const deadline = Date.now() + 30_000;
  for (;;) {
    await world.sandbox.outbound.drain();
    const entries = (await runtime.ledger.list()).filter(
      (e) => e.recordId === recordId && handoffs.includes(e.handoff),
    );
    const busy = entries.some((e) => e.state === 'pending' || e.state === 'running');
    if (entries.length >= handoffs.length && !busy) {
      const bad = entries.filter((e) => e.state !== 'done');
      if (bad.length > 0)
        throw new WalkFailed(bad.map((e) => `${e.handoff} is ${e.state}: ${e.reason ?? e.lastError ?? ''}`).join('; '));
      return entries;
    }
    if (Date.now() > deadline) throw new WalkFailed(`the handoffs of record ${recordId} did not finish within 30 s`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function describeEntry(runtime: FlowRuntime, entry: LedgerEntry): Promise<string> {
  const steps = (await runtime.ledger.steps(entry.id)).map((s) => `${s.stepId} ${s.outcome}`);
  return `   ✓ ${entry.handoff} (${entry.state}, attempt ${entry.attempts}): ${steps.join(', ')}`;
}
