/**
 * Reading fault rules from JSON (the `--faults FILE` format and the live `/__sandbox/faults` API):
 * `{ "seed": 7, "rules": [ { "kind": "error", "product": "crm", "method": "POST", "path": "/crm/v8/Deals", "rate": 0.2 } ] }`
 * or a bare array of rules. Bad input never throws: it returns the problems, each with its JSON path.
 */
import type { FaultRule } from './faults.js';

export type FaultsParse = { ok: true; seed: number | undefined; rules: FaultRule[] } | { ok: false; errors: string[] };

const PRODUCTS = ['crm', 'books', 'desk', 'accounts'];
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', '*'];
const KINDS = ['latency', 'error', 'rate_limit', 'timeout', 'drop', 'slow_body'];

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function parseFaultsText(text: string): FaultsParse {
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch (error) {
    return { ok: false, errors: [`not valid JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  return parseFaults(json);
}

export function parseFaults(json: unknown): FaultsParse {
  const errors: string[] = [];
  let seed: number | undefined;
  let list: unknown;
  if (Array.isArray(json)) list = json;
  else if (isObject(json)) {
    list = json.rules;
    if (json.seed !== undefined) {
      if (typeof json.seed === 'number' && Number.isInteger(json.seed)) seed = json.seed;
      else errors.push('$.seed: must be an integer');
    }
    for (const key of Object.keys(json)) if (key !== 'seed' && key !== 'rules') errors.push(`$.${key}: unknown key`);
  } else {
    return { ok: false, errors: ['$: must be an object {"seed", "rules"} or an array of rules'] };
  }
  if (!Array.isArray(list)) return { ok: false, errors: [...errors, '$.rules: must be an array'] };
  const rules: FaultRule[] = [];
  list.forEach((item, index) => {
    const at = `$.rules[${index}]`;
    const rule = parseRule(item, at, errors);
    if (rule !== undefined) rules.push(rule);
  });
  return errors.length > 0 ? { ok: false, errors } : { ok: true, seed, rules };
}

const ALLOWED: Record<string, readonly string[]> = {
  latency: ['ms', 'jitterMs'],
  error: [],
  rate_limit: ['retryAfterSeconds', 'burst'],
  timeout: [],
  drop: ['when'],
  slow_body: ['bytesPerChunk', 'intervalMs'],
};
const COMMON = ['kind', 'product', 'method', 'path', 'rate', 'skip', 'times'];

function parseRule(item: unknown, at: string, errors: string[]): FaultRule | undefined {
  if (!isObject(item)) {
    errors.push(`${at}: must be an object`);
    return undefined;
  }
  const before = errors.length;
  const kind = item.kind;
  if (typeof kind !== 'string' || !KINDS.includes(kind)) {
    errors.push(`${at}.kind: must be one of ${KINDS.join(', ')}`);
    return undefined;
  }
  for (const key of Object.keys(item)) {
    if (!COMMON.includes(key) && !(ALLOWED[kind] ?? []).includes(key))
      errors.push(`${at}.${key}: unknown key for ${kind}`);
  }
  if (item.product !== undefined && !PRODUCTS.includes(String(item.product))) {
    errors.push(`${at}.product: must be one of ${PRODUCTS.join(', ')}`);
  }
  if (item.method !== undefined && !METHODS.includes(String(item.method))) {
    errors.push(`${at}.method: must be one of ${METHODS.join(', ')}`);
  }
  if (item.path !== undefined && (typeof item.path !== 'string' || !item.path.startsWith('/'))) {
    errors.push(`${at}.path: must be a glob starting with /`);
  }
  const number = (key: string, min: number, max = Infinity, integer = false) => {
    const value = item[key];
    if (value === undefined) return;
    if (typeof value !== 'number' || value < min || value > max || (integer && !Number.isInteger(value))) {
      errors.push(
        `${at}.${key}: must be ${integer ? 'an integer' : 'a number'} from ${min}${max === Infinity ? '' : ` to ${max}`}`,
      );
    }
  };
  number('rate', 0, 1);
  number('skip', 0, Infinity, true);
  number('times', 0, Infinity, true);
  number('ms', 0);
  number('jitterMs', 0);
  number('retryAfterSeconds', 0, Infinity, true);
  number('burst', 1, Infinity, true);
  number('bytesPerChunk', 1, Infinity, true);
  number('intervalMs', 0);
  if (kind === 'latency' && typeof item.ms !== 'number') errors.push(`${at}.ms: required for latency`);
  if (kind === 'drop' && item.when !== 'before' && item.when !== 'after') {
    errors.push(`${at}.when: must be "before" or "after" (the handler ran or not)`);
  }
  return errors.length === before ? (item as unknown as FaultRule) : undefined;
}
