/**
 * What a model may cost to read, measured before anything recursive or quadratic runs: its entries, counted on the
 * text with one regular expression (the cheapest pass: a 4 MB file of 150,000 keys is refused in a tenth of a second,
 * where even tokenising it takes seconds on a busy machine), then nesting and collection sizes on the parser's token
 * tree (the composer recurses per level and overflows the stack near 1,000 levels; ajv's error collection grows
 * quadratically with the number of errors). A model nests a handful of levels and holds a few thousand entries;
 * these limits sit far above that and far below what would take seconds or crash. Counting is iterative and linear.
 */
import type { CST } from 'yaml';

/** Collections inside collections allowed (conditions nest two levels per `all`/`any`). */
export const MAX_NESTING_DEPTH = 64;
/** Entries of one mapping or list. */
export const MAX_COLLECTION_ITEMS = 10_000;
/**
 * Entries of the whole document, counted as lines that start a key (`name:`) or a list item (`- `), plus commas (flow
 * style's separators; a comma in text counts too, so this errs towards counting more). The root lifecycle.yaml has
 * about 500.
 */
export const MAX_TOTAL_ITEMS = 50_000;

export type LimitBreach =
  | { kind: 'depth'; offset: number }
  | { kind: 'collection'; offset: number; items: number; mapping: boolean };

/** A line that starts a list item or a key, or a comma. */
const ENTRY = /^ *(?:-(?: |$)|[^\s#][^:\n]*:(?: |$))|,/gm;

/** Whether `text` holds more than `MAX_TOTAL_ITEMS` entries (stops counting there). */
export function hasTooManyEntries(text: string): boolean {
  let entries = 0;
  for (const _ of text.matchAll(ENTRY)) if (++entries > MAX_TOTAL_ITEMS) return true;
  return false;
}

/** The first limit the tokens break, if any. */
export function checkTokenLimits(tokens: readonly CST.Token[]): LimitBreach | undefined {
  const pending: [CST.Token, number][] = tokens.map((token) => [token, 0]);
  while (pending.length > 0) {
    const [token, depth] = pending.pop() as [CST.Token, number];
    if (token.type === 'document') {
      if (token.value !== undefined) pending.push([token.value, depth]);
      continue;
    }
    if (token.type !== 'block-map' && token.type !== 'block-seq' && token.type !== 'flow-collection') continue;
    if (depth + 1 > MAX_NESTING_DEPTH) return { kind: 'depth', offset: token.offset };
    const items = token.items.length;
    if (items > MAX_COLLECTION_ITEMS) {
      const mapping = token.type === 'block-map' || (token.type === 'flow-collection' && token.start.source === '{');
      return { kind: 'collection', offset: token.offset, items, mapping };
    }
    for (const item of token.items) {
      if (item.key) pending.push([item.key, depth + 1]);
      if (item.value) pending.push([item.value, depth + 1]);
    }
  }
  return undefined;
}

/** The nesting depth of plain data (objects and arrays), stopping once past `MAX_NESTING_DEPTH`. */
export function deepestData(data: unknown): number {
  let deepest = 0;
  const pending: [unknown, number][] = [[data, 0]];
  while (pending.length > 0) {
    const [value, depth] = pending.pop() as [unknown, number];
    if (value === null || typeof value !== 'object') continue;
    const level = depth + 1;
    if (level > deepest) deepest = level;
    if (deepest > MAX_NESTING_DEPTH) return deepest;
    for (const member of Object.values(value)) pending.push([member, level]);
  }
  return deepest;
}
