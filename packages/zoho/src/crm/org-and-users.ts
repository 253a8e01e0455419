import type { ProductContext } from '../product-context.js';
import { listOf, unexpectedBody } from '../transport/read-body.js';
import { crmPages } from './paging.js';
import type { CrmOrg, CrmProfile, CrmRole, CrmUser } from './types.js';

/** The `type` filter values [C:users] allows; without one, CRM returns every user. */
export type CrmUserType =
  | 'ActiveUsers'
  | 'CurrentUser'
  | 'ActiveConfirmedUsers'
  | 'DeactiveUsers'
  | 'NotConfirmedUsers'
  | 'ConfirmedUsers';

/** CRM org, users, roles and profiles (read-only; [C:org, users, roles, profiles]). */
export function crmOrgAndUsers(ctx: ProductContext) {
  const { transport } = ctx;
  return {
    /** GET /org: the one CRM org the token belongs to. */
    async getOrg(): Promise<CrmOrg> {
      const reply = await transport.request({ method: 'GET', path: '/org' });
      const org = listOf<CrmOrg>('crm', reply.data, 'org', ['id'], false)[0];
      if (org === undefined) throw unexpectedBody('crm', 'org');
      return org;
    },

    /** GET /users, page by page (200 per page); every user unless `type` narrows it. */
    users(type?: CrmUserType): AsyncGenerator<CrmUser> {
      return crmPages(ctx, { path: '/users', query: { type }, key: 'users', required: ['id'] });
    },

    /** GET /settings/roles. */
    async listRoles(): Promise<CrmRole[]> {
      const reply = await transport.request({ method: 'GET', path: '/settings/roles' });
      return listOf<CrmRole>('crm', reply.data, 'roles', ['id', 'name']);
    },

    /** GET /settings/profiles. */
    async listProfiles(): Promise<CrmProfile[]> {
      const reply = await transport.request({ method: 'GET', path: '/settings/profiles' });
      return listOf<CrmProfile>('crm', reply.data, 'profiles', ['id', 'name']);
    },
  };
}
