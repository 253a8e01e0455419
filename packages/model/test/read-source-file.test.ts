/** The model file is a plain text file of the project: anything else is refused before a byte of it is echoed. */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadModelFile, readSourceFile } from '@zlc/model';
import { afterAll, describe, expect, it } from 'vitest';
import { makeModel, toYaml } from './builders.js';

const dir = mkdtempSync(join(tmpdir(), 'zlc-source-file-'));
const project = join(dir, 'project');
const elsewhere = join(dir, 'elsewhere');
mkdirSync(project);
mkdirSync(elsewhere);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const VALID = toYaml(makeModel());

async function codesOf(path: string, root?: string): Promise<string[]> {
  const loaded = await loadModelFile(path, root === undefined ? {} : { root });
  return loaded.result.ok ? [] : loaded.result.diagnostics.map((d) => d.code);
}

describe('reading a model file', () => {
  it.runIf(existsSync('/proc/self/environ'))(
    'refuses a symlink to /proc/self/environ, inside the project or not, and quotes nothing from it',
    async () => {
      const link = join(project, 'environ.yaml');
      symlinkSync('/proc/self/environ', link);
      for (const root of [project, undefined]) {
        const loaded = await loadModelFile(link, root === undefined ? {} : { root });
        expect(loaded.text).toBeUndefined();
        expect(loaded.result.ok ? [] : loaded.result.diagnostics.map((d) => d.code)).toEqual(['file-not-regular']);
        expect(JSON.stringify(loaded)).not.toContain(process.env.PATH ?? 'PATH=');
      }
    },
  );

  it('refuses a file outside the root, also when a symlink inside the root leads there', async () => {
    const outside = join(elsewhere, 'lifecycle.yaml');
    writeFileSync(outside, VALID);
    const link = join(project, 'shared.yaml');
    symlinkSync(outside, link);
    expect(await codesOf(outside, project)).toEqual(['file-outside-tree']);
    expect(await codesOf(link, project)).toEqual(['file-outside-tree']);
    const loaded = await loadModelFile(link, { root: project });
    expect(loaded.result.ok ? '' : loaded.result.diagnostics[0]?.hint).toContain('--allow-outside');
    expect(await codesOf(outside)).toEqual([]);
  });

  it('accepts a symlink inside the root that leads to a file inside it', async () => {
    writeFileSync(join(project, 'real.yaml'), VALID);
    symlinkSync(join(project, 'real.yaml'), join(project, 'alias.yaml'));
    expect(await codesOf(join(project, 'alias.yaml'), project)).toEqual([]);
  });

  it.runIf(process.platform !== 'win32')('refuses a named pipe at once, without waiting for a writer', async () => {
    const fifo = join(project, 'pipe.yaml');
    execFileSync('mkfifo', [fifo]);
    const loaded = await loadModelFile(fifo, { root: project });
    expect(loaded.result.ok ? [] : loaded.result.diagnostics).toEqual([
      expect.objectContaining({ code: 'file-not-regular', message: `${fifo} is not a regular file (it is a pipe)` }),
    ]);
  });

  it('refuses a NUL byte, naming its line and column', async () => {
    const file = join(project, 'nul.yaml');
    writeFileSync(file, 'version: 1\nowners:\n  sa\0les: {}\n');
    const loaded = await loadModelFile(file);
    expect(loaded.text).toBeUndefined();
    expect(loaded.result.ok ? [] : loaded.result.diagnostics).toEqual([
      expect.objectContaining({ code: 'file-binary', line: 3, column: 5 }),
    ]);
  });

  it('refuses bytes that are not UTF-8, naming where they start', () => {
    const file = join(project, 'latin1.yaml');
    writeFileSync(file, Buffer.concat([Buffer.from('version: 1\nname: caf'), Buffer.from([0xe9]), Buffer.from('\n')]));
    const read = readSourceFile(file, { maxBytes: 1024 });
    expect(read.ok ? undefined : read.problem).toMatchObject({ code: 'file-binary', line: 2, column: 10 });
  });

  it('refuses a file over the cap by its size, before reading it', () => {
    const file = join(project, 'big.yaml');
    writeFileSync(file, 'x'.repeat(2048));
    const read = readSourceFile(file, { maxBytes: 1024 });
    expect(read.ok ? undefined : read.problem.code).toBe('file-too-large');
  });
});
