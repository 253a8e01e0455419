/**
 * Zoho's documented examples as tests for the automation operations zlc uses: webhooks.yaml (`getWebhooks`,
 * `getWebhookById`, `createWebhooks`, `updateWebhookById`, `deleteWebhooksById`) and workflow_rules.yaml
 * (`getWorkflowRules`, `getWorkflowRuleById`, `postWorkflowRule`, `updateWorkflowRuleById`, `deleteWorkflowRuleById`),
 * replayed against the sandbox. A webhook error example names the key it is about (`details.json_path`) and what is
 * wrong with it (the code, `expected_data_type`, `maximum_length`, `supported_values` or the message): its request
 * is Zoho's own sample with that key made wrong that way. Examples the sandbox cannot replay say why.
 *
 * @module-tag e2e
 */
import {
  type CaseRequest,
  crmSpecAvailable,
  describeDocumentedExamples,
  type ExampleReplayPlan,
  loadCrmSpec,
  operationCases,
  operationsOf,
} from '@zlc/testkit';
import type { Sandbox } from '../src/index.js';
import { clearAutomation, createHook, createRule, dealHook, moduleRef } from './crm-automation-helpers.js';
import { crmSandbox } from './crm-helpers.js';

const { client, sandbox } = crmSandbox();

type Obj = Record<string, unknown>;
type Ref = { api_name: string; id: string };
const refs: Record<string, Ref> = {};
/**
 * The ids the requests name. The harness builds a case's request before the case's `before` runs, so whatever a
 * request names is made in its operation's `setup`.
 */
const live = { webhook: '', blocked: '', rule: '', locked: '', condition: '', hooks: [] as string[], dealHook: '' };

async function modules(): Promise<void> {
  for (const name of ['Leads', 'Contacts', 'Deals']) refs[name] ??= await moduleRef(client, name);
}

/** A copy of a module's ref (cases change their requests in place). */
const ref = (name: string): Ref => {
  const r = refs[name];
  if (r === undefined) throw new Error(`module ${name} not read yet`);
  return { ...r };
};

const NO_SCOPES_OR_PERMISSIONS = 'the sandbox acts as the org administrator on an edition with every feature';
const NOT_EMULATED = (what: string) => `${what} are not emulated: the sandbox runs webhook actions only`;

// ---------------------------------------------------------------------------------------------- webhooks

let sample: Obj | undefined;

/** Zoho's SamplePostRequest webhook, as documented (a fresh copy each time). */
function sampleItem(): Obj {
  if (sample === undefined) {
    const op = loadCrmSpec('webhooks.yaml').operations.find((o) => o.operationId === 'createWebhooks');
    const value = op?.requestExamples.find((e) => e.name === 'SamplePostRequest')?.value as { webhooks: Obj[] };
    sample = value.webhooks[0] ?? {};
  }
  return structuredClone(sample);
}

/** The sample with the sandbox's Leads id. */
function sampleHook(): Obj {
  return { ...sampleItem(), module: ref('Leads') };
}

/** The key a documented error names, as a path into the webhook item (`[*]` and `[n]` become element 0). */
function keyPath(jsonPath: string): string[] {
  return jsonPath
    .replace(/^\$\.webhooks\[[^\]]*\]\.?/, '')
    .replace(/\[[^\]]*\]/g, '.0')
    .split('.')
    .filter(Boolean)
    .map((k) => (k === 'connetion_name' ? 'connection_name' : k));
}

function parentOf(item: Obj, path: string[]): { parent: Obj; key: string } {
  let node: unknown = item;
  for (const k of path.slice(0, -1)) node = (node as Obj)[k];
  return { parent: node as Obj, key: path.at(-1) ?? '' };
}

const TOO_LONG = 'x'.repeat(501);
const UNKNOWN_FIELD = `\${!Leads.No_Such_Field}`;

/** Changes named by the documented message: the value that makes exactly that error. */
const BY_MESSAGE: Record<string, (h: Obj) => void> = {
  'Special characters not allowed': (h) => {
    h.name = 'Zoho#Data';
  },
  'the module id given seems to be invalid': (h) => {
    h.module = { api_name: 'Leads', id: '1' };
  },
  'Ambiguity while processing the request': (h) => {
    h.module = { api_name: 'Contacts', id: ref('Leads').id };
  },
  'The method type given is invalid': (h) => {
    h.http_method = 'PATCH';
  },
  'please enter a valid URL': (h) => {
    h.url = 'ftp://example.com/hook';
  },
  'The timezone given is invalid': (h) => {
    h.date_time_format = { time_zone: 'Mars/Olympus_Mons' };
  },
  'Unsupported fields are present': (h) => {
    (h.headers as { module_parameters: Obj[] }).module_parameters[0] = { name: 'x', value: UNKNOWN_FIELD };
  },
  'duplicate parameter name found': (h) => {
    const params = (h.headers as { module_parameters: Obj[] }).module_parameters;
    params[1] = { ...params[1], name: params[0]?.name };
  },
  'provide appropriate authentication type': (h) => {
    h.authentication = { type: 'general', connection_name: 'crm_connection' };
  },
  'Please provide valid connection name': (h) => {
    h.authentication = { type: 'connection', connection_name: 'no_such_connection' };
  },
  'Invalid value provided for the given http method': (h) => {
    h.http_method = 'GET';
  },
  'The ID given is invalid': (h) => {
    h.id = '1';
  },
  'raw data content key is mandatory for raw body type': (h) => {
    h.body = { type: 'raw', format: 'JSON' };
  },
  'form data content key is mandatory for form body type': (h) => {
    h.body = { type: 'form_data', format: null };
  },
  'Webhook action related module missing for kiosk feature': (h) => {
    h.feature_type = 'kiosk';
  },
  'Empty value is not allowed': (h) => {
    h.url = '';
  },
  "Url you've configured is not secure": (h) => {
    h.url = 'http://10.0.0.8/hook';
  },
  'the given feature name is invalid': (h) => {
    h.feature_type = 'campaigns';
  },
  'invalid body type passed': (h) => {
    h.body = { type: 'binary', format: null };
  },
  'invalid format passed in body': (h) => {
    h.body = { ...(h.body as Obj), format: 'YAML' };
  },
  'inavlid form data content passed in body': (h) => {
    h.body = { type: 'form_data', format: null, form_data_content: {} };
  },
  'Specify atleast one field': (h) => {
    h.module = {};
  },
};

/** Makes the key the error names wrong in the way its details say. */
function changeByDetails(h: Obj, code: string, details: Obj): boolean {
  if (typeof details.json_path !== 'string') return false;
  const path = keyPath(details.json_path);
  const { parent, key } = parentOf(h, path);
  if (code === 'MANDATORY_NOT_FOUND') delete parent[key];
  else if (details.expected_data_type === 'jsonobject' || details.expected_data_type === 'jsonarray') parent[key] = 'x';
  else if (details.expected_data_type !== undefined) parent[key] = 5;
  else if (details.supported_values !== undefined) parent[key] = 'none_of_these';
  else if (details.maximum_length === undefined) return false;
  else if (Array.isArray(parent[key]))
    parent[key] = Array.from({ length: 26 }, (_, i) => ({ name: `p${i}`, value: `\${!Leads.Id}` }));
  else if (typeof parent[key] === 'object' && parent[key] !== null) (parent[key] as Obj).extra_key = 1;
  else parent[key] = TOO_LONG;
  return true;
}

/** The request of one documented webhook error: the sample with the named key made wrong. */
function webhookErrorRequest(example: unknown): CaseRequest<Sandbox> | undefined {
  const value = example as { webhooks?: unknown; code?: string; details?: Obj; message?: string };
  const entry = (Array.isArray(value.webhooks) ? value.webhooks[0] : (value.webhooks ?? value)) as Obj;
  const message = String(entry.message ?? '').trim();
  const code = String(entry.code ?? '');
  const details = (entry.details ?? {}) as Obj;
  const change = Object.entries(BY_MESSAGE).find(([m]) => m === message)?.[1];
  if (change === undefined && !changeByDetails(sampleItem(), code, details)) return undefined;
  return {
    get body() {
      const h = sampleHook();
      if (change) change(h);
      else changeByDetails(h, code, details);
      return { webhooks: [h] };
    },
  };
}

const DATE_PATTERNS = 'the document gives no grammar for date patterns: the sandbox stores them unchecked';

/** Requests for every documented error of an operation that takes a webhook body. */
function webhookErrorRequests(operationId: string): Record<string, CaseRequest<Sandbox>> {
  if (!crmSpecAvailable('webhooks.yaml').ok) return {};
  const [op] = operationsOf(loadCrmSpec('webhooks.yaml'), [operationId]);
  const out: Record<string, CaseRequest<Sandbox>> = {};
  for (const c of op === undefined ? [] : operationCases(op)) {
    if (c.kind !== 'response' || c.status !== 400) continue;
    const response = op?.responses.find((r) => r.status === 400)?.examples.find((e) => e.name === c.example);
    const request = webhookErrorRequest(response?.value);
    if (request !== undefined) out[c.id] = request;
  }
  return out;
}

function only<T>(all: Record<string, T>, skip: readonly string[]): Record<string, T> {
  return Object.fromEntries(Object.entries(all).filter(([k]) => !skip.includes(k)));
}

const pathOf = (key: string, id: () => string) => ({
  get [key]() {
    return id();
  },
});

/** A Leads webhook (the samples' module) of another name than the samples', as the only automation. */
async function withWebhook(): Promise<void> {
  await modules();
  await clearAutomation(client);
  live.webhook = await createHook(client, { ...sampleHook(), name: 'Lead sync' });
}

/** Two Leads webhooks, the second called by a rule. */
async function withWebhooks(): Promise<void> {
  await withWebhook();
  live.blocked = await createHook(client, { ...sampleHook(), name: 'Lead sync 2' });
  await createRule(client, {
    name: 'Lead sync rule',
    module: ref('Leads'),
    execute_when: { type: 'create' },
    conditions: [{ sequence_number: 1, instant_actions: { actions: [{ type: 'webhooks', id: live.blocked }] } }],
  });
}

const clearFirst = { before: () => clearAutomation(client) };

const webhookPlan: ExampleReplayPlan<Sandbox> = {
  specFile: 'webhooks.yaml',
  operations: {
    getWebhooks: { setup: withWebhook },
    getWebhookById: { setup: withWebhook, path: pathOf('webhookId', () => live.webhook) },
    createWebhooks: { setup: modules },
    updateWebhookById: { setup: withWebhook, path: pathOf('webhookId', () => live.webhook) },
    deleteWebhooksById: { setup: withWebhooks, path: pathOf('webhookId', () => live.webhook) },
  },
  requests: {
    'getWebhooks 200 Success200': {},
    'getWebhooks 200 Success200Paginated': { query: { per_page: '1' } },
    'getWebhooks 400 InvalidModuleResponse1': { query: { module: 'Leadz' } },
    'getWebhooks 400 InvalidDataResponse1': { query: { sort_order: 'sideways' } },
    'getWebhooks 400 InvalidDataResponse2': { query: { sort_by: 'Name' } },
    'getWebhooks 400 InvalidDataResponse3': { query: { feature_type: 'campaigns' } },
    'getWebhookById 200 Success200': {},
    'createWebhooks request SamplePostRequest': {
      ...clearFirst,
      get body() {
        return { webhooks: [sampleHook()] };
      },
    },
    'createWebhooks 201 Success201': {
      ...clearFirst,
      get body() {
        return { webhooks: [sampleHook()] };
      },
    },
    ...webhookErrorRequests('createWebhooks'),
    'updateWebhookById request SamplePutRequest': {
      get body() {
        return { webhooks: [sampleHook()] };
      },
    },
    'updateWebhookById 200 Success200': {
      get body() {
        return { webhooks: [sampleHook()] };
      },
    },
    ...only(webhookErrorRequests('updateWebhookById'), [
      'updateWebhookById 400 NotAllowedResponse1',
      'updateWebhookById 400 NotAllowedResponse2',
    ]),
    'updateWebhookById 400 InvalidWebhookIdPathResponse1': {
      path: { webhookId: '1' },
      get body() {
        return { webhooks: [sampleHook()] };
      },
    },
    'deleteWebhooksById 200 Success200': {},
    'deleteWebhooksById 400 NotAllowedResponse2': { path: pathOf('webhookId', () => live.blocked) },
    'deleteWebhooksById 400 InvalidDataResponse1': { path: { webhookId: '1' } },
    'deleteWebhooksById 400 InvalidWebhookIdPathResponse1': { path: { webhookId: '1' } },
  },
  cannotReplay: {
    'getWebhooks 403 NoPermissionResponse1': NO_SCOPES_OR_PERMISSIONS,
    'getWebhookById 403 NoPermissionResponse1': NO_SCOPES_OR_PERMISSIONS,
    'createWebhooks 400 InvalidDataResponse6': DATE_PATTERNS,
    'createWebhooks 400 InvalidDataResponse8': DATE_PATTERNS,
    'createWebhooks 403 NoPermissionResponse1': NO_SCOPES_OR_PERMISSIONS,
    'createWebhooks 403 FeatureNotSupported': NO_SCOPES_OR_PERMISSIONS,
    'updateWebhookById 400 InvalidDataResponse6': DATE_PATTERNS,
    'updateWebhookById 400 InvalidDataResponse8': DATE_PATTERNS,
    'updateWebhookById 400 NotAllowedResponse1':
      'read-only webhooks are made by Zoho extensions, which the sandbox org has none of',
    'updateWebhookById 400 NotAllowedResponse2': 'the sandbox org has no Marketplace extensions and their webhooks',
    'updateWebhookById 403 NoPermissionResponse1': NO_SCOPES_OR_PERMISSIONS,
    'deleteWebhooksById 400 NotAllowedResponse1': 'the sandbox org has no Marketplace extensions and their webhooks',
    'deleteWebhooksById 400 NotAllowedResponse3':
      'read-only webhooks are made by Zoho extensions, which the sandbox org has none of',
    'deleteWebhooksById 403 NoPermissionResponse1': NO_SCOPES_OR_PERMISSIONS,
  },
};

// ---------------------------------------------------------------------------------------------- workflow rules

/** A valid rule on Contacts calling `live.hooks[0]`, changed by `change`. */
function rule(change: (r: Obj) => void = () => {}): { workflow_rules: Obj[] } {
  const r: Obj = {
    name: 'WORKFLOWRULE-POST',
    description: null,
    module: ref('Contacts'),
    execute_when: { type: 'create', details: { trigger_module: ref('Contacts') } },
    conditions: [
      {
        sequence_number: 1,
        criteria_details: {
          criteria: {
            group_operator: 'AND',
            group: [
              { comparator: 'equal', field: { api_name: 'Email' }, value: `\${NOTEMPTY}` },
              { comparator: 'equal', field: { api_name: 'Phone' }, value: `\${NOTEMPTY}` },
            ],
          },
        },
        instant_actions: { actions: [{ type: 'webhooks', id: live.hooks[0] }] },
      },
    ],
  };
  change(r);
  return { workflow_rules: [r] };
}

const conditionOf = (r: Obj): Obj => (r.conditions as Obj[])[0] as Obj;
const actionsOf = (r: Obj): Obj[] => (conditionOf(r).instant_actions as { actions: Obj[] }).actions;

/** Six Contacts webhooks for the rules to call, and one Deals webhook (of another module), as the only automation. */
async function withHooks(): Promise<void> {
  await modules();
  await clearAutomation(client);
  live.hooks = [];
  for (let i = 0; i < 6; i++) {
    const hook = dealHook(ref('Contacts'), 'https://runtime.example.com/hooks/crm/h1', { body: undefined });
    live.hooks.push(await createHook(client, hook));
  }
  live.dealHook = await createHook(client, dealHook(ref('Deals'), 'https://runtime.example.com/hooks/crm/h2'));
}

/** The webhooks, and the valid rule of `rule()` with the id of its condition. */
async function withRule(): Promise<void> {
  await withHooks();
  live.rule = await createRule(client, rule().workflow_rules[0] as Obj);
  const answer = await client.call('GET', `/settings/automation/workflow_rules/${live.rule}`);
  const read = (answer.body as { workflow_rules: Obj[] }).workflow_rules[0] as Obj;
  live.condition = String(conditionOf(read).id);
}

/** The webhooks, the rule, and a locked one. */
async function withLockedRule(): Promise<void> {
  await withRule();
  const locked = { ...(rule().workflow_rules[0] as Obj), name: 'WORKFLOWRULE-LOCKED', lock: { status: true } };
  live.locked = await createRule(client, locked);
}

const ruleCase = (change: (r: Obj) => void): CaseRequest<Sandbox> => ({
  get body() {
    return rule(change);
  },
});

const scheduled = (after: Obj | undefined) => (r: Obj) => {
  conditionOf(r).scheduled_actions = [
    { ...(after === undefined ? {} : { execute_after: after }), actions: [{ type: 'webhooks', id: live.hooks[0] }] },
  ];
};

/** An update of the setup's rule's condition with these actions. */
const conditionUpdate = (actions: () => Obj[]): CaseRequest<Sandbox> => ({
  get body() {
    return {
      workflow_rules: [
        { conditions: [{ id: live.condition, sequence_number: 1, instant_actions: { actions: actions() } }] },
      ],
    };
  },
});

const ACTIONS_NOT_EMULATED = NOT_EMULATED('meeting, call, tag, chat, social, circuit, convert and record actions');
const RELATED = 'criteria on a related module are not emulated (sandbox limit)';

const rulePlan: ExampleReplayPlan<Sandbox> = {
  specFile: 'workflow_rules.yaml',
  operations: {
    getWorkflowRules: { setup: withRule },
    getWorkflowRuleById: { setup: withRule, path: pathOf('id', () => live.rule) },
    postWorkflowRule: { setup: withHooks },
    updateWorkflowRuleById: { setup: withRule, path: pathOf('id', () => live.rule) },
    deleteWorkflowRuleById: { setup: withLockedRule, path: pathOf('id', () => live.rule) },
  },
  requests: {
    'getWorkflowRules 200 GetAllResponses': {},
    'getWorkflowRules 400 InvalidModuleResponse': { query: { module: 'Leadz' } },
    'getWorkflowRules 400 InvalidParamResponse': { query: { sort_order: 'sideways' } },
    'getWorkflowRuleById 200 GetSuccessResponse': {},
    'postWorkflowRule 201 SuccessResponse': ruleCase(() => {}),
    'postWorkflowRule 400 InvalidDataResponse1': { body: { workflow_rules: 'WORKFLOWRULE-POST' } },
    'postWorkflowRule 400 InvalidDataResponse2': ruleCase((r) => {
      r.name = 5;
    }),
    'postWorkflowRule 400 InvalidDataResponse3': ruleCase((r) => {
      r.execute_when = { type: 'sometimes' };
    }),
    'postWorkflowRule 400 TriggerDependentFieldMissingResponse1': ruleCase((r) => {
      r.execute_when = { type: 'create_or_edit', details: {} };
    }),
    'postWorkflowRule 400 ScheduledActionsDependentFieldMissingResponse': ruleCase(scheduled({ period: 'days' })),
    'postWorkflowRule 400 AssociateActionDependentFieldMissingResponse': ruleCase((r) => {
      actionsOf(r)[0] = { type: 'webhooks' };
    }),
    'postWorkflowRule 400 ScheduledActionsExpectedFieldMissingResponse': ruleCase(scheduled({})),
    'postWorkflowRule 400 MandatoryNotFoundResponse1': ruleCase((r) => {
      delete r.name;
    }),
    'postWorkflowRule 400 ActionLimitExceededResponse': ruleCase((r) => {
      conditionOf(r).instant_actions = { actions: live.hooks.map((id) => ({ type: 'webhooks', id })) };
    }),
    'postWorkflowRule 400 NotAllowedErrorResponse': ruleCase(scheduled({ period: 'days', unit: 1 })),
    'postWorkflowRule 400 ModuleMandatoryNotFoundResponse': ruleCase((r) => {
      delete r.module;
    }),
    'postWorkflowRule 400 ModuleInvalidDataResponse': ruleCase((r) => {
      r.module = { api_name: 'Contacts', id: '1' };
    }),
    'postWorkflowRule 400 NameSpecialCharsResponse': ruleCase((r) => {
      r.name = 'WORKFLOWRULE!POST';
    }),
    'postWorkflowRule 400 NameLengthExceededResponse': ruleCase((r) => {
      r.name = 'W'.repeat(101);
    }),
    'postWorkflowRule 400 CannotCreateInactiveResponse': ruleCase((r) => {
      r.status = { active: false };
    }),
    'postWorkflowRule 400 ExecuteWhenMissingResponse': ruleCase((r) => {
      delete r.execute_when;
    }),
    'postWorkflowRule 400 ConditionsLimitExceededResponse': ruleCase((r) => {
      r.conditions = Array.from({ length: 11 }, (_, i) => ({
        sequence_number: i + 1,
        criteria_details: { criteria: { comparator: 'equal', field: { api_name: 'Last_Name' }, value: `N${i}` } },
        instant_actions: { actions: [{ type: 'webhooks', id: live.hooks[0] }] },
      }));
    }),
    'postWorkflowRule 400 ActionTypeMissingResponse': ruleCase((r) => {
      actionsOf(r)[0] = { id: live.hooks[0] };
    }),
    'postWorkflowRule 400 ActionNotSupportedForModuleResponse': ruleCase((r) => {
      actionsOf(r)[0] = { type: 'webhooks', id: live.dealHook };
    }),
    'postWorkflowRule 400 ScheduledActionsRepeatConflictResponse': ruleCase((r) => {
      r.execute_when = { type: 'create_or_edit', details: { repeat: true } };
      scheduled({ period: 'days', unit: 1 })(r);
    }),
    'updateWorkflowRuleById 200 SuccessResponse': {
      body: { workflow_rules: [{ description: 'ds', status: { active: false } }] },
    },
    'updateWorkflowRuleById 400 UrlPathIdMissing': { path: { id: '1' }, body: { workflow_rules: [{ name: 'x' }] } },
    'updateWorkflowRuleById 400 InvalidConditionId': {
      body: { workflow_rules: [{ conditions: [{ id: '1', sequence_number: 1 }] }] },
    },
    'updateWorkflowRuleById 400 DependentFieldMissingResponse1': conditionUpdate(() => [
      { type: 'webhooks', id: live.hooks[0] },
      { type: 'webhooks' },
    ]),
    'updateWorkflowRuleById 400 DuplicateActionNotAllowedResponse': conditionUpdate(() => [
      { type: 'webhooks', id: live.hooks[1] },
      { type: 'webhooks', id: live.hooks[1] },
    ]),
    'updateWorkflowRuleById 400 AlreadyUsedResponse': {
      get body() {
        const again = conditionOf(rule().workflow_rules[0] as Obj);
        return { workflow_rules: [{ conditions: [{ ...again, sequence_number: 2 }] }] };
      },
    },
    'deleteWorkflowRuleById 200 SuccessResponse': {},
    'deleteWorkflowRuleById 400 UrlPathIdMissing': { path: { id: '1' } },
    'deleteWorkflowRuleById 400 NotAllowedErrorResponse': { path: pathOf('id', () => live.locked) },
  },
  cannotReplay: {
    'getWorkflowRules 403 NoPermissionResponse': NO_SCOPES_OR_PERMISSIONS,
    'getWorkflowRuleById 403 NoPermissionResponse': NO_SCOPES_OR_PERMISSIONS,
    'postWorkflowRule request SamplePostRequest': `${ACTIONS_NOT_EMULATED}; the sample's actions also name entities (users, layouts, tags, email notifications) of Zoho's own org`,
    'postWorkflowRule 400 MeetingCallInvalidDataResponse': ACTIONS_NOT_EMULATED,
    'postWorkflowRule 400 DependentFieldMissingResponse1': ACTIONS_NOT_EMULATED,
    'postWorkflowRule 400 ExpectedFieldMissingResponse1': ACTIONS_NOT_EMULATED,
    'postWorkflowRule 400 MeetingExpectedFieldMissingResponse': ACTIONS_NOT_EMULATED,
    'postWorkflowRule 400 MeetingAmbiguityErrorResponse': ACTIONS_NOT_EMULATED,
    'postWorkflowRule 400 ActionVsTriggerADPResponse1':
      'a webhook runs on every trigger the sandbox emulates; the pairs Zoho refuses are other action types',
    'postWorkflowRule 400 DependentMismatchResponse': RELATED,
    'postWorkflowRule 400 RelCriteriaModuleSelectionMissingResponse': RELATED,
    'postWorkflowRule 400 FeatureDisabledResponse': NO_SCOPES_OR_PERMISSIONS,
    'postWorkflowRule 400 FailureResponse': "an unexpected failure on Zoho's side; the sandbox's fault rules give 500",
    'postWorkflowRule 400 ChatNotificationMessageMissingResponse': ACTIONS_NOT_EMULATED,
    'postWorkflowRule 400 ChatNotificationNotifyToMissingResponse': ACTIONS_NOT_EMULATED,
    'postWorkflowRule 400 ChatNotificationInvalidTypeResponse': ACTIONS_NOT_EMULATED,
    'postWorkflowRule 400 ChatNotificationFieldAmbiguityResponse': ACTIONS_NOT_EMULATED,
    'postWorkflowRule 400 SocialActionDetailsMissingResponse': ACTIONS_NOT_EMULATED,
    'postWorkflowRule 400 CircuitsDetailsMissingResponse': ACTIONS_NOT_EMULATED,
    'postWorkflowRule 400 TagInvalidResponse': ACTIONS_NOT_EMULATED,
    'postWorkflowRule 400 TagAmbiguityResponse': ACTIONS_NOT_EMULATED,
    'postWorkflowRule 400 TagEmptyResponse': ACTIONS_NOT_EMULATED,
    'postWorkflowRule 400 EmailCreateRecordModuleInvalidResponse': ACTIONS_NOT_EMULATED,
    'postWorkflowRule 400 EmailCreateRecordTooManyMappingsResponse': ACTIONS_NOT_EMULATED,
    'postWorkflowRule 400 ConvertDependentFieldMissingResponse': ACTIONS_NOT_EMULATED,
    'postWorkflowRule 400 ConnectedRecordModuleInvalidResponse': ACTIONS_NOT_EMULATED,
    'postWorkflowRule 403 NoPermissionResponse': NO_SCOPES_OR_PERMISSIONS,
    'postWorkflowRule 403 WorkflowRulesPermission': NO_SCOPES_OR_PERMISSIONS,
    'postWorkflowRule 403 FeatureNotSupportedResponse': NO_SCOPES_OR_PERMISSIONS,
    'updateWorkflowRuleById request SamplePutRequest': `${ACTIONS_NOT_EMULATED}; the sample updates assign-owner, email-notification and tag actions of Zoho's own org`,
    'updateWorkflowRuleById 403 NoPermissionResponse': NO_SCOPES_OR_PERMISSIONS,
    'deleteWorkflowRuleById 403 NoPermissionResponse': NO_SCOPES_OR_PERMISSIONS,
  },
};

describeDocumentedExamples(webhookPlan, () => sandbox.current);
describeDocumentedExamples(rulePlan, () => sandbox.current);
