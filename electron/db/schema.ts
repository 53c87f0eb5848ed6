/**
 * Row types of every table, as kysely sees them. Booleans are INTEGER 0/1,
 * instants INTEGER epoch ms, calendar dates TEXT YYYY-MM-DD (see DESIGN.md).
 */
export interface SettingsTable {
  key: string;
  value: string; // JSON
}

export interface StaffTable {
  id: string;
  name: string;
  email: string | null;
  role: string;
  active: number;
  created_at: number;
  updated_at: number;
  created_by: string | null;
  updated_by: string | null;
}

export interface ChangesTable {
  seq: number;
  tbl: string;
  row_id: string;
  op: 'insert' | 'update' | 'delete';
  staff_id: string | null;
  at: number;
}

export interface CompaniesTable {
  id: string;
  name: string;
  domain: string | null;
  industry: string | null;
  size: string | null;
  street: string | null;
  city: string | null;
  region: string | null;
  postcode: string | null;
  country: string | null;
  custom: string; // JSON
  sort_key: string;
  /** Lifecycle stage and source (0005): a company can be a lead too. */
  stage: string | null;
  source: string | null;
  /** The id it had in the system it was imported from (0010). */
  external_id: string | null;
  created_at: number;
  updated_at: number;
  created_by: string | null;
  updated_by: string | null;
  deleted_at: number | null;
}

export interface PeopleTable {
  id: string;
  given_name: string;
  family_name: string;
  display_name: string;
  company_id: string | null;
  job_title: string | null;
  stage: string;
  owner_id: string | null;
  birthday: string | null;
  gender: string | null;
  source: string | null;
  street: string | null;
  city: string | null;
  region: string | null;
  postcode: string | null;
  country: string | null;
  do_not_call: number;
  email_opt_in: number;
  email_opt_in_at: number | null;
  /** ISO weekdays bitmask: Mon = 1 ... Sun = 64. */
  call_days: number | null;
  /** Minutes from local midnight. */
  call_from: number | null;
  call_to: number | null;
  time_zone: string | null;
  custom: string; // JSON
  last_contact_at: number | null;
  last_attempt_at: number | null;
  next_call_at: number | null;
  sort_key: string;
  primary_phone: string | null;
  primary_email: string | null;
  /** The id it had in the system it was imported from (0010). */
  external_id: string | null;
  created_at: number;
  updated_at: number;
  created_by: string | null;
  updated_by: string | null;
  deleted_at: number | null;
}

export interface CallsTable {
  id: string;
  person_id: string | null;
  company_id: string | null;
  staff_id: string | null;
  direction: 'in' | 'out';
  started_at: number;
  duration_s: number;
  purpose: string | null;
  outcome: string;
  response: string | null;
  summary: string;
  created_at: number;
  updated_at: number;
  created_by: string | null;
  updated_by: string | null;
  deleted_at: number | null;
}

export interface TasksTable {
  id: string;
  type: string;
  title: string;
  due_date: string | null;
  due_at: number | null;
  priority: number;
  person_id: string | null;
  company_id: string | null;
  assignee_id: string | null;
  done_at: number | null;
  notes: string | null;
  reminder_at: number | null;
  snoozed_until: number | null;
  reminded_at: number | null;
  call_id: string | null;
  created_at: number;
  updated_at: number;
  created_by: string | null;
  updated_by: string | null;
  deleted_at: number | null;
}

export interface PhonesTable {
  id: string;
  person_id: string | null;
  company_id: string | null;
  label: string;
  number: string;
  digits: string;
  e164: string | null;
  position: number;
}

export interface EmailsTable {
  id: string;
  person_id: string | null;
  company_id: string | null;
  label: string;
  email: string;
  email_lower: string;
  position: number;
}

export interface TagsTable {
  id: string;
  name: string;
  created_at: number;
}

export interface PersonTagsTable {
  person_id: string;
  tag_id: string;
}

export interface CompanyTagsTable {
  company_id: string;
  tag_id: string;
}

export interface CustomFieldsTable {
  id: string;
  entity: 'person' | 'company';
  key: string;
  label: string;
  type: string;
  options: string; // JSON array
  position: number;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
}

export interface ListValuesTable {
  list: 'call_purpose' | 'call_outcome' | 'consent_purpose';
  value: string;
  position: number;
  active: number;
  connected: number;
}

export interface NotesTable {
  id: string;
  person_id: string | null;
  company_id: string | null;
  body: string;
  created_at: number;
  updated_at: number;
  created_by: string | null;
  updated_by: string | null;
  deleted_at: number | null;
}

export interface BatchesTable {
  id: string;
  kind: string;
  label: string;
  created_at: number;
  created_by: string | null;
  undone_at: number | null;
  /** JSON: an import's file and counts (0010). */
  detail: string | null;
}

export interface ImportMappingsTable {
  /** headerKey() of the file's headers. */
  header_key: string;
  kind: string;
  /** JSON: the field chosen for each column, null for a column left out. */
  mapping: string;
  updated_at: number;
}

export interface BatchRowsTable {
  batch_id: string;
  seq: number;
  tbl: string;
  row_key: string;
  /** JSON of the row before the batch touched it; null when the batch created it. */
  before: string | null;
}

export interface SearchDocsTable {
  docid: number;
  kind: 'person' | 'company' | 'note' | 'call';
  ref_id: string;
}

/** Who made and changed a row, and when; soft deletes. */
interface Audited {
  created_at: number;
  updated_at: number;
  created_by: string | null;
  updated_by: string | null;
  deleted_at: number | null;
}

export interface ProductCategoriesTable {
  id: string;
  name: string;
  position: number;
  created_at: number;
  updated_at: number;
  deleted_at: number | null;
}

export interface ProductsTable extends Audited {
  id: string;
  sku: string | null;
  name: string;
  kind: 'product' | 'service';
  category_id: string | null;
  unit: string;
  /** Minor units of `currency`. */
  unit_price: number;
  unit_cost: number;
  /** Basis points: 2000 is 20 %. */
  tax_rate_bp: number;
  currency: string;
  active: number;
  description: string | null;
}

export type OrderStatus = 'quote' | 'confirmed' | 'delivered' | 'invoiced' | 'paid' | 'cancelled';

export interface OrdersTable extends Audited {
  id: string;
  number: number;
  /** The printed number: the prefix at the time plus the number ("ORD-00042"). */
  reference: string;
  person_id: string | null;
  company_id: string | null;
  order_date: string;
  status: OrderStatus;
  /** The date of the latest status change. */
  status_date: string;
  currency: string;
  owner_id: string | null;
  notes: string | null;
  /** Sums of the lines' rounded figures, in minor units. */
  net: number;
  tax: number;
  gross: number;
  cost: number;
  /** The order number a file gave an imported order (0011). */
  external_id: string | null;
}

/** A person's photo (0011), kept apart so that lists never read it. */
export interface PersonPhotosTable {
  person_id: string;
  mime: string;
  data: Buffer;
  updated_at: number;
}

/** A line of an order or a deal (see shared/domain/money.ts for the arithmetic). */
export interface LineColumns {
  id: string;
  position: number;
  product_id: string | null;
  /** The product's category when the line was written (reports group by it). */
  category_id: string | null;
  description: string;
  /** Thousandths of a unit. */
  quantity: number;
  unit_price: number;
  discount_bp: number;
  tax_rate_bp: number;
  unit_cost: number;
  net: number;
  tax: number;
  gross: number;
  cost: number;
}

export interface OrderLinesTable extends LineColumns {
  order_id: string;
}

export interface OrderStatusChangesTable {
  order_id: string;
  position: number;
  status: OrderStatus;
  on_date: string;
  at: number;
  by: string | null;
}

export interface DealStagesTable {
  id: string;
  name: string;
  position: number;
  probability_bp: number;
  active: number;
  created_at: number;
  updated_at: number;
}

export interface DealsTable extends Audited {
  id: string;
  title: string;
  person_id: string | null;
  company_id: string | null;
  stage_id: string;
  value: number;
  currency: string;
  expected_close: string | null;
  owner_id: string | null;
  state: 'open' | 'won' | 'lost';
  closed_on: string | null;
  lost_reason: string | null;
  /** Order within the stage's column on the board. */
  rank: number;
  order_id: string | null;
}

export interface DealLinesTable extends LineColumns {
  deal_id: string;
}

export interface CasesTable extends Audited {
  id: string;
  number: number;
  subject: string;
  description: string | null;
  category: 'complaint' | 'question' | 'return' | 'repair' | 'other';
  priority: 'low' | 'normal' | 'high' | 'urgent';
  status: 'open' | 'waiting' | 'resolved' | 'closed';
  person_id: string | null;
  company_id: string | null;
  product_id: string | null;
  order_id: string | null;
  owner_id: string | null;
  due_date: string | null;
  resolution: string | null;
  opened_at: number;
  resolved_at: number | null;
}

/** Report summaries; '' stands for no owner or no category. */
export interface SalesMonthlyTable {
  month: string;
  owner_id: string;
  category_id: string;
  currency: string;
  lines: number;
  net: number;
  tax: number;
  gross: number;
  cost: number;
}

export interface SalesMonthlyOrdersTable {
  month: string;
  owner_id: string;
  currency: string;
  orders: number;
  net: number;
  tax: number;
  gross: number;
  cost: number;
}

export interface CustomerSalesTable {
  party: 'person' | 'company';
  party_id: string;
  currency: string;
  orders: number;
  net: number;
  gross: number;
  cost: number;
  last_order_date: string | null;
}

/** The audit trail (0012): see electron/backend/audit. */
export interface AuditEventsTable {
  id: number;
  at: number;
  staff_id: string | null;
  action: string;
  tbl: string | null;
  row_id: string | null;
  /** 'people:<id>' or 'companies:<id>': whose call, task, note, order, deal or case it is. */
  owner: string | null;
  label: string | null;
  summary: string | null;
  count: number | null;
  /** JSON: the field changes of a single edit, or a bulk change's counts. */
  detail: string | null;
  batch_id: string | null;
  seq_from: number | null;
  seq_to: number | null;
  forgotten: number;
}

/** The consent ledger (0013): one answer a person gave; written once, never changed. */
export interface ConsentsTable {
  id: string;
  person_id: string;
  purpose: string;
  decision: 'granted' | 'refused';
  /** When they answered (the form's date, the call's time). */
  decided_at: number;
  method: string;
  note: string | null;
  recorded_at: number;
  recorded_by: string | null;
}

/** A granted consent's withdrawal (0013), at most one per entry. */
export interface ConsentWithdrawalsTable {
  consent_id: string;
  withdrawn_at: number;
  method: string;
  note: string | null;
  recorded_at: number;
  recorded_by: string | null;
}

/** That a person was erased (0013), without anything about them. */
export interface ErasuresTable {
  id: string;
  number: number;
  /** "ER-0001": named in the stand-in's name and told to the person who asked. */
  reference: string;
  erased_at: number;
  staff_id: string | null;
  reason: string | null;
  orders_kept: number;
  /** The "Erased customer" record their kept orders now name, if any (not a foreign key). */
  stand_in_id: string | null;
  /** JSON: ErasureCounts. */
  counts: string;
}

export interface DB {
  settings: SettingsTable;
  staff: StaffTable;
  changes: ChangesTable;
  companies: CompaniesTable;
  people: PeopleTable;
  person_photos: PersonPhotosTable;
  calls: CallsTable;
  tasks: TasksTable;
  phones: PhonesTable;
  emails: EmailsTable;
  tags: TagsTable;
  person_tags: PersonTagsTable;
  company_tags: CompanyTagsTable;
  custom_fields: CustomFieldsTable;
  list_values: ListValuesTable;
  notes: NotesTable;
  batches: BatchesTable;
  batch_rows: BatchRowsTable;
  search_docs: SearchDocsTable;
  product_categories: ProductCategoriesTable;
  products: ProductsTable;
  orders: OrdersTable;
  order_lines: OrderLinesTable;
  order_status_changes: OrderStatusChangesTable;
  deal_stages: DealStagesTable;
  deals: DealsTable;
  deal_lines: DealLinesTable;
  cases: CasesTable;
  sales_monthly: SalesMonthlyTable;
  sales_monthly_orders: SalesMonthlyOrdersTable;
  customer_sales: CustomerSalesTable;
  import_mappings: ImportMappingsTable;
  consents: ConsentsTable;
  consent_withdrawals: ConsentWithdrawalsTable;
  erasures: ErasuresTable;
  audit_events: AuditEventsTable;
}
