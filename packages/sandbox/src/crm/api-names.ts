/**
 * Custom field API names. fields.yaml `ApiName`: starts with a letter, then letters, digits and underscores, at most
 * 50 characters; Zoho's help on API names (https://www.zoho.com/crm/help/api-names.html): no two consecutive
 * underscores and no underscore at the end. createFields: "The 'api_name' is auto-generated from 'field_label' if
 * not provided" — the rule is not published; `apiNameFromLabel` is the strictest reading that fits both sources
 * (unverified in SPEC.md).
 */

export const MAX_API_NAME = 50;

/** Why `name` is not a valid custom field API name, or undefined when it is. */
export function apiNameProblem(name: string): string | undefined {
  if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) return 'must start with a letter and hold only letters, digits and _';
  if (name.length > MAX_API_NAME) return `must be at most ${MAX_API_NAME} characters`;
  if (name.includes('__')) return 'must not hold two underscores in a row';
  if (name.endsWith('_')) return 'must not end with an underscore';
  return undefined;
}

/**
 * The API name CRM gives a field created without one: every run of characters other than ASCII letters and digits
 * becomes one underscore, and underscores at either end go. Undefined when that leaves no valid name (a label of
 * symbols only, or one that starts with a digit): such a create must name its `api_name`.
 */
export function apiNameFromLabel(label: string): string | undefined {
  const name = label.replace(/[^A-Za-z0-9]+/g, '_').replace(/^_+|_+$/g, '');
  return apiNameProblem(name) === undefined ? name : undefined;
}
