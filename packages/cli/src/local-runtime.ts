/**
 * The embedded sandbox delivers webhooks and Desk's URL checks only to this machine, so applying there with webhooks
 * pointed at a public runtime URL cannot work (and must not reach out): say so before anything is changed.
 */
import { isLoopbackUrl, type ResolvedModel } from '@zlc/model';
import type { Target } from './target.js';

/** The refusal message, or undefined when the target is not the embedded sandbox or the runtime URL is local. */
export function nonLocalRuntimeError(
  target: Pick<Target, 'kind'>,
  model: ResolvedModel,
  env: Readonly<Record<string, string | undefined>>,
): string | undefined {
  if (target.kind !== 'embedded-sandbox' || model.handoffs.length === 0) return undefined;
  const override = env.ZLC_RUNTIME_URL?.trim();
  const url = override || model.runtime.url;
  if (url === undefined || isLoopbackUrl(url)) return undefined;
  const source = override ? 'ZLC_RUNTIME_URL' : 'runtime.url';
  return [
    `The embedded sandbox delivers webhooks only to this machine, and ${source} is ${url}: the runtime URL must be local.`,
    'Set ZLC_RUNTIME_URL to where `zlc flow serve` listens (for example http://127.0.0.1:8787), or target a real org with the ZOHO_* settings.',
  ].join('\n');
}
