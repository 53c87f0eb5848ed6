/**
 * The import wizard's reasoning for each kind of file (renderer/features/import/import-plan.ts):
 * which match rules a mapping allows and which is chosen first, whether a mapping can import
 * anything (REQUIRED_FIELDS, a name to add new records), the preview's columns and cells, and the
 * words that group the fields and count what an import did.
 */
import { describe, expect, it } from 'vitest';
import {
  IMPORT_KINDS,
  KIND_FIELDS,
  KIND_MATCHES,
  MATCH_FIELD,
  type ImportField,
  type ImportKind,
} from '../../shared/domain/import-kinds.ts';
import type { ImportCounts } from '../../shared/domain/transfer.ts';
import {
  assignField,
  checkMapping,
  defaultMatch,
  hasName,
  matchAvailable,
  matchProblem,
  offersBlankOverwrites,
  previewFields,
  previewRow,
  VCARD_MAPPING,
  type Mapping,
} from '../../renderer/features/import/import-plan.ts';
import {
  countsNote,
  fieldGroups,
  fieldHeading,
  fieldLabel,
  madeParts,
} from '../../renderer/features/import/import-words.ts';

const COUNTS: ImportCounts = {
  rows: 0,
  created: 0,
  updated: 0,
  unchanged: 0,
  skipped: 0,
  failed: 0,
  companiesCreated: 0,
  categoriesCreated: 0,
};

/** The rules open to a mapping, in the kind's order. */
const open = (kind: ImportKind, mapping: Mapping) =>
  KIND_MATCHES[kind].filter((m) => matchAvailable(kind, m, mapping));

describe('match rules per kind', () => {
  it('keeps what people had: any email or phone column, the ID, and "none" always', () => {
    expect(open('people', [])).toEqual(['none']);
    expect(open('people', ['email2', 'mobile'])).toEqual(['email', 'phone', 'none']);
    expect(open('people', ['phone2', 'externalId'])).toEqual(['phone', 'externalId', 'none']);
    expect(defaultMatch('people', ['fullName', 'mobile', 'email'])).toBe('email');
    expect(defaultMatch('people', ['fullName', 'mobile'])).toBe('phone');
    expect(defaultMatch('people', ['fullName'])).toBe('none');
  });

  it('asks each rule for its MATCH_FIELD, and offers only the kind’s rules', () => {
    expect(open('companies', ['name'])).toEqual(['name', 'none']);
    expect(open('companies', ['externalId'])).toEqual(['externalId', 'none']);
    expect(open('products', ['name'])).toEqual(['name', 'none']);
    expect(defaultMatch('products', ['name', 'sku'])).toBe('sku');
    expect(open('orders', ['orderDate', 'product'])).toEqual(['none']);
    expect(defaultMatch('orders', ['orderNumber', 'orderDate', 'product'])).toBe('reference');
    // A rule of another kind is never open, whatever is mapped.
    expect(matchAvailable('people', 'sku', ['sku'])).toBe(false);
    expect(matchAvailable('orders', 'email', ['customerEmail'])).toBe(false);
    expect(matchAvailable('calls', 'none', ['personName'])).toBe(false);
    for (const kind of IMPORT_KINDS) {
      for (const [m, field] of Object.entries(MATCH_FIELD[kind])) {
        expect(matchAvailable(kind, m as never, [])).toBe(false);
        expect(matchAvailable(kind, m as never, [field])).toBe(true);
      }
    }
  });

  it('finds each call’s person by the person’s columns, or by the company’s name', () => {
    expect(open('calls', ['startedAt', 'personPhone', 'personEmail'])).toEqual(['email', 'phone']);
    expect(defaultMatch('calls', ['startedAt', 'personPhone'])).toBe('phone');
    expect(open('calls', ['startedAt', 'company'])).toEqual(['name']);
    expect(open('calls', ['startedAt', 'personExternalId'])).toEqual(['externalId']);
    // Nothing to find the person by: the first rule stands (the columns step refuses the mapping).
    expect(defaultMatch('calls', ['startedAt'])).toBe('email');
  });

  it('offers blank cells only where rows update what they find', () => {
    expect(IMPORT_KINDS.filter(offersBlankOverwrites)).toEqual(['people', 'companies', 'products']);
  });
});

describe('checking a mapping', () => {
  it('refuses a mapping with nothing in it, whatever the kind', () => {
    for (const kind of IMPORT_KINDS) {
      const check = checkMapping(kind, [null, null]);
      expect(check.ok).toBe(false);
      expect(check.ok ? '' : check.error).toMatch(/Choose a field for at least one column/u);
    }
  });

  it('keeps people’s rules: a name, or a way to find them (then only updates)', () => {
    expect(checkMapping('people', ['givenName', null])).toEqual({ ok: true, warning: null });
    const update = checkMapping('people', ['email', 'city']);
    expect(update.ok && update.warning).toMatch(/can only update people already in the book/u);
    const none = checkMapping('people', ['city', 'notes']);
    expect(none.ok ? '' : none.error).toMatch(/Choose the column that holds the name/u);
  });

  it('asks for each of REQUIRED_FIELDS’ groups the kind misses, in plain words', () => {
    const orders = checkMapping('orders', ['customerName', 'quantity']);
    expect(orders.ok).toBe(false);
    const error = orders.ok ? '' : orders.error;
    expect(error).toMatch(/order number/u);
    expect(error).toMatch(/order date/u);
    expect(error).toMatch(/product \(its SKU or name\) or the line description/u);
    expect(checkMapping('orders', ['orderNumber', 'orderDate', 'description'])).toEqual({
      ok: true,
      warning: null,
    });

    const calls = checkMapping('calls', ['personName', 'duration']);
    expect(calls.ok ? '' : calls.error).toMatch(/date of the call/u);
    const nobody = checkMapping('calls', ['startedAt', 'duration']);
    expect(nobody.ok ? '' : nobody.error).toMatch(/who the call was with/u);
    expect(checkMapping('calls', ['startedAt', 'company'])).toEqual({ ok: true, warning: null });

    const companies = checkMapping('companies', ['city']);
    expect(companies.ok ? '' : companies.error).toMatch(/company name/u);
    const products = checkMapping('products', ['unitPrice']);
    expect(products.ok ? '' : products.error).toMatch(/product name/u);
  });

  it('lets companies and products without a name only update what the book holds', () => {
    const companies = checkMapping('companies', ['externalId', 'city']);
    expect(companies.ok && companies.warning).toMatch(
      /No column gives the company name, so this file can only update companies already in the book \(found by ID/u,
    );
    const products = checkMapping('products', ['sku', 'unitPrice']);
    expect(products.ok && products.warning).toMatch(
      /only update products already in the book \(found by SKU/u,
    );
    expect(checkMapping('products', ['name', 'unitPrice'])).toEqual({ ok: true, warning: null });
  });

  it('says what "add every row as new" lacks on the matching step', () => {
    expect(matchProblem('people', ['email'], 'none')).toMatch(/nobody can be added as new/u);
    expect(matchProblem('people', ['email'], 'email')).toBeNull();
    expect(matchProblem('people', ['fullName'], 'none')).toBeNull();
    expect(matchProblem('products', ['sku'], 'none')).toMatch(
      /No column gives the product name, so no product can be added as new/u,
    );
    expect(matchProblem('companies', ['name'], 'none')).toBeNull();
    expect(matchProblem('orders', ['orderNumber'], 'none')).toBeNull();
    expect(hasName('calls', [])).toBe(true);
    expect(hasName('companies', ['externalId'])).toBe(false);
  });

  it('sees a vCard as a mapping of people that can add them and match every way', () => {
    expect(checkMapping('people', VCARD_MAPPING)).toEqual({ ok: true, warning: null });
    expect(open('people', VCARD_MAPPING)).toEqual(['email', 'phone', 'externalId', 'none']);
  });
});

describe('the columns and the preview', () => {
  it('moves a field from the column that had it', () => {
    expect(assignField(['sku', null, 'name'], 1, 'sku')).toEqual({
      mapping: [null, 'sku', 'name'],
      moved: 0,
    });
    expect(assignField(['sku', null], 0, null)).toEqual({ mapping: [null, null], moved: null });
  });

  it('previews the mapped fields in the kind’s order, a person’s full name as two', () => {
    expect(previewFields('people', ['email', 'fullName'])).toEqual(['givenName', 'familyName', 'email']);
    expect(previewFields('products', ['unitPrice', null, 'name', 'sku'])).toEqual([
      'name',
      'sku',
      'unitPrice',
    ]);
    expect(previewFields('orders', ['quantity', 'orderNumber'])).toEqual(['orderNumber', 'quantity']);
  });

  it('reads cells as the import will: names split, stages, tags, dates and yes/no', () => {
    const day = (iso: string) => `day ${iso}`;
    expect(previewRow('people', ['fullName', 'stage'], ['Lee, Bob', 'nonsense'], 'en-GB', day)).toEqual({
      givenName: { text: 'Bob' },
      familyName: { text: 'Lee' },
      stage: { text: 'nonsense', unreadable: true },
    });
    expect(
      previewRow('companies', ['name', 'stage', 'tags'], ['Acme Ltd', 'Customer', 'a; b'], 'en-GB', day),
    ).toEqual({ name: { text: 'Acme Ltd' }, stage: { text: 'Customer' }, tags: { text: 'a, b' } });
    expect(
      previewRow(
        'orders',
        ['orderNumber', 'orderDate', 'quantity'],
        ['A-1', '22/11/2026', ' 2 '],
        'en-GB',
        day,
      ),
    ).toEqual({
      orderNumber: { text: 'A-1' },
      orderDate: { text: 'day 2026-11-22' },
      quantity: { text: '2' },
    });
    // What the shared readers cannot read is shown as written: the check says which rows fail.
    expect(previewRow('products', ['name', 'active'], ['Oak table', 'perhaps'], 'en-GB', day)).toEqual({
      name: { text: 'Oak table' },
      active: { text: 'perhaps' },
    });
    expect(previewRow('products', ['active'], ['yes'], 'en-GB', day)).toEqual({ active: { text: 'Yes' } });
  });
});

describe('the words', () => {
  it('groups every field of every kind once, and names each', () => {
    for (const kind of IMPORT_KINDS) {
      const grouped = fieldGroups(kind).flatMap((g) => g.fields);
      expect([...grouped].sort()).toEqual([...(KIND_FIELDS[kind] as readonly ImportField[])].sort());
      for (const f of grouped) {
        expect(fieldHeading(kind, f)).not.toBe(f);
        expect(fieldLabel(kind, f)).not.toBe(f);
      }
    }
    expect(fieldHeading('people', 'city')).toBe('Town or city');
    expect(fieldHeading('products', 'sku')).toBe('SKU');
  });

  it('counts what a file gave: rows or cards, and for orders the orders its rows make', () => {
    const people = { ...COUNTS, rows: 5, created: 3, companiesCreated: 2, fileName: 'contacts.csv' };
    expect(countsNote(people, 'people', 'will')).toBe(
      '5 rows read from contacts.csv; 2 companies will be added for them.',
    );
    const cards = { ...COUNTS, rows: 3, created: 2, companiesCreated: 1, fileName: 'google.vcf' };
    expect(countsNote(cards, 'people', 'did', 'card')).toBe(
      '3 cards read from google.vcf; 1 company was added for them.',
    );
    const orders = { ...COUNTS, rows: 40, created: 12, companiesCreated: 3, fileName: 'orders.csv' };
    expect(countsNote(orders, 'orders', 'did')).toBe(
      '12 orders created from 40 rows of orders.csv; 3 companies were added for them.',
    );
    expect(countsNote(orders, 'orders', 'will')).toBe(
      '12 new orders from 40 rows of orders.csv; 3 companies will be added for them.',
    );
    const products = { ...COUNTS, rows: 9, created: 9, categoriesCreated: 3, fileName: 'prices.csv' };
    expect(countsNote(products, 'products', 'did')).toBe(
      '9 rows read from prices.csv; 3 categories were added.',
    );
    expect(madeParts({ ...COUNTS, companiesCreated: 1, categoriesCreated: 3 })).toEqual([
      '1 company added',
      '3 categories added',
    ]);
  });
});
