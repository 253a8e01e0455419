/** The sandbox's own test lifecycle: one sandbox per test file. */
import { afterAll, beforeAll } from 'vitest';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../src/index.js';

/** Starts a sandbox before the file's tests and closes it after them; read `.current` inside tests. */
export function sandboxPerFile(options: SandboxOptions = {}): { readonly current: Sandbox } {
  let sandbox: Sandbox | undefined;
  beforeAll(async () => {
    sandbox = await startSandbox(options);
  });
  afterAll(async () => {
    await sandbox?.close();
  });
  return {
    get current(): Sandbox {
      if (sandbox === undefined) throw new Error('the sandbox starts in beforeAll; use it inside a test');
      return sandbox;
    },
  };
}
