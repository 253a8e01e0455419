/** Builders for planner tests: the root model, its desired resources, and an org that already matches. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  type Attributes,
  type DesiredContext,
  desiredResources,
  fingerprint,
  type PlanOptions,
  type RemoteResource,
  type Resource,
} from '@zlc/engine';
import { type ResolvedModel, validateSource } from '@zlc/model';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', '..');
export const ROOT_MODEL_TEXT = readFileSync(join(ROOT, 'lifecycle.yaml'), 'utf8');

/** The model of a YAML text (the root lifecycle.yaml unless given), resolved; throws if it does not validate. */
export function modelOf(text: string = ROOT_MODEL_TEXT): ResolvedModel {
  const result = validateSource(text, { file: 'lifecycle.yaml' });
  if (!result.ok) throw new Error(`model does not validate: ${result.diagnostics.map((d) => d.message).join('; ')}`);
  return result.resolved;
}

export const CONTEXT: DesiredContext = {
  runtimeUrl: 'https://flow.example/zlc',
  secretRef: 'env:ZLC_WEBHOOK_SECRET',
  isSecret: () => false,
  deskToken: () => undefined,
  booksToken: () => undefined,
};

export function desiredOf(model: ResolvedModel, context: DesiredContext = CONTEXT): Resource[] {
  return desiredResources(model, context);
}

/** The org as it would read after a perfect apply: every desired resource, with an id and a fingerprint. */
export function matchingOrg(desired: readonly Resource[]): RemoteResource[] {
  return desired.map((r, i) => ({
    ...r,
    dependsOn: [],
    remoteId: String(5_000_000 + i),
    fingerprint: () => fingerprint({ ...r.attributes, id: i }),
  }));
}

export function withAttributes(r: RemoteResource, attributes: Attributes): RemoteResource {
  return { ...r, attributes: { ...r.attributes, ...attributes }, fingerprint: () => fingerprint(attributes) };
}

export function optionsFor(model: ResolvedModel, extra: Partial<PlanOptions> = {}): PlanOptions {
  return {
    model,
    target: 'sandbox:test',
    configHash: `sha256:${'0'.repeat(64)}`,
    createdAt: '2026-01-01T00:00:00.000Z',
    ...extra,
  };
}
