/** `/org`, `/users`, `/settings/roles`, `/settings/profiles`: the org and its people (stage owners). */
import type { Handler } from '../core/types.js';
import { invalidParam } from './errors.js';
import type { ProfileDef, RoleDef, UserDoc } from './model.js';
import { currentUser, orgDoc, profiles, roles, users } from './state.js';

export const getOrg: Handler = (_req, ctx) => ({ status: 200, body: { org: [orgDoc(ctx).get('org') ?? {}] } });

const USER_TYPES: Record<string, (u: UserDoc) => boolean> = {
  AllUsers: () => true,
  ActiveUsers: (u) => u.status === 'active',
  DeactiveUsers: (u) => u.status === 'disabled',
  ConfirmedUsers: (u) => u.confirm,
  NotConfirmedUsers: (u) => !u.confirm,
  DeletedUsers: (u) => u.status === 'deleted',
  ActiveConfirmedUsers: (u) => u.status === 'active' && u.confirm,
  AdminUsers: (u) => u.profile.name === 'Administrator',
  ActiveConfirmedAdmins: (u) => u.status === 'active' && u.confirm && u.profile.name === 'Administrator',
  CurrentUser: (u) => u.profile.name === 'Administrator',
};

function userJson(u: UserDoc): Record<string, unknown> {
  return {
    id: u.id,
    first_name: u.first_name,
    last_name: u.last_name,
    full_name: u.full_name,
    email: u.email,
    status: u.status,
    confirm: u.confirm,
    role: u.role,
    profile: u.profile,
    time_zone: u.time_zone,
    locale: u.locale,
    country: u.country,
    language: 'en_US',
    created_time: u.created_time,
    Modified_Time: u.Modified_Time,
    zuid: u.id.slice(-9),
  };
}

export const listUsers: Handler = (req, ctx) => {
  const type = req.query.get('type') ?? 'AllUsers';
  const filter = USER_TYPES[type];
  if (!filter) return invalidParam('type', type);
  const idsParam = req.query.get('ids');
  const ids = idsParam ? new Set(idsParam.split(',')) : undefined;
  let list = [...users(ctx).values()].filter(filter).filter((u) => !ids || ids.has(u.id));
  if (type === 'CurrentUser') list = list.slice(0, 1);
  const perPage = Math.min(Number(req.query.get('per_page') ?? 200) || 200, 200);
  const page = Math.max(Number(req.query.get('page') ?? 1) || 1, 1);
  const slice = list.slice((page - 1) * perPage, page * perPage);
  if (slice.length === 0) return { status: 204 };
  return {
    status: 200,
    body: {
      users: slice.map(userJson),
      info: { per_page: perPage, count: slice.length, page, more_records: page * perPage < list.length },
    },
  };
};

/** `GET /users/actions/count?type=` → `{count}` as a string, as users.json types it. */
export const countUsers: Handler = (req, ctx) => {
  const type = req.query.get('type') ?? 'AllUsers';
  const filter = USER_TYPES[type];
  if (!filter) return invalidParam('type', type);
  return { status: 200, body: { count: String([...users(ctx).values()].filter(filter).length) } };
};

export const getUser: Handler = (req, ctx) => {
  const u = users(ctx).get(req.params.user ?? '');
  if (!u) return { status: 204 };
  return {
    status: 200,
    body: { users: [userJson(u)], info: { per_page: 200, count: 1, page: 1, more_records: false } },
  };
};

/** Roles without a parent or forecast manager leave those keys out (the OAS types them as objects, never null). */
function roleJson(r: RoleDef): Record<string, unknown> {
  const { reporting_to, forecast_manager, ...rest } = r;
  return { ...rest, ...(reporting_to ? { reporting_to } : {}), ...(forecast_manager ? { forecast_manager } : {}) };
}

export const listRoles: Handler = (_req, ctx) => ({
  status: 200,
  body: { roles: [...roles(ctx).values()].map(roleJson) },
});

export const getRole: Handler = (req, ctx) => {
  const r = roles(ctx).get(req.params.role_id ?? '');
  return r ? { status: 200, body: { roles: [roleJson(r)] } } : { status: 204 };
};

function profileJson(ctx: Parameters<Handler>[1], p: ProfileDef): Record<string, unknown> {
  const admin = currentUser(ctx);
  return { ...p, category: false, created_by: admin, modified_by: admin, permissions_details: [], sections: [] };
}

export const listProfiles: Handler = (_req, ctx) => ({
  status: 200,
  body: { profiles: [...profiles(ctx).values()].map((p) => profileJson(ctx, p)) },
});

export const getProfile: Handler = (req, ctx) => {
  const p = profiles(ctx).get(req.params.id ?? '');
  return p ? { status: 200, body: { profiles: [profileJson(ctx, p)] } } : { status: 204 };
};
