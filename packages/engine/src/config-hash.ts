import type { ResolvedModel } from '@zlc/model';
import { canonicalJson, sha256 } from './fingerprint.js';

/** `sha256:<hex>` of the canonical resolved model (maps as objects, keys sorted): tells apply the config changed. */
export function configHash(model: ResolvedModel): string {
  return `sha256:${sha256(canonicalJson(model))}`;
}
