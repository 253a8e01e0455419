/**
 * @module-tag e2e
 */
import { describe, expect, it } from 'vitest';
import { crmSandbox, first } from './crm-helpers.js';
import { dealsPipeline, fieldOf, layoutValues } from './crm-settings-helpers.js';

const { client } = crmSandbox();

type Json = Record<string, unknown>;
const maps = (p: Json) => p.maps as Json[];
const stageNames = (p: Json) => maps(p).map((m) => m.display_value);

async function addStage(name: string, probability: number, forecast = 'Open'): Promise<string> {
  const stage = await fieldOf(client, 'Deals', 'Stage');
  const answer = await client.call('PATCH', `/settings/fields/${stage.id}?module=Deals`, {
    fields: [{ pick_list_values: [{ display_value: name, actual_value: name, probability, forecast_type: forecast }] }],
  });
  expect(answer.status).toBe(200);
  const value = (await layoutValues(client, 'Deals', 'Stage')).find((v) => v.display_value === name);
  return String(value?.id);
}

describe('the Deals pipeline of a layout', () => {
  it('shows the Standard pipeline of the Deals layout with its stages, forecast types and categories', async () => {
    const { layoutId, pipeline } = await dealsPipeline(client);
    expect(pipeline).toMatchObject({ display_value: 'Standard (Standard)', default: true });
    expect(pipeline).not.toHaveProperty('child_available');
    expect(maps(pipeline).find((m) => m.display_value === 'Closed Won')).toMatchObject({
      forecast_type: 'Closed Won',
      forecast_category: { name: 'Closed' },
      sequence_number: 7,
    });
    expect((await client.call('GET', `/settings/pipeline/${pipeline.id}?layout_id=${layoutId}`)).status).toBe(200);
    expect((await client.call('GET', `/settings/pipeline/1?layout_id=${layoutId}`)).status).toBe(204);
    for (const query of ['', '?layout_id=1']) {
      expect((await client.call('GET', `/settings/pipeline${query}`)).body).toMatchObject({
        code: 'INVALID_DATA',
        details: { param_name: 'layout_id' },
        message: 'Invalid layoutid',
      });
    }
  });

  it('maps a new Stage value into the pipeline only when the pipeline is updated with its id', async () => {
    const id = await addStage('Renewal', 80);
    const { layoutId, pipeline } = await dealsPipeline(client);
    expect(stageNames(pipeline)).not.toContain('Renewal');
    const answer = await client.call('PATCH', `/settings/pipeline/${pipeline.id}?layout_id=${layoutId}`, {
      pipeline: [{ maps: [{ id, sequence_number: 2 }] }],
    });
    expect(answer.status).toBe(200);
    expect(first(answer.body, 'pipeline')).toMatchObject({ code: 'SUCCESS', details: { id: pipeline.id } });
    const after = (await dealsPipeline(client)).pipeline;
    expect(stageNames(after).slice(0, 3)).toEqual(['Qualification', 'Renewal', 'Needs Analysis']);
    expect(maps(after).find((m) => m.display_value === 'Renewal')).toMatchObject({ forecast_type: 'Open' });
  });

  it('moves and removes stages through PUT with the pipeline id in the body, keeping at least one', async () => {
    const { layoutId, pipeline } = await dealsPipeline(client);
    const byName = new Map(maps(pipeline).map((m) => [m.display_value, m.id]));
    const answer = await client.call('PUT', `/settings/pipeline?layout_id=${layoutId}`, {
      pipeline: [
        {
          id: pipeline.id,
          maps: [
            { id: byName.get('Closed Lost to Competition'), _delete: { permanent: null } },
            { id: byName.get('Closed Won'), sequence_number: 1 },
          ],
        },
      ],
    });
    expect(answer.status).toBe(200);
    const after = (await dealsPipeline(client)).pipeline;
    expect(stageNames(after)[0]).toBe('Closed Won');
    expect(stageNames(after)).not.toContain('Closed Lost to Competition');
    expect((await layoutValues(client, 'Deals', 'Stage')).map((v) => v.display_value)).toContain(
      'Closed Lost to Competition',
    );
    const all = maps(after).map((m) => ({ id: m.id, _delete: { permanent: null } }));
    const last = await client.call('PATCH', `/settings/pipeline/${pipeline.id}?layout_id=${layoutId}`, {
      pipeline: [{ maps: all }],
    });
    expect(first(last.body, 'pipeline')).toMatchObject({ code: 'CANNOT_DELETE' });
  });

  it('refuses a stage id that is not a Stage value, a map without id, two pipelines and an unknown pipeline', async () => {
    const { layoutId, pipeline } = await dealsPipeline(client);
    const url = `/settings/pipeline/${pipeline.id}?layout_id=${layoutId}`;
    const unknown = await client.call('PATCH', url, { pipeline: [{ maps: [{ id: '1' }] }] });
    expect(first(unknown.body, 'pipeline')).toMatchObject({ code: 'INVALID_DATA', message: 'Invalid child option id' });
    const noId = await client.call('PATCH', url, { pipeline: [{ maps: [{ display_value: 'X', probability: 5 }] }] });
    expect(first(noId.body, 'pipeline')).toMatchObject({ code: 'MANDATORY_NOT_FOUND', details: { api_name: 'id' } });
    const two = await client.call('PATCH', url, { pipeline: [{ display_value: 'A' }, { display_value: 'B' }] });
    expect(two.body).toMatchObject({ code: 'INVALID_DATA', details: { maximum_length: 1 } });
    const other = await client.call('PUT', `/settings/pipeline/1?layout_id=${layoutId}`, { pipeline: [{}] });
    expect(other.body).toMatchObject({ code: 'INVALID_DATA', details: { resource_path_index: 2 } });
  });

  it('takes a deleted Stage value out of the pipeline', async () => {
    const id = await addStage('Short Lived', 5);
    const { layoutId, pipeline } = await dealsPipeline(client);
    await client.call('PATCH', `/settings/pipeline/${pipeline.id}?layout_id=${layoutId}`, {
      pipeline: [{ maps: [{ id }] }],
    });
    expect(stageNames((await dealsPipeline(client)).pipeline)).toContain('Short Lived');
    const stage = await fieldOf(client, 'Deals', 'Stage');
    await client.call('PATCH', `/settings/fields/${stage.id}?module=Deals`, {
      fields: [{ pick_list_values: [{ id, _delete: true }] }],
    });
    expect(stageNames((await dealsPipeline(client)).pipeline)).not.toContain('Short Lived');
  });
});
