/**
 * A remote resource normalised when its attributes are first read and fingerprinted when first asked. Readers list
 * every object of a module, but apply's staleness check looks only at the objects its plan touches (their
 * fingerprints, and the attributes of those that changed), so normalising a large org's every field up front is
 * work it mostly throws away.
 *
 * A class, so that every object shares one `attributes` getter on the prototype: V8 reads it as fast as a plain
 * property, where a getter in each object literal (or a spread into one) costs ~10 ms more per 1,000 fields in
 * the planner, which reads them all. Read the attributes through the object: a spread copy leaves them out.
 */
import { lazyFingerprint } from '../../fingerprint.js';
import type { Address, Attributes, Product, RemoteResource, ResourceType } from '../../plan-types.js';

type Base = Omit<RemoteResource, 'attributes' | 'fingerprint' | 'dependsOn'>;

class LazyRemote implements RemoteResource {
  readonly address: Address;
  readonly type: ResourceType;
  readonly product: Product;
  readonly title: string;
  readonly remoteId: string;
  /** An object as read depends on nothing: the waves come from the desired resources. */
  readonly dependsOn: Address[] = [];
  readonly fingerprint: () => string;
  #attributes: Attributes | undefined;
  #normalise: (() => Attributes) | undefined;

  constructor(base: Base, raw: unknown, normalise: () => Attributes) {
    this.address = base.address;
    this.type = base.type;
    this.product = base.product;
    this.title = base.title;
    this.remoteId = base.remoteId;
    this.fingerprint = lazyFingerprint(() => raw);
    this.#normalise = normalise;
  }

  get attributes(): Attributes {
    if (this.#attributes === undefined) {
      this.#attributes = (this.#normalise as () => Attributes)();
      this.#normalise = undefined;
    }
    return this.#attributes;
  }
}

export function lazyRemote(base: Base, raw: unknown, normalise: () => Attributes): RemoteResource {
  return new LazyRemote(base, raw, normalise);
}
