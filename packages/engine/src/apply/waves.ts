/**
 * Runs a plan's waves in order. Within a wave, actions run concurrently, at most `concurrency(product)` at once
 * per product (the client's rate budget caps the calls underneath as well). An action whose dependency failed
 * or was skipped (other than as a manual step) is skipped without being started; everything else keeps going, so one failure costs only
 * its dependents.
 */
import pLimit, { type LimitFunction } from 'p-limit';
import type { Address, PlanAction, Product } from '../plan-types.js';

export type StepResult =
  | { status: 'applied'; remoteId?: string }
  | { status: 'failed'; error: unknown }
  | { status: 'skipped'; reason: SkipReason };

export type SkipReason =
  | { kind: 'dependency_failed'; dependency: Address }
  | { kind: 'manual'; steps: string[] }
  | { kind: 'stopped' };

export interface RunWavesOptions {
  waves: readonly (readonly Address[])[];
  actions: ReadonlyMap<Address, PlanAction>;
  concurrency: (product: Product) => number;
  /** Runs one action (not called for skipped ones). Must not throw: failures come back as `failed`. */
  run: (action: PlanAction) => Promise<StepResult>;
  /** Told before a wave starts (with the actions that will run) and after each action settles. */
  onWave?: (index: number, addresses: Address[]) => void;
  onSkip?: (action: PlanAction, reason: SkipReason) => void | Promise<void>;
  /** Checked before each action starts: once it says stop, the rest are skipped (`stopped`). */
  shouldStop?: () => boolean;
}

export async function runWaves(options: RunWavesOptions): Promise<Map<Address, StepResult>> {
  const results = new Map<Address, StepResult>();
  const limits = new Map<Product, LimitFunction>();
  const limitFor = (product: Product): LimitFunction => {
    let limit = limits.get(product);
    if (limit === undefined) {
      limit = pLimit(Math.max(1, options.concurrency(product)));
      limits.set(product, limit);
    }
    return limit;
  };
  const skip = async (action: PlanAction, reason: SkipReason) => {
    results.set(action.address, { status: 'skipped', reason });
    await options.onSkip?.(action, reason);
  };

  for (const [index, wave] of options.waves.entries()) {
    const runnable: PlanAction[] = [];
    for (const address of wave) {
      const action = options.actions.get(address);
      if (action === undefined || action.action === 'noop') continue;
      const blocked = action.dependsOn.find((dep) => {
        const result = results.get(dep);
        if (result === undefined || result.status === 'applied') return false;
        // A pending manual step does not block: the API side of its dependents can still be configured.
        return !(result.status === 'skipped' && result.reason.kind === 'manual');
      });
      if (blocked !== undefined) await skip(action, { kind: 'dependency_failed', dependency: blocked });
      else if (action.action === 'manual') await skip(action, { kind: 'manual', steps: action.steps });
      else runnable.push(action);
    }
    if (runnable.length === 0) continue;
    options.onWave?.(
      index,
      runnable.map((a) => a.address),
    );
    await Promise.all(
      runnable.map((action) =>
        limitFor(action.product)(async () => {
          if (options.shouldStop?.()) {
            await skip(action, { kind: 'stopped' });
            return;
          }
          results.set(action.address, await options.run(action));
        }),
      ),
    );
  }
  return results;
}
