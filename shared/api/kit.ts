/** Building blocks of the contract's schemas, with messages a person can act on. */
import { z } from 'zod';
import { maskCardNumbers } from '../domain/card-numbers.ts';
import { isIsoDate } from '../domain/dates.ts';

/** A type carrier: the output type lives in the map without a runtime schema. */
export const returns = <T>(): T => undefined as unknown as T;

export const id = z.string().min(1, 'An id is required.').max(64, 'That id is too long.');
export const name = z.string().trim().min(1, 'Enter a name.').max(200, 'Keep the name under 200 characters.');
export const email = z.email('Enter an email address like name@example.com.').max(320);
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/u, 'Use a date like 2026-03-31.')
  .refine(isIsoDate, 'That date does not exist.');
export const epochMs = z.number().int('Use a whole number of milliseconds.').min(0).max(8.64e15);
/** Optional free text: trimmed, empty becomes null. */
export const text = (max: number, label = 'This') =>
  z
    .string()
    .trim()
    .max(max, `${label} must be under ${max} characters.`)
    .transform((s) => (s === '' ? null : s))
    .nullable();
/** Text a person types freely: a payment card number in it is masked to its last four digits. */
export const cardSafe = (s: string) => maskCardNumbers(s).text;
/** Optional free text (notes, descriptions): as text(), with card numbers masked (card-numbers.ts). */
export const freeText = (max: number, label = 'This') =>
  text(max, label).transform((s) => (s === null ? null : cardSafe(s)));
export const limit = (max: number, fallback: number) => z.number().int().min(1).max(max).default(fallback);
/** An opaque keyset cursor handed back by a list request. */
export const cursor = z.string().max(1000).nullable().optional();

/** Tables the renderer can watch. The change log names these. */
export const TABLES = [
  'settings',
  'staff',
  'people',
  'companies',
  'calls',
  'tasks',
  'notes',
  'tags',
  'custom_fields',
  'list_values',
  'batches',
  'product_categories',
  'products',
  'orders',
  'deal_stages',
  'deals',
  'cases',
  /** Privacy (electron/backend/privacy): the consent ledger and the record of erasures. */
  'consents',
  'consent_withdrawals',
  'erasures',
  /** The audit trail: every write adds to it (electron/backend/audit). */
  'audit',
] as const;
export type TableName = (typeof TABLES)[number];

export interface RequestDef {
  kind: 'query' | 'mutation';
  reads: readonly TableName[];
  input: z.ZodType;
  output: unknown;
  /** The answer (a Page) crosses the transport with its rows packed (shared/api/packed.ts). */
  packed?: true;
}
