/**
 * The parameters of a request to the accounts server. Zoho reads them from the query string, a urlencoded body, or
 * a `multipart/form-data` body (the form Zoho's own SDKs post); body fields win over query parameters of the same
 * name. Sources: packages/sandbox/SPEC.md, "OAuth accounts server".
 */
export async function tokenParams(
  query: URLSearchParams,
  contentType: string | undefined,
  raw: Buffer,
): Promise<URLSearchParams> {
  const params = new URLSearchParams(query);
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (raw.length === 0) return params;
  if (type === 'application/x-www-form-urlencoded') {
    for (const [key, value] of new URLSearchParams(raw.toString('utf8'))) params.set(key, value);
  } else if (type === 'multipart/form-data') {
    for (const [key, value] of await multipartFields(raw, contentType ?? '')) params.set(key, value);
  }
  return params;
}

/** The text fields of a multipart body (file parts are ignored); a malformed body has none. */
async function multipartFields(raw: Buffer, contentType: string): Promise<[string, string][]> {
  try {
    // Node's fetch implementation parses multipart/form-data (RFC 7578); no second parser of our own.
    const form = await new Response(raw, { headers: { 'content-type': contentType } }).formData();
    const fields: [string, string][] = [];
    for (const [key, value] of form.entries()) if (typeof value === 'string') fields.push([key, value]);
    return fields;
  } catch {
    return [];
  }
}
