/**
 * layouts.yaml's documented examples of the operations zlc uses (list the layouts, update one), replayed against the
 * sandbox: the section and field ids of Zoho's examples become the sandbox's own; the rest is as documented, or the
 * test names why the sandbox cannot replay it.
 *
 * @module-tag e2e
 */
import { describeDocumentedExamples, type ExampleReplayPlan } from '@zlc/testkit';
import type { Sandbox } from '../src/index.js';
import { ADMIN_ONLY, crmCall, internalError, type Json, list, NO_SCOPES, noToken } from './crm-examples-helpers.js';
import { sandboxPerFile } from './support/index.js';

const sandbox = sandboxPerFile({ seed: 'default' });

/** The Leads Standard layout: its id, two sections and five fields of the first one (set up before the cases). */
const leads = { layout: '', first: '', second: '', fields: [] as string[] };

async function readLeadsLayout(s: Sandbox): Promise<void> {
  const layout = list((await crmCall(s, 'GET', '/settings/layouts?module=Leads', undefined, 200)).body, 'layouts')[0];
  const sections = (layout?.sections ?? []) as Json[];
  leads.layout = String(layout?.id);
  leads.first = String(sections[0]?.id);
  leads.second = String(sections[1]?.id);
  leads.fields = ((sections[0]?.fields ?? []) as Json[])
    .filter((f) => f.system_mandatory !== true)
    .slice(0, 5)
    .map((f) => String(f.id));
}

const field = (i: number) => leads.fields[i] ?? '';

/** A case's request body, built when the case runs (the ids are the sandbox's). */
const body = (build: () => unknown) => ({
  get body() {
    return build();
  },
});

const NOT_EMULATED = (what: string) => `${what} are not emulated`;

const plan: ExampleReplayPlan<Sandbox> = {
  specFile: 'layouts.yaml',
  operations: {
    getLayouts: {},
    updateLayout: {
      path: {
        get id() {
          return leads.layout;
        },
      },
      setup: readLeadsLayout,
    },
  },
  requests: {
    'getLayouts 200 LayoutSuccessResponse': {},
    'getLayouts 200 WithIncludeAndFieldsFilter': { query: { include: 'total_profiles' } },
    'getLayouts 400 MissingModuleParam': { query: { module: undefined } },
    'getLayouts 400 InvalidModule': { query: { module: 'Nope' } },
    'getLayouts 401 AuthenticationFailure': noToken,
    'getLayouts 500 InternalError': internalError('GET', '/crm/v8/settings/layouts'),
    'updateLayout request AddFieldToSection': body(() => ({
      layouts: [{ sections: [{ id: leads.first, fields: [{ id: field(0) }] }] }],
    })),
    'updateLayout request UpdateFieldSequence': body(() => ({
      layouts: [{ sections: [{ id: leads.first, fields: [{ id: field(0), sequence_number: 2 }] }] }],
    })),
    'updateLayout request MoveFieldToUnused': body(() => ({
      layouts: [{ sections: [{ id: leads.first, fields: [{ id: field(4), _delete: { permanent: false } }] }] }],
    })),
    'updateLayout request MultipleFieldsAcrossSections': body(() => ({
      layouts: [
        {
          sections: [
            { id: leads.first, fields: [{ id: field(0) }, { id: field(1) }] },
            { id: leads.second, fields: [{ id: field(2) }, { id: field(3) }, { id: field(4) }] },
          ],
        },
      ],
    })),
    'updateLayout parameter module=StandardModule': body(() => ({
      layouts: [{ sections: [{ id: leads.first, fields: [{ id: field(1) }] }] }],
    })),
    'updateLayout 200 Success': body(() => ({
      layouts: [{ sections: [{ id: leads.first, fields: [{ id: field(2), sequence_number: 1 }] }] }],
    })),
    'updateLayout 400 InvalidFieldId': body(() => ({
      layouts: [{ sections: [{ id: leads.first, fields: [{ id: '1' }] }] }],
    })),
    'updateLayout 400 InvalidTabTraversal': body(() => ({
      layouts: [{ sections: [{ id: leads.first, tab_traversal: 'diagonal' }] }],
    })),
    'updateLayout 400 RequiredParamMissing': { query: { module: undefined }, body: { layouts: [{ name: 'X' }] } },
    'updateLayout 400 InvalidModule': { query: { module: 'Nope' }, body: { layouts: [{ name: 'X' }] } },
    'updateLayout 400 InvalidSectionIdOrApiName': { body: { layouts: [{ sections: [{ sequence_number: 2 }] }] } },
    'updateLayout 400 DependentFieldMissingForSection': {
      body: { layouts: [{ sections: [{ _delete: { permanent: true } }] }] },
    },
    'updateLayout 400 DependentFieldMissingForField': body(() => ({
      layouts: [{ sections: [{ id: leads.first, fields: [{ sequence_number: 2 }] }] }],
    })),
    'updateLayout 401 AuthenticationFailure': { ...noToken, body: { layouts: [{ name: 'X' }] } },
    'updateLayout 500 InternalError': internalError('PATCH', '/crm/v8/settings/layouts/*'),
  },
  cannotReplay: {
    'getLayouts parameter module=CustomModule': 'the sandbox org has no custom modules',
    'getLayouts 400 PatternNotMatched':
      'the sandbox answers a module name of any form INVALID_MODULE when it names no module',
    'getLayouts 400 InvalidRequestMethod': 'the operation is a GET; another method is another operation',
    'getLayouts 401 OAuthScopeMismatch': NO_SCOPES,
    'getLayouts 404 InvalidUrlPattern': "the operation's path is fixed; another path is another operation",
    'updateLayout request RenameLayout':
      'zlc names the layout it manages Standard; renaming it would leave every later case without it (renaming is emulated: crm-layouts tests)',
    'updateLayout request AddProfilePermission': NOT_EMULATED('layout profile permissions'),
    'updateLayout request RemoveProfilePermission': NOT_EMULATED('layout profile permissions'),
    'updateLayout request ToggleBusinessCard': NOT_EMULATED('business cards'),
    'updateLayout request CreateCustomSection': NOT_EMULATED('new sections through a layout update'),
    'updateLayout request DeleteSection': NOT_EMULATED('section deletes'),
    'updateLayout request CreateNewField': NOT_EMULATED('fields created through a layout update'),
    'updateLayout request CreateFieldWithAssociation': NOT_EMULATED('field-of-lookup associations'),
    'updateLayout request UpdateFieldWithAssociation': NOT_EMULATED('field-of-lookup associations'),
    'updateLayout request AddMirrorComponentToSection': NOT_EMULATED('mirror fields'),
    'updateLayout parameter id=ValidId':
      "the example's layout id is of Zoho's org; the sandbox's layouts have their own",
    'updateLayout parameter module=CustomModule': 'the sandbox org has no custom modules',
    'updateLayout 400 SystemKeywordNotAllowed': 'Zoho does not list its system keywords',
    'updateLayout 400 NotAllowedRelatedFieldLengthHigher': NOT_EMULATED('field-of-lookup associations'),
    'updateLayout 400 DependentMismatchFieldLength': NOT_EMULATED('field-of-lookup associations'),
    'updateLayout 400 NotSupportedAssociationDetails': NOT_EMULATED('field-of-lookup associations'),
    'updateLayout 400 FeatureNotSupportedAssociationDetails': NOT_EMULATED('field-of-lookup associations'),
    'updateLayout 400 LimitExceededFoLMapping': NOT_EMULATED('field-of-lookup associations'),
    'updateLayout 400 AmbiguityDuringProcessingRelatedField': NOT_EMULATED('field-of-lookup associations'),
    'updateLayout 400 ExpectedFieldMissingRelatedField': NOT_EMULATED('field-of-lookup associations'),
    'updateLayout 401 OAuthScopeMismatch': NO_SCOPES,
    'updateLayout 403 NoPermission': ADMIN_ONLY,
    'updateLayout 405 InvalidMethod': 'the operation is a PATCH; another method is another operation',
  },
};

describeDocumentedExamples(plan, () => sandbox.current);
