/**
 * `exportOrg(clients, options)`: the org's configuration as a lifecycle.yaml in zlc's language — read
 * (`read-org.ts`), turned into a model (`to-model.ts`), written as canonical YAML and checked with the same
 * validation `zlc validate` runs, so what is written always loads.
 */
import { type Diagnostic, validateSource } from '@zlc/model';
import type { ZohoClients } from '@zlc/zoho';
import { stringify } from 'yaml';
import { readOrgForExport } from './read-org.js';
import { type ExportedModel, snapshotToModel } from './to-model.js';

export interface ExportOptions {
  /** Named in the header comment (`targetIdentity`). */
  target: string;
  /** `$schema` path for editors, relative to where the file is written. Default `./schemas/lifecycle.schema.json`. */
  schemaPath?: string;
  now?: () => Date;
}

export type ExportResult =
  | ({ ok: true; yaml: string; calls: number } & ExportedModel)
  | ({ ok: false; yaml: string; calls: number; diagnostics: Diagnostic[] } & ExportedModel);

export function modelToYaml(exported: ExportedModel, options: ExportOptions): string {
  const header = [
    `# yaml-language-server: $schema=${options.schemaPath ?? './schemas/lifecycle.schema.json'}`,
    '#',
    `# Written by zlc export from ${options.target}.`,
    '# Fields and the Deal pipeline are the org as it is: `zlc plan` against the same org shows "No changes".',
    '# The org cannot say who owns what or how records move between apps: the owner and stage below are',
    '# placeholders (they change nothing in the org). Replace them, and add handoffs, before applying elsewhere.',
    '',
  ].join('\n');
  return `${header}${stringify(exported.model, { lineWidth: 0, indent: 2, sortMapEntries: false })}`;
}

export async function exportOrg(clients: ZohoClients, options: ExportOptions): Promise<ExportResult> {
  const snapshot = await readOrgForExport(clients);
  const exported = snapshotToModel(snapshot);
  const yaml = modelToYaml(exported, options);
  const checked = validateSource(yaml);
  if (!checked.ok) return { ok: false, yaml, calls: snapshot.calls, diagnostics: checked.diagnostics, ...exported };
  return { ok: true, yaml, calls: snapshot.calls, ...exported };
}
