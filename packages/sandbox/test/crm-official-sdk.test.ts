/**
 * A client nobody here wrote: Zoho's official CRM SDK (`@zohocrm/typescript-sdk-8.0`, pinned, as shipped) pointed
 * at the sandbox through a custom environment, with an in-memory token store, sweeping what a real integration
 * does — token, metadata, records, COQL, search, related records, error parsing. Where it fails, either the
 * sandbox differs from Zoho's documents or the SDK does something Zoho documents (SPEC.md cites both kinds).
 * Offline: the SDK talks only to the sandbox on 127.0.0.1.
 *
 * @module-tag e2e
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, sep } from 'node:path';
import * as Zoho from '@zohocrm/typescript-sdk-8.0';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crmModule } from '../src/crm/index.js';
import { sandboxPerFile } from './support/index.js';

/** The first token lives 10 s; the SDK refreshes a token 5 s before it expires (its `getTokenExpiry`). */
const FIRST_TOKEN_SECONDS = 10;
const SDK_REFRESH_MARGIN_MS = 5_000;
const sandbox = sandboxPerFile({ products: [crmModule], seed: 'default', tokenLifetimeSeconds: FIRST_TOKEN_SECONDS });

interface StoredToken {
  id: string;
  clientId: string | null;
  clientSecret: string | null;
  refreshToken: string | null;
  accessToken: string | null;
  expiresIn: string;
  apiDomain: string | null;
}

/** The SDK's TokenStore contract, kept in memory: found by client id and refresh token, as the SDK's FileStore does. */
class MemoryTokenStore implements Zoho.TokenStore.MasterModel {
  readonly saved = new Map<string, StoredToken>();
  private nextId = 1;

  async findToken(token: Zoho.Token.MasterModel): Promise<Zoho.Token.MasterModel | null> {
    if (!(token instanceof Zoho.OAuthToken)) return null;
    const hit = [...this.saved.values()].find(
      (s) => s.clientId === token.getClientId() && s.refreshToken === token.getRefreshToken(),
    );
    if (hit === undefined) return null;
    token.setId(hit.id);
    token.setAccessToken(hit.accessToken);
    token.setExpiresIn(hit.expiresIn);
    token.setAPIDomain(hit.apiDomain);
    return token;
  }

  async findTokenById(id: string): Promise<Zoho.Token.MasterModel | null> {
    const hit = this.saved.get(id);
    if (hit === undefined) return null;
    const token = new Zoho.OAuthToken(
      hit.clientId,
      hit.clientSecret,
      null,
      hit.refreshToken,
      null,
      hit.id,
      hit.accessToken,
      null,
    );
    token.setExpiresIn(hit.expiresIn);
    token.setAPIDomain(hit.apiDomain);
    return token;
  }

  async saveToken(token: Zoho.Token.MasterModel): Promise<void> {
    if (!(token instanceof Zoho.OAuthToken)) return;
    const id = token.getId() ?? String(this.nextId++);
    token.setId(id);
    this.saved.set(id, {
      id,
      clientId: token.getClientId(),
      clientSecret: token.getClientSecret(),
      refreshToken: token.getRefreshToken(),
      accessToken: token.getAccessToken(),
      expiresIn: token.getExpiresIn(),
      apiDomain: token.getAPIDomain(),
    });
  }

  async deleteToken(id: string): Promise<void> {
    this.saved.delete(id);
  }

  async getTokens(): Promise<Zoho.Token.MasterModel[]> {
    const tokens = await Promise.all([...this.saved.keys()].map((id) => this.findTokenById(id)));
    return tokens.filter((t): t is Zoho.Token.MasterModel => t !== null);
  }

  async deleteTokens(): Promise<void> {
    this.saved.clear();
  }
}

const store = new MemoryTokenStore();
let resourceDir = '';

beforeAll(async () => {
  const sb = sandbox.current;
  // The SDK caches field metadata under its resource path, which it joins without a separator.
  resourceDir = `${mkdtempSync(join(tmpdir(), 'zlc-zoho-sdk-'))}${sep}`;
  const environment = Zoho.DataCenter.setEnvironment(sb.url, `${sb.urls.accounts}/oauth/v2/token`, sb.url);
  const token = new Zoho.OAuthBuilder()
    .clientId(sb.credentials.clientId)
    .clientSecret(sb.credentials.clientSecret)
    .refreshToken(sb.credentials.refreshToken)
    .build();
  await (await new Zoho.InitializeBuilder())
    .environment(environment)
    .token(token)
    .store(store)
    .resourcePath(resourceDir)
    .logger(new Zoho.LogBuilder().level(Zoho.Levels.OFF).build())
    .SDKConfig(new Zoho.SDKConfigBuilder().autoRefreshFields(false).pickListValidation(false).build())
    .initialize();
  // Tokens after the first live the usual hour.
  sb.tokenLifetime(3600);
});

afterAll(() => {
  if (resourceDir !== '') rmSync(resourceDir, { recursive: true, force: true });
});

const tokenRequests = () => sandbox.current.stats().requests.accounts;

/** The id in a record write's per-record success, or the failure it reports. */
function writtenId(response: Zoho.APIResponse<Zoho.Record.ActionHandler.MasterModel> | null): bigint {
  const wrapper = response?.getObject();
  if (!(wrapper instanceof Zoho.Record.ActionWrapper))
    throw new Error(`no action wrapper (${response?.getStatusCode()})`);
  const first = wrapper.getData()[0];
  if (first instanceof Zoho.Record.APIException) throw new Error(`record write failed: ${first.getCode().getValue()}`);
  if (!(first instanceof Zoho.Record.SuccessResponse)) throw new Error('record write answered no entry');
  return BigInt(String(first.getDetails().get('id')));
}

async function createRecord(module: string, values: Record<string, unknown>): Promise<bigint> {
  const record = new Zoho.Record.Record();
  for (const [key, value] of Object.entries(values)) record.addKeyValue(key, value);
  const body = new Zoho.Record.BodyWrapper();
  body.setData([record]);
  return writtenId(await new Zoho.Record.RecordOperations(module).createRecords(body, new Zoho.HeaderMap()));
}

function lookup(id: bigint): Zoho.Record.Record {
  const ref = new Zoho.Record.Record();
  ref.setId(id);
  return ref;
}

describe("Zoho's official CRM SDK against the sandbox", () => {
  it('gets its access token from the refresh token it posts as a multipart form', async () => {
    expect(tokenRequests()).toBe(1);
    const saved = [...store.saved.values()];
    expect(saved).toHaveLength(1);
    expect(saved[0]?.accessToken).toMatch(/^1000\.[0-9a-f]{32}\.[0-9a-f]{32}$/);
  });

  it('refreshes the token on its own when it nears expiry, and the next call succeeds', async () => {
    const first = [...store.saved.values()][0];
    const refreshAt = Number(first?.expiresIn) - SDK_REFRESH_MARGIN_MS;
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, refreshAt - Date.now()) + 200));
    const response = await new Zoho.Org.OrgOperations().getOrganization();
    expect(response?.getStatusCode()).toBe(200);
    expect(tokenRequests()).toBe(2);
    expect([...store.saved.values()][0]?.accessToken).not.toBe(first?.accessToken);
  });

  it('reads the metadata: modules, fields and layouts', async () => {
    const modules = (await new Zoho.Modules.ModulesOperations().getModules())?.getObject();
    expect(modules).toBeInstanceOf(Zoho.Modules.ResponseWrapper);
    const moduleNames = (modules as Zoho.Modules.ResponseWrapper).getModules().map((m) => m.getAPIName());
    expect(moduleNames).toEqual(expect.arrayContaining(['Leads', 'Contacts', 'Accounts', 'Deals']));

    const fieldParams = new Zoho.ParameterMap();
    await fieldParams.add(Zoho.Fields.GetFieldsParam.MODULE, 'Deals');
    const fields = (await new Zoho.Fields.FieldsOperations().getFields(fieldParams))?.getObject();
    expect(fields).toBeInstanceOf(Zoho.Fields.ResponseWrapper);
    const stage = (fields as Zoho.Fields.ResponseWrapper).getFields().find((f) => f.getAPIName() === 'Stage');
    expect(stage?.getDataType()).toBe('picklist');
    // v8's fields answer holds no layout-specific configuration such as picklist values (fields.yaml `getFields`;
    // https://www.zoho.com/crm/developer/docs/api/v8/field-meta.html): the layouts carry them.
    expect(stage?.getPickListValues() ?? []).toEqual([]);

    const layoutParams = new Zoho.ParameterMap();
    await layoutParams.add(Zoho.Layouts.GetLayoutsParam.MODULE, 'Deals');
    const layouts = (await new Zoho.Layouts.LayoutsOperations().getLayouts(layoutParams))?.getObject();
    expect(layouts).toBeInstanceOf(Zoho.Layouts.ResponseWrapper);
    const sections = (layouts as Zoho.Layouts.ResponseWrapper).getLayouts()[0]?.getSections() ?? [];
    expect(sections.length).toBeGreaterThan(0);
    const layoutStage = sections.flatMap((s) => s.getFields() ?? []).find((f) => f.getAPIName() === 'Stage');
    expect(layoutStage?.getPickListValues()?.length).toBeGreaterThan(3);
  });

  it('creates, reads, updates and deletes a record', async () => {
    const id = await createRecord('Accounts', { Account_Name: 'SDK Sweep Co' });
    const records = new Zoho.Record.RecordOperations('Accounts');

    const read = (await records.getRecord(id, new Zoho.ParameterMap(), new Zoho.HeaderMap()))?.getObject();
    expect(read).toBeInstanceOf(Zoho.Record.ResponseWrapper);
    expect((read as Zoho.Record.ResponseWrapper).getData()[0]?.getKeyValue('Account_Name')).toBe('SDK Sweep Co');

    const change = new Zoho.Record.Record();
    change.addKeyValue('Phone', '555-0100');
    const body = new Zoho.Record.BodyWrapper();
    body.setData([change]);
    expect(writtenId(await records.updateRecord(id, body, new Zoho.HeaderMap()))).toBe(id);
    const again = (await records.getRecord(id, new Zoho.ParameterMap(), new Zoho.HeaderMap()))?.getObject();
    expect((again as Zoho.Record.ResponseWrapper).getData()[0]?.getKeyValue('Phone')).toBe('555-0100');

    expect(writtenId(await records.deleteRecord(id, new Zoho.ParameterMap(), new Zoho.HeaderMap()))).toBe(id);
    const gone = await records.getRecord(id, new Zoho.ParameterMap(), new Zoho.HeaderMap());
    expect(gone?.getStatusCode()).toBe(204);
  });

  it('queries with COQL and searches by criteria', async () => {
    const id = await createRecord('Accounts', { Account_Name: 'SDK Query Co', Phone: '555-0199' });
    const query = new Zoho.Coql.BodyWrapper();
    query.setSelectQuery(`select Account_Name, Phone from Accounts where id = '${id}'`);
    const rows = (await new Zoho.Coql.CoqlOperations().getRecords(query))?.getObject();
    expect(rows).toBeInstanceOf(Zoho.Coql.ResponseWrapper);
    expect((rows as Zoho.Coql.ResponseWrapper).getData().map((r) => r.getKeyValue('Phone'))).toEqual(['555-0199']);

    // Search sees a record only once it is indexed (module_search.yaml; the sandbox's delay, SPEC.md CRM Search).
    sandbox.current.clock.advance(sandbox.current.crm.searchIndexDelayMs() + 1000);
    const params = new Zoho.ParameterMap();
    await params.add(Zoho.Record.SearchRecordsParam.CRITERIA, '(Account_Name:equals:SDK Query Co)');
    const found = (
      await new Zoho.Record.RecordOperations('Accounts').searchRecords(params, new Zoho.HeaderMap())
    )?.getObject();
    expect(found).toBeInstanceOf(Zoho.Record.ResponseWrapper);
    expect((found as Zoho.Record.ResponseWrapper).getData().map((r) => r.getId())).toContain(id);
  });

  it("reads a record's related records after reading the module's related lists", async () => {
    const account = await createRecord('Accounts', { Account_Name: 'SDK Related Co' });
    await createRecord('Contacts', { Last_Name: 'Related', Account_Name: lookup(account) });
    const routesBefore = sandbox.current.stats().routes['GET /crm/v8/settings/related_lists'] ?? 0;
    const params = new Zoho.ParameterMap();
    await params.add(Zoho.RelatedRecords.GetRelatedRecordsParam.FIELDS, 'Last_Name');
    const related = (
      await new Zoho.RelatedRecords.RelatedRecordsOperations('Contacts', 'Accounts').getRelatedRecords(
        account,
        params,
        new Zoho.HeaderMap(),
      )
    )?.getObject();
    expect(related).toBeInstanceOf(Zoho.RelatedRecords.ResponseWrapper);
    const names = (related as Zoho.RelatedRecords.ResponseWrapper).getData().map((r) => r.getKeyValue('Last_Name'));
    expect(names).toEqual(['Related']);
    expect(sandbox.current.stats().routes['GET /crm/v8/settings/related_lists']).toBe(routesBefore + 1);
  });

  it("parses Zoho's errors into the SDK's APIException with Zoho's code", async () => {
    // A list read without `fields` is refused by Zoho (record.json, REQUIRED_PARAM_MISSING).
    const list = await new Zoho.Record.RecordOperations('Accounts').getRecords(
      new Zoho.ParameterMap(),
      new Zoho.HeaderMap(),
    );
    expect(list?.getStatusCode()).toBe(400);
    const refused = list?.getObject();
    expect(refused).toBeInstanceOf(Zoho.Record.APIException);
    expect((refused as Zoho.Record.APIException).getCode().getValue()).toBe('REQUIRED_PARAM_MISSING');

    const query = new Zoho.Coql.BodyWrapper();
    query.setSelectQuery('select from where');
    const bad = (await new Zoho.Coql.CoqlOperations().getRecords(query))?.getObject();
    expect(bad).toBeInstanceOf(Zoho.Coql.APIException);
    expect((bad as Zoho.Coql.APIException).getCode().getValue()).toBe('SYNTAX_ERROR');

    // A record the layout refuses comes back per record, with the field Zoho names.
    const body = new Zoho.Record.BodyWrapper();
    body.setData([new Zoho.Record.Record()]);
    const created = await new Zoho.Record.RecordOperations('Accounts').createRecords(body, new Zoho.HeaderMap());
    const wrapper = created?.getObject();
    expect(wrapper).toBeInstanceOf(Zoho.Record.ActionWrapper);
    const entry = (wrapper as Zoho.Record.ActionWrapper).getData()[0];
    expect(entry).toBeInstanceOf(Zoho.Record.APIException);
    expect((entry as Zoho.Record.APIException).getCode().getValue()).toBe('MANDATORY_NOT_FOUND');
    expect((entry as Zoho.Record.APIException).getDetails().get('api_name')).toBe('Account_Name');
  });
});
