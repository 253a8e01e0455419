/**
 * Fields the org already has under the same label as a model field but another API name: creating the model's field
 * would be refused (a label is unique within a module) or, worse, make two fields people cannot tell apart. Pure.
 */
import type { RemoteResource, Resource } from '../plan-types.js';
import type { DoctorCheck } from './doctor-types.js';

const FIELD_TYPES = new Set(['crm_field', 'desk_field', 'books_custom_field']);

/** `crm_field.Deals.Budget` → `crm_field.Deals`: the module an address is in. */
function moduleOf(address: string): string {
  return address.slice(0, address.lastIndexOf('.'));
}

function labelOf(resource: Resource): string | undefined {
  const label = resource.attributes.label;
  return typeof label === 'string' ? label.trim().toLowerCase() : undefined;
}

export function checkConflicts(desired: readonly Resource[], remote: readonly RemoteResource[]): DoctorCheck {
  const byLabel = new Map<string, RemoteResource>();
  for (const r of remote) {
    const label = labelOf(r);
    if (FIELD_TYPES.has(r.type) && label !== undefined) byLabel.set(`${moduleOf(r.address)}|${label}`, r);
  }
  const findings: string[] = [];
  for (const d of desired) {
    const label = labelOf(d);
    if (!FIELD_TYPES.has(d.type) || label === undefined) continue;
    const other = byLabel.get(`${moduleOf(d.address)}|${label}`);
    if (other !== undefined && other.address !== d.address)
      findings.push(
        `${d.address} is labelled "${String(d.attributes.label)}", and the org already has ${other.address} with that label`,
      );
  }
  return findings.length === 0
    ? { id: 'conflicts', title: 'Fields: no label taken by another API name', status: 'pass', findings: [] }
    : {
        id: 'conflicts',
        title: 'Fields: labels taken by other API names',
        status: 'fail',
        findings,
        hint: 'Adopt the existing field (use its API name in the model, or a `moved:` entry), or give the model field another label.',
      };
}
