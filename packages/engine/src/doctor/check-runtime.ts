/** The runtime URL the webhooks will point at: https unless on this machine, and answering `/healthz`. */
import { insecureHost } from '@zlc/model';
import { probeUrl } from '../runtime-probe.js';
import type { DoctorCheck } from './doctor-types.js';

export async function checkRuntime(url: string | undefined, handoffs: number): Promise<DoctorCheck> {
  const title = 'Runtime: reachable at runtime.url';
  if (handoffs === 0) return { id: 'runtime', title, status: 'info', findings: ['the model has no handoffs'] };
  if (url === undefined)
    return {
      id: 'runtime',
      title,
      status: 'fail',
      findings: ['runtime.url is not set (nor ZLC_RUNTIME_URL): no webhook can be provisioned'],
      hint: 'Set runtime.url in the model to where `zlc flow serve` is reachable over https.',
    };
  const insecure = insecureHost(url);
  if (insecure !== undefined)
    return {
      id: 'runtime',
      title,
      status: 'fail',
      findings: [`${url} is http:// to ${insecure}: webhooks would carry the secret unencrypted`],
      hint: 'Serve the runtime over https (a reverse proxy in front of `zlc flow serve`).',
    };
  const health = new URL('healthz', url.endsWith('/') ? url : `${url}/`).toString();
  const probe = await probeUrl(health);
  return probe.ok
    ? { id: 'runtime', title, status: 'pass', findings: [`${health} answered 200 in ${probe.ms} ms`] }
    : {
        id: 'runtime',
        title,
        status: 'fail',
        findings: [`${health} ${probe.problem}`],
        hint: 'Start `zlc flow serve` there before `zlc apply`: Desk checks a webhook URL when the webhook is made.',
      };
}
