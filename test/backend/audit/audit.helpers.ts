/** Shared set-up for the audit trail's backend tests: a set-up book and the trail's raw rows. */
import { afterEach } from 'vitest';
import type { AuditEventsTable } from '../../../electron/db/schema.ts';
import type { AuditEvent, AuditFilter, AuditPage } from '../../../shared/api/requests/audit.requests.ts';
import { openTestBook, setUp, type TestBook } from '../../helpers/book.ts';

const open: TestBook[] = [];
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

export async function book(options: Parameters<typeof openTestBook>[0] = {}): Promise<TestBook> {
  const b = await openTestBook(options);
  open.push(b);
  await setUp(b.client);
  return b;
}

/** The trail's rows after `afterId`, oldest first, as the table holds them. */
export function rawEvents(b: TestBook, afterId = 0): AuditEventsTable[] {
  return b.book.sqlite
    .prepare(`SELECT * FROM audit_events WHERE id > ? ORDER BY id`)
    .all(afterId) as AuditEventsTable[];
}

export function lastEventId(b: TestBook): number {
  return (
    (b.book.sqlite.prepare(`SELECT coalesce(max(id), 0) FROM audit_events`).pluck().get() as number) ?? 0
  );
}

/** The whole trail through the request, newest first. */
export async function allEvents(b: TestBook, input: { filter?: AuditFilter } = {}): Promise<AuditEvent[]> {
  const out: AuditEvent[] = [];
  let cursor: string | null = null;
  do {
    const page: AuditPage = await b.client.call('audit.list', { ...input, cursor, limit: 50 });
    out.push(...page.rows);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** An event's field changes as { label: [before, after] }. */
export function changesOf(e: AuditEvent): Record<string, [string | null, string | null]> {
  return Object.fromEntries(e.changes.map((c) => [c.label, [c.before, c.after]]));
}
