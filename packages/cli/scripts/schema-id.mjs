#!/usr/bin/env node
// `node scripts/schema-id.mjs check|write`: the language schema's `$id` is the URL `zlc init` writes into a model's
// modeline, `https://unpkg.com/<package>@<version>/schemas/lifecycle.schema.json`, so it must name this package's
// version. `changeset version` bumps the version and knows nothing of the `$id`: `pnpm version-packages` runs this
// with `write` after it; the CLI's build runs `check`, so a package whose `$id` names another version is never made.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const file = join(root, '..', 'model', 'schemas', 'lifecycle.schema.json');
const text = readFileSync(file, 'utf8');
const wanted = `https://unpkg.com/${pkg.name}@${pkg.version}/schemas/lifecycle.schema.json`;
const current = JSON.parse(text).$id;

if (process.argv[2] === 'write') {
  if (current !== wanted) writeFileSync(file, text.replace(JSON.stringify(current), JSON.stringify(wanted)));
} else if (process.argv[2] === 'check') {
  if (current !== wanted) {
    console.error(`lifecycle.schema.json's $id is ${current}, not ${wanted}: run node scripts/schema-id.mjs write.`);
    process.exit(1);
  }
} else {
  console.error('usage: node scripts/schema-id.mjs check|write');
  process.exit(1);
}
