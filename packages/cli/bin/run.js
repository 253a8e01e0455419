#!/usr/bin/env node
// The zlc binary. Run from the repo root as `pnpm zlc …`; TypeScript sources are loaded through tsx.
import { execute } from '@oclif/core';

await execute({ dir: import.meta.url });
