/**
 * trash.list: soft-deleted people, companies, calls, tasks, notes, orders, products, deals and
 * cases, newest deletion first, keyset
 * by (deleted_at, id). Each kind is read through its partial `*_deleted` index and the pages merged.
 */
import { TRASH_KINDS, type TrashItem } from '../../../shared/domain/people.ts';
import type { ParsedInput } from '../../../shared/api/requests.ts';
import type { Ctx } from '../context.ts';
import { decodeCursor, encodeCursor } from '../people/keyset.ts';
import { prepared } from '../people/prepared.ts';

type Kind = TrashItem['kind'];
export const TRASH_TABLE: Record<
  Kind,
  'people' | 'companies' | 'calls' | 'tasks' | 'notes' | 'orders' | 'products' | 'deals' | 'cases'
> = {
  person: 'people',
  company: 'companies',
  call: 'calls',
  task: 'tasks',
  note: 'notes',
  order: 'orders',
  product: 'products',
  deal: 'deals',
  case: 'cases',
};

// Who deleted it: the last editor, when the last edit was the delete itself.
const BY = `CASE WHEN x.updated_at = x.deleted_at THEN x.updated_by END`;
const TITLES: Record<Kind, { title: string; joins: string }> = {
  person: { title: 'x.display_name', joins: '' },
  company: { title: 'x.name', joins: '' },
  call: {
    title: `'Call with ' || coalesce(p.display_name, c.name, 'someone unknown')`,
    joins: 'LEFT JOIN people p ON p.id = x.person_id LEFT JOIN companies c ON c.id = x.company_id',
  },
  task: { title: 'x.title', joins: '' },
  note: { title: 'x.body', joins: '' },
  order: {
    title: `'Order ' || x.reference || coalesce(' for ' || coalesce(p.display_name, c.name), '')`,
    joins: 'LEFT JOIN people p ON p.id = x.person_id LEFT JOIN companies c ON c.id = x.company_id',
  },
  product: { title: 'x.name', joins: '' },
  deal: { title: 'x.title', joins: '' },
  case: { title: `'Case ' || x.number || ': ' || x.subject`, joins: '' },
};

function arm(kind: Kind, withCursor: boolean): string {
  const { title, joins } = TITLES[kind];
  const after = withCursor ? ' AND (x.deleted_at, x.id) < (?, ?)' : '';
  return `SELECT * FROM (SELECT '${kind}' AS kind, x.id, x.deleted_at, ${title} AS title, ${BY} AS by_id
    FROM ${TRASH_TABLE[kind]} x ${joins}
    WHERE x.deleted_at IS NOT NULL${after} ORDER BY x.deleted_at DESC, x.id DESC LIMIT ?)`;
}

export function trashListSql(kinds: readonly Kind[], withCursor: boolean): string {
  return `SELECT t.kind, t.id, t.deleted_at, t.title, s.name AS deleted_by
    FROM (${kinds.map((k) => arm(k, withCursor)).join(' UNION ALL ')}) t
    LEFT JOIN staff s ON s.id = t.by_id
    ORDER BY t.deleted_at DESC, t.id DESC LIMIT ?`;
}

function firstLine(text: string): string {
  const line = text.trim().split(/\r?\n/u)[0]?.trim() ?? '';
  return line.length > 80 ? `${line.slice(0, 79).trimEnd()}…` : line || 'Note';
}

export function listTrash(
  ctx: Ctx,
  input: ParsedInput<'trash.list'>,
): { rows: TrashItem[]; nextCursor: string | null } {
  const kinds: Kind[] = input.kind ? [input.kind] : [...TRASH_KINDS];
  const after = decodeCursor(input.cursor, 2);
  const want = input.limit + 1;
  const params: unknown[] = [];
  for (let i = 0; i < kinds.length; i++) params.push(...(after ? [after[0], after[1]] : []), want);
  params.push(want);
  const found = prepared(ctx, trashListSql(kinds, after !== null)).all(...params) as {
    kind: Kind;
    id: string;
    deleted_at: number;
    title: string;
    deleted_by: string | null;
  }[];
  const page = found.slice(0, input.limit);
  const last = page.at(-1);
  return {
    rows: page.map((r) => ({
      kind: r.kind,
      id: r.id,
      title: r.kind === 'note' ? firstLine(r.title) : r.title,
      deletedAt: r.deleted_at,
      deletedBy: r.deleted_by,
    })),
    nextCursor: found.length > input.limit && last ? encodeCursor([last.deleted_at, last.id]) : null,
  };
}
