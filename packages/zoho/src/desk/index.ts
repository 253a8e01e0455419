import { isRecord } from '../parse.js';
import type { ProductContext } from '../product-context.js';
import { itemOf, unexpectedBody } from '../transport/read-body.js';
import { deskList, deskPages } from './paging.js';
import { deskRecordClients } from './records.js';
import type {
  DeskAgent,
  DeskDepartment,
  DeskField,
  DeskFieldInput,
  DeskLayout,
  DeskLayoutField,
  DeskLayoutFieldInput,
  DeskModule,
  DeskOrganization,
  DeskTeam,
  DeskWebhook,
  DeskWebhookInput,
} from './types.js';

/**
 * The Zoho Desk v1 client of one run ([D:Organization, Department, Team, Field, Layout, Webhook] and the record
 * clients). Every call carries the `orgId` header (added by the transport); an empty list is a 204.
 */
export function createDeskClient(ctx: ProductContext) {
  return { ...deskPortal(ctx), ...deskRecordClients(ctx), ...deskFields(ctx), ...deskWebhooks(ctx) };
}

/** The portals the token sees, and a portal's departments, agents and teams. */
function deskPortal(ctx: ProductContext) {
  const { transport } = ctx;
  return {
    /** GET /organizations: the portals the token can see. */
    async listOrganizations(): Promise<DeskOrganization[]> {
      const reply = await transport.request({ method: 'GET', path: '/organizations' });
      return deskList<DeskOrganization>(reply.data, ['id']);
    },

    async getOrganization(id: string): Promise<DeskOrganization> {
      const reply = await transport.request({ method: 'GET', path: `/organizations/${encodeURIComponent(id)}` });
      return itemOf<DeskOrganization>('desk', reply.data, 'organization', ['id']);
    },

    /** GET /departments, paged. */
    departments(filters: { isEnabled?: boolean } = {}): AsyncGenerator<DeskDepartment> {
      return deskPages<DeskDepartment>(ctx, { path: '/departments', query: filters, required: ['id', 'name'] });
    },

    /** GET /agents, paged. */
    agents(filters: { status?: 'ACTIVE' | 'DISABLED'; departmentIds?: string } = {}): AsyncGenerator<DeskAgent> {
      return deskPages<DeskAgent>(ctx, { path: '/agents', query: filters, required: ['id'] });
    },

    /**
     * GET /departments/{id}/teams (`getTeamsInDepartment`, [D:Team]): every team of one department, in one
     * unpaged `{teams: [...]}` answer. Read per department: the org-wide GET /teams lists only the teams of the
     * departments the API user belongs to.
     */
    async teamsInDepartment(departmentId: string): Promise<DeskTeam[]> {
      const reply = await transport.request({
        method: 'GET',
        path: `/departments/${encodeURIComponent(departmentId)}/teams`,
      });
      if (reply.data === undefined) return [];
      if (!isRecord(reply.data) || !Array.isArray(reply.data.teams)) throw unexpectedBody('desk', 'team list');
      return reply.data.teams.map((t) => itemOf<DeskTeam>('desk', t, 'team', ['id', 'name', 'departmentId']));
    },
  };
}

/** Fields of a module and the layouts that carry their per-layout settings. */
function deskFields(ctx: ProductContext) {
  const { transport } = ctx;
  return {
    /** GET /fields?module=: every field of a module. */
    async listFields(module: DeskModule): Promise<DeskField[]> {
      const reply = await transport.request({ method: 'GET', path: '/fields', query: { module } });
      return deskList<DeskField>(reply.data, ['id', 'apiName']);
    },

    /** GET /fields/{id}: one field. */
    async getField(id: string): Promise<DeskField> {
      const reply = await transport.request({ method: 'GET', path: `/fields/${encodeURIComponent(id)}` });
      return itemOf<DeskField>('desk', reply.data, 'field', ['id', 'apiName']);
    },

    /**
     * POST /fields?module=: creates a custom field (201) from its documented shape; sent once, look it up by label
     * before retrying. A picklist's values are set per layout afterwards (`updateLayoutField`).
     */
    async createField(module: DeskModule, field: DeskFieldInput): Promise<DeskField> {
      const reply = await transport.request({ method: 'POST', path: '/fields', query: { module }, body: field });
      return itemOf<DeskField>('desk', reply.data, 'field', ['id', 'apiName']);
    },

    /**
     * PATCH /fields/{id}: Desk takes the field's whole shape again (`type`, and `maxLength` and `decimalPlaces`
     * where the type needs them); the label, lengths and decimals change in place, the type never does.
     */
    async updateField(id: string, field: DeskFieldInput): Promise<DeskField> {
      const reply = await transport.request({
        method: 'PATCH',
        path: `/fields/${encodeURIComponent(id)}`,
        body: field,
      });
      return itemOf<DeskField>('desk', reply.data, 'field', ['id', 'apiName']);
    },

    /** PATCH /layouts/{layoutId}/fields/{fieldId}: a field's settings in one layout (a picklist's values). */
    async updateLayoutField(
      layoutId: string,
      fieldId: string,
      changes: DeskLayoutFieldInput,
    ): Promise<DeskLayoutField> {
      const reply = await transport.request({
        method: 'PATCH',
        path: `/layouts/${encodeURIComponent(layoutId)}/fields/${encodeURIComponent(fieldId)}`,
        body: changes,
      });
      return itemOf<DeskLayoutField>('desk', reply.data, 'layout field', ['id']);
    },

    async deleteField(id: string): Promise<void> {
      await transport.request({ method: 'DELETE', path: `/fields/${encodeURIComponent(id)}` });
    },

    /** GET /layouts?module=. */
    async listLayouts(module: DeskModule): Promise<DeskLayout[]> {
      const reply = await transport.request({ method: 'GET', path: '/layouts', query: { module } });
      return deskList<DeskLayout>(reply.data, ['id']);
    },

    async getLayout(id: string): Promise<DeskLayout> {
      const reply = await transport.request({ method: 'GET', path: `/layouts/${encodeURIComponent(id)}` });
      return itemOf<DeskLayout>('desk', reply.data, 'layout', ['id']);
    },
  };
}

function deskWebhooks(ctx: ProductContext) {
  const { transport } = ctx;
  return {
    /** GET /webhooks (204 when none). */
    async listWebhooks(): Promise<DeskWebhook[]> {
      const reply = await transport.request({ method: 'GET', path: '/webhooks' });
      return deskList<DeskWebhook>(reply.data, ['id', 'name']);
    },

    /** POST /webhooks: Desk first validates the URL with a GET; sent once, look it up by name before retrying. */
    async createWebhook(webhook: DeskWebhookInput): Promise<DeskWebhook> {
      const reply = await transport.request({ method: 'POST', path: '/webhooks', body: webhook });
      return itemOf<DeskWebhook>('desk', reply.data, 'webhook', ['id', 'name']);
    },

    async updateWebhook(id: string, changes: Partial<DeskWebhookInput>): Promise<DeskWebhook> {
      const reply = await transport.request({
        method: 'PATCH',
        path: `/webhooks/${encodeURIComponent(id)}`,
        body: changes,
      });
      return itemOf<DeskWebhook>('desk', reply.data, 'webhook', ['id', 'name']);
    },

    async deleteWebhook(id: string): Promise<void> {
      await transport.request({ method: 'DELETE', path: `/webhooks/${encodeURIComponent(id)}` });
    },
  };
}

export type DeskClient = ReturnType<typeof createDeskClient>;
export { DESK_PAGE_LIMIT } from './paging.js';
export type * from './types.js';
