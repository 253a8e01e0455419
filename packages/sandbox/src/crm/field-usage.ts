/**
 * Whether a workflow rule of the module uses a field (in its trigger's fields or in a condition's criteria): such
 * a field cannot be deleted (fields.yaml `deleteCustomField`). Read from the stored rules as plain JSON, so it
 * holds whatever else a rule carries.
 */
import type { SandboxContext } from '../core/types.js';
import { workflowRules } from './automation-model.js';

function mentions(value: unknown, apiName: string): boolean {
  if (Array.isArray(value)) return value.some((v) => mentions(v, apiName));
  if (typeof value !== 'object' || value === null) return false;
  const obj = value as Record<string, unknown>;
  if (obj.api_name === apiName) return true;
  return Object.values(obj).some((v) => mentions(v, apiName));
}

export function usedByWorkflowRules(ctx: SandboxContext, module: string, apiName: string): boolean {
  for (const rule of workflowRules(ctx).values()) {
    if (rule.module.api_name !== module) continue;
    if (mentions(rule.execute_when, apiName) || mentions(rule.conditions, apiName)) return true;
  }
  return false;
}
