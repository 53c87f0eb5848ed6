/** Shared set-up for the pipeline tests: a set-up book with customers, and "nothing changed" checks. */
import { expect } from 'vitest';
import type { ApiErrorData } from '../../../shared/api/errors.ts';
import type { RequestInput } from '../../../shared/api/requests.ts';
import type { TestBook } from '../../helpers/book.ts';
import { activityBook, addCompany, addPerson, type ActivityBook } from '../activity/activity.fixtures.ts';

export { captureQueries, changeCount, planOf } from '../activity/activity.fixtures.ts';
export type PipelineBook = ActivityBook;

/** A set-up book (GBP, owner "Ada Lovelace") with people ann (of acme) and bob, companies acme and zeta. */
export async function pipelineBook(): Promise<PipelineBook> {
  const b = await activityBook();
  addCompany(b, 'acme', 'Acme Ltd');
  addCompany(b, 'zeta', 'Zeta plc');
  addPerson(b, 'ann', 'Ann Lee', { companyId: 'acme' });
  addPerson(b, 'bob', 'Bob Ray');
  return b;
}

export type DealInput = RequestInput<'deals.create'>;

export function deal(b: TestBook, input: Partial<DealInput> = {}) {
  return b.client.call('deals.create', { title: 'Office chairs', personId: 'ann', value: 10_000, ...input });
}

export type CaseInput = RequestInput<'cases.create'>;

export function supportCase(b: TestBook, input: Partial<CaseInput> = {}) {
  return b.client.call('cases.create', {
    subject: 'Chair wobbles',
    category: 'complaint',
    personId: 'ann',
    ...input,
  });
}

/** A product straight into the catalogue (the products backend is another module). */
export function addProduct(
  b: TestBook,
  id: string,
  extra: { name?: string; unitPrice?: number; taxRateBp?: number; unitCost?: number; currency?: string } = {},
) {
  b.book.sqlite
    .prepare(
      `INSERT INTO products (id, name, unit_price, unit_cost, tax_rate_bp, currency, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, 0, 0)`,
    )
    .run(
      id,
      extra.name ?? id,
      extra.unitPrice ?? 1000,
      extra.unitCost ?? 0,
      extra.taxRateBp ?? 2000,
      extra.currency ?? 'GBP',
    );
}

/** Every row of every table a pipeline write touches, to compare before and after a refused request. */
export function snapshot(b: TestBook): string {
  const db = b.book.sqlite;
  const tables = [
    'deal_stages',
    'deals',
    'deal_lines',
    'cases',
    'people',
    'companies',
    'batches',
    'batch_rows',
    'search_docs',
    'changes',
  ];
  return JSON.stringify(tables.map((t) => db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all()));
}

/**
 * Asserts that the request is refused with the code (and, when given, an issue at the field path)
 * and that nothing at all was written.
 */
export async function refuses(
  b: TestBook,
  name: string,
  input: unknown,
  code: ApiErrorData['code'],
  path?: string,
): Promise<ApiErrorData> {
  const before = snapshot(b);
  const envelope = await b.backend.invoke(name, input);
  expect(envelope.ok, `${name} ${JSON.stringify(input)}`).toBe(false);
  if (envelope.ok) throw new Error('unreachable');
  expect(envelope.error.code, `${name}: ${envelope.error.message}`).toBe(code);
  if (path !== undefined) {
    const issues = (envelope.error.details as { issues?: { path: string }[] } | undefined)?.issues ?? [];
    expect(
      issues.map((i) => i.path),
      envelope.error.message,
    ).toContain(path);
  }
  expect(snapshot(b)).toBe(before);
  return envelope.error;
}

/** Live open deals per stage in board order, read straight from the table. */
export function columnsFromTable(b: TestBook): Map<string, string[]> {
  const rows = b.book.sqlite
    .prepare(`SELECT id, stage_id FROM deals WHERE state = 'open' AND deleted_at IS NULL ORDER BY rank, id`)
    .all() as { id: string; stage_id: string }[];
  const out = new Map<string, string[]>();
  for (const r of rows) out.set(r.stage_id, [...(out.get(r.stage_id) ?? []), r.id]);
  return out;
}

export const STAGE_IDS = ['stage-lead', 'stage-qualified', 'stage-proposal', 'stage-negotiation'] as const;
