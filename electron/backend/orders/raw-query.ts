/**
 * Plain SQL text run through the book's statement cache (ctx.sql), so it is compiled once and the
 * plan tests can capture it like a kysely query. Used where a query is easier to read as SQL.
 */
import { CompiledQuery } from 'kysely';
import type { Ctx } from '../context.ts';

function compiled<O>(text: string, params: readonly unknown[]) {
  return { compile: () => CompiledQuery.raw(text, [...params]) as CompiledQuery<O> };
}

export function allRows<O>(ctx: Pick<Ctx, 'sql'>, text: string, params: readonly unknown[] = []): O[] {
  return ctx.sql.all(compiled<O>(text, params));
}

export function firstRow<O>(
  ctx: Pick<Ctx, 'sql'>,
  text: string,
  params: readonly unknown[] = [],
): O | undefined {
  return ctx.sql.first(compiled<O>(text, params));
}

/** Escapes % and _ for a LIKE pattern written with ESCAPE '\'. */
export function likeEscape(text: string): string {
  return text.replace(/[\\%_]/gu, (c) => `\\${c}`);
}
