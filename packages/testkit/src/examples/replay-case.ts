/**
 * Replays one documented case against a running sandbox, the way a Zoho client calls it (an access token from the
 * sandbox's token endpoint, real HTTP), and judges the answer against what the document promises.
 */
import { type ApiAnswer, accessToken, callApi, type SandboxHandle } from '../sandbox.js';
import { type DocumentedCase, describeExpectation, errorCodeOf, wireValue } from './documented-cases.js';
import type { CaseRequest, OperationPlan } from './replay-plan.js';
import type { SpecDocument } from './spec-document.js';

export interface PlannedRequest {
  method: string;
  /** Prefix, path and query: `/crm/v8/Leads/search?criteria=…`. */
  pathAndQuery: string;
  headers: Record<string, string>;
  body: unknown;
  auth: 'token' | 'none';
}

export interface ReplayOutcome {
  id: string;
  request: PlannedRequest;
  status: number;
  code: string | undefined;
  /** Why the answer breaks the document's promise; undefined when it keeps it. */
  problem: string | undefined;
}

function merged(
  base: Record<string, string>,
  change: Record<string, string | undefined> | undefined,
): Record<string, string> {
  const out = { ...base };
  for (const [key, value] of Object.entries(change ?? {})) {
    if (value === undefined) delete out[key];
    else out[key] = value;
  }
  return out;
}

function firstExample(c: DocumentedCase, name: string, where: 'path' | 'query' | 'header'): string | undefined {
  const p = c.operation.parameters.find((x) => x.name === name && x.in === where);
  const example = p?.examples[0];
  return example === undefined ? undefined : wireValue(example.value);
}

function baseValues(
  c: DocumentedCase,
  where: 'path' | 'query' | 'header',
  given: Record<string, string> | undefined,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of c.operation.parameters) {
    if (p.in !== where || !(p.required || where === 'path')) continue;
    const value = firstExample(c, p.name, where);
    if (value !== undefined) out[p.name] = value;
  }
  return { ...out, ...given };
}

/** The request a case sends: documented values first, then the operation plan, the example, and the case's changes. */
export function plannedRequest<S>(
  doc: SpecDocument,
  c: DocumentedCase,
  operation: OperationPlan<S>,
  change: CaseRequest<S> | undefined,
): PlannedRequest {
  const path = baseValues(c, 'path', operation.path);
  let query = baseValues(c, 'query', operation.query);
  let headers = baseValues(c, 'header', operation.headers);
  if (c.kind === 'parameter') {
    const { name } = c.parameter;
    if (c.parameter.in === 'path') path[name] = c.value;
    else if (c.parameter.in === 'header') headers[name] = c.value;
    else {
      const group = operation.exclusive?.find((g) => g.includes(name)) ?? [];
      query = Object.fromEntries(Object.entries(query).filter(([k]) => !group.includes(k)));
      query[name] = c.value;
    }
  }
  Object.assign(path, change?.path);
  query = merged(query, change?.query);
  headers = merged(headers, change?.headers);
  const filled = c.operation.path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = path[name];
    if (value === undefined) throw new Error(`${c.id}: no value for path parameter ${name} (no example, none given)`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams(query).toString();
  const body = change !== undefined && 'body' in change ? change.body : c.kind === 'request' ? c.body : undefined;
  return {
    method: c.operation.method,
    pathAndQuery: `${doc.prefix}${filled}${search === '' ? '' : `?${search}`}`,
    headers,
    body,
    auth: change?.auth ?? 'token',
  };
}

function judge(c: DocumentedCase, answer: ApiAnswer): string | undefined {
  const e = c.expect;
  const code = errorCodeOf(answer.body);
  if (e.kind === 'success') {
    const ok =
      e.statuses.length === 0 ? answer.status >= 200 && answer.status < 300 : e.statuses.includes(answer.status);
    if (ok) return undefined;
  } else if (answer.status === e.status && (e.code === undefined || code === e.code)) {
    return undefined;
  }
  const got = `${answer.status}${code === undefined ? '' : ` ${code}`}`;
  const body = answer.body === undefined ? '' : `: ${JSON.stringify(answer.body).slice(0, 400)}`;
  return `${c.id}: expected ${describeExpectation(e)}, got ${got}${body}`;
}

/** Sends the case's request to the sandbox and judges the answer. */
export async function replayCase<S extends SandboxHandle>(
  sandbox: S,
  doc: SpecDocument,
  c: DocumentedCase,
  operation: OperationPlan<S>,
  change: CaseRequest<S> | undefined,
): Promise<ReplayOutcome> {
  const request = plannedRequest(doc, c, operation, change);
  await change?.before?.(sandbox);
  try {
    const token = request.auth === 'token' ? await accessToken(sandbox) : undefined;
    const answer = await callApi(sandbox, token, request.method, request.pathAndQuery, request.body, request.headers);
    return { id: c.id, request, status: answer.status, code: errorCodeOf(answer.body), problem: judge(c, answer) };
  } finally {
    await change?.after?.(sandbox);
  }
}
