/**
 * Conformance errors seen today that are open fidelity work (issue 14), per suite. The list only shrinks: a new
 * error fails its suite, and an entry its suite no longer produces fails too, until it is removed here. When the
 * fidelity work is done this list is empty; what remains excused is in `excuses.ts`, each with its source.
 */

export interface BaselineEntry {
  /** The suites (`judgeConformance(report, suite)`) that produce this error. */
  suites: readonly string[];
  /** `describeError()` of the error. */
  error: string;
  /** The open work that removes it. */
  work: string;
}

export const BASELINE: readonly BaselineEntry[] = [];
