/**
 * privacy.erasePreview counts what an erasure would do, for both choices, and the erasure then
 * does exactly that; bad requests are refused with a clear error and change nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { eraseInScope } from '../../../electron/backend/privacy/erase.run.ts';
import { annsBook, count, dumpBook } from './privacy.fixtures.ts';
import { salesBook } from '../sales/sales.fixtures.ts';

describe('privacy.erasePreview', () => {
  it('says what goes and what stays, for either choice, and the erasure does just that', async () => {
    const b = await annsBook();
    const before = dumpBook(b);
    const preview = await b.client.call('privacy.erasePreview', { personId: 'ann' });
    expect(dumpBook(b)).toBe(before);
    expect(preview).toMatchObject({
      personId: 'ann',
      displayName: 'Ann Lee',
      inTrash: false,
      companies: ['Acme Ltd'],
      trashEntries: 1,
      ownOrders: { count: 1, lines: 1, from: '2026-11-20', to: '2026-11-20' },
    });
    expect(preview.ownOrders.totals).toEqual([
      {
        currency: 'GBP',
        gross: b.book.sqlite.prepare(`SELECT gross FROM orders WHERE id = ?`).pluck().get(b.ownOrder),
      },
    ]);
    expect(preview.keepOrders.erased.orders).toBeUndefined();
    expect(preview.keepOrders.kept).toEqual({ orders: 1, order_lines: 1, order_status_changes: 2 });
    expect(preview.eraseAll.erased).toMatchObject({ orders: 1, order_lines: 1, order_status_changes: 2 });
    expect(preview.eraseAll.kept).toEqual({});
    expect(preview.keepOrders.unlinked).toEqual({ orders: 1, deals: 1, cases: 1 });
    // The snapshot folder is empty in a test book: nothing holds her yet.
    expect(preview.snapshots).toEqual({ count: 0, manual: 0, oldest: null, rotationMonths: 12 });

    const { erasure } = await b.client.call('privacy.erase', { personId: 'ann', confirmName: 'Ann Lee' });
    expect(erasure.counts).toEqual(preview.keepOrders);
  });

  it('counts the snapshots taken since they were added, which still hold them', async () => {
    const b = await annsBook();
    await b.client.call('backups.take', {});
    const preview = await b.client.call('privacy.erasePreview', { personId: 'ann' });
    expect(preview.snapshots).toMatchObject({ count: 1, manual: 1 });
    expect(preview.snapshots!.oldest).toBeGreaterThan(0);
  });
});

describe('bad erasure requests change nothing', () => {
  it('refuses someone not in the book, or already erased', async () => {
    const b = await annsBook();
    for (const call of [
      () => b.client.call('privacy.erasePreview', { personId: 'nobody' }),
      () => b.client.call('privacy.erase', { personId: 'nobody', confirmName: 'Nobody' }),
    ]) {
      const before = dumpBook(b);
      await expect(call()).rejects.toMatchObject({ code: 'NOT_FOUND' });
      expect(dumpBook(b)).toBe(before);
    }
    await b.client.call('privacy.erase', { personId: 'ann', confirmName: 'Ann Lee' });
    const before = dumpBook(b);
    await expect(
      b.client.call('privacy.erase', { personId: 'ann', confirmName: 'Ann Lee' }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: expect.stringContaining('erased'),
    });
    expect(dumpBook(b)).toBe(before);
  });

  it('refuses the stand-in of an earlier erasure', async () => {
    const b = await annsBook();
    const { erasure } = await b.client.call('privacy.erase', { personId: 'ann', confirmName: 'Ann Lee' });
    const before = dumpBook(b);
    const standIn = erasure.standIn!;
    await expect(b.client.call('privacy.erasePreview', { personId: standIn.id })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(
      b.client.call('privacy.erase', { personId: standIn.id, confirmName: standIn.name }),
    ).rejects.toMatchObject({ code: 'CONFLICT', message: expect.stringContaining('ER-0001') });
    expect(dumpBook(b)).toBe(before);
  });

  it('refuses a confirmation that is not their name, whatever is typed', async () => {
    const b = await salesBook();
    await b.client.call('notes.create', { personId: 'ann', body: 'Still here' });
    const before = dumpBook(b);
    await fc.assert(
      fc.asyncProperty(
        fc
          .string({ maxLength: 40 })
          .filter((s) => s.trim().replace(/\s+/gu, ' ').toLowerCase() !== 'ann lee'),
        async (typed) => {
          const answer = await b.backend.invoke('privacy.erase', { personId: 'ann', confirmName: typed });
          expect(answer.ok).toBe(false);
          if (!answer.ok) {
            expect(answer.error.code).toBe('VALIDATION');
            expect(answer.error.message).toContain('Ann Lee');
          }
        },
      ),
      { numRuns: 25 },
    );
    expect(dumpBook(b)).toBe(before);
    expect(count(b, 'people', `id = 'ann'`)).toBe(1);
  });

  it('leaves the book as it was when the erasure fails part-way (one transaction)', async () => {
    const b = await annsBook();
    const before = dumpBook(b);
    const ctx = b.backend.ctx;
    expect(() =>
      ctx.writer.write((scope) => {
        eraseInScope(ctx, scope, { personId: 'ann', confirmName: 'Ann Lee', keepOrders: true, reason: null });
        expect(count(b, 'people', `id = 'ann'`)).toBe(0);
        throw new Error('the power went off');
      }),
    ).toThrow('the power went off');
    expect(dumpBook(b)).toBe(before);
    expect(count(b, 'people', `id = 'ann'`)).toBe(1);
  });

  it('refuses malformed requests with VALIDATION', async () => {
    const b = await salesBook();
    const before = dumpBook(b);
    for (const input of [
      {},
      { personId: '' },
      { personId: 'ann' },
      { personId: 'ann', confirmName: 'Ann Lee', keepOrders: 'yes' },
      { personId: 'ann', confirmName: 'Ann Lee', reason: 'x'.repeat(501) },
      { personId: 'ann', confirmName: 'Ann Lee', extra: true },
    ]) {
      const answer = await b.backend.invoke('privacy.erase', input);
      expect(answer.ok, JSON.stringify(input)).toBe(false);
      if (!answer.ok) expect(answer.error.code).toBe('VALIDATION');
    }
    expect(dumpBook(b)).toBe(before);
  });
});
