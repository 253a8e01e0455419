/**
 * One refresh-token request to the accounts server (`POST {accounts}/oauth/v2/token`, urlencoded form) and what it
 * came to, as data: a token, Zoho's "too many requests", a failure on Zoho's side or on the way, or a refusal of the
 * credentials. Zoho answers bad credentials with HTTP 200 and `{error}`.
 */
import type { AxiosInstance } from 'axios';
import type { ZohoConfig } from '../config/load-config.js';
import { toZohoError } from '../errors/to-zoho-error.js';
import { type ZohoError, ZohoRateLimitedError, ZohoUnavailableError } from '../errors/zoho-error.js';
import { isRecord, numberField, stringField } from '../parse.js';

export const TOKEN_REQUEST = 'POST /oauth/v2/token';

export type TokenAnswer =
  | { kind: 'issued'; accessToken: string; expiresInSeconds: number; status: number }
  | { kind: 'throttled'; error: ZohoRateLimitedError; status: number | undefined }
  | { kind: 'unavailable'; error: ZohoUnavailableError; status: number | undefined }
  | { kind: 'refused'; error: ZohoError; status: number | undefined };

export async function requestToken(http: AxiosInstance, config: ZohoConfig): Promise<TokenAnswer> {
  const form = new URLSearchParams({
    refresh_token: config.refreshToken,
    client_id: config.clientId,
    client_secret: config.clientSecret,
    grant_type: 'refresh_token',
  });
  let status: number | undefined;
  let failure: unknown;
  try {
    const response = await http.request<unknown>({
      method: 'POST',
      url: `${config.accountsUrl}/oauth/v2/token`,
      data: form.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    status = response.status;
    const body = response.data;
    const accessToken = isRecord(body) ? stringField(body, 'access_token') : undefined;
    if (isRecord(body) && accessToken !== undefined && status < 300) {
      return { kind: 'issued', accessToken, expiresInSeconds: numberField(body, 'expires_in') ?? 3600, status };
    }
    failure = { status: status === 200 ? 400 : status, data: body, headers: {} };
  } catch (error) {
    failure = error;
  }
  const error = toZohoError(failure, 'accounts', TOKEN_REQUEST);
  if (error instanceof ZohoRateLimitedError) return { kind: 'throttled', error, status };
  if (error instanceof ZohoUnavailableError && error.retryable) return { kind: 'unavailable', error, status };
  return { kind: 'refused', error, status };
}
