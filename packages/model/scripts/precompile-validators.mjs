#!/usr/bin/env node
// After tsc: writes the schema validators compiled at build time (ajv standalone code, made by
// dist/standalone-validators.js from schemas/lifecycle.schema.json) into dist/, in the place of tsc's
// schema-validators.js, which would compile them at run time. The CLI's bundle makes the same swap (its build.mjs).
import { writeFileSync } from 'node:fs';
import { standaloneValidatorModules } from '../dist/standalone-validators.js';

for (const [file, text] of standaloneValidatorModules())
  writeFileSync(new URL(`../dist/${file}`, import.meta.url), text);
