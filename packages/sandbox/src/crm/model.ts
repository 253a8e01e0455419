/** The CRM org's state as the sandbox stores it: module, field, layout and record documents. */

export interface MinUser {
  id: string;
  name: string;
  email: string;
}

export interface ModuleDef {
  id: string;
  api_name: string;
  module_name: string;
  singular_label: string;
  plural_label: string;
  generated_type: 'default' | 'custom' | 'subform' | 'linking';
  api_supported: boolean;
  creatable: boolean;
  editable: boolean;
  deletable: boolean;
  viewable: boolean;
  sequence_number: number;
  /** api_name of the field that names a record (`Deal_Name`, `Account_Name`, `Last_Name` …). */
  display_field: string;
  modified_time: string;
}

export interface PickValue {
  id: string;
  display_value: string;
  actual_value: string;
  sequence_number: number;
  type: 'used' | 'unused';
  colour_code: string | null;
  /** Deals `Stage` only. */
  probability?: number;
  forecast_type?: string;
  forecast_category?: { id: string; name: string };
}

export type DataType =
  | 'text'
  | 'textarea'
  | 'email'
  | 'phone'
  | 'picklist'
  | 'multiselectpicklist'
  | 'date'
  | 'datetime'
  | 'integer'
  | 'bigint'
  | 'double'
  | 'currency'
  | 'percent'
  | 'boolean'
  | 'website'
  | 'lookup'
  | 'ownerlookup'
  | 'autonumber'
  | 'subform';

export interface FieldDef {
  id: string;
  api_name: string;
  field_label: string;
  display_label: string;
  data_type: DataType;
  json_type: 'string' | 'integer' | 'double' | 'boolean' | 'jsonobject' | 'jsonarray';
  length: number;
  decimal_place: number | null;
  custom_field: boolean;
  system_mandatory: boolean;
  read_only: boolean;
  field_read_only: boolean;
  visible: boolean;
  sequence_number: number;
  created_time: string | null;
  modified_time: string | null;
  pick_list_values?: PickValue[];
  /** Lookups: the module the value points at. */
  lookup?: { module: { api_name: string; id: string }; display_label: string; api_name: string };
  autonumber?: { prefix: string; suffix: string; start_number: number; starting_number_length: number };
  /** Unique custom fields refuse duplicate values (DUPLICATE_DATA); case-insensitively unless `case_sensitive`. */
  unique?: { case_sensitive: boolean } | null;
  /** `name` is `static_text` or `info_icon` (fields.yaml create). */
  tooltip?: { name: string; value: string } | null;
  default_value?: string | null;
}

export interface LayoutField {
  id: string;
  api_name: string;
  required: boolean;
  sequence_number: number;
}

export interface LayoutSection {
  id: string;
  name: string;
  display_label: string;
  api_name: string;
  sequence_number: number;
  column_count: number;
  fields: LayoutField[];
}

export interface LayoutDef {
  id: string;
  name: string;
  api_name: string;
  display_label: string;
  status: 'active' | 'inactive';
  created_time: string;
  modified_time: string;
  sections: LayoutSection[];
}

/** A stored record: field api_name → stored value, plus the system fields. */
export type RecordDoc = Record<string, unknown> & {
  id: string;
  Created_Time: string;
  Modified_Time: string;
};

export interface RoleDef {
  id: string;
  name: string;
  display_label: string;
  api_name: string;
  reporting_to: { id: string; name: string } | null;
  admin_user: boolean;
  share_with_peers: boolean;
  description: string | null;
  forecast_manager: { id: string; name: string } | null;
}

export interface ProfileDef {
  id: string;
  name: string;
  display_label: string;
  default: boolean;
  custom: boolean;
  description: string | null;
  created_time: string | null;
  modified_time: string | null;
}

export interface UserDoc {
  id: string;
  first_name: string;
  last_name: string;
  full_name: string;
  email: string;
  status: 'active' | 'disabled' | 'deleted';
  confirm: boolean;
  role: { id: string; name: string };
  profile: { id: string; name: string };
  time_zone: string;
  locale: string;
  country: string;
  created_time: string;
  Modified_Time: string;
}

export interface DealProductLink {
  deal_id: string;
  product_id: string;
  quantity: number;
  list_price: number;
  discount: number;
  total: number;
}
