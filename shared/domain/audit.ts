/**
 * The audit trail's words (issue 6): what each action, kind of record and field is called, in the
 * words the screens and forms use, and how a stored value reads. The backend formats the trail
 * with these for the screen and for the CSV file, so both say the same.
 */
import { TASK_TYPE_LABELS, type TaskType } from './activity.ts';
import { STAGE_LABELS, type Stage } from './people.ts';
import { CASE_STATUS_LABELS, type CaseStatus } from './pipeline.ts';
import { ORDER_STATUS_LABELS, type OrderStatus } from './sales.ts';
import { CURRENCIES, LOCALES } from './settings.ts';

export const AUDIT_ACTIONS = [
  'create',
  'update',
  'delete',
  'restore',
  'purge',
  'merge',
  'import',
  'export',
  'bulk',
  'undo',
  'erase',
  'snapshot-restore',
  'prune',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** What an action is called in the list ("Changed", "Moved to the Trash"). */
export const ACTION_WORDS: Record<AuditAction, string> = {
  create: 'Added',
  update: 'Changed',
  delete: 'Moved to the Trash',
  restore: 'Restored from the Trash',
  purge: 'Deleted for good',
  merge: 'Merged',
  import: 'Imported',
  export: 'Exported',
  bulk: 'Changed in bulk',
  undo: 'Undone',
  erase: 'Erased',
  'snapshot-restore': 'Restored a snapshot',
  prune: 'Trail shortened',
};

/** The kinds of record the trail names, as the book's tables are called. */
export const AUDIT_TABLES = [
  'people',
  'companies',
  'calls',
  'tasks',
  'notes',
  'orders',
  'deals',
  'cases',
  'products',
  'product_categories',
  'tags',
  'staff',
  'custom_fields',
  'list_values',
  'deal_stages',
  'settings',
] as const;
export type AuditTable = (typeof AUDIT_TABLES)[number];

export const RECORD_WORDS: Record<AuditTable, { one: string; many: string }> = {
  people: { one: 'Person', many: 'people' },
  companies: { one: 'Company', many: 'companies' },
  calls: { one: 'Call', many: 'calls' },
  tasks: { one: 'Task', many: 'tasks' },
  notes: { one: 'Note', many: 'notes' },
  orders: { one: 'Order', many: 'orders' },
  deals: { one: 'Deal', many: 'deals' },
  cases: { one: 'Case', many: 'cases' },
  products: { one: 'Product', many: 'products' },
  product_categories: { one: 'Product category', many: 'product categories' },
  tags: { one: 'Tag', many: 'tags' },
  staff: { one: 'Staff profile', many: 'staff profiles' },
  custom_fields: { one: 'Custom field', many: 'custom fields' },
  list_values: { one: 'Call list choice', many: 'call list choices' },
  deal_stages: { one: 'Pipeline stage', many: 'pipeline stages' },
  settings: { one: 'Setting', many: 'settings' },
};

export function isAuditTable(table: string | null | undefined): table is AuditTable {
  return typeof table === 'string' && (AUDIT_TABLES as readonly string[]).includes(table);
}

// ---------------------------------------------------------------------------------------------
// Retention

export const KEEP_FOR = ['3m', '1y', '2y', '6y', '10y', 'forever'] as const;
export type KeepFor = (typeof KEEP_FOR)[number];

export const KEEP_FOR_LABELS: Record<KeepFor, string> = {
  '3m': '3 months',
  '1y': '1 year',
  '2y': '2 years',
  '6y': '6 years',
  '10y': '10 years',
  forever: 'Forever',
};

/**
 * Six years: what UK tax law asks of business records and the time within which most claims can
 * be brought, so the trail still answers "who changed this?" when it matters, without keeping
 * people's old details for ever (data protection asks that personal data is not kept longer than
 * needed). The user can choose longer, shorter or forever.
 */
export const DEFAULT_KEEP_FOR: KeepFor = '6y';

/** The instant before which events are removed, for `keepFor` at `now` (null: kept forever). */
export function keepCutoff(keepFor: KeepFor, now: number): number | null {
  if (keepFor === 'forever') return null;
  const d = new Date(now);
  if (keepFor === '3m') d.setUTCMonth(d.getUTCMonth() - 3);
  else d.setUTCFullYear(d.getUTCFullYear() - Number.parseInt(keepFor, 10));
  return d.getTime();
}

// ---------------------------------------------------------------------------------------------
// Fields

/**
 * How a field's stored value reads:
 *  text, list (already text), bool (0/1), date (YYYY-MM-DD), instant (epoch ms), money (minor units
 *  of the record's currency), bp (basis points), minutes (from midnight), weekdays (Mon = 1 bitmask),
 *  seconds, quantity (thousandths), an enum (its words), or a reference to another record (its name,
 *  looked up when read).
 */
export type FieldKind =
  | 'text'
  | 'bool'
  | 'date'
  | 'instant'
  | 'money'
  | 'bp'
  | 'minutes'
  | 'weekdays'
  | 'seconds'
  | 'priority'
  | { enum: Readonly<Record<string, string>> }
  | { ref: RefTable };

export type RefTable =
  'people' | 'companies' | 'staff' | 'products' | 'product_categories' | 'deal_stages' | 'orders';

interface FieldDef {
  label: string;
  kind?: FieldKind;
}

const ADDRESS: Record<string, FieldDef> = {
  street: { label: 'Street' },
  city: { label: 'City' },
  region: { label: 'Region' },
  postcode: { label: 'Postcode' },
  country: { label: 'Country' },
};
const CONTACT_POINTS: Record<string, FieldDef> = {
  phones: { label: 'Phones' },
  emails: { label: 'Emails' },
  tags: { label: 'Tags' },
  external_id: { label: 'ID in the other system' },
};
const PARTY: Record<string, FieldDef> = {
  person_id: { label: 'Person', kind: { ref: 'people' } },
  company_id: { label: 'Company', kind: { ref: 'companies' } },
};
const STAGES: Record<string, string> = STAGE_LABELS satisfies Record<Stage, string>;
const YES_NO_STATES = { open: 'Open', won: 'Won', lost: 'Lost' };

export const FIELDS: Record<AuditTable, Record<string, FieldDef>> = {
  people: {
    given_name: { label: 'First name' },
    family_name: { label: 'Last name' },
    display_name: { label: 'Display name' },
    company_id: { label: 'Company', kind: { ref: 'companies' } },
    job_title: { label: 'Job title' },
    stage: { label: 'Stage', kind: { enum: STAGES } },
    owner_id: { label: 'Owner', kind: { ref: 'staff' } },
    birthday: { label: 'Birthday', kind: 'date' },
    gender: { label: 'Gender' },
    source: { label: 'Source' },
    ...ADDRESS,
    do_not_call: { label: 'Do not call', kind: 'bool' },
    email_opt_in: { label: 'Agreed to email', kind: 'bool' },
    call_days: { label: 'Days to call', kind: 'weekdays' },
    call_from: { label: 'Call from', kind: 'minutes' },
    call_to: { label: 'Call until', kind: 'minutes' },
    time_zone: { label: 'Time zone' },
    photo: { label: 'Photo' },
    ...CONTACT_POINTS,
  },
  companies: {
    name: { label: 'Company name' },
    domain: { label: 'Website' },
    industry: { label: 'Industry' },
    size: { label: 'Size' },
    stage: { label: 'Stage', kind: { enum: STAGES } },
    source: { label: 'Source' },
    ...ADDRESS,
    ...CONTACT_POINTS,
  },
  calls: {
    ...PARTY,
    staff_id: { label: 'Taken by', kind: { ref: 'staff' } },
    direction: { label: 'Direction', kind: { enum: { in: 'Incoming', out: 'Outgoing' } } },
    started_at: { label: 'When', kind: 'instant' },
    duration_s: { label: 'Length', kind: 'seconds' },
    purpose: { label: 'Purpose' },
    outcome: { label: 'Outcome' },
    response: {
      label: 'Response',
      kind: { enum: { positive: 'Positive', neutral: 'Neutral', negative: 'Negative' } },
    },
    summary: { label: 'Summary' },
  },
  tasks: {
    type: { label: 'Type', kind: { enum: TASK_TYPE_LABELS satisfies Record<TaskType, string> } },
    title: { label: 'Title' },
    due_date: { label: 'Due', kind: 'date' },
    due_at: { label: 'Due at', kind: 'instant' },
    priority: { label: 'Priority', kind: 'priority' },
    ...PARTY,
    assignee_id: { label: 'Assigned to', kind: { ref: 'staff' } },
    done_at: { label: 'Done', kind: 'instant' },
    notes: { label: 'Notes' },
    reminder_at: { label: 'Reminder', kind: 'instant' },
    snoozed_until: { label: 'Snoozed until', kind: 'instant' },
  },
  notes: { ...PARTY, body: { label: 'Note' } },
  orders: {
    reference: { label: 'Order number' },
    person_id: { label: 'Customer', kind: { ref: 'people' } },
    company_id: { label: 'Company', kind: { ref: 'companies' } },
    order_date: { label: 'Order date', kind: 'date' },
    status: { label: 'Status', kind: { enum: ORDER_STATUS_LABELS satisfies Record<OrderStatus, string> } },
    status_date: { label: 'Status date', kind: 'date' },
    currency: { label: 'Currency' },
    owner_id: { label: 'Owner', kind: { ref: 'staff' } },
    notes: { label: 'Notes' },
    net: { label: 'Net', kind: 'money' },
    tax: { label: 'Tax', kind: 'money' },
    gross: { label: 'Total', kind: 'money' },
    cost: { label: 'Cost', kind: 'money' },
    lines: { label: 'Lines' },
    external_id: { label: 'Order number in the other system' },
  },
  deals: {
    title: { label: 'Title' },
    ...PARTY,
    stage_id: { label: 'Stage', kind: { ref: 'deal_stages' } },
    value: { label: 'Value', kind: 'money' },
    currency: { label: 'Currency' },
    expected_close: { label: 'Expected close', kind: 'date' },
    owner_id: { label: 'Owner', kind: { ref: 'staff' } },
    state: { label: 'State', kind: { enum: YES_NO_STATES } },
    closed_on: { label: 'Closed on', kind: 'date' },
    lost_reason: { label: 'Why it was lost' },
    order_id: { label: 'Order', kind: { ref: 'orders' } },
    lines: { label: 'Lines' },
  },
  cases: {
    subject: { label: 'Subject' },
    description: { label: 'Description' },
    category: {
      label: 'Category',
      kind: {
        enum: {
          complaint: 'Complaint',
          question: 'Question',
          return: 'Return',
          repair: 'Repair',
          other: 'Other',
        },
      },
    },
    priority: {
      label: 'Priority',
      kind: { enum: { low: 'Low', normal: 'Normal', high: 'High', urgent: 'Urgent' } },
    },
    status: { label: 'Status', kind: { enum: CASE_STATUS_LABELS satisfies Record<CaseStatus, string> } },
    ...PARTY,
    product_id: { label: 'Product', kind: { ref: 'products' } },
    order_id: { label: 'Order', kind: { ref: 'orders' } },
    owner_id: { label: 'Owner', kind: { ref: 'staff' } },
    due_date: { label: 'Due', kind: 'date' },
    resolution: { label: 'Resolution' },
    opened_at: { label: 'Opened', kind: 'instant' },
    resolved_at: { label: 'Resolved', kind: 'instant' },
  },
  products: {
    name: { label: 'Name' },
    sku: { label: 'SKU' },
    kind: { label: 'Product or service', kind: { enum: { product: 'Product', service: 'Service' } } },
    category_id: { label: 'Category', kind: { ref: 'product_categories' } },
    unit: { label: 'Unit' },
    unit_price: { label: 'Unit price', kind: 'money' },
    unit_cost: { label: 'Unit cost', kind: 'money' },
    tax_rate_bp: { label: 'Tax rate', kind: 'bp' },
    currency: { label: 'Currency' },
    active: { label: 'Offered', kind: 'bool' },
    description: { label: 'Description' },
  },
  product_categories: { name: { label: 'Name' } },
  tags: { name: { label: 'Name' } },
  staff: {
    name: { label: 'Name' },
    email: { label: 'Email' },
    role: { label: 'Role', kind: { enum: { owner: 'Owner', staff: 'Staff' } } },
    active: { label: 'Active', kind: 'bool' },
  },
  custom_fields: {
    entity: { label: 'For', kind: { enum: { person: 'People', company: 'Companies' } } },
    label: { label: 'Name' },
    type: { label: 'Type' },
    options: { label: 'Choices' },
  },
  list_values: {
    list: { label: 'List', kind: { enum: { call_purpose: 'Call purposes', call_outcome: 'Call outcomes' } } },
    value: { label: 'Choice' },
    active: { label: 'Offered', kind: 'bool' },
    connected: { label: 'Counts as a conversation', kind: 'bool' },
  },
  deal_stages: {
    name: { label: 'Name' },
    probability_bp: { label: 'Probability', kind: 'bp' },
    active: { label: 'In use', kind: 'bool' },
  },
  settings: {
    businessName: { label: 'Business name' },
    currency: { label: 'Currency' },
    locale: {
      label: 'Language and region',
      kind: { enum: Object.fromEntries(LOCALES.map((l) => [l.tag, l.label])) },
    },
    currentStaffId: { label: 'Profile in use', kind: { ref: 'staff' } },
    setupComplete: { label: 'Set up', kind: 'bool' },
    'csv.delimiter': { label: 'CSV separator' },
    'csv.decimal': { label: 'CSV decimal mark' },
    'csv.dates': { label: 'CSV dates' },
    'csv.encoding': { label: 'CSV encoding' },
    'csv.protectFormulas': { label: 'Protect CSV cells from formulas', kind: 'bool' },
    'backups.folder': { label: 'Snapshots folder' },
    'backups.beforeChanges': { label: 'Snapshot before imports and merges', kind: 'bool' },
    'audit.keepFor': { label: 'Keep the audit trail for', kind: { enum: KEEP_FOR_LABELS } },
    'orders.prefix': { label: 'Order number prefix' },
  },
};

/** "job_title" → "Job title": for a field the list above does not know (a later column). */
function humanize(field: string): string {
  const words = field.replace(/_id$/u, '').replace(/[_.]+/gu, ' ').trim();
  return words ? `${words.charAt(0).toUpperCase()}${words.slice(1)}` : field;
}

/** A field's name as the form shows it; custom fields by their label (`customLabels`). */
export function fieldLabel(
  table: string | null,
  field: string,
  customLabels?: ReadonlyMap<string, string>,
): string {
  if (field.startsWith('custom.')) return customLabels?.get(field.slice(7)) ?? humanize(field.slice(7));
  return (isAuditTable(table) ? FIELDS[table][field]?.label : undefined) ?? humanize(field);
}

export function fieldKind(table: string | null, field: string): FieldKind {
  return (isAuditTable(table) ? FIELDS[table][field]?.kind : undefined) ?? 'text';
}

// ---------------------------------------------------------------------------------------------
// Values

export interface ValueEnv {
  locale: string;
  /** The record's currency, for money fields. */
  currency: string | null;
  /** The name of a referenced record now, or null when it is gone. */
  nameOf(table: RefTable, id: string): string | null;
}

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const PRIORITIES: Record<number, string> = { 1: 'High', 2: 'Normal', 3: 'Low' };
const REF_GONE: Record<RefTable, string> = {
  people: 'a person no longer in the book',
  companies: 'a company no longer in the book',
  staff: 'a staff profile no longer in the book',
  products: 'a product no longer in the book',
  product_categories: 'a category no longer in the book',
  deal_stages: 'a stage no longer in the book',
  orders: 'an order no longer in the book',
};

function minorDigits(currency: string): number {
  return CURRENCIES.find((c) => c.code === currency)?.minor ?? 2;
}

/** How a stored value reads; null for "nothing" (shown as a dash). */
export function valueText(kind: FieldKind, raw: unknown, env: ValueEnv): string | null {
  if (raw === null || raw === undefined || raw === '') return null;
  if (typeof kind === 'object') {
    if ('enum' in kind) return kind.enum[String(raw)] ?? String(raw);
    return env.nameOf(kind.ref, String(raw)) ?? REF_GONE[kind.ref];
  }
  const n = typeof raw === 'number' ? raw : Number.NaN;
  switch (kind) {
    case 'bool':
      return raw === 1 || raw === true ? 'Yes' : 'No';
    case 'date': {
      const text = String(raw);
      if (!/^\d{4}-\d{2}-\d{2}$/u.test(text)) return text;
      return new Intl.DateTimeFormat(env.locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
        new Date(`${text}T00:00:00Z`),
      );
    }
    case 'instant':
      return Number.isFinite(n)
        ? new Intl.DateTimeFormat(env.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(n)
        : String(raw);
    case 'money': {
      if (!Number.isFinite(n)) return String(raw);
      const currency = env.currency ?? 'GBP';
      const digits = minorDigits(currency);
      return new Intl.NumberFormat(env.locale, {
        style: 'currency',
        currency,
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }).format(n / 10 ** digits);
    }
    case 'bp':
      return Number.isFinite(n)
        ? new Intl.NumberFormat(env.locale, { style: 'percent', maximumFractionDigits: 2 }).format(n / 10_000)
        : String(raw);
    case 'minutes':
      return Number.isFinite(n)
        ? `${String(Math.floor(n / 60)).padStart(2, '0')}:${String(n % 60).padStart(2, '0')}`
        : String(raw);
    case 'weekdays':
      return Number.isFinite(n)
        ? DAY_NAMES.filter((_d, i) => (n & (1 << i)) !== 0).join(', ') || 'No days'
        : String(raw);
    case 'seconds': {
      if (!Number.isFinite(n)) return String(raw);
      const m = Math.floor(n / 60);
      const s = n % 60;
      return m > 0 ? `${m} min${s > 0 ? ` ${s} s` : ''}` : `${s} s`;
    }
    case 'priority':
      return PRIORITIES[n] ?? String(raw);
    case 'text':
      return typeof raw === 'number' || typeof raw === 'boolean' ? String(raw) : String(raw);
  }
}
