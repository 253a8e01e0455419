/**
 * The text fields of a `multipart/form-data` body (RFC 7578), as a CRM webhook with a `form_data` body may send
 * them. Pure and bounded by the body size the intake already caps; file parts are skipped.
 */
export type FormFields = { ok: true; fields: [string, string][] } | { ok: false; message: string };

function boundaryOf(contentType: string): string | undefined {
  const match = /;\s*boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return match?.[1] ?? match?.[2];
}

function fieldName(headers: string): { name: string; file: boolean } | undefined {
  const disposition = headers.split(/\r?\n/).find((h) => /^content-disposition\s*:/i.test(h));
  if (disposition === undefined || !/:\s*form-data\s*(;|$)/i.test(disposition)) return undefined;
  const name = /;\s*name="([^"]*)"/i.exec(disposition)?.[1] ?? /;\s*name=([^;\s]+)/i.exec(disposition)?.[1];
  return name === undefined ? undefined : { name, file: /;\s*filename\*?=/i.test(disposition) };
}

export function multipartFields(text: string, contentType: string): FormFields {
  const boundary = boundaryOf(contentType);
  if (boundary === undefined) return { ok: false, message: 'the multipart body has no boundary in its content type' };
  const chunks = text.split(`--${boundary}`);
  const last = chunks.at(-1) ?? '';
  if (chunks.length < 2 || !last.startsWith('--'))
    return { ok: false, message: 'the multipart body does not end with its closing boundary' };
  const fields: [string, string][] = [];
  for (const chunk of chunks.slice(1, -1)) {
    const part = chunk.replace(/^\r?\n/, '');
    const split = /\r?\n\r?\n/.exec(part);
    if (split === null) return { ok: false, message: 'a multipart part has no blank line after its headers' };
    const field = fieldName(part.slice(0, split.index));
    if (field === undefined) return { ok: false, message: 'a multipart part has no form-data name' };
    if (!field.file) fields.push([field.name, part.slice(split.index + split[0].length).replace(/\r?\n$/, '')]);
  }
  return { ok: true, fields };
}
