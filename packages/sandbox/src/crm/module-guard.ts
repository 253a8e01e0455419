/** Resolving the `:module` path segment of record routes, with Zoho's INVALID_MODULE answer. */
import type { SandboxContext, SandboxResponse } from '../core/types.js';
import { crmError, errorResponse, MESSAGES } from './errors.js';
import type { ModuleDef } from './model.js';
import { findModule } from './state.js';

export function recordModule(ctx: SandboxContext, name: string | undefined): ModuleDef | SandboxResponse {
  const mod = name === undefined ? undefined : findModule(ctx, name);
  if (!mod?.api_supported) {
    return errorResponse(400, crmError('INVALID_MODULE', MESSAGES.invalidModule, { resource_path_index: 0 }));
  }
  return mod;
}

export const isModule = (v: ModuleDef | SandboxResponse): v is ModuleDef => 'api_name' in v;
