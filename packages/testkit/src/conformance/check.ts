/**
 * Judges a conformance report: every error the proxy found is either a named, sourced defect of Zoho's documents
 * (`SPEC_DEFECTS`), or open fidelity work listed for that suite in `BASELINE` (which may only shrink), or it fails
 * the test. A baseline entry the suite no longer produces fails too, so fixed work leaves the list at once.
 */
import { appendFileSync } from 'node:fs';
import { BASELINE, type BaselineEntry } from './baseline.js';
import { SPEC_DEFECTS, type SpecDefect } from './excuses.js';
import type { ConformanceReport, ConformanceViolation } from './proxy.js';

/** One error of one violation, in the normalised form excuses and the baseline are written in. */
export interface ViolationError {
  direction: 'request' | 'response';
  /** `product:operationId`, as the proxy keys operations (`crm:getFields`). */
  operation: string;
  method: string;
  status: number | undefined;
  kind: string;
  /** The JSON path inside the body with every number replaced by `*` (`/fields/*\/unique`); '' for the whole. */
  at: string;
  message: string;
  /** The request path the proxy saw (no query string); '' when it did not say. */
  path: string;
}

export interface ConformanceVerdict {
  /** Errors no excuse and no baseline entry covers: each one fails the test. */
  unexplained: string[];
  /** Baseline entries of this suite that no error matched: remove them from `baseline.ts`. */
  stale: string[];
  /** How many errors the named spec defects excused, per defect id. */
  excused: Record<string, number>;
}

export function errorsOf(v: ConformanceViolation): ViolationError[] {
  const base = {
    direction: v.direction === 'request' ? ('request' as const) : ('response' as const),
    operation: `${v.product ?? '?'}:${v.operationId ?? '?'}`,
    method: v.method ?? '?',
    status: v.status,
    kind: v.kind ?? 'schema',
    path: (v.path ?? '').split('?')[0] ?? '',
  };
  const errors = v.errors ?? [];
  if (errors.length === 0) return [{ ...base, at: '', message: '' }];
  return errors.map((e) => ({
    ...base,
    at: (e.instancePath ?? '').replace(/\/\d+(?=\/|$)/g, '/*'),
    message: e.message ?? '',
  }));
}

export function describeError(e: ViolationError): string {
  return `${e.direction} ${e.operation} ${e.method} ${e.status ?? '-'} ${e.kind} ${e.at || '/'} ${e.message}`.trim();
}

function matchesDefect(d: SpecDefect, e: ViolationError): boolean {
  if (d.direction !== undefined && d.direction !== e.direction) return false;
  if (d.product !== undefined && !e.operation.startsWith(`${d.product}:`)) return false;
  if (d.operations.length > 0 && !d.operations.includes(e.operation)) return false;
  if (d.kind !== undefined && d.kind !== e.kind) return false;
  if (d.statuses !== undefined && !d.statuses.includes(e.status ?? -1)) return false;
  if (d.at !== undefined && !d.at.test(e.at)) return false;
  if (d.message !== undefined && !d.message.test(e.message)) return false;
  if (d.path !== undefined && !d.path.test(e.path)) return false;
  return true;
}

function matchesBaseline(b: BaselineEntry, e: ViolationError): boolean {
  return describeError(e) === b.error;
}

export interface JudgeOptions {
  /** The open-work list to judge against (its own tests pass one); default `BASELINE`. */
  baseline?: readonly BaselineEntry[];
  /**
   * Judge only the answers: for suites that send requests outside Zoho's documents on purpose, to check the
   * sandbox's answers to bad input. Default: both directions.
   */
  responsesOnly?: boolean;
}

/** The verdict on one suite's report (`suite` names its entries in `BASELINE`). */
export function judgeConformance(
  report: ConformanceReport,
  suite: string,
  options: JudgeOptions = {},
): ConformanceVerdict {
  const entries = (options.baseline ?? BASELINE).filter((b) => b.suites.includes(suite));
  const seen = new Set<BaselineEntry>();
  const unexplained = new Set<string>();
  const excused: Record<string, number> = {};
  for (const violation of report.violations) {
    if (options.responsesOnly === true && violation.direction === 'request') continue;
    for (const error of errorsOf(violation)) {
      const defect = SPEC_DEFECTS.find((d) => matchesDefect(d, error));
      if (defect !== undefined) {
        excused[defect.id] = (excused[defect.id] ?? 0) + 1;
        continue;
      }
      const entry = entries.find((b) => matchesBaseline(b, error));
      if (entry !== undefined) {
        seen.add(entry);
        continue;
      }
      unexplained.add(describeError(error));
    }
  }
  const record = process.env.ZLC_CONFORMANCE_RECORD;
  if (record !== undefined && record !== '')
    for (const line of unexplained) appendFileSync(record, `${JSON.stringify({ suite, error: line })}\n`);
  return {
    unexplained: [...unexplained].sort(),
    stale: entries.filter((b) => !seen.has(b)).map((b) => b.error),
    excused,
  };
}
