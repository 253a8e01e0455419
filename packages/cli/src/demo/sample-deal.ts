/** The demo's sample customer: an account with billing data, two contacts, two products (also in Books) and a deal. */
import type { CrmRecord, ZohoClients } from '@zlc/zoho';

export interface SampleDeal {
  account: CrmRecord;
  contacts: CrmRecord[];
  products: CrmRecord[];
  deal: CrmRecord;
}

const none = async () => undefined;

export async function createSampleDeal(clients: ZohoClients): Promise<SampleDeal> {
  const crm = clients.crm.records;
  const account = await crm.createOnce(
    'Accounts',
    {
      Account_Name: 'Globex Corporation',
      Customer_Tier: 'Growth',
      Website: 'https://globex.example',
      Phone: '+1 555 0142',
      Billing_Street: '42 Cypress Creek Road',
      Billing_City: 'Springfield',
      Billing_Code: '49007',
      Billing_Country: 'United States',
      Billing_Email: 'ap@globex.example',
      Payment_Terms: 'Net 30',
    },
    { lookup: none },
  );
  const contacts: CrmRecord[] = [];
  for (const [first, last] of [
    ['Hank', 'Scorpio'],
    ['Mindy', 'Simmons'],
  ] as const) {
    const email = `${first.toLowerCase()}.${last.toLowerCase()}@globex.example`;
    contacts.push(
      await crm.createOnce(
        'Contacts',
        { First_Name: first, Last_Name: last, Email: email, Account_Name: { id: account.id } },
        { lookup: none },
      ),
    );
  }
  const products: CrmRecord[] = [];
  for (const [name, sku, price] of [
    ['Analytics Cloud (annual)', 'AC-ANNUAL', 12000],
    ['Onboarding Services', 'ONB-STD', 3000],
  ] as const) {
    products.push(
      await crm.createOnce('Products', { Product_Name: name, Product_Code: sku, Unit_Price: price }, { lookup: none }),
    );
    // Finance keeps the same catalogue in Books; the handoff matches line items by SKU.
    await clients.books.items.createOnce({ name, rate: price, sku, product_type: 'service' });
  }
  const deal = await crm.createOnce(
    'Deals',
    {
      Deal_Name: 'Globex — Analytics Cloud',
      Stage: 'Negotiation',
      Amount: 15000,
      Closing_Date: new Date().toISOString().slice(0, 10),
      Account_Name: { id: account.id },
      Contact_Name: { id: contacts[0]?.id },
      Billing_Frequency: 'Annually',
    },
    { lookup: none },
  );
  for (const product of products) await clients.crm.records.linkDealProduct(deal.id, product.id);
  return { account, contacts, products, deal };
}
