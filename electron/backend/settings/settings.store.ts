/** Settings live as JSON values in a key/value table; reads fall back to the defaults. */
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/domain/settings.ts';
import type { WriteScope } from '../../db/changes.ts';
import type { Ctx } from '../context.ts';

type Key = keyof Settings & string;

export function readSettings(ctx: Ctx): Settings {
  const rows = ctx.sql.all(ctx.q.selectFrom('settings').select(['key', 'value']));
  const out: Settings = { ...DEFAULT_SETTINGS };
  for (const row of rows) {
    if (Object.hasOwn(DEFAULT_SETTINGS, row.key)) {
      (out as unknown as Record<string, unknown>)[row.key] = JSON.parse(row.value);
    }
  }
  return out;
}

export function writeSettings(ctx: Ctx, scope: WriteScope, patch: Partial<Settings>): void {
  for (const [key, value] of Object.entries(patch) as [Key, unknown][]) {
    if (value === undefined) continue;
    ctx.sql.run(
      ctx.q
        .insertInto('settings')
        .values({ key, value: JSON.stringify(value) })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(value) })),
    );
    scope.change('settings', key, 'update');
  }
}
