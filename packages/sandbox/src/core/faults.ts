/**
 * Fault injection: rules per product and route pattern that add latency, answer 5xx or 429, hold the socket
 * (timeout), drop the connection before or after the handler ran, or dribble the response. Decisions come from
 * a seeded PRNG, so a run with the same seed and the same requests fails the same way.
 * The JSON file format (`--faults FILE`) is documented in packages/sandbox/SPEC.md, "Faults".
 */
import { createPrng, type Prng } from './prng.js';
import type { HttpMethod, Product } from './types.js';

/** Which requests a rule applies to. Every given field must match. */
export interface FaultMatch {
  /** `crm`, `books`, `desk`, or `accounts` (the OAuth token endpoint). Any when absent. */
  product?: Product | 'accounts';
  /** Any when absent or `*`. */
  method?: HttpMethod | '*';
  /** A glob on the request path: `*` within one segment, `**` across segments. Any when absent. */
  path?: string;
  /** Probability (0..1) that a matching request is hit. Default 1. */
  rate?: number;
  /** Let the first N matching requests through untouched. Default 0. */
  skip?: number;
  /** Hit at most N requests, then stay quiet. Unlimited when absent. */
  times?: number;
}

export type FaultRule = FaultMatch &
  (
    | { kind: 'latency'; ms: number; jitterMs?: number }
    | { kind: 'error' }
    | { kind: 'rate_limit'; retryAfterSeconds?: number; burst?: number }
    | { kind: 'timeout' }
    | { kind: 'drop'; when: 'before' | 'after' }
    | { kind: 'slow_body'; bytesPerChunk?: number; intervalMs?: number }
  );

export type FaultKind = FaultRule['kind'];

/** What the server does to one request. */
export interface FaultPlan {
  latencyMs: number;
  /** Answer without running the handler. */
  outcome:
    | { kind: 'none' }
    | { kind: 'error' }
    | { kind: 'rate_limit'; retryAfterSeconds: number | undefined }
    | { kind: 'timeout' }
    | { kind: 'drop' };
  /** Run the handler, then destroy the socket instead of answering. */
  dropAfter: boolean;
  slowBody: { bytesPerChunk: number; intervalMs: number } | undefined;
}

export interface FaultTarget {
  product: Product | 'accounts';
  method: string;
  path: string;
}

export interface Faults {
  set(rules: readonly FaultRule[], seed?: number): void;
  clear(): void;
  rules(): readonly FaultRule[];
  plan(target: FaultTarget): FaultPlan;
}

interface RuleState {
  rule: FaultRule;
  pattern: RegExp | undefined;
  seen: number;
  fired: number;
  burstLeft: number;
}

export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i] as string;
    if (c === '*' && glob[i + 1] === '*') {
      source += '.*';
      i++;
    } else if (c === '*') {
      source += '[^/]*';
    } else {
      source += c.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
    }
  }
  return new RegExp(`^${source}$`);
}

export function createFaults(initial: readonly FaultRule[] = [], seed = 1): Faults {
  let states: RuleState[] = [];
  let prng: Prng = createPrng(seed);
  let baseSeed = seed;

  function set(rules: readonly FaultRule[], newSeed?: number): void {
    if (newSeed !== undefined) baseSeed = newSeed;
    prng = createPrng(baseSeed);
    states = rules.map((rule) => ({
      rule,
      pattern: rule.path === undefined ? undefined : globToRegExp(rule.path),
      seen: 0,
      fired: 0,
      burstLeft: 0,
    }));
  }
  set(initial);

  function matches(state: RuleState, target: FaultTarget): boolean {
    const { rule } = state;
    if (rule.product !== undefined && rule.product !== target.product) return false;
    if (rule.method !== undefined && rule.method !== '*' && rule.method !== target.method) return false;
    if (state.pattern !== undefined && !state.pattern.test(target.path)) return false;
    return true;
  }

  /** Whether this matching request is hit (counts skip, times, rate). */
  function fires(state: RuleState): boolean {
    const { rule } = state;
    state.seen++;
    if (state.seen <= (rule.skip ?? 0)) return false;
    if (rule.times !== undefined && state.fired >= rule.times) return false;
    const rate = rule.rate ?? 1;
    if (rate < 1 && prng.next() >= rate) return false;
    state.fired++;
    return true;
  }

  return {
    set,
    clear: () => set([]),
    rules: () => states.map((s) => s.rule),
    plan(target) {
      const plan: FaultPlan = { latencyMs: 0, outcome: { kind: 'none' }, dropAfter: false, slowBody: undefined };
      for (const state of states) {
        if (!matches(state, target)) continue;
        const { rule } = state;
        if (rule.kind === 'rate_limit' && state.burstLeft > 0) {
          state.burstLeft--;
          outcome(plan, { kind: 'rate_limit', retryAfterSeconds: rule.retryAfterSeconds });
          continue;
        }
        if (fires(state)) applyRule(plan, state, prng);
      }
      return plan;
    },
  };
}

/** Sets the plan's outcome unless an earlier rule already did (the first matching rule decides). */
function outcome(plan: FaultPlan, chosen: FaultPlan['outcome']): void {
  if (plan.outcome.kind === 'none') plan.outcome = chosen;
}

/** Adds what one firing rule does to the plan. */
function applyRule(plan: FaultPlan, state: RuleState, prng: Prng): void {
  const { rule } = state;
  switch (rule.kind) {
    case 'latency':
      plan.latencyMs += rule.ms + (rule.jitterMs ? Math.floor(prng.next() * rule.jitterMs) : 0);
      break;
    case 'error':
      outcome(plan, { kind: 'error' });
      break;
    case 'rate_limit':
      state.burstLeft = Math.max(0, (rule.burst ?? 1) - 1);
      outcome(plan, { kind: 'rate_limit', retryAfterSeconds: rule.retryAfterSeconds });
      break;
    case 'timeout':
      outcome(plan, { kind: 'timeout' });
      break;
    case 'drop':
      if (rule.when === 'after') plan.dropAfter = true;
      else outcome(plan, { kind: 'drop' });
      break;
    case 'slow_body':
      plan.slowBody = { bytesPerChunk: rule.bytesPerChunk ?? 16, intervalMs: rule.intervalMs ?? 50 };
      break;
    default:
      assertNever(rule);
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected fault rule ${JSON.stringify(value)}`);
}
