/**
 * What a documented example promises, as a case to replay: each request-body example, each example of a path,
 * query or header parameter, and each response example (whose request the test supplies). Pure.
 */
import type { DocumentedResponse, NamedExample, SpecDocument, SpecOperation, SpecParameter } from './spec-document.js';

export type Expectation =
  /** Any of the operation's documented 2xx statuses (empty: it documents none, so any 2xx). */
  | { kind: 'success'; statuses: readonly number[] }
  /** This status, and (for an error) this error `code`. */
  | { kind: 'answer'; status: number; code: string | undefined };

interface CaseBase {
  /** `searchRecords parameter criteria=SimpleCriteria`, `executeCOQLQuery request GetLeads`, `searchRecords 400 MissingParameter`. */
  id: string;
  operation: SpecOperation;
  example: string;
  expect: Expectation;
}

export type DocumentedCase =
  | (CaseBase & { kind: 'request'; body: unknown })
  | (CaseBase & { kind: 'parameter'; parameter: SpecParameter; value: string })
  | (CaseBase & { kind: 'response'; status: number });

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The error code of a CRM answer: the top-level `code`, or the first item's `code` in a per-item answer
 * (`{webhooks: [{code, …}]}`). Undefined when there is none.
 */
export function errorCodeOf(body: unknown): string | undefined {
  if (!isObject(body)) return undefined;
  if (typeof body.code === 'string') return body.code;
  for (const value of Object.values(body)) {
    const item: unknown = Array.isArray(value) ? value[0] : undefined;
    if (isObject(item) && typeof item.code === 'string') return item.code;
  }
  return undefined;
}

/** A parameter example as it goes on the wire. */
export function wireValue(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(wireValue).join(',');
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

function successOf(op: SpecOperation): Expectation {
  const statuses = op.responses.map((r) => r.status).filter((s) => s >= 200 && s < 300);
  return { kind: 'success', statuses };
}

function answerOf(response: DocumentedResponse, example: NamedExample): Expectation {
  const code = response.status >= 200 && response.status < 300 ? undefined : errorCodeOf(example.value);
  return { kind: 'answer', status: response.status, code };
}

/** A request example named like an error example of the same operation promises that error; else a success. */
function requestExpectation(op: SpecOperation, name: string): Expectation {
  for (const response of op.responses) {
    if (response.status < 300) continue;
    const same = response.examples.find((e) => e.name === name);
    if (same !== undefined) return answerOf(response, same);
  }
  return successOf(op);
}

export function operationCases(op: SpecOperation): DocumentedCase[] {
  const cases: DocumentedCase[] = [];
  const base = { operation: op };
  for (const example of op.requestExamples) {
    const expect = requestExpectation(op, example.name);
    const id = `${op.operationId} request ${example.name}`;
    cases.push({ ...base, kind: 'request', id, example: example.name, expect, body: example.value });
  }
  for (const parameter of op.parameters) {
    if (parameter.in === 'cookie') continue;
    for (const example of parameter.examples) {
      const id = `${op.operationId} parameter ${parameter.name}=${example.name}`;
      const value = wireValue(example.value);
      cases.push({ ...base, kind: 'parameter', id, example: example.name, expect: successOf(op), parameter, value });
    }
  }
  for (const response of op.responses) {
    for (const example of response.examples) {
      const id = `${op.operationId} ${response.status} ${example.name}`;
      const expect = answerOf(response, example);
      cases.push({ ...base, kind: 'response', id, example: example.name, expect, status: response.status });
    }
  }
  return cases;
}

/** The operations named, in that order; throws when the document lacks one (a typo must not pass as "no cases"). */
export function operationsOf(doc: SpecDocument, operationIds: readonly string[]): SpecOperation[] {
  return operationIds.map((id) => {
    const op = doc.operations.find((o) => o.operationId === id);
    if (op === undefined) {
      const known = doc.operations.map((o) => o.operationId).join(', ');
      throw new Error(`${doc.file} documents no operation ${id} (it has: ${known})`);
    }
    return op;
  });
}

export function describeExpectation(e: Expectation): string {
  if (e.kind === 'success') return `a documented success (${e.statuses.join(', ') || '2xx'})`;
  return e.code === undefined ? `${e.status}` : `${e.status} ${e.code}`;
}
