/** Conformance violations of zlc's apply traffic that come from Zoho's OpenAPI documents, not from zlc or the sandbox. */
import type { ConformanceViolation } from '../../../sandbox/test/support/index.js';

/**
 * Violations that no correct client or emulator can avoid, each excused only for the exact errors named:
 * - CRM fields.json "Create Field" / "Update Field" and layouts.json "Update Custom Layout" require dozens of
 *   server-made properties (`associated_module`, `created_time`, `webhook` …, none marked readOnly) in the body;
 *   Zoho's own pages send `field_label`, `data_type`, the changed properties, and a layout's changed sections.
 * - Desk Field.json `createFieldNewRequest` is closed and has no property for a picklist's values, which Desk needs
 *   (its documentation sends `allowedValues`).
 * - CRM webhooks and workflow rules (`/settings/automation/…`) have no OAS file: the proxy matches them to the
 *   generic related-records template, whose answers they are not.
 */
export function isKnownSpecDefect(v: ConformanceViolation): boolean {
  const messages = (v.errors ?? []).map((e) => e.message ?? '');
  if (v.product === 'crm' && (v.path ?? '').startsWith('/crm/v8/settings/automation/')) return true;
  if (v.product === 'crm' && ['Create Field', 'Update Field', 'Update Custom Layout'].includes(v.operationId ?? ''))
    return v.direction === 'request' && messages.every((m) => m.startsWith('must have required property'));
  if (v.product === 'desk' && v.operationId === 'createField')
    return (
      v.direction === 'request' && messages.every((m) => m === 'must NOT have unevaluated properties: allowedValues')
    );
  return false;
}
