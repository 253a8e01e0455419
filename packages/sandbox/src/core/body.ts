/**
 * Request bodies: read with a size cap (a body over it is read to its end and dropped, within the drain limits,
 * then refused), then parsed as JSON, or as Books' `JSONString` field in a urlencoded or multipart form or in
 * the query string.
 */
import type { IncomingMessage } from 'node:http';

export type ReadResult = { kind: 'ok'; raw: Buffer } | { kind: 'too_large' } | { kind: 'aborted' };

/**
 * How much of a refused body is still read, and dropped, before the refusal is sent, and for how long: a client that
 * is still writing its body when the connection closes sees a reset instead of the answer. A longer body, or one
 * still coming after that time, is refused there and then.
 */
export const DRAIN_LIMIT_BYTES = 32 * 1024 * 1024;
export const DRAIN_LIMIT_MS = 5_000;

export function readBody(req: IncomingMessage, maxBytes: number): Promise<ReadResult> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > Math.max(maxBytes, DRAIN_LIMIT_BYTES))
    return Promise.resolve({ kind: 'too_large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    let lingering: NodeJS.Timeout | undefined;
    const finish = (result: ReadResult) => {
      if (done) return;
      done = true;
      clearTimeout(lingering);
      req.off('data', onData);
      // The rest of the stream is dropped unread from here on.
      req.resume();
      resolve(result);
    };
    const tooLarge = () => size > maxBytes || (Number.isFinite(declared) && declared > maxBytes);
    const refuseLater = () => {
      lingering ??= setTimeout(() => finish({ kind: 'too_large' }), DRAIN_LIMIT_MS).unref();
    };
    if (tooLarge()) refuseLater();
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (!tooLarge()) chunks.push(chunk);
      else if (size > DRAIN_LIMIT_BYTES) finish({ kind: 'too_large' });
      else refuseLater();
    };
    const complete = () =>
      finish(tooLarge() ? { kind: 'too_large' } : { kind: 'ok', raw: Buffer.concat(chunks, size) });
    req.on('data', onData);
    req.on('end', complete);
    req.on('error', () => finish({ kind: 'aborted' }));
    req.on('close', () => (req.complete ? complete() : finish({ kind: 'aborted' })));
  });
}

export type ParseResult = { kind: 'ok'; body: unknown } | { kind: 'invalid' };

export interface ParseOptions {
  contentType: string | undefined;
  query: URLSearchParams;
  /** Accept Books' `JSONString` form field / query parameter. */
  jsonString: boolean;
}

export function parseBody(raw: Buffer, options: ParseOptions): ParseResult {
  const type = (options.contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (raw.length === 0) {
    const fromQuery = options.jsonString ? options.query.get('JSONString') : null;
    return fromQuery === null ? { kind: 'ok', body: undefined } : parseJson(fromQuery);
  }
  const text = raw.toString('utf8');
  if (type === 'application/x-www-form-urlencoded') {
    const form = new URLSearchParams(text);
    const json = options.jsonString ? form.get('JSONString') : null;
    if (json !== null) return parseJson(json);
    return { kind: 'ok', body: Object.fromEntries(form) };
  }
  if (type === 'multipart/form-data') {
    const field = options.jsonString ? multipartField(text, options.contentType ?? '', 'JSONString') : undefined;
    return field === undefined ? { kind: 'ok', body: undefined } : parseJson(field);
  }
  if (text.trim().length === 0) return { kind: 'ok', body: undefined };
  return parseJson(text);
}

function parseJson(text: string): ParseResult {
  try {
    return { kind: 'ok', body: JSON.parse(text) as unknown };
  } catch {
    return { kind: 'invalid' };
  }
}

/** The text of one field of a multipart/form-data body (enough for Books' `JSONString`). */
function multipartField(text: string, contentType: string, name: string): string | undefined {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/i.exec(contentType);
  const marker = boundary?.[1] ?? boundary?.[2];
  if (marker === undefined) return undefined;
  for (const part of text.split(`--${marker.trim()}`)) {
    const split = part.indexOf('\r\n\r\n');
    if (split < 0) continue;
    const head = part.slice(0, split);
    if (!new RegExp(`name="${name}"`, 'i').test(head)) continue;
    return part.slice(split + 4).replace(/\r\n$/, '');
  }
  return undefined;
}
