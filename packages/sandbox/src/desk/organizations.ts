/** Organizations (Organization.json): `GET /organizations` (no orgId needed) and `GET /organizations/{id}`. */
import type { Route, SandboxContext, SandboxRequest, SandboxResponse } from '../core/types.js';
import { urlNotFound } from './errors.js';
import { deskData, type OrgRecord } from './records.js';

export function orgShape(ctx: SandboxContext, o: OrgRecord): Record<string, unknown> {
  return {
    id: o.id,
    companyName: o.companyName,
    portalName: o.portalName,
    portalURL: `${ctx.baseUrl}/support/${o.portalName}`,
    alias: null,
    description: null,
    edition: o.edition,
    isDefault: true,
    isAdminInOrg: true,
    isSandboxPortal: false,
    isPayloadEncryptionEnabled: false,
    employeeCount: '25',
    employeeCountRange: '10 - 24',
    industry: 'Software & IT',
    timeZone: 'Etc/UTC',
    preferredSolution: [],
    preferredCommunicationChannels: [],
    migrationFrom: null,
    designation: null,
    primaryContact: `admin@${o.portalName}.example.com`,
    phoneNumber: null,
    mobile: null,
    fax: null,
    website: null,
    street: null,
    city: null,
    state: null,
    country: null,
    zip: null,
    currencyCode: 'USD',
    currencyLocale: 'en_US',
    currencySymbol: '$',
    faviconURL: null,
    logoURL: null,
  };
}

function listOrganizations(_req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  return { status: 200, body: { data: [...deskData(ctx).org.values()].map((o) => orgShape(ctx, o)) } };
}

function getOrganization(req: SandboxRequest, ctx: SandboxContext): SandboxResponse {
  const o = deskData(ctx).org.get(req.params.organizationId ?? '');
  return o === undefined ? urlNotFound() : { status: 200, body: { ...orgShape(ctx, o), customDomain: null } };
}

export const organizationRoutes: Route[] = [
  { method: 'GET', path: '/api/v1/organizations', handler: listOrganizations },
  { method: 'GET', path: '/api/v1/organizations/:organizationId', handler: getOrganization },
];
