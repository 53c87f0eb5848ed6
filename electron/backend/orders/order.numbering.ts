/**
 * Order numbers and references. The number is sequential: the highest number in the book (live or
 * in the Trash) plus one, read in the write transaction that uses it (one probe of the UNIQUE index),
 * so two orders never share one. The reference is the prefix at the time plus the zero-padded
 * number ("ORD-00042") and never changes afterwards.
 *
 * The prefix is stored in the settings table under its own key, `orders.prefix` (a JSON string),
 * beside the book settings; readSettings() ignores keys it does not know, so it does not show in
 * settings.get. orders.setPrefix changes it; the default is DEFAULT_ORDER_PREFIX.
 */
import { AppError } from '../../../shared/api/errors.ts';
import { DEFAULT_ORDER_PREFIX, formatReference, type OrderNumbering } from '../../../shared/domain/sales.ts';
import type { WriteScope } from '../../db/changes.ts';
import type { Ctx } from '../context.ts';
import { plucked, prepared } from '../people/prepared.ts';

export const PREFIX_KEY = 'orders.prefix';

export function readPrefix(ctx: Ctx): string {
  const raw = plucked(ctx, `SELECT value FROM settings WHERE key = ?`).get(PREFIX_KEY) as string | undefined;
  if (raw === undefined) return DEFAULT_ORDER_PREFIX;
  const value: unknown = JSON.parse(raw);
  return typeof value === 'string' ? value : DEFAULT_ORDER_PREFIX;
}

export function writePrefix(ctx: Ctx, scope: WriteScope, prefix: string): void {
  prepared(
    ctx,
    `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
  ).run(PREFIX_KEY, JSON.stringify(prefix));
  scope.change('settings', PREFIX_KEY, 'update');
}

export function nextNumber(ctx: Ctx): number {
  return (plucked(ctx, `SELECT coalesce(max(number), 0) + 1 FROM orders`).get() as number) ?? 1;
}

export function numbering(ctx: Ctx): OrderNumbering {
  const prefix = readPrefix(ctx);
  const number = nextNumber(ctx);
  return { prefix, nextNumber: number, nextReference: formatReference(prefix, number) };
}

/** The next number and its reference, for an order being made in this transaction. */
export function allocateReference(ctx: Ctx): { number: number; reference: string } {
  const { nextNumber: number, nextReference: reference } = numbering(ctx);
  const clash = plucked(ctx, `SELECT id FROM orders WHERE reference = ?`).get(reference);
  if (clash !== undefined) {
    throw new AppError(
      'CONFLICT',
      `The next reference, ${reference}, is already used by an older order. Change the order prefix.`,
      { reference },
    );
  }
  return { number, reference };
}
