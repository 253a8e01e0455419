/**
 * The live knobs of a served sandbox under `/__sandbox/`. Tests in-process use the handle from `startSandbox`
 * instead; this is the same set over HTTP for `zlc sandbox serve`. They can wipe the org and read its credentials,
 * so each request needs the per-run admin key (`X-Zlc-Sandbox-Key`, the `ZLC_SANDBOX_ADMIN_KEY` of `sandbox.env`)
 * or an access token of this sandbox, and a request carrying another site's `Origin` is refused: a web page open
 * in the user's browser cannot fire `POST /__sandbox/reset` at a loopback port.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { Sandbox } from '../sandbox.js';
import { parseFaults } from './faults-file.js';
import type { AdminHandler } from './http-server.js';
import type { ProductLimits } from './limits.js';
import type { OutboundPolicy } from './outbound.js';
import type { Product, SandboxResponse, SeedName } from './types.js';

export interface AdminDeps {
  sandbox: () => Sandbox | undefined;
  setMaxBodyBytes: (bytes: number) => void;
  /** This run's admin key. */
  adminKey: string;
  /** Whether an `Authorization` header carries a valid access token of this sandbox. */
  tokenValid: (authorization: string | undefined) => boolean;
}

/** The header that carries the admin key. */
export const ADMIN_KEY_HEADER = 'X-Zlc-Sandbox-Key';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const bad = (message: string): SandboxResponse => ({ status: 400, body: { error: 'bad_request', message } });

function limitChange(body: Record<string, unknown>): Partial<ProductLimits> | string {
  const change: Partial<ProductLimits> = {};
  for (const key of ['concurrency', 'perMinute', 'dailyCredits', 'heavyConcurrency'] as const) {
    const value = body[key];
    if (value === undefined) continue;
    // JSON has no Infinity: null means "no limit".
    if (value === null) change[key] = Infinity;
    else if (typeof value === 'number' && value >= 0) change[key] = value;
    else return `${key} must be a non-negative number or null`;
  }
  return change;
}

function outboundPolicy(body: Record<string, unknown>): Partial<OutboundPolicy> | string {
  const policy: Partial<OutboundPolicy> = {};
  const { attempts, delaysMs, timeoutMs } = body;
  if (attempts !== undefined) {
    if (typeof attempts !== 'number' || !Number.isInteger(attempts) || attempts < 1)
      return 'attempts must be a positive integer';
    policy.attempts = attempts;
  }
  if (delaysMs !== undefined) {
    if (!Array.isArray(delaysMs) || !delaysMs.every((d): d is number => typeof d === 'number' && d >= 0)) {
      return 'delaysMs must be an array of non-negative numbers';
    }
    policy.delaysMs = delaysMs;
  }
  if (timeoutMs !== undefined) {
    if (typeof timeoutMs !== 'number' || timeoutMs <= 0) return 'timeoutMs must be a positive number';
    policy.timeoutMs = timeoutMs;
  }
  return policy;
}

function sameKey(expected: string, given: string | string[] | undefined): boolean {
  if (typeof given !== 'string' || given === '') return false;
  const digest = (text: string) => createHash('sha256').update(text).digest();
  return timingSafeEqual(digest(expected), digest(given));
}

/** The sandbox's own origins (its tools may send one); any other `Origin` is a web page's. */
function ownOrigin(origin: string, sandboxUrl: string): boolean {
  const { port } = new URL(sandboxUrl);
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`, `http://[::1]:${port}`].includes(origin);
}

/** A refusal for a request that may not use the knobs, or undefined when it may. */
function gate(deps: AdminDeps, sandbox: Sandbox, headers: IncomingHttpHeaders): SandboxResponse | undefined {
  const origin = headers.origin;
  if (origin !== undefined && !ownOrigin(origin, sandbox.url))
    return {
      status: 403,
      body: {
        error: 'forbidden_origin',
        message: `The sandbox's /__sandbox/ routes answer tools on this machine, not web pages (Origin ${origin}).`,
      },
    };
  if (sameKey(deps.adminKey, headers[ADMIN_KEY_HEADER.toLowerCase()]) || deps.tokenValid(headers.authorization))
    return undefined;
  return {
    status: 401,
    body: {
      error: 'admin_key_required',
      message: `Send this run's admin key in the ${ADMIN_KEY_HEADER} header (ZLC_SANDBOX_ADMIN_KEY in sandbox.env), or an access token of this sandbox as Authorization: Zoho-oauthtoken <token>.`,
    },
  };
}

export function createAdminHandler(deps: AdminDeps): AdminHandler {
  return (method, url, body, headers) => {
    const sandbox = deps.sandbox();
    if (sandbox === undefined) return { status: 503, body: { error: 'starting' } };
    const refused = gate(deps, sandbox, headers);
    if (refused !== undefined) return refused;
    return KNOBS[`${method} ${url.pathname}`]?.({ sandbox, body, deps });
  };
}

interface KnobCall {
  sandbox: Sandbox;
  body: unknown;
  deps: AdminDeps;
}

type Knob = (call: KnobCall) => SandboxResponse;

const ok = (body: unknown): SandboxResponse => ({ status: 200, body });

/** The product a knob body names, or the refusal. */
function productOf(body: Record<string, unknown>): Product | SandboxResponse {
  const product = body.product;
  if (product !== 'crm' && product !== 'books' && product !== 'desk') return bad('product must be crm, books or desk');
  return product;
}

/** The non-negative number `body[key]`, or undefined. */
function nonNegative(body: unknown, key: string): number | undefined {
  const value = isObject(body) ? body[key] : undefined;
  return typeof value === 'number' && value >= 0 ? value : undefined;
}

function setFaults({ sandbox, body }: KnobCall): SandboxResponse {
  const parsed = parseFaults(body);
  if (!parsed.ok) return { status: 400, body: { error: 'bad_faults', errors: parsed.errors } };
  sandbox.faults.set(parsed.rules, parsed.seed);
  return ok({ rules: parsed.rules });
}

function setLimits({ sandbox, body }: KnobCall): SandboxResponse {
  if (!isObject(body)) return bad('body must be {"product": "crm"|"books"|"desk", …limits}');
  const product = productOf(body);
  if (typeof product !== 'string') return product;
  const change = limitChange(body);
  if (typeof change === 'string') return bad(change);
  sandbox.limits.set(product, change);
  return ok({ product, limits: sandbox.limits.get(product) });
}

function setOutboundPolicy({ sandbox, body }: KnobCall): SandboxResponse {
  if (!isObject(body)) return bad('body must be {"product", "attempts"?, "delaysMs"?, "timeoutMs"?}');
  const product = productOf(body);
  if (typeof product !== 'string') return product;
  const policy = outboundPolicy(body);
  if (typeof policy === 'string') return bad(policy);
  sandbox.outbound.setPolicy(product, policy);
  return ok({ product, policy });
}

function reset({ sandbox, body }: KnobCall): SandboxResponse {
  const seed = isObject(body) ? body.seed : undefined;
  if (seed !== undefined && seed !== 'default' && seed !== 'large' && seed !== 'empty') {
    return bad('seed must be default, large or empty');
  }
  const done = sandbox.reset(seed as SeedName | undefined);
  return ok({ reset: true, ...done });
}

function setTokenLifetime({ sandbox, body }: KnobCall): SandboxResponse {
  const seconds = isObject(body) ? body.seconds : undefined;
  if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 1) {
    return bad('body must be {"seconds": <positive integer>}');
  }
  sandbox.tokenLifetime(seconds);
  return ok({ seconds });
}

function advanceClock({ sandbox, body }: KnobCall): SandboxResponse {
  const ms = nonNegative(body, 'ms');
  if (ms === undefined) return bad('body must be {"ms": <non-negative number>}');
  sandbox.clock.advance(ms);
  return ok({ now: sandbox.clock.now() });
}

function setSearchIndexDelay({ sandbox, body }: KnobCall): SandboxResponse {
  const ms = nonNegative(body, 'ms');
  if (ms === undefined || !Number.isFinite(ms)) return bad('body must be {"ms": <non-negative number>}');
  sandbox.crm.setSearchIndexDelayMs(ms);
  return ok({ ms });
}

function setMaxBody({ deps, body }: KnobCall): SandboxResponse {
  const bytes = nonNegative(body, 'bytes');
  if (bytes === undefined) return bad('body must be {"bytes": <non-negative number>}');
  deps.setMaxBodyBytes(bytes);
  return ok({ bytes });
}

/** The knobs by `METHOD path`. */
const KNOBS: Readonly<Record<string, Knob>> = {
  'GET /__sandbox/info': ({ sandbox }) => ok({ url: sandbox.url, org: sandbox.org, env: sandbox.env }),
  'GET /__sandbox/stats': ({ sandbox }) => ok(sandbox.stats()),
  'GET /__sandbox/outbound': ({ sandbox }) => ok({ deliveries: sandbox.outbound.log() }),
  'GET /__sandbox/faults': ({ sandbox }) => ok({ rules: sandbox.faults.rules() }),
  'PUT /__sandbox/faults': setFaults,
  'POST /__sandbox/faults': setFaults,
  'DELETE /__sandbox/faults': ({ sandbox }) => {
    sandbox.faults.clear();
    return ok({ rules: [] });
  },
  'POST /__sandbox/limits': setLimits,
  'POST /__sandbox/clock/advance': advanceClock,
  'POST /__sandbox/reset': reset,
  'POST /__sandbox/stats/reset': ({ sandbox }) => {
    sandbox.resetStats();
    return ok(sandbox.stats());
  },
  'POST /__sandbox/token-lifetime': setTokenLifetime,
  'POST /__sandbox/outbound/policy': setOutboundPolicy,
  'POST /__sandbox/crm/search-index-delay': setSearchIndexDelay,
  'POST /__sandbox/max-body': setMaxBody,
};
