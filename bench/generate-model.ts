/** The vocabulary, owners, stages and runtime every generated model starts with (its first lines). */
const MODEL_HEAD = `version: 1
vocabulary:
  terms:
    customer: { name: Customer, crm: Account, books: Customer, desk: Account, aliases: [Client] }
owners:
  sales: { name: Sales, crm: { role: Account Executive } }
  finance: { name: Finance, books: { user: finance@bench.example } }
  success: { name: Customer Success, desk: { department: Support } }
stages:
  - { id: opportunity, name: Opportunity, record: crm:Deals, owner: sales, entry: { field: Stage, equals: Qualification } }
  - id: closed-won
    name: Closed Won
    record: crm:Deals
    owner: sales
    entry: { field: Stage, equals: Closed Won }
    required_fields: [Amount, Account_Name]
  - { id: invoiced, name: Invoiced, record: books:invoices, owner: finance }
  - { id: supported, name: Supported, record: desk:accounts, owner: success }
runtime: { url: 'https://flow.bench.example' }
`;

/** The lines of every product's field list and handoff map, filled per group of custom fields. */
interface ModelLines {
  crm: string[];
  books: string[];
  desk: string[];
  booksMap: string[];
  deskMap: string[];
}

/** Adds group `i`: a text and a picklist field in CRM, Books and Desk, and their mappings. */
function addFieldGroup(lines: ModelLines, i: number): void {
  const values = `[Level ${i} A, Level ${i} B, Level ${i} C]`;
  lines.crm.push(
    `      - api_name: Attribute_${i}`,
    `        label: Attribute ${i}`,
    '        type: text',
    '        length: 120',
    `        description: Generated attribute ${i}.`,
    `      - api_name: Segment_${i}`,
    `        label: Segment ${i}`,
    '        type: picklist',
    `        values: ${values}`,
  );
  lines.books.push(
    `      - api_name: cf_attribute_${i}`,
    `        label: Attribute ${i}`,
    '        type: string',
    `      - api_name: cf_segment_${i}`,
    `        label: Segment ${i}`,
    '        type: dropdown',
    `        values: ${values}`,
  );
  lines.desk.push(
    `      - api_name: cf_attribute_${i}`,
    `        label: Attribute ${i}`,
    '        type: Text',
    `      - api_name: cf_segment_${i}`,
    `        label: Segment ${i}`,
    '        type: Picklist',
    `        values: [L${i}A, L${i}B, L${i}C]`,
  );
  lines.booksMap.push(
    `          cf_attribute_${i}: account.Attribute_${i}`,
    `          cf_segment_${i}: account.Segment_${i}`,
  );
  lines.deskMap.push(
    `          cf_attribute_${i}: account.Attribute_${i}`,
    `          cf_segment_${i}: account.Segment_${i}`,
  );
}

/** The two handoffs, mapping every generated field, and the reports. */
function handoffsYaml(booksMap: string[], deskMap: string[], deskPicklists: string[]): string {
  return `handoffs:
  - id: won-to-books
    trigger: { on: record_enters_stage, stage: closed-won }
    requires: [deal.Amount, account.Account_Name]
    steps:
      - id: customer
        target: books:contacts
        match: { by: link_field, field: crm:Accounts.Books_Customer_ID }
        map:
${booksMap.join('\n')}
        write_back: { crm:Accounts.Books_Customer_ID: contact_id }
    advance_to: invoiced
  - id: won-to-desk
    trigger: { on: record_enters_stage, stage: closed-won }
    steps:
      - id: account
        target: desk:accounts
        match: { by: link_field, field: crm:Accounts.Desk_Account_ID }
        map:
${deskMap.join('\n')}
        picklists:
${deskPicklists.join('\n')}
        write_back: { crm:Accounts.Desk_Account_ID: id }
    advance_to: supported
reports:
  - { id: sold_invoiced_collected, period: month }
  - { id: close_to_invoice }
`;
}

/**
 * Generates a large, valid operating model as YAML text: the five-stage lifecycle, and as many groups of custom
 * fields (CRM account → Books customer → Desk account, text and picklist, mapped by the handoffs) as it takes to
 * reach the wanted number of lines. Used to time validation of a big real-world-shaped model.
 */
export function generateModel(targetLines: number): string {
  const groupLines = 28;
  const groups = Math.max(1, Math.ceil((targetLines - 70) / groupLines));
  const lines: ModelLines = {
    crm: [
      '      - { api_name: Books_Customer_ID, type: text, unique: true }',
      '      - { api_name: Desk_Account_ID, type: text, unique: true }',
    ],
    books: ['      - { api_name: cf_crm_account_id, type: string, unique: true }'],
    desk: ['      - { api_name: cf_crm_account_id, type: Text, unique: true }'],
    booksMap: ['          contact_name: account.Account_Name', '          cf_crm_account_id: account.id'],
    deskMap: ['          accountName: account.Account_Name', '          cf_crm_account_id: account.id'],
  };
  for (let i = 1; i <= groups; i++) addFieldGroup(lines, i);
  const deskPicklists = Array.from({ length: groups }, (_, k) => {
    const i = k + 1;
    return `          cf_segment_${i}: { values: { Level ${i} A: L${i}A, Level ${i} B: L${i}B, Level ${i} C: L${i}C } }`;
  });
  return `${MODEL_HEAD}fields:
  crm:
    Accounts:
${lines.crm.join('\n')}
  books:
    contacts:
${lines.books.join('\n')}
  desk:
    accounts:
${lines.desk.join('\n')}
${handoffsYaml(lines.booksMap, lines.deskMap, deskPicklists)}`;
}
