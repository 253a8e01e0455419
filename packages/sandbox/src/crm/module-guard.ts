/**
 * Resolving the module a CRM request names, with Zoho's INVALID_MODULE answers: the `:module` path segment of
 * record routes, and the `module` query parameter the module-scoped settings APIs (fields, layouts) require.
 */
import type { SandboxContext, SandboxResponse } from '../core/types.js';
import { crmError, errorResponse, invalidModule, MESSAGES, requiredParamMissing } from './errors.js';
import type { ModuleDef } from './model.js';
import { findModule } from './state.js';

export function recordModule(ctx: SandboxContext, name: string | undefined): ModuleDef | SandboxResponse {
  const mod = name === undefined ? undefined : findModule(ctx, name);
  if (!mod?.api_supported) {
    return errorResponse(400, crmError('INVALID_MODULE', MESSAGES.invalidModule, { resource_path_index: 0 }));
  }
  return mod;
}

export function moduleParam(ctx: SandboxContext, query: URLSearchParams): ModuleDef | SandboxResponse {
  const name = query.get('module');
  if (name === null || name === '') return requiredParamMissing('module');
  return findModule(ctx, name) ?? invalidModule('module');
}

export const isModule = (v: ModuleDef | SandboxResponse): v is ModuleDef => 'api_name' in v;
