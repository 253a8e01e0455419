/**
 * Reads YAML text into plain data while keeping the document for source positions. Refuses what must not be
 * expanded or guessed at: oversized text, tabs in indentation, nesting deeper than any model needs, duplicate keys,
 * alias bombs, several documents. Every step costs time linear in the text: the nesting is measured on the parser's
 * token tree before the composer (which recurses) sees it, and duplicate keys are found with one set per mapping
 * (the yaml package's own check compares each key with every earlier one: minutes for a 150,000-key mapping).
 */
import {
  Alias,
  Composer,
  type CST,
  type Document,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  Parser,
  visit,
  YAMLParseError,
} from 'yaml';
import type { DiagnosticCode } from './diagnostic.js';
import {
  checkTokenLimits,
  deepestData,
  hasTooManyEntries,
  type LimitBreach,
  MAX_COLLECTION_ITEMS,
  MAX_NESTING_DEPTH,
  MAX_TOTAL_ITEMS,
} from './yaml-limits.js';

/** Files larger than this are refused before parsing (bytes of UTF-16 text, ~5 MB). */
export const MAX_SOURCE_LENGTH = 5 * 1024 * 1024;
/** Alias resolutions allowed while converting to data; a billion-laughs document needs thousands. */
export const MAX_ALIAS_COUNT = 1000;
/** YAML problems reported at most; random bytes can make thousands, and the first few say what is wrong. */
const MAX_PROBLEMS = 50;

/** A parsed document: the data, and how to find where any path of it is written. */
export interface YamlSource {
  data: Record<string, unknown>;
  /** 1-based line and column of the node at `path` (or its key), the nearest ancestor when it is not written. */
  locate(path: readonly (string | number)[], atKey?: boolean): { line: number; column: number };
  /** The text of a 1-based line, without its newline. */
  lineText(line: number): string;
}

/** A problem found while reading YAML, already positioned. */
export interface YamlProblem {
  code: DiagnosticCode;
  message: string;
  line: number;
  column: number;
  hint?: string;
}

export type ReadYamlResult = { ok: true; source: YamlSource } | { ok: false; problems: YamlProblem[] };

const YAML_CODES: Partial<Record<string, DiagnosticCode>> = {
  DUPLICATE_KEY: 'duplicate-key',
  TAB_AS_INDENT: 'yaml-tab',
  MULTIPLE_DOCS: 'multiple-documents',
};

/** Parses YAML text. Never throws for bad input. */
export function readYaml(text: string): ReadYamlResult {
  const refused = refuseText(text);
  if (refused !== undefined) return refused;
  const lineCounter = new LineCounter();
  const parsed = parseOne(text, lineCounter);
  if (!('doc' in parsed)) return parsed;
  const { doc } = parsed;
  const converted = toData(doc, text, lineCounter);
  if (!('data' in converted)) return converted;
  const { data } = converted;
  const lines = text.split(/\r?\n/);
  return {
    ok: true,
    source: {
      data,
      locate(path, atKey = false) {
        const offset = locateOffset(doc, path, atKey);
        const pos = lineCounter.linePos(offset);
        return { line: pos.line, column: pos.col };
      },
      lineText: (line) => lines[line - 1] ?? '',
    },
  };
}

/** What is refused from the text alone, before parsing: its size, its number of entries, tabs in indentation. */
function refuseText(text: string): ReadYamlResult | undefined {
  if (text.length > MAX_SOURCE_LENGTH) {
    return fail(
      'file-too-large',
      `the model is ${megabytes(text.length)} MB; the limit is ${megabytes(MAX_SOURCE_LENGTH)} MB`,
      0,
      0,
      'split it or remove generated content',
    );
  }
  if (hasTooManyEntries(text))
    return fail(
      'too-many-entries',
      `the document has more than ${MAX_TOTAL_ITEMS.toLocaleString('en-US')} keys and list items; zlc reads no more`,
      0,
      0,
      'a model holds a few thousand; this is generated text or the wrong file',
    );
  const tabs = tabIndents(text);
  if (tabs.length > 0) return { ok: false, problems: tabs };
  return undefined;
}

/** The one document of the text, within the token limits, without syntax errors or duplicate keys, not empty. */
function parseOne(text: string, lineCounter: LineCounter): { doc: Document.Parsed } | ReadYamlResult {
  const tokens = [...new Parser(lineCounter.addNewLine).parse(text)];
  const breach = checkTokenLimits(tokens);
  if (breach !== undefined) return overLimit(breach, lineCounter.linePos(breach.offset));
  let doc: Document.Parsed;
  try {
    doc = composeOne(tokens, text.length);
  } catch (error) {
    if (error instanceof RangeError) return tooDeep({ line: 1, col: 1 });
    throw error;
  }
  const problems: YamlProblem[] = [...doc.errors, ...duplicateKeys(doc)].slice(0, MAX_PROBLEMS).map((error) => {
    const pos = lineCounter.linePos(error.pos[0]);
    const code = YAML_CODES[error.code] ?? 'yaml-syntax';
    return { code, message: clip(firstLine(error.message)), line: pos.line, column: pos.col, ...hintFor(code) };
  });
  if (problems.length > 0) return { ok: false, problems };
  if (doc.contents === null) return fail('empty-file', 'the file is empty', 1, 1, 'start with `version: 1`');
  return { doc };
}

/** The document's data: merge keys checked, aliases expanded within limits, a mapping at the top. */
function toData(
  doc: Document.Parsed,
  text: string,
  lineCounter: LineCounter,
): { data: Record<string, unknown> } | ReadYamlResult {
  // No `<<` in the text, no merge key in the document: skip walking it.
  const badMerge = text.includes('<<') ? firstBadMerge(doc) : undefined;
  if (badMerge !== undefined) {
    const pos = lineCounter.linePos(badMerge);
    return fail(
      'yaml-syntax',
      'a merge key (<<) needs a mapping, an alias of one, or a list of them',
      pos.line,
      pos.col,
      'for example: <<: *defaults',
    );
  }
  const start = lineCounter.linePos(doc.contents?.range?.[0] ?? 0);
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (error) {
    if (error instanceof RangeError) return tooDeep(start);
    if (error instanceof ReferenceError && /alias/i.test(error.message)) {
      return fail(
        'alias-bomb',
        'too many alias expansions: the document would grow exponentially (a billion-laughs pattern)',
        start.line,
        start.col,
        `aliases may expand at most ${MAX_ALIAS_COUNT} times`,
      );
    }
    const message = error instanceof Error ? error.message : String(error);
    return fail('yaml-syntax', clip(firstLine(message)), start.line, start.col);
  }
  // Aliases can nest what the text did not (each one wrapping the last): measure the data as well.
  if (deepestData(data) > MAX_NESTING_DEPTH) return tooDeep(start);
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    const got = Array.isArray(data) ? 'a list' : data === null ? 'nothing' : `a ${typeof data}`;
    return fail(
      'invalid-top-level',
      `the top level must be a mapping of sections, got ${got}`,
      start.line,
      start.col,
      'start with `version: 1` followed by `owners:`, `stages:` …',
    );
  }
  return { data: data as Record<string, unknown> };
}

/**
 * The one document of `tokens`, composed without the yaml package's quadratic duplicate-key check (`duplicateKeys`
 * does that job); a second document is an error, as `parseDocument` makes it.
 */
function composeOne(tokens: readonly CST.Token[], length: number): Document.Parsed {
  const composer = new Composer({ merge: true, prettyErrors: false, uniqueKeys: false });
  let doc: Document.Parsed | undefined;
  for (const next of composer.compose(tokens, true, length)) {
    if (doc === undefined) {
      doc = next;
      continue;
    }
    const range: [number, number] = [next.range[0], next.range[1]];
    doc.errors.push(new YAMLParseError(range, 'MULTIPLE_DOCS', 'the source holds more than one document'));
    break;
  }
  if (doc === undefined) throw new Error('yaml: compose(…, forceDoc) made no document');
  return doc;
}

/** Each key that repeats an earlier key of its mapping (equal scalar values, as the yaml package compares them). */
function duplicateKeys(doc: Document.Parsed): YAMLParseError[] {
  const found: YAMLParseError[] = [];
  const pending: unknown[] = [doc.contents];
  while (pending.length > 0 && found.length < MAX_PROBLEMS) {
    const node = pending.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        if (isScalar(pair.key)) {
          if (seen.has(pair.key.value)) {
            const at = pair.key.range?.[0] ?? 0;
            found.push(new YAMLParseError([at, at + 1], 'DUPLICATE_KEY', 'Map keys must be unique'));
          }
          seen.add(pair.key.value);
        } else pending.push(pair.key);
        pending.push(pair.value);
      }
    } else if (isSeq(node)) pending.push(...node.items);
  }
  return found.sort((a, b) => a.pos[0] - b.pos[0]);
}

function tooDeep(at: { line: number; col: number }): ReadYamlResult {
  return overLimit({ kind: 'depth', offset: 0 }, at);
}

function overLimit(breach: LimitBreach, at: { line: number; col: number }): ReadYamlResult {
  const hint = 'a model is far smaller; this is generated or broken text, or the wrong file';
  switch (breach.kind) {
    case 'depth':
      return fail(
        'nesting-too-deep',
        `the document nests more than ${MAX_NESTING_DEPTH} levels deep`,
        at.line,
        at.col,
        'a model needs a handful of levels; this is generated or broken text',
      );
    case 'collection': {
      const what = breach.mapping ? 'mapping has' : 'list has';
      const entries = breach.mapping ? 'keys' : 'items';
      return fail(
        'too-many-entries',
        `this ${what} ${breach.items.toLocaleString('en-US')} ${entries}; zlc reads at most ${MAX_COLLECTION_ITEMS.toLocaleString('en-US')} in one mapping or list`,
        at.line,
        at.col,
        hint,
      );
    }
  }
}

/** Text from the file inside a message (a key, a token): bounded, whatever the file holds. */
function clip(message: string): string {
  return message.length > 300 ? `${message.slice(0, 300)}…` : message;
}

function fail(code: DiagnosticCode, message: string, line: number, column: number, hint?: string): ReadYamlResult {
  return { ok: false, problems: [{ code, message, line, column, ...(hint === undefined ? {} : { hint }) }] };
}

function hintFor(code: DiagnosticCode): { hint?: string } {
  if (code === 'duplicate-key') return { hint: 'each key may appear once in a mapping; merge the two entries' };
  if (code === 'yaml-tab') return { hint: 'indent with spaces' };
  if (code === 'multiple-documents') return { hint: 'a model is one YAML document; remove the `---` separator' };
  return {};
}

/** Tabs in indentation are the most common hand-editing mistake; report each line (up to 10). */
function tabIndents(text: string): YamlProblem[] {
  const problems: YamlProblem[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length && problems.length < 10; i++) {
    const indent = /^[ \t]*/.exec(lines[i] ?? '')?.[0] ?? '';
    const tab = indent.indexOf('\t');
    if (tab >= 0 && (lines[i] ?? '').trim() !== '') {
      problems.push({
        code: 'yaml-tab',
        message: 'tab character in indentation',
        line: i + 1,
        column: tab + 1,
        hint: 'indent with spaces',
      });
    }
  }
  return problems;
}

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

function megabytes(length: number): string {
  return (length / (1024 * 1024)).toFixed(1);
}

/** Walks the document along `path`, following aliases and merge keys; returns the best start offset. */
function locateOffset(doc: Document, path: readonly (string | number)[], atKey: boolean): number {
  let node: unknown = doc.contents;
  let best = doc.contents?.range?.[0] ?? 0;
  for (let i = 0; i < path.length; i++) {
    const segment = path[i] as string | number;
    const current = resolveAlias(doc, node);
    const last = i === path.length - 1;
    if (isMap(current)) {
      const pair = findPair(doc, current, String(segment));
      if (pair === undefined) return best;
      const key = pair.key as Node | null;
      const value = pair.value as Node | null;
      if (last && atKey && key?.range) return key.range[0];
      best = value?.range?.[0] ?? key?.range?.[0] ?? best;
      node = value;
    } else if (isSeq(current) && typeof segment === 'number') {
      const item = current.items[segment] as Node | undefined;
      if (item === undefined) return best;
      best = item.range?.[0] ?? best;
      node = item;
    } else {
      return best;
    }
  }
  return best;
}

/** The offset of the first merge key whose value is not a mapping (the yaml package only says so without a place). */
function firstBadMerge(doc: Document): number | undefined {
  let offset: number | undefined;
  visit(doc, {
    Pair(_, pair) {
      if (!isScalar(pair.key) || !isMergeKey(pair.key.value)) return undefined;
      const value = resolveAlias(doc, pair.value);
      const sources = isSeq(value) ? value.items.map((item) => resolveAlias(doc, item)) : [value];
      if (sources.every((source) => isMap(source))) return undefined;
      offset = pair.key.range?.[0] ?? 0;
      return visit.BREAK;
    },
  });
  return offset;
}

/** `<<`, which the yaml package may hold as a string or as a symbol described `<<`. */
function isMergeKey(value: unknown): boolean {
  return value === '<<' || (typeof value === 'symbol' && value.description === '<<');
}

function resolveAlias(doc: Document, node: unknown): unknown {
  let current = node;
  for (let depth = 0; current instanceof Alias && depth < 20; depth++) current = current.resolve(doc);
  return current;
}

function findPair(
  doc: Document,
  map: { items: unknown[] },
  key: string,
  depth = 0,
): { key: unknown; value: unknown } | undefined {
  for (const pair of map.items) {
    if (isPair(pair) && isScalar(pair.key) && typeof pair.key.value !== 'symbol' && String(pair.key.value) === key)
      return pair;
  }
  if (depth > 5) return undefined;
  for (const pair of map.items) {
    if (!isPair(pair) || !isScalar(pair.key) || !isMergeKey(pair.key.value)) continue;
    const merged = resolveAlias(doc, pair.value);
    const sources = isSeq(merged) ? merged.items.map((item) => resolveAlias(doc, item)) : [merged];
    for (const source of sources) {
      if (isMap(source)) {
        const found = findPair(doc, source, key, depth + 1);
        if (found !== undefined) return found;
      }
    }
  }
  return undefined;
}
