/** Typed access to the CRM collections in the sandbox store. One collection per kind (and per module). */
import type { Collection, SandboxContext } from '../core/types.js';
import type { FieldDef, LayoutDef, MinUser, ModuleDef, ProfileDef, RecordDoc, RoleDef, UserDoc } from './model.js';

export interface OrgDoc {
  id: string;
  company_name: string;
  primary_email: string;
  [key: string]: unknown;
}

export const modules = (ctx: SandboxContext): Collection<ModuleDef> => ctx.store.collection<ModuleDef>('crm:modules');
export const fieldsOf = (ctx: SandboxContext, moduleApi: string): Collection<FieldDef> =>
  ctx.store.collection<FieldDef>(`crm:fields:${moduleApi}`);
export const layoutsOf = (ctx: SandboxContext, moduleApi: string): Collection<LayoutDef> =>
  ctx.store.collection<LayoutDef>(`crm:layouts:${moduleApi}`);
export const recordsOf = (ctx: SandboxContext, moduleApi: string): Collection<RecordDoc> =>
  ctx.store.collection<RecordDoc>(`crm:records:${moduleApi}`);
export const deletedOf = (ctx: SandboxContext, moduleApi: string): Collection<DeletedDoc> =>
  ctx.store.collection<DeletedDoc>(`crm:deleted:${moduleApi}`);
export const users = (ctx: SandboxContext): Collection<UserDoc> => ctx.store.collection<UserDoc>('crm:users');
export const roles = (ctx: SandboxContext): Collection<RoleDef> => ctx.store.collection<RoleDef>('crm:roles');
export const profiles = (ctx: SandboxContext): Collection<ProfileDef> =>
  ctx.store.collection<ProfileDef>('crm:profiles');
export const orgDoc = (ctx: SandboxContext): Collection<OrgDoc> => ctx.store.collection<OrgDoc>('crm:org');
/** Deal ↔ Product links (the Deals `Products` related list), keyed `dealId:productId`. */
export const dealProducts = (
  ctx: SandboxContext,
): Collection<{ deal_id: string; product_id: string; linked_time: string }> =>
  ctx.store.collection('crm:deal_products');

export interface DeletedDoc {
  id: string;
  display_name: string;
  type: 'recycle' | 'permanent';
  deleted_time: string;
  deleted_by: MinUser;
  created_by: MinUser;
}

/** Finds a module by api_name, case-insensitively as Zoho does in URLs. */
export function findModule(ctx: SandboxContext, name: string): ModuleDef | undefined {
  const direct = modules(ctx).get(name);
  if (direct) return direct;
  const lower = name.toLowerCase();
  for (const m of modules(ctx).values()) if (m.api_name.toLowerCase() === lower || m.id === name) return m;
  return undefined;
}

export function fieldList(ctx: SandboxContext, moduleApi: string): FieldDef[] {
  return [...fieldsOf(ctx, moduleApi).values()].sort((a, b) => a.sequence_number - b.sequence_number);
}

export function fieldMap(ctx: SandboxContext, moduleApi: string): Map<string, FieldDef> {
  const map = new Map<string, FieldDef>();
  for (const f of fieldsOf(ctx, moduleApi).values()) map.set(f.api_name, f);
  return map;
}

/** The acting user: the org's first (admin) user. The sandbox's one OAuth client acts as the admin. */
export function currentUser(ctx: SandboxContext): MinUser {
  for (const u of users(ctx).values()) return { id: u.id, name: u.full_name, email: u.email };
  return { id: '0', name: 'Sandbox Admin', email: 'admin@sandbox.invalid' };
}

export function minUser(u: UserDoc): MinUser {
  return { id: u.id, name: u.full_name, email: u.email };
}

/** Zoho's timestamp style: ISO 8601 with an explicit offset and no milliseconds. */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

export function now(ctx: SandboxContext): string {
  return isoTime(ctx.clock.now());
}
