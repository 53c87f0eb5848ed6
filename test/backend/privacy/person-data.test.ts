/**
 * "Export all data held about them" (issue 6): one person's rows from every table that points at
 * them, as JSON and as a CSV per table, and nobody else's.
 */
import fs from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { order, product, salesBook } from '../sales/sales.fixtures.ts';

describe('export.person', () => {
  it('writes everything about Ann, through her orders and calls, and nothing of Bob', async () => {
    const b = await salesBook();
    const c = b.client;
    await c.call('people.update', {
      id: 'ann',
      patch: {
        emails: [{ label: 'work', email: 'ann@acme.example' }],
        phones: [{ label: 'mobile', number: '07700 900123' }],
        tags: ['VIP'],
      },
    });
    await c.call('notes.create', { personId: 'ann', body: 'Prefers mornings' });
    const { call } = await c.call('calls.log', {
      call: {
        personId: 'ann',
        direction: 'in',
        startedAt: Date.UTC(2026, 10, 20, 9),
        durationS: 60,
        outcome: 'connected',
        summary: 'Asked for a quote',
      },
    });
    await c.call('calls.log', {
      call: {
        personId: 'bob',
        direction: 'out',
        startedAt: Date.UTC(2026, 10, 20, 10),
        durationS: 30,
        outcome: 'connected',
        summary: 'Bob’s own call',
      },
    });
    const desk = await product(b, { sku: 'D1', name: 'Oak desk' });
    const o = await order(b, { lines: [{ productId: desk.id, quantity: 1000 }] });
    await c.call('cases.create', { personId: 'ann', subject: 'Scratched desk', category: 'complaint' });

    const done = await c.call('export.person', { personId: 'ann' });
    expect(done.saved).toBe(true);
    expect(done.download).not.toBeNull();
    const zip = unzipSync(fs.readFileSync(b.backend.ctx.files.path(done.download!.fileId)));
    const json = JSON.parse(strFromU8(zip['person.json']!)) as {
      tables: Record<string, Record<string, unknown>[]>;
    };
    const t = json.tables;
    expect(t.people!.map((p) => p.id)).toEqual(['ann']);
    expect(t.emails!.map((e) => e.email)).toEqual(['ann@acme.example']);
    expect(t.phones!.map((p) => p.number)).toEqual(['07700 900123']);
    expect(t.tags!.map((x) => x.name)).toEqual(['VIP']);
    expect(t.notes!.map((n) => n.body)).toEqual(['Prefers mornings']);
    expect(t.calls!.map((x) => x.id)).toEqual([call.id]);
    expect(t.orders!.map((x) => x.id)).toEqual([o.id]);
    expect(t.order_lines!.map((l) => l.product_id)).toEqual([desk.id]);
    expect(t.products!.map((p) => p.name)).toEqual(['Oak desk']);
    expect(t.cases!.map((x) => x.subject)).toEqual(['Scratched desk']);
    expect(t.companies!.map((x) => x.name)).toEqual(['Acme Ltd']);
    // Her history: the change log's entries for her and her rows.
    expect(t.changes!.some((x) => x.row_id === 'ann' && x.tbl === 'people')).toBe(true);
    expect(t.changes!.some((x) => x.row_id === call.id)).toBe(true);
    // And the audit trail's events about her: the edit with its before and after values, her
    // call, her case; none about Bob's call.
    const events = t.audit_events!;
    const edit = events.find((e) => e.tbl === 'people' && e.row_id === 'ann' && e.action === 'update');
    expect(String(edit?.detail)).toContain('ann@acme.example');
    expect(events.some((e) => e.tbl === 'calls' && e.row_id === call.id && e.action === 'create')).toBe(true);
    expect(events.some((e) => e.tbl === 'cases' && e.action === 'create')).toBe(true);
    expect(events.every((e) => e.tbl !== null && e.row_id !== null)).toBe(true);

    // Nothing of Bob's: not his row, not his call.
    const all = Object.values(zip)
      .map((f) => strFromU8(f))
      .join('\n');
    expect(all).not.toContain('Bob’s own call');
    expect(all).not.toContain('Bob Ray');

    // The same rows as CSV, one file per table, with the export's BOM and headers.
    const calls = strFromU8(zip['calls.csv']!);
    expect([...zip['calls.csv']!.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM (the decoder drops it)
    expect(calls.startsWith('id,person_id,')).toBe(true);
    expect(calls.trimEnd().split('\r\n')).toHaveLength(2);
    expect(
      Object.keys(zip)
        .filter((n) => n.endsWith('.csv'))
        .sort(),
    ).toEqual(
      Object.keys(t)
        .map((n) => `${n}.csv`)
        .sort(),
    );
  });

  it('refuses a person who is not in the book, and writes nothing', async () => {
    const b = await salesBook();
    const answer = await b.backend.invoke('export.person', { personId: 'nobody' });
    expect(answer.ok).toBe(false);
    if (!answer.ok) expect(answer.error.code).toBe('NOT_FOUND');
    const bad = await b.backend.invoke('export.person', { personId: '' });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.code).toBe('VALIDATION');
  });
});
