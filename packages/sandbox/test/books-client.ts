/**
 * Test helper for the Books tests: one sandbox per file with Zoho's conformance proxy in front of it (when the
 * shared folder is there), and a caller for `/books/v3/...` that adds the token and `organization_id`.
 */
import { skipUnless } from '@zlc/testkit';
import { afterAll, beforeAll, it } from 'vitest';
import type { Sandbox, SandboxOptions } from '../src/index.js';
import {
  type ApiAnswer,
  accessToken,
  type Conformance,
  callApi,
  conformanceAvailable,
  expectConformance,
  sandboxPerFile,
  withConformance,
} from './support/index.js';

export type BooksCall = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<ApiAnswer>;

export interface BooksFile {
  readonly sandbox: Sandbox;
  /** Calls through the conformance proxy when it runs, else straight to the sandbox. */
  books: BooksCall;
  /** Calls without a token or without `organization_id` when `raw` says so. */
  raw(
    method: string,
    pathAndQuery: string,
    token?: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<ApiAnswer>;
  readonly proxy: Conformance | undefined;
}

/**
 * Sandbox + proxy for one test file. Call `expectConformingAnswers(file)` at the end of the file so its own
 * traffic is checked against Zoho's OAS.
 */
export function booksPerFile(options: SandboxOptions = { seed: 'default' }): BooksFile {
  const sandbox = sandboxPerFile({ limits: { books: { perMinute: Number.POSITIVE_INFINITY } }, ...options });
  let proxy: Conformance | undefined;
  const available = conformanceAvailable();
  beforeAll(async () => {
    if (available.ok) proxy = await withConformance(sandbox.current, { products: ['books'] });
  }, 200_000);
  afterAll(async () => {
    await proxy?.close();
  });
  const target = (): Sandbox => (proxy ? { ...sandbox.current, url: proxy.url } : sandbox.current);
  return {
    get sandbox() {
      return sandbox.current;
    },
    get proxy() {
      return proxy;
    },
    books: async (method, path, body, headers) => {
      const sb = sandbox.current;
      const sep = path.includes('?') ? '&' : '?';
      const withOrg = /[?&]organization_id=/.test(path)
        ? path
        : `${path}${sep}organization_id=${sb.org.booksOrganizationId}`;
      return callApi(target(), await accessToken(sb), method, `/books/v3${withOrg}`, body, headers);
    },
    raw: async (method, pathAndQuery, token, body, headers) =>
      callApi(target(), token, method, pathAndQuery, body, headers),
  };
}

/** The last test of a Books test file: the proxy saw no answer that breaks Zoho's OAS (`suite` names the file). */
export function expectConformingAnswers(file: BooksFile, suite: string): void {
  skipUnless(conformanceAvailable(), `${suite}: answers through the conformance proxy`);
  it.skipIf(!conformanceAvailable().ok)('sent only answers that fit Zoho’s Books OAS', async () => {
    if (!file.proxy) throw new Error('the conformance proxy did not start');
    expectConformance(await file.proxy.report(), suite, { responsesOnly: true });
  });
}

/** The object under `key` in a Books answer body (throws when absent, so a test fails loudly). */
export function field<T = Record<string, unknown>>(answer: ApiAnswer, key: string): T {
  const body = answer.body as Record<string, unknown> | undefined;
  if (body === undefined || !(key in body)) {
    throw new Error(`no "${key}" in ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return body[key] as T;
}
