/**
 * @module-tag e2e
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { data, deskCaller, obj } from './desk-client.js';
import { sandboxPerFile } from './support/index.js';

const sandbox = sandboxPerFile({ seed: 'default', limits: { desk: { perMinute: Number.POSITIVE_INFINITY } } });
const desk = deskCaller(() => sandbox.current);

let support = '';
let billing = '';
let accountId = '';
let contactId = '';

beforeAll(async () => {
  const departments = data(await desk('GET', '/departments'));
  support = String(departments.find((d) => d.name === 'Support')?.id);
  billing = String(departments.find((d) => d.name === 'Billing')?.id);
  accountId = String(obj(await desk('POST', '/accounts', { accountName: 'Ticket Test Co' })).id);
  contactId = String(
    obj(await desk('POST', '/contacts', { lastName: 'Tester', email: 'tester@ttc.example.com', accountId })).id,
  );
});

async function createTicket(body: Record<string, unknown>): Promise<Record<string, unknown>> {
  const answer = await desk('POST', '/tickets', { departmentId: support, contactId, ...body });
  expect(answer.status).toBe(200);
  return obj(answer);
}

describe('Desk tickets', () => {
  it('creates a ticket with the contact’s account, a ticket number and statusType Open', async () => {
    const ticket = await createTicket({ subject: 'Printer on fire', priority: 'High' });
    expect(ticket.accountId).toBe(accountId);
    expect(ticket.ticketNumber).toMatch(/^[0-9]+$/);
    expect(ticket.status).toBe('Open');
    expect(ticket.statusType).toBe('Open');
    expect(ticket.closedTime).toBeNull();
    const next = await createTicket({ subject: 'Second' });
    expect(Number(next.ticketNumber)).toBe(Number(ticket.ticketNumber) + 1);
  });

  it('creates a ticket from a contact object, reusing a contact with the same email', async () => {
    const ticket = await createTicket({
      subject: 'By email',
      contactId: undefined,
      contact: { lastName: 'Tester', email: 'tester@ttc.example.com' },
    });
    expect(ticket.contactId).toBe(contactId);
    const fresh = await createTicket({
      subject: 'New person',
      contactId: undefined,
      contact: { lastName: 'Newman', email: 'newman@example.com' },
    });
    expect(fresh.contactId).not.toBe(contactId);
    expect(obj(await desk('GET', `/contacts/${String(fresh.contactId)}`)).lastName).toBe('Newman');
  });

  it('refuses a ticket without subject, department or contact, each named in errors', async () => {
    const answer = await desk('POST', '/tickets', { priority: 'High' });
    expect(answer.status).toBe(422);
    const names = ((answer.body as { errors: { fieldName: string }[] }).errors ?? []).map((e) => e.fieldName).sort();
    expect(names).toEqual(['/contactId', '/departmentId', '/subject']);
  });

  it('refuses unknown references and values outside the picklists', async () => {
    const answer = await desk('POST', '/tickets', {
      subject: 'Bad refs',
      departmentId: '1',
      contactId: '189200000000000001',
      status: 'Sleeping',
      priority: 'Urgent!',
      dueDate: 'tomorrow',
    });
    const names = ((answer.body as { errors: { fieldName: string }[] }).errors ?? []).map((e) => e.fieldName).sort();
    expect(names).toEqual(['/contactId', '/departmentId', '/dueDate', '/priority', '/status']);
  });

  it('closes a ticket with PATCH: statusType Closed and a closedTime', async () => {
    const ticket = await createTicket({ subject: 'To close' });
    const closed = obj(await desk('PATCH', `/tickets/${String(ticket.id)}`, { status: 'Closed' }));
    expect(closed.statusType).toBe('Closed');
    expect(closed.closedTime).toBeTypeOf('string');
    const onHold = obj(await desk('PATCH', `/tickets/${String(ticket.id)}`, { status: 'On Hold' }));
    expect(onHold.statusType).toBe('On Hold');
    expect(onHold.closedTime).toBeNull();
    const escalated = obj(await desk('PATCH', `/tickets/${String(ticket.id)}`, { status: 'Escalated' }));
    expect(escalated).toMatchObject({ statusType: 'Open', isEscalated: true });
    expect((await desk('PATCH', `/tickets/${String(ticket.id)}`, { subject: '' })).status).toBe(422);
    expect((await desk('PATCH', '/tickets/1', { subject: 'x' })).status).toBe(404);
  });

  it('gets a ticket with include=contacts,departments,assignee', async () => {
    const agents = data(await desk('GET', '/agents'));
    const ticket = await createTicket({ subject: 'Includes', assigneeId: agents[1]?.id });
    const got = obj(await desk('GET', `/tickets/${String(ticket.id)}?include=contacts,departments,assignee`));
    expect(got.contact).toMatchObject({ id: contactId, lastName: 'Tester', account: { id: accountId } });
    expect(got.department).toEqual({ id: support, name: 'Support' });
    expect(got.assignee).toMatchObject({ id: agents[1]?.id });
    expect((await desk('GET', `/tickets/${String(ticket.id)}?include=everything`)).status).toBe(422);
    expect((await desk('GET', '/tickets/1')).status).toBe(404);
  });

  it('lists tickets by department and status, paging with from and limit', async () => {
    await createTicket({ subject: 'Billing one', departmentId: billing });
    const inBilling = data(await desk('GET', `/tickets?departmentId=${billing}&limit=100`));
    expect(inBilling.every((t) => t.departmentId === billing)).toBe(true);
    const closed = data(await desk('GET', '/tickets?status=Closed&limit=100'));
    expect(closed.every((t) => t.status === 'Closed')).toBe(true);
    const page1 = data(await desk('GET', '/tickets?from=0&limit=2'));
    const page2 = data(await desk('GET', '/tickets?from=3&limit=2'));
    expect(page1).toHaveLength(2);
    expect(page2[0]?.id).not.toBe(page1[1]?.id);
    expect((await desk('GET', '/tickets?from=100000')).status).toBe(204);
    expect((await desk('GET', '/tickets?limit=101')).status).toBe(422);
    expect((await desk('GET', '/tickets?viewId=123')).status).toBe(422);
  });

  it('lists the tickets of an account and of a contact, 204 when there are none', async () => {
    const ticket = await createTicket({ subject: 'Account list' });
    const ofAccount = data(await desk('GET', `/accounts/${accountId}/tickets?limit=100`));
    expect(ofAccount.map((t) => t.id)).toContain(ticket.id);
    expect(ofAccount.every((t) => t.accountId === accountId)).toBe(true);
    const ofContact = data(await desk('GET', `/contacts/${contactId}/tickets?limit=100`));
    expect(ofContact.every((t) => t.contactId === contactId)).toBe(true);
    const empty = String(obj(await desk('POST', '/accounts', { accountName: 'No Tickets' })).id);
    expect((await desk('GET', `/accounts/${empty}/tickets`)).status).toBe(204);
    expect((await desk('GET', '/accounts/1/tickets')).status).toBe(404);
    expect((await desk('GET', '/contacts/1/tickets')).status).toBe(404);
    expect((await desk('GET', `/contacts/${contactId}/tickets?sortBy=dueDate`)).status).toBe(422);
  });

  it('counts tickets overall, by status and by account', async () => {
    const all = Number(obj(await desk('GET', '/ticketsCount')).count);
    const listed = data(await desk('GET', '/tickets?limit=100')).length;
    expect(all).toBe(listed);
    const before = Number(obj(await desk('GET', `/ticketsCount?accountId=${accountId}&status=Open`)).count);
    await createTicket({ subject: 'One more open' });
    expect(obj(await desk('GET', `/ticketsCount?accountId=${accountId}&status=Open`)).count).toBe(before + 1);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Desk's literal status token, not a template
    const open = Number(obj(await desk('GET', '/ticketsCount?status=${open}')).count);
    expect(open).toBeGreaterThan(0);
    expect((await desk('GET', '/ticketsCount?departmentId=abc')).status).toBe(422);
  });

  it('moves tickets to the trash', async () => {
    const ticket = await createTicket({ subject: 'Trash me' });
    expect((await desk('POST', '/tickets/moveToTrash', { ticketIds: [ticket.id] })).status).toBe(204);
    expect((await desk('GET', `/tickets/${String(ticket.id)}`)).status).toBe(404);
    expect((await desk('POST', '/tickets/moveToTrash', { ticketIds: ['1'] })).status).toBe(422);
  });

  it('finds tickets modified in a time range, newest first, for polling', async () => {
    const since = new Date(sandbox.current.clock.now() - 1000).toISOString();
    const t = await createTicket({ subject: 'Fresh' });
    await desk('PATCH', `/tickets/${String(t.id)}`, { priority: 'Low' });
    const until = new Date(sandbox.current.clock.now() + 1000).toISOString();
    const hit = data(
      await desk('GET', `/tickets/search?modifiedTimeRange=${since},${until}&sortBy=-modifiedTime&limit=100`),
    );
    expect(hit.map((x) => x.id)).toContain(t.id);
    const old = `2001-01-01T00:00:00.000Z,2001-01-02T00:00:00.000Z`;
    expect((await desk('GET', `/tickets/search?modifiedTimeRange=${old}`)).status).toBe(204);
    expect((await desk('GET', '/tickets/search?modifiedTimeRange=yesterday')).status).toBe(422);
    expect((await desk('GET', '/tickets/search?sortBy=shoeSize')).status).toBe(422);
  });

  it('finds tickets by search on subject and account', async () => {
    await createTicket({ subject: 'Needle in a haystack' });
    const hit = data(await desk('GET', `/tickets/search?subject=needle*&accountId=${accountId}`));
    expect(hit.map((t) => t.subject)).toEqual(['Needle in a haystack']);
    // biome-ignore lint/suspicious/noTemplateCurlyInString: Desk's literal status token, not a template
    const open = data(await desk('GET', `/tickets/search?subject=needle*&status=${encodeURIComponent('${open}')}`));
    expect(open).toHaveLength(1);
    expect(
      // biome-ignore lint/suspicious/noTemplateCurlyInString: Desk's literal status token, not a template
      (await desk('GET', `/tickets/search?subject=needle*&status=${encodeURIComponent('${closed}')}`)).status,
    ).toBe(204);
  });
});
