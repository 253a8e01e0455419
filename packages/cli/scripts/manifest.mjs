#!/usr/bin/env node
// `node scripts/manifest.mjs write|remove`: the oclif manifest of the built commands (dist/), written when the
// package is packed and removed after, as `oclif manifest` does. With it, the installed `zlc --help` lists every
// command and its flags from one JSON file, without loading a command's module.
import { rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Plugin } from '@oclif/core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const file = join(root, 'oclif.manifest.json');

if (process.argv[2] === 'remove') {
  rmSync(file, { force: true });
} else if (process.argv[2] === 'write') {
  const plugin = new Plugin({ root, type: 'core', isRoot: true, ignoreManifest: true, errorOnManifestCreate: true });
  await plugin.load();
  writeFileSync(file, `${JSON.stringify(plugin.manifest, null, 2)}\n`);
  console.error(`oclif.manifest.json: ${Object.keys(plugin.manifest.commands).length} commands`);
} else {
  console.error('usage: node scripts/manifest.mjs write|remove');
  process.exit(1);
}
