/** The standard layout of each module (one per module, per department for tickets), as records carry it. */
import type { SandboxContext } from '../core/types.js';
import { type DeskModuleName, deskData, type LayoutRecord } from './records.js';

export function defaultLayout(
  ctx: SandboxContext,
  module: DeskModuleName,
  departmentId?: string,
): LayoutRecord | undefined {
  let fallback: LayoutRecord | undefined;
  for (const l of deskData(ctx).layouts.values()) {
    if (l.module !== module) continue;
    if (departmentId === undefined || l.departmentId === departmentId) return l;
    fallback ??= l;
  }
  return fallback;
}

export function layoutRef(layout: LayoutRecord | undefined): { id: string; layoutName: string } | null {
  return layout === undefined ? null : { id: layout.id, layoutName: layout.layoutName };
}
