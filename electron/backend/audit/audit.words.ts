/**
 * Stored events in words: field names as the forms say them (custom fields by their label), values
 * in the book's locale and the record's currency, references to other records by their name now
 * (or "a person no longer in the book"), and a summary for a bulk event that has none of its own.
 * The screen and the CSV file both read events through here.
 */
import type {
  AuditCount,
  AuditEvent,
  AuditFieldChange,
} from '../../../shared/api/requests/audit.requests.ts';
import {
  fieldKind,
  fieldLabel,
  isAuditTable,
  RECORD_WORDS,
  valueText,
  type AuditAction,
  type RefTable,
  type ValueEnv,
} from '../../../shared/domain/audit.ts';
import type { Ctx } from '../context.ts';
import { prepared } from '../people/prepared.ts';
import { readSettings } from '../settings/settings.store.ts';
import type { StoredDetail } from './audit.capture.ts';
import { HIDDEN } from './audit.images.ts';

/** An event as audit_events holds it, with its staff profile's name. */
export interface RawEvent {
  id: number;
  at: number;
  staff_id: string | null;
  staff_name: string | null;
  action: string;
  tbl: string | null;
  row_id: string | null;
  label: string | null;
  summary: string | null;
  count: number | null;
  detail: string | null;
  batch_id: string | null;
  forgotten: number;
}

const NAME_SQL: Record<RefTable, string> = {
  people: `SELECT display_name FROM people WHERE id = ?`,
  companies: `SELECT name FROM companies WHERE id = ?`,
  staff: `SELECT name FROM staff WHERE id = ?`,
  products: `SELECT name FROM products WHERE id = ?`,
  product_categories: `SELECT name FROM product_categories WHERE id = ?`,
  deal_stages: `SELECT name FROM deal_stages WHERE id = ?`,
  orders: `SELECT reference FROM orders WHERE id = ?`,
};

function parseDetail(text: string | null): StoredDetail {
  if (!text) return {};
  try {
    return JSON.parse(text) as StoredDetail;
  } catch {
    return {};
  }
}

const number = (n: number) => n.toLocaleString('en-GB');

/** "1,203 people changed, 4 tags added". */
export function countsText(counts: readonly AuditCount[]): string {
  const parts: string[] = [];
  for (const c of counts) {
    const words = RECORD_WORDS[c.table];
    const noun = (n: number) => `${number(n)} ${n === 1 ? words.one.toLowerCase() : words.many}`;
    if (c.created > 0) parts.push(`${noun(c.created)} added`);
    if (c.changed > 0) parts.push(`${noun(c.changed)} changed`);
    if (c.deleted > 0) parts.push(`${noun(c.deleted)} removed`);
  }
  return parts.join(', ');
}

/** The words for a page of events, with one look-up per name it needs. */
export function describeEvents(ctx: Pick<Ctx, 'sql' | 'q'>, rows: readonly RawEvent[]): AuditEvent[] {
  if (rows.length === 0) return [];
  const settings = readSettings(ctx as Ctx);
  const custom = new Map<string, Map<string, string>>();
  for (const f of prepared(ctx, `SELECT entity, key, label FROM custom_fields`).all() as {
    entity: string;
    key: string;
    label: string;
  }[]) {
    const table = f.entity === 'company' ? 'companies' : 'people';
    let labels = custom.get(table);
    if (!labels) custom.set(table, (labels = new Map()));
    labels.set(f.key, f.label);
  }
  const names = new Map<string, string | null>();
  const nameOf = (table: RefTable, id: string): string | null => {
    const key = `${table}\u0000${id}`;
    if (!names.has(key)) {
      const row = prepared(ctx, NAME_SQL[table]).get(id) as Record<string, string> | undefined;
      names.set(key, row ? (Object.values(row)[0] ?? null) : null);
    }
    return names.get(key) ?? null;
  };

  return rows.map((r): AuditEvent => {
    const detail = parseDetail(r.detail);
    const table = isAuditTable(r.tbl) ? r.tbl : null;
    const env: ValueEnv = { locale: settings.locale, currency: detail.currency ?? null, nameOf };
    const text = (field: string, raw: unknown) =>
      raw === HIDDEN ? HIDDEN : valueText(fieldKind(table, field), raw, env);
    const labels = table ? custom.get(table) : undefined;
    let changes: AuditFieldChange[];
    if (detail.changes) {
      changes = detail.changes.map(([field, before, after]) => ({
        field,
        label: fieldLabel(table, field, labels),
        before: text(field, before),
        after: text(field, after),
      }));
    } else {
      changes = (detail.fields ?? []).map((field) => ({
        field,
        label: fieldLabel(table, field, labels),
        before: null,
        after: null,
      }));
    }
    const counts: AuditCount[] = Object.entries(detail.counts ?? {})
      .filter(([t]) => isAuditTable(t))
      .map(([t, [created, changed, deleted]]) => ({
        table: t as AuditCount['table'],
        created,
        changed,
        deleted,
      }));
    const summary = r.summary ?? (counts.length > 0 && !table ? countsText(counts) : null);
    return {
      id: r.id,
      at: r.at,
      staffId: r.staff_id,
      staffName: r.staff_name,
      action: r.action as AuditAction,
      table,
      recordId: r.row_id,
      label: r.label,
      summary,
      count: r.count,
      changes,
      counts,
      batchId: r.batch_id,
      forgotten: r.forgotten === 1,
    };
  });
}
