/**
 * `doctor(clients, model, options)`: a preflight of an org against the model, before the first apply — credentials
 * and scopes, the edition's limits, fields whose label another API name already has, Zoho's own integrations, and
 * the runtime URL. Reads only; reports through `onEvent` as each check ends and returns the whole report.
 */
import type { ResolvedModel } from '@zlc/model';
import type { ZohoClients } from '@zlc/zoho';
import { desiredResources } from '../desired.js';
import { desiredContext } from '../make-plan.js';
import { readRemote } from '../read-remote.js';
import { checkConflicts } from './check-conflicts.js';
import { checkCredentials } from './check-credentials.js';
import { checkIntegrations } from './check-integrations.js';
import { checkLimits } from './check-limits.js';
import { checkRuntime } from './check-runtime.js';
import type { DoctorCheck, DoctorEvent, DoctorReport } from './doctor-types.js';

export interface DoctorOptions {
  /** `targetIdentity(config)`. */
  target: string;
  /** `ZLC_RUNTIME_URL`, when set; else the model's `runtime.url`. */
  runtimeUrlOverride?: string;
  webhookSecret?: string;
  onEvent?: (event: DoctorEvent) => void;
}

export async function doctor(
  clients: ZohoClients,
  model: ResolvedModel,
  options: DoctorOptions,
): Promise<DoctorReport> {
  const checks: DoctorCheck[] = [];
  const add = (found: DoctorCheck[]) => {
    for (const check of found) {
      checks.push(check);
      options.onEvent?.({ type: 'check_done', check });
    }
  };
  const credentials = await checkCredentials(clients);
  add(credentials);
  // Without working credentials, nothing else can be read.
  if (credentials.every((c) => c.status !== 'fail')) {
    const context = desiredContext(model, options.runtimeUrlOverride, options.webhookSecret);
    const remote = await readRemote(clients, model, { context, secretEnv: model.runtime.secretEnv });
    const desired = desiredResources(model, context);
    add(checkLimits(desired, remote.resources, model, clients));
    add([checkConflicts(desired, remote.resources)]);
    add(await checkIntegrations(clients));
  }
  add([await checkRuntime(options.runtimeUrlOverride?.trim() || model.runtime.url, model.handoffs.length)]);
  return { target: options.target, ready: checks.every((c) => c.status !== 'fail'), checks };
}
