/**
 * Documented examples as tests: one vitest `describe` per spec file, one test per documented example of the
 * plan's operations. Cases the plan lists as cannot-replay show as named skips with their reason; without
 * `../shared` the whole file shows as one named skip.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { SandboxHandle } from '../sandbox.js';
import { describeExpectation, operationCases, operationsOf } from './documented-cases.js';
import { replayCase } from './replay-case.js';
import { type ExampleReplayPlan, planProblems } from './replay-plan.js';
import { crmSpecAvailable, loadCrmSpec } from './spec-document.js';

/**
 * Registers the replay of every documented example of `plan.operations` in `plan.specFile` against the sandbox
 * `sandbox()` returns (called inside tests, so a `sandboxPerFile` handle works). Return the same object on every
 * call: the access token is cached per handle.
 */
export function describeDocumentedExamples<S extends SandboxHandle>(
  plan: ExampleReplayPlan<S>,
  sandbox: () => S,
): void {
  const title = `documented examples of ${plan.specFile}`;
  const available = crmSpecAvailable(plan.specFile);
  if (!available.ok) {
    describe(title, () => {
      it.skip(`cannot run: ${available.reason}`, () => {});
    });
    return;
  }
  const doc = loadCrmSpec(plan.specFile);
  describe(title, () => {
    it('names a request or a reason for every documented example, and only for documented ones', () => {
      expect(planProblems(doc, plan)).toEqual([]);
    });
    for (const op of operationsOf(doc, Object.keys(plan.operations))) {
      const operation = plan.operations[op.operationId] ?? {};
      describe(op.operationId, () => {
        beforeAll(async () => {
          await operation.setup?.(sandbox());
        });
        for (const c of operationCases(op)) {
          const reason = plan.cannotReplay?.[c.id];
          const change = plan.requests?.[c.id];
          if (reason !== undefined) {
            it.skip(`${c.id} cannot be replayed: ${reason}`, () => {});
          } else if (c.kind === 'response' && change === undefined) {
            it(`${c.id} has a request that provokes it`, () => {
              expect.fail(`give ${c.id} a request in the plan, or list it as cannot replay with the reason`);
            });
          } else {
            it(`${c.id} answers ${describeExpectation(c.expect)}`, async () => {
              const outcome = await replayCase(sandbox(), doc, c, operation, change);
              expect(outcome.problem, `${outcome.request.method} ${outcome.request.pathAndQuery}`).toBeUndefined();
            });
          }
        }
      });
    }
  });
}
