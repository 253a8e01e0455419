/**
 * Zoho's newest CRM documents (`../shared/specs/crm-v8-2026/<file>.yaml`, OpenAPI 3.1, next to the repo) read as
 * the operations they document: parameters with their examples, request-body examples, and response examples per
 * status. The YAML is parsed here and nowhere else; `#/…` references are followed (no document refers outside
 * itself, per that folder's SOURCE.md).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../repo-root.js';

/** One named example: `SimpleCriteria → "(Company:equals:Zylker)"`. */
export interface NamedExample {
  name: string;
  value: unknown;
}

export interface SpecParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  examples: NamedExample[];
}

export interface DocumentedResponse {
  status: number;
  /** The JSON examples of this status (none for a bare 204). */
  examples: NamedExample[];
}

export interface SpecOperation {
  operationId: string;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** The path template as documented (`/{module}/search`), without the server prefix. */
  path: string;
  parameters: SpecParameter[];
  requestExamples: NamedExample[];
  responses: DocumentedResponse[];
}

export interface SpecDocument {
  file: string;
  /** The server's path (`/crm/v8`), from `servers[0].url` with its variables at their defaults. */
  prefix: string;
  operations: SpecOperation[];
}

export type SpecAvailability = { ok: true; path: string } | { ok: false; reason: string };

const FOLDER = ['..', 'shared', 'specs', 'crm-v8-2026'] as const;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Where `file` is in `../shared/specs/crm-v8-2026/`, or why it cannot be read (use it with `describe.skipIf`). */
export function crmSpecAvailable(file: string): SpecAvailability {
  const path = resolve(repoRoot(), ...FOLDER, file);
  if (!existsSync(path))
    return { ok: false, reason: `${file} not found in ../shared/specs/crm-v8-2026/ (next to the repo)` };
  return { ok: true, path };
}

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Follows `$ref: '#/a/b'` until the node is not a reference. */
function deref(root: Json, node: unknown, file: string): unknown {
  let current = node;
  for (let hops = 0; isObject(current) && typeof current.$ref === 'string'; hops++) {
    const ref = current.$ref;
    if (hops > 20 || !ref.startsWith('#/')) throw new Error(`${file}: cannot follow $ref ${ref}`);
    let target: unknown = root;
    for (const raw of ref.slice(2).split('/')) {
      const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
      target = isObject(target) ? target[key] : undefined;
    }
    if (target === undefined) throw new Error(`${file}: $ref ${ref} points at nothing`);
    current = target;
  }
  return current;
}

function examplesOf(root: Json, holder: Json, file: string): NamedExample[] {
  const out: NamedExample[] = [];
  const examples = deref(root, holder.examples, file);
  if (isObject(examples)) {
    for (const [name, raw] of Object.entries(examples)) {
      const example = deref(root, raw, file);
      if (isObject(example) && 'value' in example) out.push({ name, value: example.value });
    }
  }
  if ('example' in holder && out.length === 0) out.push({ name: 'example', value: holder.example });
  return out;
}

function parameterOf(root: Json, raw: unknown, file: string): SpecParameter {
  const p = deref(root, raw, file);
  if (!isObject(p) || typeof p.name !== 'string') throw new Error(`${file}: a parameter without a name`);
  const where = p.in;
  if (where !== 'path' && where !== 'query' && where !== 'header' && where !== 'cookie')
    throw new Error(`${file}: parameter ${p.name} has no valid "in"`);
  return { name: p.name, in: where, required: p.required === true, examples: examplesOf(root, p, file) };
}

function jsonContent(root: Json, holder: unknown, file: string): Json | undefined {
  const h = deref(root, holder, file);
  if (!isObject(h) || !isObject(h.content)) return undefined;
  const json = h.content['application/json'];
  return isObject(json) ? json : undefined;
}

function responsesOf(root: Json, raw: unknown, file: string): DocumentedResponse[] {
  if (!isObject(raw)) return [];
  const out: DocumentedResponse[] = [];
  for (const [key, response] of Object.entries(raw)) {
    if (!/^\d{3}$/.test(key)) continue;
    const json = jsonContent(root, response, file);
    out.push({ status: Number(key), examples: json === undefined ? [] : examplesOf(root, json, file) });
  }
  return out;
}

function prefixOf(root: Json, file: string): string {
  const servers = root.servers;
  const server = Array.isArray(servers) ? servers[0] : undefined;
  if (!isObject(server) || typeof server.url !== 'string') throw new Error(`${file}: no servers[0].url`);
  const variables = isObject(server.variables) ? server.variables : {};
  const url = server.url.replace(/\{(\w+)\}/g, (_, name: string) => {
    const v = variables[name];
    return isObject(v) && typeof v.default === 'string' ? v.default : name;
  });
  return new URL(url).pathname.replace(/\/$/, '');
}

/** Reads and parses one document of `../shared/specs/crm-v8-2026/`. Throws when it is missing or malformed. */
export function loadCrmSpec(file: string): SpecDocument {
  const available = crmSpecAvailable(file);
  if (!available.ok) throw new Error(available.reason);
  return loadSpecFile(available.path, file);
}

/** Reads and parses an OpenAPI 3 YAML document at `path`; `file` names it in messages and in the result. */
export function loadSpecFile(path: string, file: string): SpecDocument {
  const root: unknown = parse(readFileSync(path, 'utf8'));
  if (!isObject(root) || !isObject(root.paths)) throw new Error(`${file}: not an OpenAPI document (no paths)`);
  const operations: SpecOperation[] = [];
  for (const [template, rawItem] of Object.entries(root.paths)) {
    const item = deref(root, rawItem, file);
    if (!isObject(item)) continue;
    const shared = Array.isArray(item.parameters) ? item.parameters.map((p) => parameterOf(root, p, file)) : [];
    for (const method of METHODS) {
      const op = item[method];
      if (!isObject(op) || typeof op.operationId !== 'string') continue;
      const own = Array.isArray(op.parameters) ? op.parameters.map((p) => parameterOf(root, p, file)) : [];
      const body = jsonContent(root, op.requestBody, file);
      operations.push({
        operationId: op.operationId,
        method: method.toUpperCase() as SpecOperation['method'],
        path: template,
        parameters: [...shared.filter((s) => !own.some((o) => o.name === s.name && o.in === s.in)), ...own],
        requestExamples: body === undefined ? [] : examplesOf(root, body, file),
        responses: responsesOf(root, op.responses, file),
      });
    }
  }
  return { file, prefix: prefixOf(root, file), operations };
}
