import { type ZohoEndpoint, ZohoUnavailableError } from '../errors/zoho-error.js';
import { isRecord, type JsonObject } from '../parse.js';

/** Thrown when a 2xx answer does not have the shape Zoho documents. */
export function unexpectedBody(product: ZohoEndpoint, what: string): ZohoUnavailableError {
  return new ZohoUnavailableError({
    product,
    status: undefined,
    zohoCode: 'UNEXPECTED_RESPONSE',
    details: [],
    source: 'zoho',
    retryable: false,
    delivery: 'received',
    request: undefined,
    message: `Zoho ${product} answered with an unexpected ${what}; zlc cannot read it.`,
  });
}

/** The body as an object, or an error naming what was expected. */
export function objectBody(product: ZohoEndpoint, data: unknown, what: string): JsonObject {
  if (!isRecord(data)) throw unexpectedBody(product, what);
  return data;
}

/**
 * `body[key]` as an array of objects of type `T`, each checked to carry the `required` keys. A missing key
 * reads as an empty list when `missingIsEmpty` (CRM and Desk answer 204 with no body for "none").
 */
export function listOf<T extends JsonObject>(
  product: ZohoEndpoint,
  data: unknown,
  key: string,
  required: readonly (keyof T & string)[],
  missingIsEmpty = true,
): T[] {
  if (data === undefined && missingIsEmpty) return [];
  const body = objectBody(product, data, `${key} list`);
  const list = body[key];
  if (list === undefined && missingIsEmpty) return [];
  if (!Array.isArray(list)) throw unexpectedBody(product, `${key} list`);
  return list.map((item) => itemOf<T>(product, item, key, required));
}

/** `value` as a `T` after checking the `required` keys are present. */
export function itemOf<T extends JsonObject>(
  product: ZohoEndpoint,
  value: unknown,
  what: string,
  required: readonly (keyof T & string)[],
): T {
  if (!isRecord(value) || required.some((k) => value[k] === undefined || value[k] === null)) {
    throw unexpectedBody(product, what);
  }
  return value as T;
}

/** `body[key]` as one object of type `T` (Books `{code, message, contact: {...}}`). */
export function entityOf<T extends JsonObject>(
  product: ZohoEndpoint,
  data: unknown,
  key: string,
  required: readonly (keyof T & string)[],
): T {
  return itemOf<T>(product, objectBody(product, data, key)[key], key, required);
}
