/** Test helper for the Books tests: calls `/books/v3/...` with a token and the org's `organization_id`. */
import type { Sandbox } from '../src/index.js';
import { type ApiAnswer, accessToken, callApi } from './support/index.js';

export type BooksCall = (
  method: string,
  path: string,
  body?: unknown,
  headers?: Record<string, string>,
) => Promise<ApiAnswer>;

/**
 * A caller for the sandbox's Books API. `path` is relative to `/books/v3` and may carry a query; the org id is
 * added unless the path already names one. `base` points the calls elsewhere (the conformance proxy).
 */
export function booksCaller(sandbox: () => Sandbox, base?: () => string): BooksCall {
  return async (method, path, body, headers) => {
    const sb = sandbox();
    const token = await accessToken(sb);
    const sep = path.includes('?') ? '&' : '?';
    const withOrg = /[?&]organization_id=/.test(path)
      ? path
      : `${path}${sep}organization_id=${sb.org.booksOrganizationId}`;
    const target = base ? { ...sb, url: base() } : sb;
    return callApi(target, token, method, `/books/v3${withOrg}`, body, headers);
  };
}

/** The object under `key` in a Books answer body (throws when absent, so a test fails loudly). */
export function field<T = Record<string, unknown>>(answer: ApiAnswer, key: string): T {
  const body = answer.body as Record<string, unknown> | undefined;
  if (body === undefined || !(key in body)) {
    throw new Error(`no "${key}" in ${answer.status} ${JSON.stringify(answer.body)}`);
  }
  return body[key] as T;
}
