import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { DEFAULT_DATA_DIR, EDITIONS, SEED_NAMES } from '@zlc/sandbox';
import { describe, expect, it } from 'vitest';
import { SANDBOX_DATA_DIR, SANDBOX_EDITIONS, SANDBOX_SEEDS } from '../src/sandbox-options.js';

const src = join(import.meta.dirname, '..', 'src');

function commandFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return commandFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** The specifiers a module imports for their values at load time (not `import type`, not `await import()`). */
function staticValueImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers: string[] = [];
  for (const match of text.matchAll(/^import\s+(type\s)?[^;]*?\s*from\s+'([^']+)';/gms)) {
    if (match[1] === undefined && match[2] !== undefined) specifiers.push(match[2]);
  }
  for (const match of text.matchAll(/^import\s+'([^']+)';/gm)) if (match[1] !== undefined) specifiers.push(match[1]);
  return specifiers;
}

/** The `@zlc/*` packages loading `file` pulls in, following its relative imports, with the chain that does it. */
function librariesLoadedBy(file: string, seen = new Set<string>()): string[] {
  if (seen.has(file)) return [];
  seen.add(file);
  return staticValueImports(file).flatMap((specifier) => {
    if (specifier.startsWith('@zlc/')) return [`${relative(src, file)} → ${specifier}`];
    if (!specifier.startsWith('.')) return [];
    const target = resolve(dirname(file), specifier.replace(/\.js$/, '.ts'));
    return librariesLoadedBy(target, seen);
  });
}

describe('command modules', () => {
  const files = commandFiles(join(src, 'commands'));

  // Every command class is imported at start-up (packages/cli/src/commands.ts), so one heavy import slows them all.
  it.each(files.map((f) => relative(src, f)))('%s loads no library package until its command runs', (file) => {
    expect(librariesLoadedBy(join(src, file))).toEqual([]);
  });

  it("the sandbox flag values spelled out for --help are the sandbox's own", () => {
    expect(SANDBOX_DATA_DIR).toBe(DEFAULT_DATA_DIR);
    expect([...SANDBOX_SEEDS]).toEqual([...SEED_NAMES]);
    expect([...SANDBOX_EDITIONS]).toEqual([...EDITIONS]);
  });
});
