/**
 * Payment card numbers typed into free text (issue 6) are masked to their last four digits before
 * they are stored: in the tables, in the search index, and on every path a person types text into.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestBook, setUp, type TestBook } from '../helpers/book.ts';

const CARD = '4111 1111 1111 1111';

describe('card numbers in free text', () => {
  let book: TestBook;
  let personId: string;
  beforeAll(async () => {
    book = await openTestBook();
    await setUp(book.client);
    personId = (
      await book.client.call('people.create', { person: { givenName: 'Cara', familyName: 'Payne' } })
    ).id;
  });
  afterAll(async () => {
    await book.close();
  });
  const stored = (sql: string, id: string) => book.backend.ctx.sql.raw.prepare(sql).pluck().get(id) as string;

  it('a call summary keeps only the last four digits, and so does its edit', async () => {
    const { call } = await book.client.call('calls.log', {
      call: {
        personId,
        direction: 'in',
        startedAt: Date.UTC(2026, 10, 20, 10),
        durationS: 120,
        outcome: 'connected',
        summary: `Wants to pay by card ${CARD}, expiry 12/28.`,
      },
    });
    expect(call.summary).toBe('Wants to pay by card •••• 1111, expiry 12/28.');
    expect(stored(`SELECT summary FROM calls WHERE id = ?`, call.id)).not.toMatch(/4111 ?1111/u);
    const edited = await book.client.call('calls.update', {
      id: call.id,
      patch: { summary: 'Card is 5555-5555-5555-4444 now' },
    });
    expect(edited.summary).toBe('Card is •••• 4444 now');
  });

  it('a note, a case and a task keep only the last four digits', async () => {
    const note = await book.client.call('notes.create', { personId, body: `Card: ${CARD}` });
    expect(note.body).toBe('Card: •••• 1111');
    const updated = await book.client.call('notes.update', { id: note.id, body: 'Amex 378282246310005' });
    expect(updated.body).toBe('Amex •••• 0005');
    const kase = await book.client.call('cases.create', {
      personId,
      subject: 'Refund',
      category: 'complaint',
      description: `Refund to ${CARD}`,
    });
    expect(stored(`SELECT description FROM cases WHERE id = ?`, kase.id)).toBe('Refund to •••• 1111');
    const task = await book.client.call('tasks.create', {
      personId,
      title: 'Call back',
      notes: `Card ${CARD}`,
    });
    expect(stored(`SELECT notes FROM tasks WHERE id = ?`, task.id)).toBe('Card •••• 1111');
  });

  it('the search index never sees the full number', async () => {
    // "4111" is a word of the number as typed ("4111 1111 1111 1111"), and of nothing else here.
    const found = await book.client.call('search.global', { query: '4111', limit: 20 });
    expect(found.groups.flatMap((g) => g.hits)).toEqual([]);
    const byLast4 = await book.client.call('search.global', { query: 'Refund', limit: 20 });
    expect(JSON.stringify(byLast4)).not.toContain('4111 1111');
  });

  it('numbers that are not card numbers are kept as typed', async () => {
    const note = await book.client.call('notes.create', {
      personId,
      body: 'Order 4111111111111112, phone 07700 900123',
    });
    expect(note.body).toBe('Order 4111111111111112, phone 07700 900123');
  });
});
