/**
 * pipeline.yaml's documented examples of the operations zlc uses (list a layout's pipelines, update one by id),
 * replayed against the sandbox: the Stage value ids of Zoho's examples become the sandbox's own (Needs Analysis
 * and Qualification, as in the examples).
 *
 * @module-tag e2e
 */
import { describeDocumentedExamples, type ExampleReplayPlan } from '@zlc/testkit';
import type { Sandbox } from '../src/index.js';
import { ADMIN_ONLY, crmCall, type Json, list } from './crm-examples-helpers.js';
import { sandboxPerFile } from './support/index.js';

const sandbox = sandboxPerFile({ seed: 'default' });

const deals = { layout: '', pipeline: '', stages: new Map<string, string>() };

async function readPipeline(s: Sandbox): Promise<void> {
  const layout = list((await crmCall(s, 'GET', '/settings/layouts?module=Deals', undefined, 200)).body, 'layouts')[0];
  deals.layout = String(layout?.id);
  const answer = await crmCall(s, 'GET', `/settings/pipeline?layout_id=${deals.layout}`, undefined, 200);
  const pipeline = list(answer.body, 'pipeline')[0];
  deals.pipeline = String(pipeline?.id);
  for (const m of (pipeline?.maps ?? []) as Json[]) deals.stages.set(String(m.display_value), String(m.id));
}

const stage = (name: string) => deals.stages.get(name) ?? '';
const layoutQuery = {
  get layout_id() {
    return deals.layout;
  },
};
const maps = (build: () => unknown[]) => ({
  get body() {
    return { pipeline: [{ maps: build() }] };
  },
});

const plan: ExampleReplayPlan<Sandbox> = {
  specFile: 'pipeline.yaml',
  operations: {
    getPipelines: { query: layoutQuery, setup: readPipeline },
    updatePipelineById: {
      query: layoutQuery,
      path: {
        get pipelineIdentifier() {
          return deals.pipeline;
        },
      },
      setup: readPipeline,
    },
  },
  requests: {
    'getPipelines 200 PipelineGetResponse': {},
    'getPipelines 400 InvalidLayoutID': { query: { layout_id: '1' } },
    'updatePipelineById request PipelineUpdateRequest': {
      get body() {
        return {
          pipeline: [
            {
              display_value: 'adfadf12adf',
              default: false,
              maps: [
                { id: stage('Needs Analysis'), sequence_number: 2 },
                { id: stage('Qualification'), sequence_number: 1 },
              ],
            },
          ],
        };
      },
    },
    'updatePipelineById 200 PipelineUpdateResponse': maps(() => [{ id: stage('Closed Won'), sequence_number: 7 }]),
    'updatePipelineById 400 NoMappingFoundErrorRespones': { body: { pipeline: [{ maps: [] }] } },
    'updatePipelineById 400 CannotRemoveTheLastStageErrorResponse': maps(() =>
      [...deals.stages.values()].map((id) => ({ id, _delete: { permanent: null } })),
    ),
    'updatePipelineById 400 InvalidPipelineIdInUrlErrorResponse': {
      path: { pipelineIdentifier: '1' },
      body: { pipeline: [{ display_value: 'X' }] },
    },
    'updatePipelineById 400 InvalidMapStageIDError': maps(() => [{ id: '1' }]),
    'updatePipelineById 400 DisplayValueIsNotFountError': { body: { pipeline: [{ display_value: '' }] } },
    'updatePipelineById 400 MapIDNotFoundError': maps(() => [{ sequence_number: 1 }]),
    'updatePipelineById 400 InvalidLayoutID': {
      query: { layout_id: '1' },
      body: { pipeline: [{ display_value: 'X' }] },
    },
  },
  cannotReplay: {
    'updatePipelineById request PipelineDeleteRequest':
      "the sandbox's Deals layout has one pipeline, and a layout keeps at least one (creating and transferring pipelines are not emulated)",
    'updatePipelineById 400 AlreadyScheduledError': 'pipeline transfers are not emulated',
    'updatePipelineById 400 DuplicatePipelineNameError':
      'the Deals layout has one pipeline; creating pipelines is not emulated',
    'updatePipelineById 400 InvalidPipelineID':
      'names the pipeline by an id in the body (the form without an id in the path); by id, an unknown pipeline is InvalidPipelineIdInUrlErrorResponse',
    'updatePipelineById 403 NoPermissionErrorResponse': ADMIN_ONLY,
  },
};

describeDocumentedExamples(plan, () => sandbox.current);
