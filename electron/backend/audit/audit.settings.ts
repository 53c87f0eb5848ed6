/**
 * How long the audit trail is kept: the book's settings table, key 'audit' (so it travels with the
 * book, as the snapshots' settings do), e.g. {"keepFor":"6y"}. Unset, or unreadable: the default
 * (DEFAULT_KEEP_FOR, six years: see shared/domain/audit.ts for why).
 */
import { DEFAULT_KEEP_FOR, KEEP_FOR, type KeepFor } from '../../../shared/domain/audit.ts';
import type { WriteScope } from '../../db/changes.ts';
import type { Ctx } from '../context.ts';

export const AUDIT_SETTINGS_KEY = 'audit';

export function readKeepFor(ctx: Pick<Ctx, 'sql'>): KeepFor {
  const value = ctx.sql.raw
    .prepare(`SELECT value FROM settings WHERE key = ?`)
    .pluck()
    .get(AUDIT_SETTINGS_KEY) as string | undefined;
  if (value === undefined) return DEFAULT_KEEP_FOR;
  try {
    const keepFor = (JSON.parse(value) as { keepFor?: unknown }).keepFor;
    return (KEEP_FOR as readonly unknown[]).includes(keepFor) ? (keepFor as KeepFor) : DEFAULT_KEEP_FOR;
  } catch {
    return DEFAULT_KEEP_FOR;
  }
}

export function writeKeepFor(ctx: Pick<Ctx, 'sql'>, scope: WriteScope, keepFor: KeepFor): void {
  ctx.sql.raw
    .prepare(
      `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`,
    )
    .run(AUDIT_SETTINGS_KEY, JSON.stringify({ keepFor }));
  scope.change('settings', AUDIT_SETTINGS_KEY, 'update');
}
