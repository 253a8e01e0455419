/**
 * How a test replays one spec file's documented examples: per operation the values every replay needs, per case
 * the request that provokes it (required for response examples), and the cases the sandbox cannot replay, each
 * with its reason. `planProblems` finds what the plan gets wrong, so nothing is skipped silently.
 */
import { type DocumentedCase, operationCases, operationsOf } from './documented-cases.js';
import type { SpecDocument } from './spec-document.js';

/** Changes to the documented request of one case; `undefined` in `query` or `headers` removes that entry. */
export interface CaseRequest<S> {
  path?: Record<string, string>;
  query?: Record<string, string | undefined>;
  headers?: Record<string, string | undefined>;
  /** The JSON body (a string is sent as it is); replaces a request example's body. */
  body?: unknown;
  /** `none`: send no `Authorization` header. Default: a valid access token from the sandbox. */
  auth?: 'token' | 'none';
  /** Runs just before the request (set a fault, create the record the example presumes). */
  before?(sandbox: S): void | Promise<void>;
  /** Runs after the request, whatever its outcome (clear the fault). */
  after?(sandbox: S): void | Promise<void>;
}

/** What every replay of one operation carries. */
export interface OperationPlan<S> {
  /** Path parameters; default: each one's first documented example. */
  path?: Record<string, string>;
  /** Query parameters every replay sends (e.g. the one of `criteria|email|phone|word` a search needs). */
  query?: Record<string, string>;
  headers?: Record<string, string>;
  /**
   * Groups of query parameters of which a request carries one: a parameter example of the group replaces the
   * group's entries of `query` (search processes only the highest-priority of `criteria`, `email`, `phone`, `word`).
   */
  exclusive?: readonly (readonly string[])[];
  /** Runs once before the operation's cases: the state its examples presume. */
  setup?(sandbox: S): void | Promise<void>;
}

export interface ExampleReplayPlan<S> {
  /** A file of `../shared/specs/crm-v8-2026/` (`module_search.yaml`). */
  specFile: string;
  /** The operations to replay, by operationId. */
  operations: Record<string, OperationPlan<S>>;
  /** By case id: the request of a response example (required), or changes to a request or parameter example. */
  requests?: Record<string, CaseRequest<S>>;
  /** By case id: why the sandbox cannot replay it. Listed cases show as named skips. */
  cannotReplay?: Record<string, string>;
}

/** Every case of the plan's operations, in document order. */
export function planCases<S>(doc: SpecDocument, plan: ExampleReplayPlan<S>): DocumentedCase[] {
  return operationsOf(doc, Object.keys(plan.operations)).flatMap(operationCases);
}

/** What is wrong with the plan: unknown case ids, cases both requested and excused, response cases with no request. */
export function planProblems<S>(doc: SpecDocument, plan: ExampleReplayPlan<S>): string[] {
  const cases = planCases(doc, plan);
  const ids = new Set(cases.map((c) => c.id));
  const requests = plan.requests ?? {};
  const cannot = plan.cannotReplay ?? {};
  const problems: string[] = [];
  for (const id of Object.keys(requests))
    if (!ids.has(id)) problems.push(`requests names no documented example: ${id}`);
  for (const [id, reason] of Object.entries(cannot)) {
    if (!ids.has(id)) problems.push(`cannotReplay names no documented example: ${id}`);
    if (id in requests) problems.push(`${id} is both replayed and listed as cannot replay`);
    if (reason.trim() === '') problems.push(`${id} is listed as cannot replay without a reason`);
  }
  for (const c of cases)
    if (c.kind === 'response' && !(c.id in requests) && !(c.id in cannot))
      problems.push(`${c.id}: give the request that provokes it, or list it as cannot replay with the reason`);
  return problems;
}
