/**
 * One record of a products file, read through the user's column mapping, as the product it would
 * become (issue 5).
 *
 * Cells are trimmed and read as people write them:
 *  - kind: product or service in a few languages and as other tools name them ("Service",
 *    "services", "Dienstleistung", "Non-inventory"...);
 *  - prices and costs in the book's locale (its decimal mark, shared/domain/csv.ts decimalOf),
 *    grouped or not, with a currency sign or code before or after the number ("£12.50",
 *    "12,50 €", "EUR 12.50"). A number that cannot be the locale's way but is plainly the other
 *    way ("12.50" in a German book) is read that way rather than taken as 1250 (all of it
 *    shared/domain/money.ts parseMoneyCell, as the orders import reads prices);
 *  - the tax rate as a percentage ("20", "20%", "17,5 %");
 *  - the currency as a code the book knows (any case), or a sign that names one currency;
 *  - active as yes/no, active/inactive, archived...
 * Prices become minor units only once the product's currency is known (the row's, else the
 * matched product's, else the one the price's sign names, else the book's): finishProduct().
 * Everything is then checked with the very schema products.create (or products.update, for a
 * matched product) uses, so an imported product obeys every rule a typed one does; each problem
 * names the file's line, the column it came from, the value and the reason.
 */
import type { z } from 'zod';
import { salesRequests } from '../../../shared/api/requests/sales.requests.ts';
import type { ProductField } from '../../../shared/domain/import-kinds.ts';
import { headerWords, parseYesNo } from '../../../shared/domain/import-mapping.ts';
import {
  currenciesNamed,
  moneyCellMessage,
  parseMoneyCell,
  parsePercent,
} from '../../../shared/domain/money.ts';
import type { CurrencyCode } from '../../../shared/domain/settings.ts';
import type { MappedRecord } from './import.run.ts';
import type { RowProblem } from './person-rows.ts';

/** What products.create takes, and products.update's patch (every field optional, no defaults). */
export const ProductInput = salesRequests['products.create'].input;
export const ProductPatch = salesRequests['products.update'].input.shape.patch;
export type ProductIn = z.input<typeof ProductPatch>;
export type ProductOut = z.output<typeof ProductPatch>;
export type NewProduct = z.output<typeof ProductInput>;

/** An amount as the cell gave it, before the product's currency is known (readPrice). */
export interface AmountCell {
  /** The cell, as written. */
  text: string;
  /** The book's decimal mark, to read it with. */
  decimal: '.' | ',';
  /** The currency sign or code written with it ("£", "EUR"), or null. */
  written: string | null;
  /** The currencies that sign or code can be (null: none written). */
  currencies: readonly CurrencyCode[] | null;
}

export interface ImportedProduct {
  line: number;
  /** What the row gives (mapped, non-blank cells), prices aside, as the request would take it. */
  given: Omit<ProductIn, 'unitPrice' | 'unitCost' | 'categoryId'>;
  unitPrice: AmountCell | null;
  unitCost: AmountCell | null;
  /** The category's name, as written. */
  category: string | null;
}

export type ProductRow = { ok: true; value: ImportedProduct } | { ok: false; problems: RowProblem[] };

/** The schema field a product field is checked as. */
const SCHEMA_KEY: Record<string, ProductField> = {
  name: 'name',
  sku: 'sku',
  kind: 'kind',
  unit: 'unit',
  unitPrice: 'unitPrice',
  unitCost: 'unitCost',
  taxRateBp: 'taxRate',
  currency: 'currency',
  active: 'active',
  description: 'description',
  categoryId: 'category',
};

const SERVICE_WORDS = new Set([
  'service',
  'services',
  'labour',
  'labor',
  'dienstleistung',
  'dienstleistungen',
  'leistung',
  'dienst',
  'diensten',
  'prestation',
  'prestations',
  'servicio',
  'servicios',
  'servizio',
  'servizi',
  'servico',
  'servicos',
  'tjanst',
  'tjanster',
  'tjeneste',
  'tjenester',
  'palvelu',
  'usluga',
  'uslugi',
  'dienstverlening',
]);
const PRODUCT_WORDS = new Set([
  'product',
  'products',
  'goods',
  'good',
  'item',
  'items',
  'article',
  'articles',
  'artikel',
  'ware',
  'waren',
  'produkt',
  'produkte',
  'produit',
  'produits',
  'producto',
  'productos',
  'prodotto',
  'prodotti',
  'producten',
  'produto',
  'produtos',
  'vara',
  'varor',
  'tuote',
  'towar',
  'inventory',
  'inventoryitem',
  'noninventory',
  'noninventoryitem',
  'stock',
  'stockitem',
  'physical',
]);

/** "Service", "services", "Dienstleistung" → service; "Product", "Goods", "Inventory" → product. */
export function parseProductKind(text: string): 'product' | 'service' | null {
  const t = headerWords(text);
  if (SERVICE_WORDS.has(t)) return 'service';
  if (PRODUCT_WORDS.has(t)) return 'product';
  return null;
}

// "Offered" is how Ledgerline's own Products export writes an active product.
const ACTIVE_WORDS = new Set([
  'active',
  'offered',
  'enabled',
  'available',
  'live',
  'instock',
  'current',
  'forsale',
]);
const INACTIVE_WORDS = new Set([
  'inactive',
  'disabled',
  'archived',
  'discontinued',
  'unavailable',
  'retired',
  'outofstock',
  'notforsale',
]);

/** Yes/no, or a status: active, archived, discontinued... */
export function parseActive(text: string): boolean | null {
  const yes = parseYesNo(text);
  if (yes !== null) return yes;
  const t = headerWords(text);
  if (ACTIVE_WORDS.has(t)) return true;
  if (INACTIVE_WORDS.has(t)) return false;
  return null;
}

/**
 * A price or cost cell (shared/domain/money.ts parseMoneyCell), read before the product's
 * currency is known: a reason when no currency could make it an amount, else what it names, to
 * choose the currency by. priceIn() reads it again in that currency.
 */
export function readPrice(text: string, decimal: '.' | ','): AmountCell | { reason: string } {
  const read = parseMoneyCell(text, { decimal, currency: null });
  const cell = (written: string | null, currencies: readonly CurrencyCode[] | null): AmountCell => ({
    text,
    decimal,
    written,
    currencies,
  });
  if (read.ok) return cell(read.written, read.currency ? [read.currency] : null);
  const { problem } = read;
  switch (problem.reason) {
    // What only the product's currency can settle waits for it.
    case 'no-currency':
      return cell(null, null);
    case 'ambiguous':
      return cell(problem.written, problem.currencies);
    case 'too-many-decimals':
      return cell(null, [problem.currency]);
    default:
      return { reason: moneyCellMessage(problem, decimal) };
  }
}

/** The amount in the product's currency's minor units, or the reason it cannot be. */
export function priceIn(cell: AmountCell, currency: string): number | { reason: string } {
  const other = (written: string) => ({
    reason: `This amount is in ${written}, but the product’s prices are in ${currency}.`,
  });
  const read = parseMoneyCell(cell.text, { decimal: cell.decimal, currency: currency as CurrencyCode });
  if (read.ok) return read.currency && read.currency !== currency ? other(read.written!) : read.minor;
  const { problem } = read;
  if (problem.reason === 'ambiguous') return other(problem.written);
  if (problem.reason === 'too-many-decimals' && problem.currency !== currency) {
    return other(problem.currency);
  }
  return { reason: moneyCellMessage(problem, cell.decimal) };
}

/** A currency cell: a code the book knows (any case), or a sign that names one currency. */
function currencyOf(text: string): string {
  const found = currenciesNamed(text);
  return found?.length === 1 ? found[0]! : text.toUpperCase();
}

export function productFromRecord(
  record: MappedRecord<ProductField>,
  columnOf: (field: ProductField) => string,
  decimal: '.' | ',',
): ProductRow {
  const { line, get } = record;
  const problems: RowProblem[] = [];
  const problem = (field: ProductField | null, reason: string) =>
    problems.push({
      line,
      column: field ? columnOf(field) : '',
      value: field ? (get(field) ?? '') : '',
      reason,
    });

  const given: ImportedProduct['given'] = {};
  for (const f of ['name', 'sku', 'unit', 'description'] as const) {
    const v = get(f);
    if (v) given[f] = v;
  }
  const kind = get('kind');
  if (kind) {
    const k = parseProductKind(kind);
    if (k) given.kind = k;
    else problem('kind', 'Write product or service.');
  }
  const tax = get('taxRate');
  if (tax) {
    const bp = parsePercent(tax);
    if (bp !== null) given.taxRateBp = bp;
    else problem('taxRate', 'Not a tax rate: write a percentage from 0 to 100, such as 20 or 17.5 %.');
  }
  const currency = get('currency');
  if (currency) {
    if (currenciesNamed(currency)?.length === 1 || /^[a-z]{3}$/iu.test(currency)) {
      given.currency = currencyOf(currency) as CurrencyCode;
    } else {
      const some = currenciesNamed(currency);
      problem(
        'currency',
        some
          ? `Say which currency: ${some.join(', ')}.`
          : 'Choose a currency Ledgerline knows, such as GBP, EUR or USD.',
      );
    }
  }
  const active = get('active');
  if (active) {
    const yes = parseActive(active);
    if (yes === null) problem('active', 'Write yes or no (or leave it empty).');
    else given.active = yes;
  }
  const amounts: Pick<ImportedProduct, 'unitPrice' | 'unitCost'> = { unitPrice: null, unitCost: null };
  for (const f of ['unitPrice', 'unitCost'] as const) {
    const v = get(f);
    if (!v) continue;
    const read = readPrice(v, decimal);
    if ('reason' in read) problem(f, read.reason);
    else amounts[f] = read;
  }
  const category = get('category') ?? null;
  if (category && category.length > 80) problem('category', 'Keep the category name under 80 characters.');

  // What can be checked before the book is looked at (the prices wait for the currency).
  const checked = ProductPatch.safeParse(given);
  if (!checked.success) problems.push(...schemaProblems(checked.error.issues, line, get, columnOf));
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { line, given, ...amounts, category } };
}

function schemaProblems(
  issues: readonly z.core.$ZodIssue[],
  line: number,
  get: (field: ProductField) => string | undefined,
  columnOf: (field: ProductField) => string,
): RowProblem[] {
  return issues.map((issue) => {
    const field = SCHEMA_KEY[String(issue.path[0])];
    return {
      line,
      column: field ? columnOf(field) : '',
      value: field ? (get(field) ?? '') : '',
      reason: issue.message,
    };
  });
}

/**
 * The row as products.create or products.update would take it, once the product's currency is
 * known: prices in minor units, checked with the request's own schema. For a new product, the
 * result has every default a typed one gets; for an update, only what the row gives.
 */
export function finishProduct(
  product: ImportedProduct,
  record: Pick<MappedRecord<ProductField>, 'get'>,
  columnOf: (field: ProductField) => string,
  currency: string,
  mode: 'create',
): { ok: true; value: NewProduct } | { ok: false; problems: RowProblem[] };
export function finishProduct(
  product: ImportedProduct,
  record: Pick<MappedRecord<ProductField>, 'get'>,
  columnOf: (field: ProductField) => string,
  currency: string,
  mode: 'update',
): { ok: true; value: ProductOut } | { ok: false; problems: RowProblem[] };
export function finishProduct(
  product: ImportedProduct,
  record: Pick<MappedRecord<ProductField>, 'get'>,
  columnOf: (field: ProductField) => string,
  currency: string,
  mode: 'create' | 'update',
): { ok: true; value: NewProduct | ProductOut } | { ok: false; problems: RowProblem[] } {
  const { line } = product;
  const { get } = record;
  const problems: RowProblem[] = [];
  const problem = (field: ProductField | null, reason: string) =>
    problems.push({
      line,
      column: field ? columnOf(field) : '',
      value: field ? (get(field) ?? '') : '',
      reason,
    });
  const input: ProductIn = { ...product.given };
  for (const f of ['unitPrice', 'unitCost'] as const) {
    const cell = product[f];
    if (!cell) continue;
    const minor = priceIn(cell, currency);
    if (typeof minor === 'number') input[f] = minor;
    else problem(f, minor.reason);
  }
  if (mode === 'create') {
    if (!input.name) problem('name', 'No name: a new product needs a name.');
    if (input.unitPrice === undefined && !product.unitPrice) {
      problem('unitPrice', 'No unit price: a new product needs one.');
    }
  }
  if (problems.length > 0) return { ok: false, problems };
  input.currency = currency as CurrencyCode;
  const checked = mode === 'create' ? ProductInput.safeParse(input) : ProductPatch.safeParse(input);
  if (!checked.success) {
    return { ok: false, problems: schemaProblems(checked.error.issues, line, get, columnOf) };
  }
  return { ok: true, value: checked.data };
}
