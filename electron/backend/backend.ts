/**
 * createBackend({ book, clock, ids, emit, ... }): the whole backend as a plain Node library.
 * Nothing is module-global, so a test opens a temp book and calls it directly.
 *
 * invoke(name, input) never throws: it validates the input with the contract's schema, runs
 * the handler and returns an envelope. Unexpected errors are logged here and cross the
 * boundary only as { code: 'INTERNAL', message }.
 */
import type { z } from 'zod';
import { AppError, type Envelope } from '../../shared/api/errors.ts';
import { isRequestName, requests, type RequestName } from '../../shared/api/requests.ts';
import { createWriter } from '../db/changes.ts';
import { createSql } from '../db/query.ts';
import { mapStorageError } from '../db/sqlite-errors.ts';
import type { BackendDeps, Ctx } from './context.ts';
import { handlers } from './handlers.ts';
import { readSettings } from './settings/settings.store.ts';

export interface Backend {
  invoke(name: unknown, input: unknown): Promise<Envelope<unknown>>;
  /** The context handlers run with (tests and the demo seeder write through it). */
  ctx: Ctx;
  close(): Promise<void>;
}

function validationError(error: z.ZodError): AppError {
  const issues = error.issues.map((i) => ({
    path: i.path.map(String).join('.'),
    message: i.message,
  }));
  const first = issues[0];
  const where = first?.path ? ` (${first.path})` : '';
  return new AppError('VALIDATION', `${first?.message ?? 'The request is not valid.'}${where}`, { issues });
}

export function createBackend(deps: BackendDeps): Backend {
  const sql = createSql(deps.book.sqlite);
  let currentStaff: string | null | undefined;
  const ctx: Ctx = {
    q: deps.book.db,
    sql,
    clock: deps.clock,
    ids: deps.ids,
    deps,
    currentStaffId: () => {
      if (currentStaff === undefined) currentStaff = readSettings(ctx).currentStaffId;
      return currentStaff ?? null;
    },
    writer: createWriter({
      sql,
      clock: deps.clock,
      staffId: () => ctx.currentStaffId(),
      onCommit: (event) => {
        if (event.tables.includes('settings')) currentStaff = undefined;
        deps.emit('db.changed', event);
      },
    }),
  };
  const log = deps.log ?? ((message: string, err?: unknown) => console.error(message, err));

  async function invoke(rawName: unknown, input: unknown): Promise<Envelope<unknown>> {
    const name = rawName;
    if (!isRequestName(name)) {
      return {
        ok: false,
        error: {
          code: 'UNKNOWN_REQUEST',
          message: `There is no request called ${JSON.stringify(String(name)).slice(0, 80)}.`,
        },
      };
    }
    const parsed = (requests[name].input as z.ZodType).safeParse(input);
    if (!parsed.success) return { ok: false, error: validationError(parsed.error).toData() };
    try {
      const handler = handlers[name] as (input: unknown, ctx: Ctx) => unknown;
      const value = await handler(parsed.data, ctx);
      return { ok: true, value };
    } catch (err) {
      const mapped = mapStorageError(err);
      if (mapped) return { ok: false, error: mapped.toData() };
      log(`request ${name} failed`, err);
      return {
        ok: false,
        error: {
          code: 'INTERNAL',
          message:
            'Something went wrong inside Ledgerline, so nothing was changed. Try again; if it keeps happening, restart the app.',
        },
      };
    }
  }

  return {
    invoke,
    ctx,
    close: () => deps.book.close(),
  };
}

export type { RequestName };
