/** The `module` query parameter the module-scoped settings APIs (fields, layouts) require. */
import type { SandboxContext, SandboxResponse } from '../core/types.js';
import { crmError, errorResponse, MESSAGES, requiredParamMissing } from './errors.js';
import type { ModuleDef } from './model.js';
import { findModule } from './state.js';

export function moduleParam(ctx: SandboxContext, query: URLSearchParams): ModuleDef | SandboxResponse {
  const name = query.get('module');
  if (name === null || name === '') return requiredParamMissing('module');
  const mod = findModule(ctx, name);
  if (!mod) return errorResponse(400, crmError('INVALID_MODULE', MESSAGES.invalidModule, { api_name: 'module' }));
  return mod;
}

export const isMod = (v: ModuleDef | SandboxResponse): v is ModuleDef => 'api_name' in v;
