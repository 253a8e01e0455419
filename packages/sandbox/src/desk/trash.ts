/** The `moveToTrash` bodies (`{accountIds}`, `{contactIds}`, `{ticketIds}`): a non-empty list of known ids. */
import type { SandboxResponse } from '../core/types.js';
import { fieldError, invalidData } from './errors.js';
import { checkBody, ID_PATTERN } from './validate.js';

export function trashBody(
  body: unknown,
  key: string,
  exists: (id: string) => boolean,
): { ok: true; ids: string[] } | { ok: false; response: SandboxResponse } {
  const checked = checkBody(body, { [key]: { kind: 'array', required: true, maxItems: 100 } }, 'create');
  if (!checked.ok) return checked;
  const raw = checked.body[key];
  const ids: string[] = [];
  for (const v of Array.isArray(raw) ? raw : []) {
    const id = typeof v === 'number' ? String(v) : v;
    if (typeof id !== 'string' || !ID_PATTERN.test(id) || !exists(id)) {
      return {
        ok: false,
        response: invalidData([fieldError(`/${key}`, 'invalid', `${String(v)} is not a valid id.`)]),
      };
    }
    ids.push(id);
  }
  if (ids.length === 0)
    return { ok: false, response: invalidData([fieldError(`/${key}`, 'missing', `'${key}' is empty.`)]) };
  return { ok: true, ids };
}
