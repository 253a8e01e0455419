import { MAX_SOURCE_LENGTH } from '@zlc/model';
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
    const started = performance.now();
    const [first] = diagnosticsOf(validate(text));
    expect(first?.code).toBe('file-too-large');
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('refuses a billion-laughs alias bomb quickly instead of expanding it', () => {
    const started = performance.now();
    const result = validate(billionLaughs(8));
    expect(diagnosticsOf(result)[0]?.code).toBe('alias-bomb');
    expect(performance.now() - started).toBeLessThan(2000);
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
});
