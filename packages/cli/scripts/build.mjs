#!/usr/bin/env node
// Builds the publishable CLI into dist/: one ESM bundle of the commands and the hook, with the workspace packages
// (@zlc/engine, model, zoho, flow, report, sandbox) compiled in from their sources, and every other import left to
// node_modules. Bundling is what makes one installable tarball out of private workspace packages: the alternative,
// publishing each of them, would make seven packages to version together for one command. Third-party packages stay
// external (better-sqlite3 and pg are native or optionally native, pino starts worker threads by file name, oclif
// reads its own package.json), so each must be a real dependency of this package: an import of anything else stops
// the build. The language's schema validators are compiled here, not at each start: the bundle carries ajv's
// standalone code for them in the place of @zlc/model's schema-validators.ts. The schemas are copied to schemas/ for
// editors (a local `$schema` that works offline).
//
// `node scripts/build.mjs --outdir DIR` writes the same bundle to DIR instead of dist/ and copies no schemas: the
// CLI tests build the CLI that ships once per run that way, into a folder of their own (test/support/cli-bundle.ts).
import { copyFileSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { tsImport } from 'tsx/esm/api';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const dependencies = new Set(Object.keys(pkg.dependencies));
const SCHEMAS = {
  'lifecycle.schema.json': 'model',
  'plan.schema.json': 'engine',
  'report.schema.json': 'report',
};

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** Workspace packages are bundled; declared dependencies and Node's modules stay imports; anything else fails. */
const dependenciesOnly = {
  name: 'zlc-dependencies-only',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      const name = packageName(args.path);
      if (name.startsWith('@zlc/')) return undefined;
      if (args.path.startsWith('node:') || builtinModules.includes(name)) return { external: true };
      if (dependencies.has(name)) return { external: true };
      return {
        errors: [{ text: `${name} is imported (by ${args.importer}) but is not a dependency of ${pkg.name}` }],
      };
    });
  },
};

/**
 * @zlc/model's schema-validators.ts, which compiles the schema with ajv at run time, is bundled as the modules
 * model's standalone-validators.ts generates from the same schema and ajv set-up (virtual files, never on disk).
 */
async function precompiledValidators() {
  const modelSrc = join(root, '..', 'model', 'src');
  const generator = await tsImport(join(modelSrc, 'standalone-validators.ts'), import.meta.url);
  const modules = generator.standaloneValidatorModules();
  const replaced = join(modelSrc, `${generator.REPLACED_MODULE}.ts`);
  const namespace = 'zlc-precompiled-validators';
  let swapped = false;
  return {
    name: namespace,
    setup(b) {
      b.onLoad({ filter: /schema-validators\.ts$/ }, (args) => {
        if (args.path !== replaced) return undefined;
        swapped = true;
        return { contents: modules.get(`${generator.REPLACED_MODULE}.js`), loader: 'js', resolveDir: modelSrc };
      });
      // A renamed or moved module would otherwise be bundled as it is, compiling at every start again.
      b.onEnd(() => {
        if (!swapped) throw new Error(`${replaced} was not bundled: the precompiled validators replace nothing`);
      });
      b.onResolve({ filter: /^\.\/[^/]+\.js$/ }, (args) =>
        args.importer === replaced && modules.has(args.path.slice(2))
          ? { path: args.path.slice(2), namespace }
          : undefined,
      );
      b.onLoad({ filter: /.*/, namespace }, (args) => ({
        contents: modules.get(args.path),
        loader: 'js',
        resolveDir: modelSrc,
      }));
    },
  };
}

const flag = process.argv.indexOf('--outdir');
const outdir = flag === -1 ? join(root, 'dist') : resolve(process.argv[flag + 1] ?? '');
if (flag !== -1 && process.argv[flag + 1] === undefined) {
  console.error('usage: node scripts/build.mjs [--outdir DIR]');
  process.exit(1);
}

rmSync(outdir, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { commands: 'src/commands.ts', 'hooks/command-not-found': 'src/hooks/command-not-found.ts' },
  outdir,
  bundle: true,
  // Commands import their libraries lazily (`await import`) so that `zlc --help` loads none of them: keep those
  // imports as separate chunks.
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // The workspace packages from src/, like the type-checker and Vitest: no per-package build to go stale first.
  conditions: ['source'],
  plugins: [await precompiledValidators(), dependenciesOnly],
  legalComments: 'none',
  logLevel: 'warning',
});

if (flag === -1) {
  mkdirSync(join(root, 'schemas'), { recursive: true });
  for (const [file, owner] of Object.entries(SCHEMAS))
    copyFileSync(join(root, '..', owner, 'schemas', file), join(root, 'schemas', file));
}
