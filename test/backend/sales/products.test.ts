/** The catalogue: products.create / get / update / list / delete / restore. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DbChanged } from '../../../shared/api/events.ts';
import { changeCount, order, product, refuses, salesBook } from './sales.fixtures.ts';

describe('products.create and products.get', () => {
  it('creates a product with the book’s currency and the defaults, and reads it back', async () => {
    const b = await salesBook();
    const p = await product(b, { sku: '  DESK-1 ', description: '  Solid oak  ' });
    expect(p).toMatchObject({
      sku: 'DESK-1',
      name: 'Oak desk',
      kind: 'product',
      categoryId: null,
      categoryName: null,
      unit: 'each',
      unitPrice: 24_900,
      unitCost: 0,
      taxRateBp: 0,
      currency: 'GBP',
      active: true,
      description: 'Solid oak',
      createdAt: b.clock(),
    });
    expect(await b.client.call('products.get', { id: p.id })).toEqual(p);
    const row = b.book.sqlite.prepare(`SELECT created_by, updated_by FROM products WHERE id = ?`).get(p.id);
    expect(row).toEqual({ created_by: b.me, updated_by: b.me });
    const changed = b.events.filter((e) => e.event === 'db.changed').at(-1)?.payload as DbChanged;
    expect(changed).toMatchObject({ tables: ['products'], ids: [p.id] });
  });

  it('takes a service with its own currency, category, unit, cost and tax', async () => {
    const b = await salesBook();
    const [cat] = await b.client.call('productCategories.set', { categories: [{ name: 'Services' }] });
    const p = await product(b, {
      name: 'Installation',
      kind: 'service',
      categoryId: cat!.id,
      unit: 'hour',
      unitPrice: 6000,
      unitCost: 2500,
      taxRateBp: 2000,
      currency: 'EUR',
      active: false,
      sku: '',
    });
    expect(p).toMatchObject({
      kind: 'service',
      categoryId: cat!.id,
      categoryName: 'Services',
      unit: 'hour',
      unitCost: 2500,
      taxRateBp: 2000,
      currency: 'EUR',
      active: false,
      sku: null,
    });
  });

  it('refuses a SKU another live product has, whatever its case, naming that product', async () => {
    const b = await salesBook();
    const first = await product(b, { sku: 'desk-1', name: 'Oak desk' });
    const err = await refuses(b, () => product(b, { sku: 'DESK-1', name: 'Pine desk' }), 'CONFLICT', 'sku');
    expect(err.message).toContain('Oak desk');
    expect(err.details).toMatchObject({ id: first.id, name: 'Oak desk' });
    // Products without a SKU never clash.
    await product(b, { name: 'A' });
    await product(b, { name: 'B' });
  });

  it('refuses bad input at the field and writes nothing', async () => {
    const b = await salesBook();
    const cases: [Record<string, unknown>, string][] = [
      [{ unitPrice: -1 }, 'unitPrice'],
      [{ unitPrice: 12.5 }, 'unitPrice'],
      [{ unitPrice: '12' }, 'unitPrice'],
      [{ unitCost: -5 }, 'unitCost'],
      [{ taxRateBp: 10_001 }, 'taxRateBp'],
      [{ currency: 'XYZ' }, 'currency'],
      [{ name: '   ' }, 'name'],
      [{ kind: 'gadget' }, 'kind'],
      [{ sku: 'x'.repeat(65) }, 'sku'],
      [{ colour: 'red' }, ''],
    ];
    for (const [extra, path] of cases) {
      await refuses(
        b,
        () => b.client.call('products.create', { name: 'Desk', unitPrice: 100, ...extra } as never),
        'VALIDATION',
        path,
      );
    }
    await refuses(b, () => product(b, { categoryId: 'nope' }), 'NOT_FOUND', 'categoryId');
    await refuses(b, () => b.client.call('products.get', { id: 'nope' }), 'NOT_FOUND');
  });
});

describe('products.update', () => {
  it('changes only what the patch names and records the change', async () => {
    const b = await salesBook();
    const p = await product(b, { sku: 'D1', taxRateBp: 2000, unitCost: 10_000 });
    b.clock.advance(1000);
    const u = await b.client.call('products.update', {
      id: p.id,
      patch: { unitPrice: 19_900, name: 'Desk' },
    });
    expect(u).toEqual({ ...p, unitPrice: 19_900, name: 'Desk', updatedAt: p.updatedAt + 1000 });
    // Same SKU in another case is the product's own SKU, not a clash.
    const again = await b.client.call('products.update', { id: p.id, patch: { sku: 'd1' } });
    expect(again.sku).toBe('d1');
  });

  it('writes nothing when the patch changes nothing', async () => {
    const b = await salesBook();
    const p = await product(b);
    const before = changeCount(b);
    expect(await b.client.call('products.update', { id: p.id, patch: { name: 'Oak desk' } })).toEqual(p);
    expect(changeCount(b)).toBe(before);
  });

  it('refuses a clashing SKU, an unknown category and a product in the Trash', async () => {
    const b = await salesBook();
    await product(b, { sku: 'A-1', name: 'Alpha' });
    const p = await product(b, { sku: 'B-1', name: 'Beta' });
    const err = await refuses(
      b,
      () => b.client.call('products.update', { id: p.id, patch: { sku: 'a-1' } }),
      'CONFLICT',
      'patch.sku',
    );
    expect(err.message).toContain('Alpha');
    await refuses(
      b,
      () => b.client.call('products.update', { id: p.id, patch: { categoryId: 'nope' } }),
      'NOT_FOUND',
      'patch.categoryId',
    );
    await refuses(
      b,
      () => b.client.call('products.update', { id: p.id, patch: { unitPrice: -1 } }),
      'VALIDATION',
      'patch.unitPrice',
    );
    await b.client.call('products.delete', { id: p.id });
    await refuses(b, () => b.client.call('products.update', { id: p.id, patch: { name: 'X' } }), 'NOT_FOUND');
  });
});

describe('products.delete and products.restore', () => {
  it('moves an unused product to the Trash and brings it back', async () => {
    const b = await salesBook();
    const p = await product(b, { sku: 'D1' });
    expect(await b.client.call('products.delete', { id: p.id })).toEqual({ ok: true, archived: false });
    await refuses(b, () => b.client.call('products.get', { id: p.id }), 'NOT_FOUND');
    expect((await b.client.call('products.list', {})).rows).toEqual([]);
    // Its SKU is free while it is in the Trash ...
    const other = await product(b, { sku: 'd1', name: 'Other' });
    // ... so it cannot come back with it until the other lets go.
    const err = await refuses(b, () => b.client.call('products.restore', { id: p.id }), 'CONFLICT', 'sku');
    expect(err.message).toContain('Other');
    await b.client.call('products.update', { id: other.id, patch: { sku: null } });
    const back = await b.client.call('products.restore', { id: p.id });
    expect(back).toMatchObject({ id: p.id, sku: 'D1', active: true });
    // Restoring a live product changes nothing.
    const before = changeCount(b);
    expect(await b.client.call('products.restore', { id: p.id })).toEqual(back);
    expect(changeCount(b)).toBe(before);
    await refuses(b, () => b.client.call('products.restore', { id: 'ghost' }), 'NOT_FOUND');
    await refuses(b, () => b.client.call('products.delete', { id: 'ghost' }), 'NOT_FOUND');
  });

  it('archives a product that an order uses instead of deleting it; the order keeps it', async () => {
    const b = await salesBook();
    const p = await product(b);
    const o = await order(b, { lines: [{ productId: p.id, quantity: 1000 }] });
    expect(await b.client.call('products.delete', { id: p.id })).toEqual({ ok: true, archived: true });
    const archived = await b.client.call('products.get', { id: p.id });
    expect(archived.active).toBe(false);
    expect(
      b.book.sqlite.prepare(`SELECT deleted_at FROM products WHERE id = ?`).pluck().get(p.id),
    ).toBeNull();
    // The order still shows it and can be edited with it; a new order cannot take it.
    const kept = await b.client.call('orders.update', {
      id: o.id,
      patch: { lines: [{ productId: p.id, quantity: 2000 }] },
    });
    expect(kept.lines[0]).toMatchObject({ productId: p.id, quantity: 2000, net: 49_800 });
    const err = await refuses(
      b,
      () => order(b, { lines: [{ productId: p.id, quantity: 1000 }] }),
      'VALIDATION',
      'lines.0.productId',
    );
    expect(err.message).toContain('archived');
    // Deleting it again is harmless.
    const before = changeCount(b);
    expect(await b.client.call('products.delete', { id: p.id })).toEqual({ ok: true, archived: true });
    expect(changeCount(b)).toBe(before);
  });

  it('does not let an order use a product in the Trash', async () => {
    const b = await salesBook();
    const p = await product(b);
    await b.client.call('products.delete', { id: p.id });
    await refuses(
      b,
      () => order(b, { lines: [{ productId: p.id, quantity: 1000 }] }),
      'VALIDATION',
      'lines.0.productId',
    );
  });
});

describe('products.list', () => {
  async function catalogue() {
    const b = await salesBook();
    const [tools, services] = await b.client.call('productCategories.set', {
      categories: [{ name: 'Tools' }, { name: 'Services' }],
    });
    await product(b, { name: 'hammer', sku: 'T-2', categoryId: tools!.id });
    await product(b, { name: 'Anvil', sku: 't-1', categoryId: tools!.id, active: false });
    await product(b, { name: 'Fitting', kind: 'service', categoryId: services!.id });
    await product(b, { name: 'Bolt_100%', sku: 'B-9' });
    await product(b, { name: 'chisel' });
    return { b, tools: tools!, services: services! };
  }
  const names = (page: { rows: { name: string }[] }) => page.rows.map((r) => r.name);

  it('sorts by name ignoring case, or by SKU with the products without one last', async () => {
    const { b } = await catalogue();
    expect(names(await b.client.call('products.list', {}))).toEqual([
      'Anvil',
      'Bolt_100%',
      'chisel',
      'Fitting',
      'hammer',
    ]);
    expect(names(await b.client.call('products.list', { sort: 'sku' }))).toEqual([
      'Bolt_100%',
      'Anvil',
      'hammer',
      'chisel',
      'Fitting',
    ]);
  });

  it('filters by category (or none), active, kind and a text query over name and SKU', async () => {
    const { b, tools } = await catalogue();
    const list = async (filter: Record<string, unknown>) =>
      names(await b.client.call('products.list', { filter }));
    expect(await list({ categoryId: tools.id })).toEqual(['Anvil', 'hammer']);
    expect(await list({ categoryId: null })).toEqual(['Bolt_100%', 'chisel']);
    expect(await list({ active: false })).toEqual(['Anvil']);
    expect(await list({ active: true, categoryId: tools.id })).toEqual(['hammer']);
    expect(await list({ kind: 'service' })).toEqual(['Fitting']);
    expect(await list({ query: 'ISE' })).toEqual(['chisel']);
    expect(await list({ query: 't-' })).toEqual(['Anvil', 'hammer']);
    // LIKE wildcards in the query are plain characters.
    expect(await list({ query: '_100%' })).toEqual(['Bolt_100%']);
    expect(await list({ query: '%' })).toEqual(['Bolt_100%']);
  });

  it('pages through every product exactly once in both sorts (property)', async () => {
    const b = await salesBook();
    const made: { id: string; name: string; sku: string | null }[] = [];
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            name: fc.constantFrom('a', 'B', 'b', 'c', 'C', 'dd'),
            sku: fc.option(
              fc.string({ minLength: 1, maxLength: 3 }).map((s) => s.trim()),
              { nil: null },
            ),
          }),
          { maxLength: 8 },
        ),
        fc.integer({ min: 1, max: 5 }),
        fc.constantFrom('name' as const, 'sku' as const),
        async (adds, limit, sort) => {
          for (const a of adds) {
            try {
              made.push(await product(b, { name: a.name, sku: a.sku }));
            } catch {
              // A SKU clash: refused, as it should be.
            }
          }
          const seen: string[] = [];
          let cursor: string | null = null;
          do {
            const page: { rows: { id: string }[]; nextCursor: string | null } = await b.client.call(
              'products.list',
              { sort, limit, cursor },
            );
            seen.push(...page.rows.map((r) => r.id));
            cursor = page.nextCursor;
          } while (cursor && seen.length <= made.length);
          const fold = (s: string) => s.toLowerCase();
          const byName = (x: (typeof made)[number], y: (typeof made)[number]) =>
            fold(x.name) < fold(y.name) ? -1 : fold(x.name) > fold(y.name) ? 1 : x.id < y.id ? -1 : 1;
          const expected =
            sort === 'name'
              ? [...made].sort(byName)
              : [
                  ...made
                    .filter((m) => m.sku !== null)
                    .sort((x, y) => (fold(x.sku!) < fold(y.sku!) ? -1 : 1)),
                  ...made.filter((m) => m.sku === null).sort(byName),
                ];
          expect(seen).toEqual(expected.map((m) => m.id));
        },
      ),
      { numRuns: 25 },
    );
  });

  it('refuses a cursor from another list or sort', async () => {
    const b = await salesBook();
    await product(b, { name: 'A', sku: 'A' });
    await product(b, { name: 'B', sku: 'B' });
    const page = await b.client.call('products.list', { sort: 'sku', limit: 1 });
    expect(page.nextCursor).not.toBeNull();
    await refuses(
      b,
      () => b.client.call('products.list', { sort: 'name', cursor: page.nextCursor }),
      'VALIDATION',
      'cursor',
    );
    await refuses(b, () => b.client.call('products.list', { cursor: 'garbage' }), 'VALIDATION', 'cursor');
  });
});
