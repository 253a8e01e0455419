/** Shared helpers for the CRM tests: one sandbox per file, a token, and typed reads of CRM answers. */

import { judgeConformance } from '@zlc/testkit';
import { afterAll, beforeAll } from 'vitest';
import { crmModule } from '../src/crm/index.js';
import type { SandboxOptions } from '../src/index.js';
import {
  type ApiAnswer,
  accessToken,
  type Conformance,
  callApi,
  conformanceAvailable,
  sandboxPerFile,
  withConformance,
} from './support/index.js';

export interface CrmClient {
  call(method: string, path: string, body?: unknown, headers?: Record<string, string>): Promise<ApiAnswer>;
}

/**
 * A CRM-only sandbox for the file, and a client that fetches (and caches) an access token. With
 * `CRM_CONFORMANCE=1` in the environment the client's traffic goes through Zoho's conformance proxy and the file
 * fails on any answer that breaks the OAS beyond the sourced spec defects and the baseline in `@zlc/testkit`.
 */
export function crmSandbox(options: SandboxOptions = {}, conformance = process.env.CRM_CONFORMANCE === '1') {
  const sandbox = sandboxPerFile({ products: [crmModule], seed: 'default', ...options });
  let token: string | undefined;
  let base: string | undefined;
  if (conformance && conformanceAvailable().ok) {
    let proxy: Conformance | undefined;
    beforeAll(async () => {
      proxy = await withConformance(sandbox.current, { products: ['crm'] });
      base = proxy.url;
    }, 200_000);
    afterAll(async () => {
      const report = await proxy?.report();
      await proxy?.close();
      const violations =
        report === undefined ? [] : judgeConformance(report, 'sandbox-crm', { responsesOnly: true }).unexplained;
      if (violations.length > 0)
        throw new Error(`CRM answers outside the OAS:\n${JSON.stringify(violations, null, 1)}`);
    });
  }
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
