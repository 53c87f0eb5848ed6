/** Shared set-up for the contacts backend tests: a set-up temp book, people, raw activity rows, snapshots. */
import { afterEach } from 'vitest';
import type { DbChanged } from '../../../shared/api/events.ts';
import type { RequestInput } from '../../../shared/api/requests.ts';
import type { Person } from '../../../shared/domain/people.ts';
import { refreshPersonStats } from '../../../electron/backend/people/person-stats.ts';
import { reindex } from '../../../electron/backend/search/search.index.ts';
import { openTestBook, setUp, type TestBook } from '../../helpers/book.ts';

const open: TestBook[] = [];
afterEach(async () => {
  while (open.length) await open.pop()?.close();
});

/** A set-up book (en-GB, so numbers without a country code are British). */
export async function book(): Promise<TestBook> {
  const b = await openTestBook();
  open.push(b);
  await setUp(b.client);
  return b;
}

export function ownerId(b: TestBook): string {
  return b.book.sqlite
    .prepare(`SELECT id FROM staff ORDER BY created_at, id LIMIT 1`)
    .pluck()
    .get() as string;
}

export function addPerson(
  b: TestBook,
  person: RequestInput<'people.create'>['person'],
  allowDuplicate = true,
): Promise<Person> {
  return b.client.call('people.create', { person, allowDuplicate });
}

/** Number of rows in the change log: unchanged proves nothing was written. */
export function changeCount(b: TestBook): number {
  return b.book.sqlite.prepare(`SELECT count(*) FROM changes`).pluck().get() as number;
}

export function changedEvents(b: TestBook): DbChanged[] {
  return b.events.filter((e) => e.event === 'db.changed').map((e) => e.payload as DbChanged);
}

export function lastChanged(b: TestBook): DbChanged | undefined {
  return changedEvents(b).at(-1);
}

/** Inserts a call the way the activity backend would (raw SQL, index, call facts). */
export function insertCall(
  b: TestBook,
  call: {
    id: string;
    personId: string | null;
    companyId?: string | null;
    startedAt: number;
    outcome?: string;
    summary?: string;
    deletedAt?: number | null;
  },
): void {
  const ctx = b.backend.ctx;
  ctx.writer.write((scope) => {
    ctx.sql.raw
      .prepare(
        `INSERT INTO calls (id, person_id, company_id, direction, started_at, duration_s, outcome, summary, created_at, updated_at, deleted_at)
         VALUES (?, ?, ?, 'out', ?, 60, ?, ?, ?, ?, ?)`,
      )
      .run(
        call.id,
        call.personId,
        call.companyId ?? null,
        call.startedAt,
        call.outcome ?? 'connected',
        call.summary ?? '',
        call.startedAt,
        call.startedAt,
        call.deletedAt ?? null,
      );
    reindex(ctx, 'call', call.id);
    refreshPersonStats(ctx, scope, call.personId);
    scope.change('calls', call.id, 'insert');
  });
}

export function insertNote(
  b: TestBook,
  note: {
    id: string;
    personId: string | null;
    companyId?: string | null;
    body: string;
    deletedAt?: number | null;
  },
): void {
  const ctx = b.backend.ctx;
  ctx.writer.write((scope) => {
    ctx.sql.raw
      .prepare(
        `INSERT INTO notes (id, person_id, company_id, body, created_at, updated_at, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        note.id,
        note.personId,
        note.companyId ?? null,
        note.body,
        scope.at,
        scope.at,
        note.deletedAt ?? null,
      );
    reindex(ctx, 'note', note.id);
    scope.change('notes', note.id, 'insert');
  });
}

export function insertTask(
  b: TestBook,
  task: {
    id: string;
    personId: string | null;
    title: string;
    type?: string;
    dueAt?: number | null;
    callId?: string | null;
    deletedAt?: number | null;
  },
): void {
  const ctx = b.backend.ctx;
  ctx.writer.write((scope) => {
    ctx.sql.raw
      .prepare(
        `INSERT INTO tasks (id, type, title, due_at, person_id, call_id, created_at, updated_at, deleted_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        task.id,
        task.type ?? 'todo',
        task.title,
        task.dueAt ?? null,
        task.personId,
        task.callId ?? null,
        scope.at,
        scope.at,
        task.deletedAt ?? null,
      );
    refreshPersonStats(ctx, scope, task.personId);
    scope.change('tasks', task.id, 'insert');
  });
}

const SNAPSHOT_TABLES = [
  'people',
  'companies',
  'phones',
  'emails',
  'tags',
  'person_tags',
  'company_tags',
  'calls',
  'tasks',
  'notes',
  'search_docs',
] as const;

/** Every row of the customer tables (and the search map), ordered: for "restored exactly" checks. */
export function snapshot(
  b: TestBook,
  tables: readonly string[] = SNAPSHOT_TABLES,
): Record<string, unknown[]> {
  const out: Record<string, unknown[]> = {};
  for (const t of tables) {
    // Search documents by what they index: a re-added document may get a new docid.
    const cols = t === 'search_docs' ? 'kind, ref_id' : '*';
    out[t] = b.book.sqlite.prepare(`SELECT ${cols} FROM ${t} ORDER BY 1, 2`).all();
  }
  return out;
}

export function fkProblems(b: TestBook): unknown[] {
  return b.book.sqlite.pragma('foreign_key_check') as unknown[];
}
