/** Shared helpers for the CRM tests: one sandbox per file, a token, and typed reads of CRM answers. */
import { crmModule } from '../src/crm/index.js';
import type { SandboxOptions } from '../src/index.js';
import { type ApiAnswer, accessToken, callApi, sandboxPerFile } from './support/index.js';

export interface CrmClient {
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiAnswer>;
}

/** A CRM-only sandbox for the file, and a client that fetches (and caches) an access token. */
export function crmSandbox(options: SandboxOptions = {}) {
  const sandbox = sandboxPerFile({ products: [crmModule], seed: 'default', ...options });
  let token: string | undefined;
  let base: string | undefined;
  const client: CrmClient = {
    async call(method, path, body, headers) {
      token ??= await accessToken(sandbox.current);
      const target = base ? { ...sandbox.current, url: base } : sandbox.current;
      return callApi(target, token, method, `/crm/v8${path}`, body, headers);
    },
  };
  return {
    sandbox,
    client,
    /** Sends the client's traffic through another base URL (the conformance proxy). */
    useBase(url: string | undefined) {
      base = url;
    },
    resetToken() {
      token = undefined;
    },
  };
}

export type Json = Record<string, unknown>;

export function obj(v: unknown): Json {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new Error(`expected an object, got ${JSON.stringify(v)}`);
  return v as Json;
}

export function list(v: unknown, key = 'data'): Json[] {
  const arr = obj(v)[key];
  if (!Array.isArray(arr)) throw new Error(`expected ${key}[] in ${JSON.stringify(v)?.slice(0, 300)}`);
  return arr.map(obj);
}

export function first(v: unknown, key = 'data'): Json {
  const item = list(v, key)[0];
  if (!item) throw new Error(`empty ${key}[]`);
  return item;
}

export function idOf(v: unknown, key = 'data'): string {
  const id = obj(first(v, key).details).id;
  if (typeof id !== 'string') throw new Error(`no id in ${JSON.stringify(v)}`);
  return id;
}
