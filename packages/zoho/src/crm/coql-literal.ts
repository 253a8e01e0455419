/** A COQL string literal: single quotes, with backslashes and quotes escaped by a backslash (Zoho's COQL pages). */
export function coqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** What COQL accepts as a field's API name in a query (letters, digits, underscores; a dot for lookups). */
export function isCoqlField(name: string): boolean {
  return /^[A-Za-z][A-Za-z0-9_]*(\.[A-Za-z][A-Za-z0-9_]*)?$/.test(name);
}
