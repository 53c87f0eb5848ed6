/** productCategories.list / .set: the editable list of product categories. */
import { describe, expect, it } from 'vitest';
import { order, product, refuses, salesBook } from './sales.fixtures.ts';

const names = (list: { name: string }[]) => list.map((c) => c.name);

describe('productCategories.set', () => {
  it('adds, renames and reorders in one save, and list reads the result', async () => {
    const b = await salesBook();
    expect(await b.client.call('productCategories.list', {})).toEqual([]);
    const first = await b.client.call('productCategories.set', {
      categories: [{ name: 'Tools' }, { name: 'Paint' }],
    });
    expect(first).toMatchObject([
      { name: 'Tools', position: 0, productCount: 0, inUse: false },
      { name: 'Paint', position: 1, productCount: 0, inUse: false },
    ]);
    const [tools, paint] = first;
    const second = await b.client.call('productCategories.set', {
      categories: [
        { id: paint!.id, name: 'Paints' },
        { name: 'Timber' },
        { id: tools!.id, name: 'Hand tools' },
      ],
    });
    expect(second.map((c) => [c.id === paint!.id, c.id === tools!.id, c.name, c.position])).toEqual([
      [true, false, 'Paints', 0],
      [false, false, 'Timber', 1],
      [false, true, 'Hand tools', 2],
    ]);
    expect(await b.client.call('productCategories.list', {})).toEqual(second);
  });

  it('swaps two names without tripping over the unique name rule', async () => {
    const b = await salesBook();
    const [a, c] = await b.client.call('productCategories.set', {
      categories: [{ name: 'A' }, { name: 'C' }],
    });
    const swapped = await b.client.call('productCategories.set', {
      categories: [
        { id: a!.id, name: 'C' },
        { id: c!.id, name: 'A' },
      ],
    });
    expect(swapped.map((x) => [x.id, x.name])).toEqual([
      [a!.id, 'C'],
      [c!.id, 'A'],
    ]);
  });

  it('removes an unused category left out, but keeps one that products or order lines use', async () => {
    const b = await salesBook();
    const [used, lineOnly, unused] = await b.client.call('productCategories.set', {
      categories: [{ name: 'Used' }, { name: 'Line only' }, { name: 'Unused' }],
    });
    await product(b, { name: 'Widget', categoryId: used!.id });
    // A product that was in "Line only" went on an order, then moved to no category.
    const p = await product(b, { name: 'Gadget', categoryId: lineOnly!.id });
    await order(b, { lines: [{ productId: p.id, quantity: 1000 }] });
    await b.client.call('products.update', { id: p.id, patch: { categoryId: null } });

    const listed = await b.client.call('productCategories.list', {});
    expect(listed.map((c) => [c.name, c.productCount, c.inUse])).toEqual([
      ['Used', 1, true],
      ['Line only', 0, true],
      ['Unused', 0, false],
    ]);
    const after = await b.client.call('productCategories.set', { categories: [{ name: 'New' }] });
    expect(names(after)).toEqual(['New', 'Used', 'Line only']);
    expect(after.map((c) => c.position)).toEqual([0, 1, 2]);
    const gone = b.book.sqlite
      .prepare(`SELECT deleted_at FROM product_categories WHERE id = ?`)
      .pluck()
      .get(unused!.id);
    expect(gone).toBe(b.clock());
    // A category in use can still be renamed.
    const renamed = await b.client.call('productCategories.set', {
      categories: [{ id: used!.id, name: 'Widgets' }],
    });
    expect(names(renamed)).toEqual(['Widgets', 'Line only']);
    expect(
      (await b.client.call('products.list', {})).rows.find((r) => r.name === 'Widget')?.categoryName,
    ).toBe('Widgets');
  });

  it('takes a new entry named like a category left out as that category', async () => {
    const b = await salesBook();
    const [tools] = await b.client.call('productCategories.set', { categories: [{ name: 'Tools' }] });
    await product(b, { categoryId: tools!.id });
    const after = await b.client.call('productCategories.set', { categories: [{ name: 'TOOLS' }] });
    expect(after).toMatchObject([{ id: tools!.id, name: 'TOOLS', productCount: 1 }]);
  });

  it('refuses duplicates (ignoring case), empty names, unknown ids and a clash with a kept category', async () => {
    const b = await salesBook();
    const [used, other] = await b.client.call('productCategories.set', {
      categories: [{ name: 'Used' }, { name: 'Other' }],
    });
    await product(b, { categoryId: used!.id });
    const set = (categories: { id?: string; name: string }[]) =>
      b.client.call('productCategories.set', { categories });
    const dup = await refuses(
      b,
      () => set([{ name: 'Paint' }, { name: 'paint' }]),
      'VALIDATION',
      'categories.1.name',
    );
    expect(dup.message).toContain('already on the list');
    await refuses(b, () => set([{ name: '  ' }]), 'VALIDATION', 'categories.0.name');
    await refuses(b, () => set([{ id: 'ghost', name: 'X' }]), 'NOT_FOUND', 'categories.0.id');
    await refuses(
      b,
      () =>
        set([
          { id: other!.id, name: 'A' },
          { id: other!.id, name: 'B' },
        ]),
      'VALIDATION',
      'categories.1.id',
    );
    // "Used" is left out but kept (a product uses it), so another category cannot take its name.
    const clash = await refuses(
      b,
      () => set([{ id: other!.id, name: 'used' }]),
      'VALIDATION',
      'categories.0.name',
    );
    expect(clash.message).toContain('in use');
  });
});
