/** A product as its form holds it (typed text), and turning it into a request with inline errors. */
import { AppError } from '../../../shared/api/errors.ts';
import type { RequestInput } from '../../../shared/api/requests.ts';
import type { Product, ProductKind } from '../../../shared/domain/sales.ts';
import type { CurrencyCode } from '../../../shared/domain/settings.ts';
import { messageOf } from '../../api/errors.ts';
import { amountText, parseAmountText, parsePercent, percentText } from '../orders/money-text.ts';

export interface ProductDraft {
  sku: string;
  name: string;
  kind: ProductKind;
  categoryId: string;
  unit: string;
  price: string;
  cost: string;
  tax: string;
  currency: string;
  active: boolean;
  description: string;
}

export type ProductField = 'sku' | 'name' | 'categoryId' | 'unit' | 'price' | 'cost' | 'tax' | 'description';

export function blankProduct(currency: string): ProductDraft {
  return {
    sku: '',
    name: '',
    kind: 'product',
    categoryId: '',
    unit: 'each',
    price: '',
    cost: '',
    tax: '',
    currency,
    active: true,
    description: '',
  };
}

export function productDraftOf(p: Product, locale: string): ProductDraft {
  return {
    sku: p.sku ?? '',
    name: p.name,
    kind: p.kind,
    categoryId: p.categoryId ?? '',
    unit: p.unit,
    price: amountText(p.unitPrice, p.currency, locale),
    cost: p.unitCost ? amountText(p.unitCost, p.currency, locale) : '',
    tax: p.taxRateBp ? percentText(p.taxRateBp, locale) : '',
    currency: p.currency,
    active: p.active,
    description: p.description ?? '',
  };
}

type ProductInput = RequestInput<'products.create'>;

/** The request, or the fields that cannot be read (checked as the person types). */
export function productInput(
  d: ProductDraft,
  locale: string,
): { input: ProductInput; errors: null } | { input: null; errors: Partial<Record<ProductField, string>> } {
  const errors: Partial<Record<ProductField, string>> = {};
  if (!d.name.trim()) errors.name = 'Give the product a name.';
  const price = d.price.trim() === '' ? null : parseAmountText(d.price, d.currency, locale);
  if (d.price.trim() === '') errors.price = 'Give the unit price, such as 12.50.';
  else if (price === null) errors.price = `“${d.price.trim()}” is not an amount. Type it like 12.50.`;
  const cost = d.cost.trim() === '' ? 0 : parseAmountText(d.cost, d.currency, locale);
  if (cost === null)
    errors.cost = `“${d.cost.trim()}” is not an amount. Type it like 7.25, or leave it empty.`;
  const tax = d.tax.trim() === '' ? 0 : parsePercent(d.tax);
  if (tax === null) errors.tax = 'Type the tax rate as a percent from 0 to 100, such as 20.';
  if (!d.unit.trim()) errors.unit = 'Give the unit, such as “each” or “hour”.';
  if (Object.keys(errors).length > 0 || price === null || cost === null || tax === null) {
    return { input: null, errors };
  }
  return {
    input: {
      ...(d.sku.trim() ? { sku: d.sku.trim() } : {}),
      name: d.name.trim(),
      kind: d.kind,
      categoryId: d.categoryId || null,
      unit: d.unit.trim(),
      unitPrice: price,
      unitCost: cost,
      taxRateBp: tax,
      currency: d.currency as CurrencyCode,
      active: d.active,
      ...(d.description.trim() ? { description: d.description.trim() } : {}),
    },
    errors: null,
  };
}

const FIELD_OF: Record<string, ProductField> = {
  sku: 'sku',
  name: 'name',
  categoryId: 'categoryId',
  unit: 'unit',
  unitPrice: 'price',
  unitCost: 'cost',
  taxRateBp: 'tax',
  description: 'description',
};

/** The book's answer, placed on the fields it names ("patch.sku" is the SKU). */
export function productErrors(err: unknown): {
  fields: Partial<Record<ProductField, string>>;
  form: string | null;
} {
  const fields: Partial<Record<ProductField, string>> = {};
  let form: string | null = null;
  const issues =
    err instanceof AppError
      ? (err.details as { issues?: { path: string; message: string }[] } | undefined)?.issues
      : undefined;
  for (const issue of issues ?? []) {
    const f = FIELD_OF[issue.path.replace(/^patch\./u, '')];
    if (f) fields[f] ??= issue.message;
    else form ??= issue.message;
  }
  if (!issues?.length) {
    // A SKU clash comes as CONFLICT naming the field in its path or message.
    if (err instanceof AppError && /SKU/u.test(err.message)) fields.sku = err.message;
    else form = messageOf(err);
  }
  return { fields, form };
}
