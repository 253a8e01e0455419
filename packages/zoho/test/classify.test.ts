import {
  redactHeaders,
  redactUrl,
  toZohoError,
  ZohoAuthError,
  ZohoNotFoundError,
  ZohoRateLimitedError,
  ZohoRejectedError,
  ZohoUnavailableError,
} from '@zlc/zoho';
import { AxiosError, AxiosHeaders } from 'axios';
import { describe, expect, it } from 'vitest';

const response = (status: number, data: unknown, headers: Record<string, unknown> = {}) => ({ status, data, headers });

describe('toZohoError', () => {
  it('classifies a CRM 401 INVALID_TOKEN as an auth error whose token may be refreshed', () => {
    const error = toZohoError(
      response(401, { code: 'INVALID_TOKEN', details: {}, message: 'invalid oauth token', status: 'error' }),
      'crm',
      'GET /crm/v8/org',
    );
    expect(error).toBeInstanceOf(ZohoAuthError);
    expect(error).toMatchObject({
      kind: 'auth',
      status: 401,
      zohoCode: 'INVALID_TOKEN',
      source: 'user',
      tokenRejected: true,
    });
  });

  it('does not treat a scope mismatch as a token to refresh', () => {
    const error = toZohoError(
      response(401, { code: 'OAUTH_SCOPE_MISMATCH', message: 'scope', status: 'error' }),
      'crm',
    );
    expect(error).toMatchObject({ kind: 'auth', tokenRejected: false });
  });

  it('keeps the field of a CRM per-record error from data[]', () => {
    const error = toZohoError(
      response(400, {
        data: [
          {
            code: 'MANDATORY_NOT_FOUND',
            details: { api_name: 'Last_Name', json_path: '$.data[0].Last_Name' },
            message: 'required field not found',
            status: 'error',
          },
        ],
      }),
      'crm',
    );
    expect(error).toBeInstanceOf(ZohoRejectedError);
    expect(error).toMatchObject({ zohoCode: 'MANDATORY_NOT_FOUND', source: 'user' });
    expect(error.details).toEqual([
      { field: 'Last_Name', type: 'MANDATORY_NOT_FOUND', extra: { json_path: '$.data[0].Last_Name' } },
    ]);
    expect(error.message).toContain('Last_Name');
  });

  it('reads the Books numeric code', () => {
    const error = toZohoError(response(400, { code: 1001, message: 'Contact name already exists' }), 'books');
    expect(error).toMatchObject({ kind: 'rejected', zohoCode: '1001', product: 'books' });
    expect(error.message).toContain('Zoho Books');
  });

  it('reads Desk field errors without the leading slash', () => {
    const error = toZohoError(
      response(422, {
        errorCode: 'INVALID_DATA',
        message: 'An invalid value was provided',
        errors: [{ fieldName: '/contactId', errorType: 'missing', errorMessage: 'required' }],
      }),
      'desk',
    );
    expect(error).toMatchObject({ kind: 'rejected', zohoCode: 'INVALID_DATA' });
    expect(error.details).toEqual([{ field: 'contactId', type: 'missing', message: 'required' }]);
  });

  it('turns a 429 into a rate-limited error with the Retry-After wait', () => {
    const error = toZohoError(
      response(429, { errorCode: 'TOO_MANY_REQUESTS', message: 'slow down' }, { 'retry-after': '3' }),
      'desk',
    );
    expect(error).toBeInstanceOf(ZohoRateLimitedError);
    expect(error).toMatchObject({ retryable: true, source: 'zoho', retryAfterMs: 3000 });
  });

  it('calls a wrong URL a zlc bug and a missing record the user’s business', () => {
    const url = toZohoError(response(404, { code: 'INVALID_URL_PATTERN', message: 'bad url', status: 'error' }), 'crm');
    const record = toZohoError(response(404, { errorCode: 'RESOURCE_NOT_FOUND', message: 'gone' }), 'desk');
    expect(url).toBeInstanceOf(ZohoNotFoundError);
    expect(url.source).toBe('internal');
    expect(record.source).toBe('user');
  });

  it('makes a 5xx retryable and unavailable', () => {
    const error = toZohoError(response(503, undefined), 'books');
    expect(error).toBeInstanceOf(ZohoUnavailableError);
    expect(error).toMatchObject({ retryable: true, source: 'zoho', delivery: 'received' });
  });

  it('tells a refused connection (never sent) from a reset (outcome unknown)', () => {
    const refused = toZohoError(new AxiosError('connect ECONNREFUSED', 'ECONNREFUSED'), 'crm');
    const reset = toZohoError(new AxiosError('socket hang up', 'ECONNRESET'), 'crm');
    expect(refused).toMatchObject({ kind: 'unavailable', delivery: 'not_sent' });
    expect(reset).toMatchObject({ kind: 'unavailable', delivery: 'unknown' });
  });

  it('classifies the accounts server’s HTTP-200 error body as an auth error naming the settings', () => {
    const error = toZohoError(response(400, { error: 'invalid_code' }), 'accounts');
    expect(error).toMatchObject({ kind: 'auth', zohoCode: 'invalid_code', source: 'user' });
    expect(error.message).toContain('ZOHO_REFRESH_TOKEN');
  });

  it('treats a 5xx from the accounts server as unavailable, not as bad credentials', () => {
    const error = toZohoError(response(502, { error: 'internal_error' }), 'accounts');
    expect(error).toMatchObject({ kind: 'unavailable', retryable: true, source: 'zoho' });
  });

  it('keeps no secret from the failed request anywhere in the error', () => {
    const secretUrl =
      'https://accounts.zoho.com/oauth/v2/token?refresh_token=1000.sekrit&client_secret=hush&grant_type=refresh_token';
    const axiosError = new AxiosError('Request failed', 'ERR_BAD_REQUEST', {
      url: secretUrl,
      method: 'post',
      headers: new AxiosHeaders({ Authorization: 'Zoho-oauthtoken 1000.live' }),
    });
    const error = toZohoError(axiosError, 'accounts');
    const everything = JSON.stringify({ ...error, message: error.message, stack: error.stack });
    for (const secret of ['1000.sekrit', 'hush', '1000.live']) expect(everything).not.toContain(secret);
    expect(error.request).toBe('POST /oauth/v2/token');
  });
});

describe('redaction helpers', () => {
  it('masks OAuth secrets in URLs and credentials in headers', () => {
    expect(
      redactUrl(
        'https://accounts.zoho.com/oauth/v2/token?refresh_token=abc&client_secret=def&grant_type=refresh_token',
      ),
    ).toBe('/oauth/v2/token?refresh_token=***&client_secret=***&grant_type=refresh_token');
    expect(redactHeaders({ Authorization: 'Zoho-oauthtoken 1000.x', orgId: '42' })).toEqual({
      Authorization: '***',
      orgId: '42',
    });
  });
});
