import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateSource } from '@zlc/model';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..', '..');
const examples = readdirSync(join(root, 'examples'), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => join('examples', entry.name, 'lifecycle.yaml'));

describe('shipped models', () => {
  it('include at least two example templates', () => {
    expect(examples.length).toBeGreaterThanOrEqual(2);
  });

  it.each(['lifecycle.yaml', ...examples])('%s validates without errors or warnings', (file) => {
    const result = validateSource(readFileSync(join(root, file), 'utf8'), { file });
    expect(result.ok ? [] : result.diagnostics).toEqual([]);
    expect(result.warnings).toEqual([]);
  });

  it('the root model uses every section of the language', () => {
    const text = readFileSync(join(root, 'lifecycle.yaml'), 'utf8');
    for (const section of [
      'version',
      'vocabulary',
      'owners',
      'pipeline',
      'stages',
      'fields',
      'handoffs',
      'reports',
      'runtime',
      'moved',
      'remove',
    ]) {
      expect(text).toMatch(new RegExp(`^${section}:`, 'm'));
    }
  });

  it('each example points editors at the schema', () => {
    for (const file of examples) {
      expect(readFileSync(join(root, file), 'utf8').split('\n')[0]).toBe(
        '# yaml-language-server: $schema=../../packages/model/schemas/lifecycle.schema.json',
      );
    }
  });
});
