/**
 * Books error bodies: `{ code: <non-zero int>, message }` with the HTTP status Books uses.
 * Every code and message here is listed in SPEC.md (## Books → Errors) with its source.
 */
import type { ProductErrors, SandboxResponse } from '../core/types.js';

/** Thrown by resolvers and validators; the route wrapper turns it into a response. */
export class BooksError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }

  toResponse(): SandboxResponse {
    return { status: this.status, body: { code: this.code, message: this.message } };
  }
}

export const CODE = {
  invalidParameter: 2,
  invalidValue: 4,
  invalidUrl: 5,
  authMissing: 14,
  rateLimited: 44,
  dailyLimit: 45,
  notAuthorized: 57,
  internal: 1000,
  notExists: 1002,
  malformedJson: 1038,
  duplicateName: 3062,
  notAllowed: 4009,
  unknownOrg: 6041,
} as const;

/** 404 `{code:1002, message:"<Entity> does not exist."}` (Books API "Errors" page example). */
export function doesNotExist(entity: string): BooksError {
  return new BooksError(404, CODE.notExists, `${entity} does not exist.`);
}

/** 400 `{code:4, message:"Invalid value passed for <field>"}`: wrong type, bad value or missing required field. */
export function invalidValue(field: string): BooksError {
  return new BooksError(400, CODE.invalidValue, `Invalid value passed for ${field}`);
}

/** 400 `{code:2, message:"Invalid value passed for <param>"}`: bad query parameter or an attribute Books does not know. */
export function invalidParameter(name: string): BooksError {
  return new BooksError(400, CODE.invalidParameter, `Invalid value passed for ${name}`);
}

/** 400 `{code:4, message:"<field> cannot exceed <n> characters."}` for over-long strings. */
export function tooLong(field: string, max: number): BooksError {
  return new BooksError(400, CODE.invalidValue, `${field} cannot exceed ${max} characters.`);
}

/** 400 for an action the record's state does not allow (editing a void invoice, deleting a paid one …). */
export function notAllowed(message: string): BooksError {
  return new BooksError(400, CODE.notAllowed, message);
}

export const booksErrors: ProductErrors = {
  unauthorized: (reason) =>
    reason === 'missing'
      ? {
          status: 401,
          body: {
            code: CODE.authMissing,
            message:
              'The request could not be authenticated as the authentication value you entered is invalid. Enter a valid authentication value and try again.',
          },
        }
      : {
          status: 401,
          body: { code: CODE.notAuthorized, message: 'You are not authorized to perform this operation' },
        },
  rateLimited: (kind) =>
    kind === 'credits'
      ? {
          status: 429,
          body: { code: CODE.dailyLimit, message: 'You have reached the maximum number of API calls for the day.' },
        }
      : {
          status: 429,
          body: {
            code: CODE.rateLimited,
            message: 'You have made too many requests continuously. Please try again after some time.',
          },
        },
  notFound: () => ({ status: 404, body: { code: CODE.invalidUrl, message: 'Invalid URL Passed' } }),
  invalidJson: () => ({ status: 400, body: { code: CODE.malformedJson, message: 'JSON is not well formed' } }),
  // Books' errors page lists 400, 401, 404, 405, 429 and 500 only: an oversized body is a bad request (400).
  payloadTooLarge: () => ({
    status: 400,
    body: { code: CODE.invalidValue, message: 'The request body exceeds the maximum allowed size.' },
  }),
  internal: () => ({ status: 500, body: { code: CODE.internal, message: 'Internal error' } }),
};
