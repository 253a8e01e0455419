// zlc from its TypeScript sources, for a clone of the repository (bin/run.js decides when; never in the package).
// Three things differ from the installed binary: tsx compiles the sources (registered here when the process was not
// started with it), imports of @zlc/* packages resolve through their `source` export condition (src/, like the
// type-checker and Vitest) rather than `default` (dist/), and oclif loads src/commands.ts and the src/ hooks
// rather than the dist/ targets package.json names — ignoring an oclif.manifest.json that packing leaves there for
// a moment, whose paths lead to dist/.
import { readFileSync } from 'node:fs';
import { register } from 'node:module';
import { fileURLToPath } from 'node:url';

/** A resolve hook that adds the `source` condition to every import after it is registered. */
const SOURCE_CONDITION = `data:text/javascript,${encodeURIComponent(
  "export async function resolve(specifier, context, next) { return next(specifier, { ...context, conditions: [...context.conditions, 'source'] }); }",
)}`;

/** @param {URL} binDir @param {boolean} underTsx */
export async function runFromSources(binDir, underTsx) {
  if (!underTsx) (await import('tsx/esm/api')).register();
  // Registered after tsx so that it runs first (hooks chain last-registered first) and tsx sees the condition.
  register(SOURCE_CONDITION);
  const { Config, Plugin, execute } = await import('@oclif/core');
  const root = fileURLToPath(new URL('..', binDir));
  const pjson = JSON.parse(readFileSync(new URL('../package.json', binDir), 'utf8'));
  pjson.oclif.commands.target = './src/commands.ts';
  pjson.oclif.hooks = Object.fromEntries(
    Object.entries(pjson.oclif.hooks).map(([event, path]) => [
      event,
      path.replace(/^\.\/dist\//, './src/').replace(/\.js$/, '.ts'),
    ]),
  );
  const plugin = new Plugin({ root, pjson, isRoot: true, ignoreManifest: true });
  await plugin.load();
  const config = await Config.load({ root, pjson, plugins: new Map([[pjson.name, plugin]]) });
  await execute({ loadOptions: config });
}
