/**
 * Resolving the module a CRM request names, with Zoho's INVALID_MODULE answers: the `:module` path segment of
 * record routes, and the `module` query parameter the module-scoped settings APIs (fields, layouts) require.
 */
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

/**
 * The settings APIs' answers as fields.yaml and layouts.yaml show them: `{param_name: "module"}` when it is missing,
 * empty `details` for an unknown module.
 */
export function moduleParam(ctx: SandboxContext, query: URLSearchParams): ModuleDef | SandboxResponse {
  const name = query.get('module');
  if (name === null || name === '')
    return errorResponse(400, crmError('REQUIRED_PARAM_MISSING', MESSAGES.paramMissing, { param_name: 'module' }));
  return (
    findModule(ctx, name) ??
    errorResponse(400, crmError('INVALID_MODULE', 'the module name given seems to be invalid', {}))
  );
}

export const isModule = (v: ModuleDef | SandboxResponse): v is ModuleDef => 'api_name' in v;
