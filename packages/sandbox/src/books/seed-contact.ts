/** A seeded customer with one primary contact person (the default and large seeds). */
import type { SandboxContext } from '../core/types.js';
import { type Contact, type Currency, emptyAddress } from './state.js';
import { formatTime } from './wire.js';

export function seedContact(
  ctx: SandboxContext,
  usd: Currency,
  name: string,
  person: { first: string; last: string; email: string },
  terms: number,
): Contact {
  const now = formatTime(ctx.clock.now());
  const contactId = ctx.ids.next('books');
  const personId = ctx.ids.next('books');
  return {
    contact_id: contactId,
    contact_name: name,
    company_name: name,
    contact_type: 'customer',
    customer_sub_type: 'business',
    status: 'active',
    website: '',
    language_code: 'en',
    is_linked_with_zohocrm: false,
    zcrm_account_id: '',
    zcrm_contact_id: '',
    zcrm_vendor_id: '',
    primary_contact_id: personId,
    payment_terms: terms,
    payment_terms_label: terms ? `Net ${terms}` : 'Due on Receipt',
    currency_id: usd.currency_id,
    currency_code: usd.currency_code,
    currency_symbol: usd.currency_symbol,
    credit_limit: 0,
    outstanding_receivable_amount: 0,
    unused_credits_receivable_amount: 0,
    billing_address: emptyAddress(),
    shipping_address: emptyAddress(),
    contact_persons: [
      {
        contact_person_id: personId,
        contact_id: contactId,
        salutation: '',
        first_name: person.first,
        last_name: person.last,
        email: person.email,
        phone: '',
        mobile: '',
        designation: '',
        department: '',
        skype: '',
        is_primary_contact: true,
        enable_portal: false,
        communication_preference: { is_sms_enabled: false, is_whatsapp_enabled: false },
        created_time: now,
        last_modified_time: now,
      },
    ],
    custom_fields: [],
    notes: '',
    has_transaction: false,
    created_time: now,
    last_modified_time: now,
  };
}
