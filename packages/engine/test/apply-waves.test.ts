import { type PlanAction, runWaves, type StepResult } from '@zlc/engine';
import { describe, expect, it } from 'vitest';
import { createField } from './support/apply-fixtures.js';

function deskField(name: string): PlanAction {
  return {
    ...createField('x', name, name),
    address: `desk_field.accounts.${name}`,
    type: 'desk_field',
    product: 'desk',
  };
}

describe('runWaves', () => {
  it('runs a wave concurrently up to each product’s cap, and waves one after another', async () => {
    const crm = Array.from({ length: 9 }, (_, i) => createField('Deals', `F${i}`, `F ${i}`));
    const desk = Array.from({ length: 4 }, (_, i) => deskField(`cf_${i}`));
    const later = createField('Deals', 'Later', 'Later', ['crm_field.Deals.F0']);
    const inFlight = { crm: 0, desk: 0, books: 0 };
    const peak = { crm: 0, desk: 0, books: 0 };
    const order: string[] = [];
    const results = await runWaves({
      waves: [[...crm, ...desk].map((a) => a.address), [later.address]],
      actions: new Map([...crm, ...desk, later].map((a) => [a.address, a])),
      concurrency: (product) => (product === 'crm' ? 3 : 2),
      run: async (action): Promise<StepResult> => {
        inFlight[action.product] += 1;
        peak[action.product] = Math.max(peak[action.product], inFlight[action.product]);
        await new Promise((r) => setTimeout(r, 10));
        inFlight[action.product] -= 1;
        order.push(action.address);
        return { status: 'applied' };
      },
    });
    expect(peak).toEqual({ crm: 3, desk: 2, books: 0 });
    expect(order.at(-1)).toBe(later.address);
    expect([...results.values()].every((r) => r.status === 'applied')).toBe(true);
  });

  it('skips what depends on a failure, transitively, and runs everything else', async () => {
    const a = createField('Deals', 'A', 'A');
    const b = createField('Deals', 'B', 'B');
    const c = createField('Deals', 'C', 'C', [a.address]);
    const d = createField('Deals', 'D', 'D', [c.address]);
    const ran: string[] = [];
    const results = await runWaves({
      waves: [[a.address, b.address], [c.address], [d.address]],
      actions: new Map([a, b, c, d].map((x) => [x.address, x])),
      concurrency: () => 5,
      run: async (action): Promise<StepResult> => {
        ran.push(action.address);
        return action === a ? { status: 'failed', error: new Error('no') } : { status: 'applied' };
      },
    });
    expect(ran.sort()).toEqual([a.address, b.address]);
    expect(results.get(c.address)).toEqual({
      status: 'skipped',
      reason: { kind: 'dependency_failed', dependency: a.address },
    });
    expect(results.get(d.address)).toEqual({
      status: 'skipped',
      reason: { kind: 'dependency_failed', dependency: c.address },
    });
  });
});
