/** What the documented-example replays of the CRM settings APIs share: calls, and faults that provoke a 500. */
import type { CaseRequest } from '@zlc/testkit';
import type { Sandbox } from '../src/index.js';
import { accessToken, callApi } from './support/index.js';

export type Json = Record<string, unknown>;

/** A CRM v8 call as an admin client makes it; throws on a status other than `want`. */
export async function crmCall(sandbox: Sandbox, method: string, path: string, body?: unknown, want?: number) {
  const answer = await callApi(sandbox, await accessToken(sandbox), method, `/crm/v8${path}`, body);
  if (want !== undefined && answer.status !== want)
    throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.body)}`);
  return answer;
}

export function list(body: unknown, key: string): Json[] {
  const value = (body as Json | undefined)?.[key];
  return Array.isArray(value) ? (value as Json[]) : [];
}

/** The request that provokes a documented 500: an injected server fault on this method and path. */
export function internalError(method: string, path: string): CaseRequest<Sandbox> {
  return {
    before: (s) => s.faults.set([{ kind: 'error', product: 'crm', method: method as 'GET', path }]),
    after: (s) => s.faults.clear(),
  };
}

/** A documented 401 AUTHENTICATION_FAILURE: the request without an access token. */
export const noToken: CaseRequest<Sandbox> = { auth: 'none' };

export const NO_SCOPES = 'the sandbox issues tokens without OAuth scopes, so no call can lack one';
export const ADMIN_ONLY = "the sandbox's one OAuth client acts as the org's administrator, who has every permission";
