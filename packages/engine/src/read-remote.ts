/**
 * `readRemote(clients, model, options)`: the async shell around the planner. Each resource type lists what it
 * needs — one list call per module and type, shared between types through a per-run memo — and all types read
 * concurrently; the clients' rate budget bounds the concurrency per product.
 */
import type { ResolvedModel } from '@zlc/model';
import type { ZohoClients } from '@zlc/zoho';
import type { RemoteResource, ResourceType } from './plan-types.js';
import { RESOURCE_DEFS } from './resources/index.js';
import type { DesiredContext, ReadScope } from './resources/resource-def.js';
import { storedSecretRef } from './resources/shared/webhook-secret.js';

export interface ReadRemoteOptions {
  context: DesiredContext;
  /** The env var that names the webhook secret (`runtime.secretEnv`), for normalising what the org stores. */
  secretEnv: string;
  /** Read only these types (apply's staleness check). Default: all. */
  types?: readonly ResourceType[];
}

export interface RemoteRead {
  resources: RemoteResource[];
  /** How many list reads were made (each distinct list once; a paged list counts once). */
  calls: number;
  /** The lists read, e.g. `crm:fields:Deals`, `desk:webhooks`. */
  lists: string[];
  /** What the readers left out of the org's objects and why, each once. */
  warnings: string[];
}

export async function readRemote(
  clients: ZohoClients,
  model: ResolvedModel,
  options: ReadRemoteOptions,
): Promise<RemoteRead> {
  const memo = new Map<string, Promise<unknown>>();
  const warnings = new Set<string>();
  const scope: ReadScope = {
    model,
    context: options.context,
    once<T>(key: string, load: () => Promise<T>): Promise<T> {
      let pending = memo.get(key) as Promise<T> | undefined;
      if (pending === undefined) {
        pending = load();
        memo.set(key, pending);
      }
      return pending;
    },
    secretRefOf: (value) => storedSecretRef(options.secretEnv, value, options.context.isSecret),
    warn: (message) => warnings.add(message),
  };
  const wanted = options.types === undefined ? undefined : new Set(options.types);
  const defs = RESOURCE_DEFS.filter((d) => wanted === undefined || wanted.has(d.type));
  const lists = await Promise.all(defs.map((d) => d.read(clients, scope)));
  return { resources: lists.flat(), calls: memo.size, lists: [...memo.keys()].sort(), warnings: [...warnings] };
}
