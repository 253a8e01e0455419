/**
 * fields.yaml's documented examples of the operations zlc uses (list, create, update by id, delete), replayed
 * against the sandbox: each documented request gets a documented success, each documented answer is provoked and
 * answered with its status and code, or the test names why the sandbox cannot.
 *
 * @module-tag e2e
 */
import { describeDocumentedExamples, type ExampleReplayPlan } from '@zlc/testkit';
import type { Sandbox } from '../src/index.js';
import { ADMIN_ONLY, crmCall, internalError, list, noToken } from './crm-examples-helpers.js';
import { sandboxPerFile } from './support/index.js';

const sandbox = sandboxPerFile({ seed: 'default' });

/** Fields the cases act on, made by the operations' setup (ids are the sandbox's, not the examples' own). */
const made = { renamed: '', deleted: '', kept: '', watched: '' };

async function createText(s: Sandbox, module: string, labels: string[]): Promise<string[]> {
  const fields = labels.map((field_label) => ({ field_label, data_type: 'text' }));
  const answer = await crmCall(s, 'POST', `/settings/fields?module=${module}`, { fields }, 201);
  return list(answer.body, 'fields').map((f) => String((f.details as { id: string }).id));
}

/** A field a workflow rule watches (fields.yaml: such a field cannot be deleted). */
async function watchedField(s: Sandbox): Promise<string> {
  const [id = ''] = await createText(s, 'Leads', ['Watched Example']);
  const leads = list((await crmCall(s, 'GET', '/settings/modules/Leads', undefined, 200)).body, 'modules')[0];
  const module = { api_name: 'Leads', id: leads?.id };
  const hook = await crmCall(
    s,
    'POST',
    '/settings/automation/webhooks',
    {
      webhooks: [
        {
          name: 'Example hook',
          url: 'http://127.0.0.1:9/hook',
          http_method: 'POST',
          module,
          authentication: { type: 'general' },
          feature_type: 'workflow',
        },
      ],
    },
    201,
  );
  const hookId = (list(hook.body, 'webhooks')[0]?.details as { id?: string } | undefined)?.id;
  await crmCall(
    s,
    'POST',
    '/settings/automation/workflow_rules',
    {
      workflow_rules: [
        {
          name: 'Watches Watched Example',
          module,
          execute_when: {
            type: 'field_update',
            details: {
              criteria: { comparator: 'equal', field: { api_name: 'Watched_Example' }, value: `\${ANYVALUE}` },
              repeat: false,
            },
          },
          conditions: [
            {
              sequence_number: 1,
              criteria_details: { criteria: null },
              instant_actions: { actions: [{ type: 'webhooks', id: hookId }] },
            },
          ],
        },
      ],
    },
    201,
  );
  return id;
}

const plan: ExampleReplayPlan<Sandbox> = {
  specFile: 'fields.yaml',
  operations: {
    getFields: { query: { module: 'Leads' } },
    // The examples' field labels fit a module without a Phone or Name field of its own.
    createFields: { query: { module: 'Campaigns' } },
    putFieldsWithId: {
      query: { module: 'Accounts' },
      path: {
        get fieldId() {
          return made.renamed;
        },
      },
      async setup(s) {
        [made.renamed = ''] = await createText(s, 'Accounts', ['Example Renamed']);
      },
    },
    deleteCustomField: {
      query: { module: 'Leads' },
      path: {
        get fieldId() {
          return made.kept;
        },
      },
      async setup(s) {
        [made.deleted = '', made.kept = ''] = await createText(s, 'Leads', ['Example Deleted', 'Example Kept']);
        made.watched = await watchedField(s);
      },
    },
  },
  requests: {
    'getFields 200 FullExample': {},
    'getFields 400 ErrorExample': { query: { module: 'Nope' } },
    'getFields 500 ErrorExample': internalError('GET', '/crm/v8/settings/fields'),
    'createFields 201 FullExample': {
      body: { fields: [{ field_label: 'Example One', data_type: 'text' }] },
    },
    'createFields 207 PartialSuccess': {
      body: {
        fields: [
          { field_label: 'Example Two', data_type: 'text' },
          { field_label: 'Example Three', data_type: 'hologram' },
        ],
      },
    },
    'createFields 400 ErrorExample': {
      query: { module: 'Nope' },
      body: { fields: [{ field_label: 'X', data_type: 'text' }] },
    },
    'createFields 500 ErrorExample': internalError('POST', '/crm/v8/settings/fields'),
    'putFieldsWithId 200 FullExample': { body: { fields: [{ field_label: 'Example Renamed Again' }] } },
    'putFieldsWithId 400 SingleError': { query: { module: 'Nope' }, body: { fields: [{ field_label: 'X' }] } },
    'putFieldsWithId 400 FieldErrors': { body: { fields: [{ field_label: '' }] } },
    'putFieldsWithId 500 ErrorExample': internalError('PATCH', '/crm/v8/settings/fields/*'),
    'deleteCustomField 200 FullExample': {
      path: {
        get fieldId() {
          return made.deleted;
        },
      },
    },
    'deleteCustomField 400 ErrorExample': { query: { module: 'Nope' } },
    'deleteCustomField 400 FieldUsedInIndex': {
      path: {
        get fieldId() {
          return made.watched;
        },
      },
    },
    'deleteCustomField 401 ErrorExample': noToken,
    'deleteCustomField 500 ErrorExample': internalError('DELETE', '/crm/v8/settings/fields/*'),
  },
  cannotReplay: {
    'putFieldsWithId request FullExample':
      'its three items name other fields by id, a global picklist and history tracking; a PATCH by id changes the one field its path names, and global picklists and history tracking are not emulated',
    'putFieldsWithId 400 FieldIndexedEncryptNotAllowed': 'field encryption is not emulated',
    'deleteCustomField 403 ErrorExample': ADMIN_ONLY,
    'deleteCustomField 404 ErrorExample':
      'an unknown field id is answered 400, as the 400 description says ("the fieldId path parameter must reference a valid field ID"); a malformed URL never reaches this operation',
  },
};

describeDocumentedExamples(plan, () => sandbox.current);
