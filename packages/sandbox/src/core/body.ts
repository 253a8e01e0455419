/**
 * Request bodies: read with a size cap (refused from `Content-Length` before reading, or as soon as the stream
 * passes the cap), then parsed as JSON, or as Books' `JSONString` field in a urlencoded or multipart form or in
 * the query string.
 */
import type { IncomingMessage } from 'node:http';

export type ReadResult = { kind: 'ok'; raw: Buffer } | { kind: 'too_large' } | { kind: 'aborted' };

export function readBody(req: IncomingMessage, maxBytes: number): Promise<ReadResult> {
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return Promise.resolve({ kind: 'too_large' });
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (result: ReadResult) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        finish({ kind: 'too_large' });
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.on('end', () => finish({ kind: 'ok', raw: Buffer.concat(chunks, size) }));
    req.on('error', () => finish({ kind: 'aborted' }));
    req.on('close', () => finish(req.complete ? { kind: 'ok', raw: Buffer.concat(chunks) } : { kind: 'aborted' }));
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
