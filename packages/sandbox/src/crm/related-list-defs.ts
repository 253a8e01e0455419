/**
 * The related lists the sandbox serves, per parent module: the API name (the last segment of
 * `/{module}/{id}/{list}`), the module its records live in, and how they relate to the parent — a lookup field of
 * the related module (read-only views) or the Deals ↔ Products link. `GET /settings/related_lists` lists them and
 * `GET /{module}/{id}/{list}` reads them (SPEC.md, CRM, "Related lists").
 */
export interface RelatedListDef {
  api_name: string;
  display_label: string;
  /** The module whose records the list shows. */
  module: string;
  /** The related module's lookup field that points at the parent record. */
  lookup?: string;
  /** A link kept apart from both records (linked and unlinked through the list). */
  link?: 'deal_products';
}

export const RELATED_LISTS: Readonly<Record<string, readonly RelatedListDef[]>> = {
  Accounts: [
    { api_name: 'Contacts', display_label: 'Contacts', module: 'Contacts', lookup: 'Account_Name' },
    { api_name: 'Deals', display_label: 'Deals', module: 'Deals', lookup: 'Account_Name' },
  ],
  Contacts: [{ api_name: 'Deals', display_label: 'Deals', module: 'Deals', lookup: 'Contact_Name' }],
  Deals: [
    { api_name: 'Products', display_label: 'Products', module: 'Products', link: 'deal_products' },
    { api_name: 'Quotes', display_label: 'Quotes', module: 'Quotes', lookup: 'Deal_Name' },
  ],
  Products: [{ api_name: 'Deals', display_label: 'Deals', module: 'Deals', link: 'deal_products' }],
};

/** The parent module's related list of that API name. */
export function findRelatedList(parent: string, list: string): RelatedListDef | undefined {
  return RELATED_LISTS[parent]?.find((l) => l.api_name === list);
}
