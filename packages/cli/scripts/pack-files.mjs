#!/usr/bin/env node
// `node scripts/pack-files.mjs write|remove`: the files the package carries that this folder does not keep, written
// when the package is packed and removed after (as `oclif manifest` does for its manifest):
// - oclif.manifest.json, of the built commands (dist/): the installed `zlc --help` lists every command and its flags
//   from one JSON file, without loading a command's module;
// - templates/, a copy of the repository's examples/ (each folder with a lifecycle.yaml): what `zlc init` scaffolds
//   from when installed. Kept only while packing, so that a clone's `zlc init` always reads examples/ itself.
import { cpSync, existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Plugin } from '@oclif/core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = join(root, 'oclif.manifest.json');
const templates = join(root, 'templates');
const examples = join(root, '..', '..', 'examples');

async function write() {
  rmSync(templates, { recursive: true, force: true });
  const names = readdirSync(examples).filter((name) => existsSync(join(examples, name, 'lifecycle.yaml')));
  for (const name of names) cpSync(join(examples, name), join(templates, name), { recursive: true });
  const plugin = new Plugin({ root, type: 'core', isRoot: true, ignoreManifest: true, errorOnManifestCreate: true });
  await plugin.load();
  writeFileSync(manifest, `${JSON.stringify(plugin.manifest, null, 2)}\n`);
  console.error(
    `oclif.manifest.json: ${Object.keys(plugin.manifest.commands).length} commands; templates: ${names.join(', ')}`,
  );
}

if (process.argv[2] === 'write') await write();
else if (process.argv[2] === 'remove') {
  rmSync(manifest, { force: true });
  rmSync(templates, { recursive: true, force: true });
} else {
  console.error('usage: node scripts/pack-files.mjs write|remove');
  process.exit(1);
}
