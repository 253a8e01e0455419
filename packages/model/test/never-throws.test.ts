/**
 * @module-tag slow
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateSource } from '@zlc/model';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';

const root = parse(readFileSync(join(import.meta.dirname, '..', '..', '..', 'lifecycle.yaml'), 'utf8')) as unknown;

/** A small deterministic generator, so a failure reproduces. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

type Container = Record<string, unknown> | unknown[];

function containers(value: unknown, out: { parent: Container; key: string | number }[] = []) {
  if (Array.isArray(value)) {
    value.forEach((item, i) => {
      out.push({ parent: value, key: i });
      containers(item, out);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      out.push({ parent: value as Record<string, unknown>, key });
      containers(item, out);
    }
  }
  return out;
}

const REPLACEMENTS: unknown[] = [
  null,
  '',
  'x',
  0,
  -1,
  1.5,
  true,
  [],
  {},
  ['x'],
  { x: 1 },
  'crm:Deals',
  'closed-won',
  'deal.Amount',
  'crm:Deals.Amount',
  'Closed Won',
];

/** Replaces or deletes one node of the root model at random. */
function mutate(next: () => number): string {
  const copy = structuredClone(root);
  const spots = containers(copy);
  for (let n = 0; n < 1 + Math.floor(next() * 3); n++) {
    const spot = spots[Math.floor(next() * spots.length)];
    if (spot === undefined) continue;
    const replacement = REPLACEMENTS[Math.floor(next() * REPLACEMENTS.length)];
    if (Array.isArray(spot.parent)) spot.parent[spot.key as number] = replacement;
    else if (next() < 0.3) delete spot.parent[spot.key as string];
    else spot.parent[spot.key as string] = replacement;
  }
  return stringify(copy);
}

/** Swaps string values for other strings of the model: keeps the schema happy, so the rules see nonsense. */
function shuffleStrings(next: () => number): string {
  const copy = structuredClone(root);
  const spots = containers(copy).filter(
    (s) => typeof (s.parent as Record<string | number, unknown>)[s.key] === 'string',
  );
  const strings = spots.map((s) => (s.parent as Record<string | number, unknown>)[s.key]);
  for (let n = 0; n < 1 + Math.floor(next() * 4); n++) {
    const spot = spots[Math.floor(next() * spots.length)];
    if (spot !== undefined)
      (spot.parent as Record<string | number, unknown>)[spot.key] = strings[Math.floor(next() * strings.length)];
  }
  return stringify(copy);
}

// Each case runs 400 validations: ~12 s alone, ~30 s beside the rest of the suite on 2 cores, hence the timeouts.
describe('bad input never throws', () => {
  it('returns diagnostics, never an exception, for 400 random corruptions of the root model', () => {
    const next = random(20261126);
    const thrown: string[] = [];
    let invalid = 0;
    for (let i = 0; i < 400; i++) {
      const text = mutate(next);
      try {
        if (!validateSource(text).ok) invalid += 1;
      } catch (error) {
        thrown.push(`${i}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    expect(thrown).toEqual([]);
    expect(invalid).toBeGreaterThan(200);
  }, 120_000);

  it('returns diagnostics, never an exception, for 400 models with strings swapped around', () => {
    const next = random(42);
    const thrown: string[] = [];
    const codes = new Set<string>();
    for (let i = 0; i < 400; i++) {
      try {
        const result = validateSource(shuffleStrings(next));
        for (const d of result.ok ? result.warnings : result.diagnostics) codes.add(d.code);
      } catch (error) {
        thrown.push(`${i}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    expect(thrown).toEqual([]);
    expect(codes).toContain('dangling-reference');
  }, 120_000);
});
