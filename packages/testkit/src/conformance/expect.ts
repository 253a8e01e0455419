import { expect } from 'vitest';
import { type JudgeOptions, judgeConformance } from './check.js';
import type { ConformanceReport } from './proxy.js';

/** Fails the test on any unexcused conformance error, and on a baseline entry the suite no longer produces. */
export function expectConformance(report: ConformanceReport, suite: string, options: JudgeOptions = {}): void {
  const verdict = judgeConformance(report, suite, options);
  expect(verdict.unexplained, `conformance errors in ${suite} (neither a sourced spec defect nor baseline)`).toEqual(
    [],
  );
  expect(verdict.stale, `baseline entries ${suite} no longer produces: remove them from baseline.ts`).toEqual([]);
}
