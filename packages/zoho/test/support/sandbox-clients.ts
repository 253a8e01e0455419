import { type Sandbox, type SandboxOptions, startSandbox } from '@zlc/sandbox';
import { createZohoClients, loadZohoConfig, type ZohoClientOptions, type ZohoClients, type ZohoEvent } from '@zlc/zoho';

export interface Harness {
  sandbox: Sandbox;
  clients: ZohoClients;
  events: ZohoEvent[];
  close(): Promise<void>;
}

/** Fast backoff so that retry tests take milliseconds, not seconds. */
export const FAST_RETRY = { backoff: { baseMs: 10, maxMs: 200 } } as const;

/**
 * A sandbox and the real Zoho clients pointed at it through `sandbox.env` (optionally via a proxy URL),
 * collecting the clients' events.
 */
export async function startHarness(
  sandboxOptions: SandboxOptions = {},
  clientOptions: ZohoClientOptions = {},
  /** Where the API and Desk calls go instead of the sandbox (e.g. a proxy started in front of it). */
  route?: (sandbox: Sandbox) => Promise<string>,
): Promise<Harness> {
  const sandbox = await startSandbox({ seed: 'empty', ...sandboxOptions });
  const events: ZohoEvent[] = [];
  const via = route === undefined ? undefined : await route(sandbox);
  const loaded = loadZohoConfig({
    ...sandbox.env,
    ZOHO_API_URL: via ?? sandbox.urls.api,
    ZOHO_DESK_URL: via ?? sandbox.urls.desk,
  });
  if (!loaded.ok) throw new Error(`sandbox env is not a valid config: ${JSON.stringify(loaded.errors)}`);
  const clients = createZohoClients(loaded.config, {
    retry: FAST_RETRY,
    ...clientOptions,
    onEvent: (event) => {
      events.push(event);
      clientOptions.onEvent?.(event);
    },
  });
  return {
    sandbox,
    clients,
    events,
    async close() {
      clients.close();
      await sandbox.close();
    },
  };
}
