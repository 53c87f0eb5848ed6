/**
 * The line of an order or a deal, as a request gives it. Money is integer minor units, quantity
 * thousandths of a unit, discount and tax basis points (shared/domain/money.ts). A line names a
 * product (its price, tax, cost and name fill what the line leaves out) or is free text with a
 * description and a price.
 */
import { z } from 'zod';
import { cardSafe, id } from '../kit.ts';

const minor = (what: string) =>
  z
    .number()
    .int(`${what} is a whole number of minor units (pence, cents).`)
    .min(0, `${what} cannot be negative.`)
    .max(1e13, `${what} is too large.`);
const basisPoints = (what: string) =>
  z
    .number()
    .int(`${what} is a whole number of basis points (20 % is 2000).`)
    .min(0, `${what} cannot be negative.`)
    .max(10_000, `${what} cannot be over 100 %.`);

export const lineInput = z.strictObject({
  productId: id.nullable().optional(),
  description: z
    .string()
    .trim()
    .max(500, 'Keep the description under 500 characters.')
    .transform(cardSafe)
    .optional(),
  /** Thousandths of a unit: 2.5 hours is 2500. */
  quantity: z
    .number()
    .int('The quantity is a whole number of thousandths of a unit.')
    .min(0, 'The quantity cannot be negative.')
    .max(1e12, 'The quantity is too large.'),
  unitPrice: minor('The unit price').optional(),
  discountBp: basisPoints('The discount').default(0),
  taxRateBp: basisPoints('The tax rate').optional(),
  unitCost: minor('The unit cost').optional(),
});

export type LineInputValue = z.output<typeof lineInput>;

export const linesInput = z.array(lineInput).max(500, 'An order can have up to 500 lines.');
