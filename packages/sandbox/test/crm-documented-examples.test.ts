/**
 * Zoho's documented examples as tests: every request, parameter and response example of the search and COQL
 * operations zlc uses (`../shared/specs/crm-v8-2026/module_search.yaml` `searchRecords`, `coql.yaml`
 * `executeCOQLQuery`), replayed against the sandbox. Examples the sandbox cannot replay say why.
 *
 * @module-tag e2e
 */
import { describeDocumentedExamples, type ExampleReplayPlan } from '@zlc/testkit';
import type { Sandbox } from '../src/index.js';
import { crmSandbox, list } from './crm-helpers.js';

const { client, sandbox } = crmSandbox();

let seeded: Promise<void> | undefined;

/** The org the examples presume (made once per file): Zoho's sample leads, and the lead statuses they search for. */
function sampleLeads(s: Sandbox): Promise<void> {
  seeded ??= seedSampleLeads(s);
  return seeded;
}

async function seedSampleLeads(s: Sandbox): Promise<void> {
  const fields = list((await client.call('GET', '/settings/fields?module=Leads')).body, 'fields');
  const status = fields.find((f) => f.api_name === 'Lead_Status');
  const added = await client.call('PATCH', `/settings/fields/${status?.id}?module=Leads`, {
    fields: [
      {
        pick_list_values: [
          { display_value: 'Qualified', actual_value: 'Qualified' },
          { display_value: 'Converted', actual_value: 'Converted' },
        ],
      },
    ],
  });
  if (added.status !== 200) throw new Error(`the lead statuses were refused: ${JSON.stringify(added.body)}`);
  const created = await client.call('POST', '/Leads', {
    data: [
      {
        Company: 'Zylker',
        First_Name: 'John',
        Last_Name: 'Doe',
        Email: 'john.doe@example.com',
        Phone: '+1-555-123-4567',
        Lead_Status: 'Qualified',
        Description: 'Interested in our software marketing campaign',
      },
      { Company: 'Zylker Inc.', First_Name: 'John', Last_Name: 'Smith', Email: 'lead@zylker.com' },
      { Company: 'Test Co', Last_Name: 'TestLead' },
    ],
  });
  if (created.status !== 201) throw new Error(`the sample leads were refused: ${JSON.stringify(created.body)}`);
  // Search sees records only once they are indexed (module_search.yaml, searchRecords).
  s.clock.advance(s.crm.searchIndexDelayMs() + 1000);
}

const internalErrorOnce = (path: string) => ({
  before: (s: Sandbox) => s.faults.set([{ kind: 'error', product: 'crm', path, times: 1 }]),
  after: (s: Sandbox) => s.faults.clear(),
});

const NO_SCOPES = 'sandbox tokens carry no OAuth scopes, so no request can lack one';
const NO_PERMISSIONS = 'the sandbox acts as the org administrator, who may read every module';

const search: ExampleReplayPlan<Sandbox> = {
  specFile: 'module_search.yaml',
  operations: {
    searchRecords: {
      // One of criteria, email, phone or word is mandatory; Zoho processes only the highest-priority one.
      query: { word: 'Zylker' },
      exclusive: [['criteria', 'email', 'phone', 'word']],
      setup: sampleLeads,
    },
  },
  requests: {
    'searchRecords parameter fields=AccountFields': { path: { module: 'Accounts' } },
    'searchRecords 200 LeadSearchResult': { query: { word: undefined, criteria: '(Company:equals:Zylker)' } },
    'searchRecords 400 MissingParameter': { query: { word: undefined } },
    'searchRecords 400 InvalidModule': { path: { module: 'Leadz' } },
    'searchRecords 500 InternalError': internalErrorOnce('/crm/v8/Leads/search'),
  },
  cannotReplay: {
    'searchRecords parameter type=ActiveUsers':
      'type filters searches of the Users module, which the sandbox does not emulate (users are read with GET /users)',
    'searchRecords parameter type=AdminUsers':
      'type filters searches of the Users module, which the sandbox does not emulate',
    'searchRecords parameter type=ConfirmedUsers':
      'type filters searches of the Users module, which the sandbox does not emulate',
    'searchRecords parameter type=AllUsers':
      'type filters searches of the Users module, which the sandbox does not emulate',
    'searchRecords 401 OauthScopeMismatch': NO_SCOPES,
    'searchRecords 403 NoPermission': NO_PERMISSIONS,
    'searchRecords 404 InvalidUrlPattern':
      'every /{module}/search path is a valid pattern; an unknown module is the documented 400 INVALID_MODULE',
    'searchRecords 429 RateLimitExceeded':
      "the sandbox answers 429 TOO_MANY_REQUESTS as Zoho's API-limits page documents (https://www.zoho.com/crm/developer/docs/api/v8/api-limits.html); this example says RATE_LIMIT_EXCEEDED",
    'searchRecords 502 ServiceUnavailable':
      'the sandbox has no upstream whose failure it could show; its fault rules give 500 only',
    'searchRecords 503 MaintenanceMode': 'the sandbox has no maintenance mode; its fault rules give 500 only',
  },
};

const coql = (select_query: string) => ({ body: { select_query } });

const NULL_TEST_REFUSED =
  "the example's column (textj8) is a custom field of a type the document does not name, and no source says which field types refuse a null test";

const coqlPlan: ExampleReplayPlan<Sandbox> = {
  specFile: 'coql.yaml',
  operations: { executeCOQLQuery: { setup: sampleLeads } },
  requests: {
    'executeCOQLQuery 200 SuccessResponse': coql("select Last_Name, First_Name from Leads where Last_Name = 'Smith'"),
    'executeCOQLQuery 200 SuccessResponseWithFieldsMeta': {
      body: { select_query: "select Last_Name from Leads where Last_Name = 'TestLead'", include_meta: ['fields'] },
    },
    'executeCOQLQuery 400 SyntaxErrorInvalidClause': coql('select Last_Name from Leads where'),
    'executeCOQLQuery 400 SyntaxErrorLocation': coql('select Last_Name, FROM Leads'),
    'executeCOQLQuery 400 SyntaxErrorOperator': coql("select Last_Name from Leads where not Last_Name = 'Smith'"),
    'executeCOQLQuery 400 SyntaxErrorQueryNotSupported': coql("delete from Leads where Last_Name = 'Smith'"),
    'executeCOQLQuery 400 SyntaxErrorNear': coql('select Last_Name from Leads where where'),
    'executeCOQLQuery 400 InvalidQueryInvalidOperator': coql("select Last_Name from Leads where First_Name > 'J'"),
    'executeCOQLQuery 400 InvalidQueryInvalidAlias': coql(
      "select Last_Name, First_Name as Last_Name from Leads where Last_Name = 'Smith'",
    ),
    'executeCOQLQuery 400 MandatoryNotFound': { body: {} },
    'executeCOQLQuery 400 DuplicateAlias': coql(
      "select First_Name as Name, Last_Name as Name from Leads where Last_Name = 'Smith'",
    ),
    'executeCOQLQuery 400 InvalidAlias': coql("select First_Name as '' from Leads where Last_Name = 'Smith'"),
    'executeCOQLQuery 400 DuplicateData': coql("select First_Name, First_Name from Leads where Last_Name = 'Smith'"),
    'executeCOQLQuery 400 DuplicateDataAggregate': coql(
      'select MAX(Annual_Revenue), MAX(Annual_Revenue) from Leads where Annual_Revenue is not null',
    ),
    'executeCOQLQuery 400 InvalidQueryInvalidLimit': coql(
      "select Last_Name from Leads where Last_Name = 'Smith' limit s",
    ),
    'executeCOQLQuery 400 InvalidQueryUnsupportedColumn': coql(
      'select Last_Name, COUNT(id) from Leads where Last_Name is not null group by Company',
    ),
    'executeCOQLQuery 400 InvalidQueryEmptyDetails': coql(
      "select Last_Name from Leads where Last_Name = 'Smith' group by Last_Name",
    ),
    'executeCOQLQuery 400 InvalidData': {
      body: { select_query: "select Last_Name from Leads where Last_Name = 'Smith'", include_meta: 'fields' },
    },
    'executeCOQLQuery 400 InvalidDataSupportedValues': {
      body: { select_query: "select Last_Name from Leads where Last_Name = 'Smith'", include_meta: ['layouts'] },
    },
    'executeCOQLQuery 400 InvalidDataUnsupportedFunction': coql(
      "select TestFunction(Last_Name) from Leads where Last_Name = 'Smith'",
    ),
    'executeCOQLQuery 400 InvalidDataExpectedTypeWithSupportedValues': {
      body: { select_query: "select Last_Name from Leads where Last_Name = 'Smith'", include_meta: [1] },
    },
    'executeCOQLQuery 400 InvalidDataLimitZero': coql("select Last_Name from Leads where Last_Name = 'Smith' limit 0"),
    'executeCOQLQuery 400 InvalidModule': coql("select Last_Name from Leadz where Last_Name = 'Smith'"),
  },
  cannotReplay: {
    'executeCOQLQuery 400 InvalidQueryIsNotNullOperator': NULL_TEST_REFUSED,
    'executeCOQLQuery 400 InvalidQueryIsNullOperator': NULL_TEST_REFUSED,
    'executeCOQLQuery 400 InvalidQueryUnsupportedCriteria':
      'multi-user lookups (Events Participants) are not emulated, so no criteria column is unsupported this way',
    'executeCOQLQuery 400 InvalidQuerySubQueryOperator': 'the sandbox does not emulate COQL subqueries',
    'executeCOQLQuery 400 InvalidQuerySubQueryMultipleColumns': 'the sandbox does not emulate COQL subqueries',
  },
};

describeDocumentedExamples(search, () => sandbox.current);
describeDocumentedExamples(coqlPlan, () => sandbox.current);
