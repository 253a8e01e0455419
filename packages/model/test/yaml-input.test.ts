import { MAX_COLLECTION_ITEMS, MAX_NESTING_DEPTH, MAX_SOURCE_LENGTH } from '@zlc/model';
import { describe, expect, it } from 'vitest';
import { diagnosticsOf, makeModel, toYaml, validate } from './builders.js';

function billionLaughs(levels: number): string {
  const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
  const names = 'bcdefghijklmnop'.slice(0, levels);
  let previous = 'a';
  for (const name of names) {
    lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(', ')}]`);
    previous = name;
  }
  return `${lines.join('\n')}\n`;
}

describe('reading YAML', () => {
  it('reports text that is not YAML as a syntax error with a position', () => {
    const result = validate('version: 1\nowners: [unclosed\nstages: }\n');
    const [first] = diagnosticsOf(result);
    expect(result.ok).toBe(false);
    expect(first?.code).toBe('yaml-syntax');
    expect(first?.line).toBeGreaterThan(0);
  });

  it('reports tabs in indentation at the tab', () => {
    const result = validate('version: 1\nowners:\n\tsales:\n\t\tname: Sales\n');
    expect(diagnosticsOf(result)[0]).toMatchObject({
      code: 'yaml-tab',
      line: 3,
      column: 1,
      hint: 'indent with spaces',
    });
  });

  it('reports duplicate keys at the second one', () => {
    const result = validate('version: 1\nversion: 1\nowners: {}\nstages: []\n');
    expect(diagnosticsOf(result)[0]).toMatchObject({ code: 'duplicate-key', line: 2 });
  });

  it.each([
    ['a scalar', 'just some words\n', 'text'],
    ['a list', '- version: 1\n', 'a list'],
  ])('refuses %s at the top level', (_, text, got) => {
    const [first] = diagnosticsOf(validate(text));
    expect(first?.code).toBe('invalid-top-level');
    expect(first?.message).toContain(got === 'text' ? 'string' : got);
  });

  it.each([
    ['an empty file', ''],
    ['a file of comments', '# nothing yet\n'],
  ])('reports %s as empty', (_, text) => {
    expect(diagnosticsOf(validate(text))[0]?.code).toBe('empty-file');
  });

  it('refuses text over the size limit without parsing it', () => {
    const text = `version: 1\n# ${'x'.repeat(MAX_SOURCE_LENGTH)}\n`;
    const [first] = diagnosticsOf(validate(text));
    expect(first?.code).toBe('file-too-large');
  });

  // Expanded, the bomb is 10^8 nodes: the test's timeout is what a missing guard would run into.
  it('refuses a billion-laughs alias bomb instead of expanding it', () => {
    const result = validate(billionLaughs(8));
    expect(diagnosticsOf(result)[0]?.code).toBe('alias-bomb');
  });

  it('accepts anchors, aliases and merge keys in an ordinary model', () => {
    const text = `${toYaml(makeModel({ fields: undefined }))}fields:
  crm:
    Accounts:
      - &link
        api_name: Books_Customer_ID
        type: text
        unique: true
      - <<: *link
        api_name: Desk_Account_ID
`;
    const result = validate(text);
    expect(result.ok).toBe(true);
    if (result.ok) {
      const accounts = result.resolved.modules.get('crm:Accounts');
      expect(accounts?.fields.get('Desk_Account_ID')).toMatchObject({ kind: 'text', unique: true, custom: true });
    }
  });

  it('allows an anchor to be used many times in an ordinary model', () => {
    const teams = Array.from({ length: 300 }, (_, i) => `  team-${i + 1}: *finance\n`).join('');
    const text = toYaml(makeModel()).replace('owners:\n', `owners:\n  team-0: &finance { name: Finance }\n${teams}`);
    const result = validate(text);
    expect(result.ok ? result.resolved.owners.length : result.diagnostics).toBe(303);
  });

  it('reports several YAML documents in one file', () => {
    expect(diagnosticsOf(validate('version: 1\n---\nversion: 1\n'))[0]?.code).toBe('multiple-documents');
  });

  it('reports a merge key whose value is not a mapping at the merge key', () => {
    const result = validate('version: 1\nowners:\n  sales:\n    <<: just text\n    name: Sales\n');
    expect(diagnosticsOf(result)[0]).toMatchObject({ code: 'yaml-syntax', line: 4, column: 5 });
  });

  it('points into merged mappings when a merged value is wrong', () => {
    const text = `${toYaml(makeModel({ fields: undefined }))}fields:
  crm:
    Accounts:
      - &link
        api_name: Books_Customer_ID
        type: txet
      - <<: *link
        api_name: Desk_Account_ID
`;
    const errors = diagnosticsOf(validate(text)).filter((d) => d.code === 'invalid-value');
    expect(errors.length).toBeGreaterThan(0);
    const line = text.split('\n').findIndex((l) => l.includes('type: txet')) + 1;
    expect(errors.every((d) => d.line === line)).toBe(true);
    expect(errors[0]?.hint).toBe("did you mean 'text'?");
  });

  it('refuses a 150,000-key mapping of 4 MB, saying why', () => {
    const keys = Array.from({ length: 150_000 }, (_, i) => `  owner_key_number_${String(i).padStart(6, '0')}: x`);
    const text = `version: 1\nowners:\n${keys.join('\n')}\n`;
    expect(text.length).toBeGreaterThan(4_000_000);
    expect(text.length).toBeLessThan(MAX_SOURCE_LENGTH);
    const result = validate(text);
    expect(diagnosticsOf(result)).toEqual([
      expect.objectContaining({
        code: 'too-many-entries',
        message: 'the document has more than 50,000 keys and list items; zlc reads no more',
      }),
    ]);
  });

  it('refuses one mapping of more keys than the limit at the mapping, before composing it', () => {
    const keys = Array.from({ length: MAX_COLLECTION_ITEMS + 1 }, (_, i) => `k${i}: {name: N}`);
    const result = validate(`version: 1\nowners: {${keys.join(', ')}}\n`);
    expect(diagnosticsOf(result)).toEqual([
      expect.objectContaining({
        code: 'too-many-entries',
        line: 2,
        column: 9,
        message: 'this mapping has 10,001 keys; zlc reads at most 10,000 in one mapping or list',
      }),
    ]);
  });

  it('finds a duplicate key among thousands, at the repeated key', () => {
    const keys = Array.from({ length: 5000 }, (_, i) => `  k${i}: {name: N}`);
    const result = validate(`version: 1\nowners:\n${keys.join('\n')}\n  k17: {name: again}\nstages: []\n`);
    expect(diagnosticsOf(result)).toEqual([expect.objectContaining({ code: 'duplicate-key', line: 5003, column: 3 })]);
  });

  it.each([
    ['flow lists', `x: ${'['.repeat(20_000)}${']'.repeat(20_000)}`],
    ['flow mappings', `x: ${'{a: '.repeat(3000)}1${'}'.repeat(3000)}`],
    ['block lists', `x:\n  ${'- '.repeat(5000)}a`],
  ])('refuses %s nested thousands deep with its own message, not a stack overflow', (_, body) => {
    const [first, ...rest] = diagnosticsOf(validate(`version: 1\n${body}\n`));
    expect(rest).toEqual([]);
    expect(first).toMatchObject({
      code: 'nesting-too-deep',
      message: `the document nests more than ${MAX_NESTING_DEPTH} levels deep`,
    });
  });

  it('refuses nesting built by aliases, each wrapping the last', () => {
    const deep = `${'['.repeat(MAX_NESTING_DEPTH - 5)}x${']'.repeat(MAX_NESTING_DEPTH - 5)}`;
    const text = `version: 1\na: &a ${deep}\nb: &b [[[[*a]]]]\nc: [[[[*b]]]]\n`;
    const [first] = diagnosticsOf(validate(text));
    expect(first?.code).toBe('nesting-too-deep');
  });

  it('lists at most 100 schema problems and says how many more there are', () => {
    const owners = Array.from({ length: 500 }, (_, i) => `  o${i}: 1`);
    const found = diagnosticsOf(validate(`version: 1\nowners:\n${owners.join('\n')}\nstages: []\n`));
    expect(found).toHaveLength(101);
    expect(found).toContainEqual(
      expect.objectContaining({ code: 'too-many-problems', message: '401 more problems in test.yaml are not listed' }),
    );
  });
});
