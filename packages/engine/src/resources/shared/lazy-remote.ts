/**
 * A remote resource normalised when its attributes are first read and fingerprinted when first asked. Readers list
 * every object of a module, but apply's staleness check looks only at the objects its plan touches (their
 * fingerprints, and the attributes of those that changed), so normalising a large org's every field up front is
 * work it mostly throws away.
 */
import { lazyFingerprint } from '../../fingerprint.js';
import type { Attributes, RemoteResource } from '../../plan-types.js';

/** An object as read depends on nothing (`dependsOn: []`): the waves come from the desired resources. */
export function lazyRemote(
  base: Omit<RemoteResource, 'attributes' | 'fingerprint' | 'dependsOn'>,
  raw: unknown,
  normalise: () => Attributes,
): RemoteResource {
  let attributes: Attributes | undefined;
  return {
    ...base,
    dependsOn: [],
    get attributes(): Attributes {
      attributes ??= normalise();
      return attributes;
    },
    fingerprint: lazyFingerprint(() => raw),
  };
}
