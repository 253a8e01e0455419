import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModelFile, MAX_FILE_BYTES } from '@zlc/model';
import { afterAll, describe, expect, it } from 'vitest';
import { makeModel, toYaml } from './builders.js';

const dir = mkdtempSync(join(tmpdir(), 'zlc-model-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fixture(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

describe('loading a model file', () => {
  it('validates a file and keeps its text for quoting', async () => {
    const text = toYaml(makeModel());
    const loaded = await loadModelFile(fixture('ok.yaml', text));
    expect(loaded.result.ok).toBe(true);
    expect(loaded.text).toBe(text);
  });

  it('reports a missing file as a diagnostic naming it', async () => {
    const path = join(dir, 'missing.yaml');
    const loaded = await loadModelFile(path);
    expect(loaded.result.ok ? [] : loaded.result.diagnostics).toEqual([
      expect.objectContaining({ code: 'file-not-found', file: path, line: 0, column: 0 }),
    ]);
  });

  it('refuses a file over the size limit without reading it', async () => {
    const path = fixture('huge.yaml', `version: 1\n#${'x'.repeat(10 * 1024 * 1024)}\n`);
    const loaded = await loadModelFile(path);
    expect(loaded.text).toBeUndefined();
    expect(loaded.result.ok ? [] : loaded.result.diagnostics.map((d) => d.code)).toEqual(['file-too-large']);
    expect(MAX_FILE_BYTES).toBe(5 * 1024 * 1024);
  });

  it('reports a directory as unreadable', async () => {
    const loaded = await loadModelFile(dir);
    expect(loaded.result.ok ? [] : loaded.result.diagnostics.map((d) => d.code)).toEqual(['file-unreadable']);
  });
});
