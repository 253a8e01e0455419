/** Calls the sandbox's Desk API the way a Desk client does: `orgId` as a header (or query), JSON bodies. */
import type { Sandbox } from '../src/index.js';
import { type ApiAnswer, accessToken, callApi } from './support/index.js';

export type OrgIdPlacement = 'header' | 'query' | 'none' | { header: string };

export interface DeskCallOptions {
  orgId?: OrgIdPlacement;
  /** Another base URL (the conformance proxy) instead of the sandbox's own. */
  baseUrl?: string;
  token?: string | null;
}

export function deskCaller(current: () => Sandbox, baseUrl?: () => string) {
  return async (method: string, path: string, body?: unknown, options: DeskCallOptions = {}): Promise<ApiAnswer> => {
    const sandbox = current();
    const orgId = sandbox.org.deskOrgId;
    const placement = options.orgId ?? 'header';
    const headers: Record<string, string> = {};
    let url = `/api/v1${path}`;
    if (placement === 'header') headers.orgId = orgId;
    else if (placement === 'query') url += `${url.includes('?') ? '&' : '?'}orgId=${orgId}`;
    else if (typeof placement === 'object') headers.orgId = placement.header;
    const token = options.token === null ? undefined : (options.token ?? (await accessToken(sandbox)));
    const base = options.baseUrl ?? baseUrl?.();
    const target = base === undefined ? sandbox : { ...sandbox, url: base };
    return callApi(target, token, method, url, body, headers);
  };
}

/** The JSON body as an object (fails the test with the answer when it is not one). */
export function obj(answer: ApiAnswer): Record<string, unknown> {
  if (typeof answer.body !== 'object' || answer.body === null || Array.isArray(answer.body)) {
    throw new Error(`expected a JSON object, got ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return answer.body as Record<string, unknown>;
}

/** `data` of a list answer. */
export function data(answer: ApiAnswer): Record<string, unknown>[] {
  const d = obj(answer).data;
  if (!Array.isArray(d)) throw new Error(`expected {data:[…]}, got ${answer.status} ${JSON.stringify(answer.body)}`);
  return d as Record<string, unknown>[];
}
