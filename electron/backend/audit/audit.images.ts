/**
 * A record as the audit trail compares it: its fields as the forms show them, read from one
 * connection. The capture reads the same record from the writer (after the write) and from a
 * reader (before it: see audit.capture.ts), and records the fields that differ.
 *
 *  - A person's or company's phones, emails and tags are fields of their own ("Phones": the
 *    numbers in order), as are custom fields (custom.<key>) and a person's photo (its type and
 *    size: the image itself is never copied into the trail).
 *  - An order's or deal's lines are one field (quantity × description, in order).
 *  - Settings are a row per key; an object value (the CSV options, the snapshots' settings)
 *    becomes a field per property (csv.delimiter...).
 *  - Columns the book keeps for itself are left out: ids, the created/updated stamps, sort keys,
 *    a person's call facts and cached primaries (they follow from calls, phones and emails), board
 *    ranks and positions. deleted_at is kept apart: it makes a change a move to or from the Trash.
 *  - A column or setting whose name says it is secret (a password, a token) is never copied: its
 *    value reads "(hidden)".
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { fieldLabel, type AuditTable } from '../../../shared/domain/audit.ts';

export type ImageValue = string | number | null;
export type Image = Record<string, ImageValue>;

export interface RecordImage {
  fields: Image;
  /** Set when the record is in the Trash. */
  deletedAt: number | null;
  /** The person or company it belongs to ('people:<id>'), for calls, tasks, notes, orders... */
  owner: string | null;
  /** Money fields' currency. */
  currency: string | null;
  /** The raw row, for its label. */
  row: Record<string, unknown>;
}

/** Columns never compared, in every table. */
const BOOKKEEPING = new Set([
  'id',
  'created_at',
  'updated_at',
  'created_by',
  'updated_by',
  'deleted_at',
  'sort_key',
  'custom',
]);

/** Columns a table keeps for itself. */
const DERIVED: Partial<Record<AuditTable, readonly string[]>> = {
  people: [
    'last_contact_at',
    'last_attempt_at',
    'next_call_at',
    'primary_phone',
    'primary_email',
    'email_opt_in_at',
  ],
  orders: ['number'],
  deals: ['rank'],
  cases: ['number'],
  tasks: ['call_id', 'reminded_at'],
  product_categories: ['position'],
  custom_fields: ['position', 'key'],
  list_values: ['position'],
  deal_stages: ['position'],
};

/** Settings that are a matter of taste on this screen, not of the book. */
const UNRECORDED_SETTINGS = new Set(['theme']);

export const HIDDEN = '(hidden)';
const SECRET = /pass(word|phrase)?|secret|token|credential|private/iu;

/** Whether a field's value must never be copied into the trail. */
export function isSecretField(field: string): boolean {
  return SECRET.test(field);
}

const OWNED: ReadonlySet<string> = new Set(['calls', 'tasks', 'notes', 'orders', 'deals', 'cases']);

function normalise(value: unknown): ImageValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (ArrayBuffer.isView(value)) return `${value.byteLength} bytes`;
  if (Array.isArray(value)) return value.map((v) => String(v)).join('; ');
  return JSON.stringify(value);
}

/** A custom field's value as the trail keeps it: lists joined, yes/no as words. */
function customValue(value: unknown): ImageValue {
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  return normalise(value);
}

function parseJson(text: unknown): unknown {
  if (typeof text !== 'string') return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

const PHOTO_TYPES: Record<string, string> = {
  'image/jpeg': 'JPEG image',
  'image/png': 'PNG image',
  'image/gif': 'GIF image',
  'image/webp': 'WebP image',
};

/** The record's key columns: most tables by id; list values by "list:value"; settings by key. */
function keyOf(table: AuditTable, rowId: string): unknown[] {
  if (table === 'list_values') {
    const at = rowId.indexOf(':');
    return at < 0 ? [rowId, ''] : [rowId.slice(0, at), rowId.slice(at + 1)];
  }
  return [rowId];
}

const ROW_SQL: Record<AuditTable, string> = {
  // A photo changes without the person's row: it is read with the row (its type and size only).
  people: `SELECT p.*, (SELECT mime || char(9) || length(data) FROM person_photos WHERE person_id = p.id) AS photo
    FROM people p WHERE p.id = ?`,
  companies: `SELECT * FROM companies WHERE id = ?`,
  calls: `SELECT * FROM calls WHERE id = ?`,
  tasks: `SELECT * FROM tasks WHERE id = ?`,
  notes: `SELECT * FROM notes WHERE id = ?`,
  orders: `SELECT * FROM orders WHERE id = ?`,
  deals: `SELECT * FROM deals WHERE id = ?`,
  cases: `SELECT * FROM cases WHERE id = ?`,
  products: `SELECT * FROM products WHERE id = ?`,
  product_categories: `SELECT * FROM product_categories WHERE id = ?`,
  tags: `SELECT * FROM tags WHERE id = ?`,
  staff: `SELECT * FROM staff WHERE id = ?`,
  custom_fields: `SELECT * FROM custom_fields WHERE id = ?`,
  list_values: `SELECT * FROM list_values WHERE list = ? AND value = ?`,
  deal_stages: `SELECT * FROM deal_stages WHERE id = ?`,
  settings: `SELECT key, value FROM settings WHERE key = ?`,
};

const listOf = (table: 'phones' | 'emails', column: 'number' | 'email', owner: 'person_id' | 'company_id') =>
  `SELECT group_concat(item, '; ') FROM (SELECT x.${column} || ' (' || x.label || ')' AS item FROM ${table} x
     WHERE x.${owner} = @id ORDER BY x.position, x.id)`;
const tagsOf = (link: 'person_tags' | 'company_tags', owner: 'person_id' | 'company_id') =>
  `SELECT group_concat(name, ', ') FROM (SELECT t.name AS name FROM ${link} x JOIN tags t ON t.id = x.tag_id
     WHERE x.${owner} = @id ORDER BY t.name COLLATE NOCASE, t.id)`;
const linesOf = (table: 'order_lines' | 'deal_lines', owner: 'order_id' | 'deal_id') =>
  `SELECT group_concat(item, '; ') FROM (SELECT rtrim(rtrim(printf('%.3f', x.quantity / 1000.0), '0'), '.')
     || ' × ' || x.description AS item FROM ${table} x WHERE x.${owner} = @id ORDER BY x.position, x.id)`;

/** The fields each record has beyond its row, in one query (its one parameter is the record's id). */
const EXTRA_SQL: Partial<Record<AuditTable, string>> = {
  people: `SELECT (${listOf('phones', 'number', 'person_id')}) AS phones, (${listOf('emails', 'email', 'person_id')}) AS emails,
    (${tagsOf('person_tags', 'person_id')}) AS tags`,
  companies: `SELECT (${listOf('phones', 'number', 'company_id')}) AS phones, (${listOf('emails', 'email', 'company_id')}) AS emails,
    (${tagsOf('company_tags', 'company_id')}) AS tags`,
  orders: `SELECT (${linesOf('order_lines', 'order_id')}) AS lines`,
  deals: `SELECT (${linesOf('deal_lines', 'deal_id')}) AS lines`,
};

function photoText(value: unknown): ImageValue {
  if (typeof value !== 'string') return null;
  const [mime = '', bytes = '0'] = value.split('\t');
  const n = Number(bytes);
  return `${PHOTO_TYPES[mime] ?? 'Image'} (${n.toLocaleString('en-GB')} bytes)`;
}

/** Reads records as the trail compares them, from one connection (statements prepared once). */
export interface ImageReader {
  /** The record's row as stored (a person's with their photo's type and size). */
  row(table: AuditTable, rowId: string): Record<string, unknown> | undefined;
  /** The record as the trail compares it; `row` when already read. */
  image(table: AuditTable, rowId: string, row?: Record<string, unknown>): RecordImage | undefined;
  /** A raw statement on this connection, prepared once (labels' look-ups). */
  get(sql: string, ...params: unknown[]): unknown;
}

export function imageReader(db: Database.Database): ImageReader {
  const statements = new Map<string, Database.Statement>();
  const stmt = (sql: string) => {
    let s = statements.get(sql);
    if (!s) {
      s = db.prepare(sql);
      statements.set(sql, s);
    }
    return s;
  };

  const readRow = (table: AuditTable, rowId: string) =>
    stmt(ROW_SQL[table]).get(...keyOf(table, rowId)) as Record<string, unknown> | undefined;

  function settingsImage(row: Record<string, unknown>): Image {
    const key = String(row.key);
    if (UNRECORDED_SETTINGS.has(key)) return {};
    const value = parseJson(row.value);
    const fields: Image = {};
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      for (const [k, v] of Object.entries(value as Record<string, unknown>))
        fields[`${key}.${k}`] = normalise(v);
    } else {
      fields[key] = normalise(value);
    }
    return fields;
  }

  return {
    get: (sql, ...params) => stmt(sql).get(...params),
    row: readRow,
    image(table, rowId, known) {
      const row = known ?? readRow(table, rowId);
      if (!row) return undefined;
      let fields: Image;
      if (table === 'settings') fields = settingsImage(row);
      else {
        fields = {};
        const derived = DERIVED[table];
        for (const [column, value] of Object.entries(row)) {
          if (BOOKKEEPING.has(column) || derived?.includes(column)) continue;
          if (column === 'photo') fields.photo = photoText(value);
          else fields[column] = column === 'options' ? normalise(parseJson(value)) : normalise(value);
        }
        const extra = EXTRA_SQL[table];
        if (extra) {
          for (const [field, value] of Object.entries(
            stmt(extra).get({ id: rowId }) as Record<string, unknown>,
          )) {
            fields[field] = normalise(value);
          }
        }
        if (typeof row.custom === 'string') {
          const custom = parseJson(row.custom);
          if (custom && typeof custom === 'object') {
            for (const [k, v] of Object.entries(custom as Record<string, unknown>)) {
              if (v !== null && v !== '') fields[`custom.${k}`] = customValue(v);
            }
          }
        }
      }
      for (const field of Object.keys(fields)) if (isSecretField(field)) fields[field] = HIDDEN;
      let owner: string | null = null;
      if (OWNED.has(table)) {
        if (typeof row.person_id === 'string') owner = `people:${row.person_id}`;
        else if (typeof row.company_id === 'string') owner = `companies:${row.company_id}`;
      }
      return {
        fields,
        deletedAt: typeof row.deleted_at === 'number' ? row.deleted_at : null,
        owner,
        currency: typeof row.currency === 'string' ? row.currency : null,
        row,
      };
    },
  };
}

/**
 * Whether a record's row is the same before and after, but for the columns the book keeps for
 * itself (a person's call facts after a call was logged). Every edit of a record's own fields,
 * phones, emails or tags stamps its row (updated_at), and a person's photo is read with the row,
 * so a row unchanged in this sense is a record unchanged: its other fields are not read.
 */
export function sameRecordRow(
  table: AuditTable,
  before: Record<string, unknown>,
  after: Record<string, unknown>,
): boolean {
  const derived = DERIVED[table];
  for (const column of Object.keys(after)) {
    if (derived?.includes(column)) continue;
    if (before[column] !== after[column]) return false;
  }
  return true;
}

/** Settings kept as one object per key, by what they are about. */
const SETTING_GROUPS: Record<string, string> = {
  csv: 'CSV options',
  backups: 'Snapshots',
  audit: 'Audit trail',
};

/** The record's name, for the trail to read well after it has gone ("Ann Lee", "ORD-00042"). */
export function labelOf(
  table: AuditTable,
  image: RecordImage,
  rowId: string,
  reader: ImageReader,
): string | null {
  const r = image.row;
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v : null);
  const partyName = () => {
    if (typeof r.person_id === 'string') {
      const name = reader.get(`SELECT display_name FROM people WHERE id = ?`, r.person_id) as
        { display_name: string } | undefined;
      if (name) return name.display_name;
    }
    if (typeof r.company_id === 'string') {
      const name = reader.get(`SELECT name FROM companies WHERE id = ?`, r.company_id) as
        { name: string } | undefined;
      if (name) return name.name;
    }
    return null;
  };
  switch (table) {
    case 'people':
      return text(r.display_name);
    case 'companies':
    case 'products':
    case 'product_categories':
    case 'tags':
    case 'staff':
    case 'deal_stages':
      return text(r.name);
    case 'calls':
    case 'notes':
      return partyName();
    case 'tasks':
    case 'deals':
      return text(r.title);
    case 'orders':
      return text(r.reference);
    case 'cases':
      return text(r.subject) ? `${String(r.subject)} (case ${String(r.number)})` : `Case ${String(r.number)}`;
    case 'custom_fields':
      return text(r.label);
    case 'list_values':
      return text(r.value);
    case 'settings':
      return SETTING_GROUPS[rowId] ?? fieldLabel('settings', rowId);
  }
}
