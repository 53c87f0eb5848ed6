/**
 * Keeping the trail for as long as the user chose: events older than that are removed, in small
 * chunks, each its own short write on the main thread, with the event loop free between them, so
 * requests go on while a large trail is shortened. It runs when the book opens (once it has been
 * checked), once a day while the app stays open, and when the user shortens the time. One event
 * says how many were removed.
 */
import { AppError } from '../../../shared/api/errors.ts';
import { KEEP_FOR_LABELS, keepCutoff } from '../../../shared/domain/audit.ts';
import type { Ctx } from '../context.ts';
import { prepared } from '../people/prepared.ts';
import { recordAudit } from './audit.record.ts';
import { readKeepFor } from './audit.settings.ts';

/** Events removed per write: a few milliseconds each. */
export const PRUNE_CHUNK = 1000;
const DAY_MS = 86_400_000;

const running = new WeakMap<Ctx, Promise<number>>();

const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
/** Writes are held back (a write job, or the book's check): wait for the job, and a moment at least. */
export const heldBack = (ctx: Ctx) =>
  Promise.all([ctx.jobs.writesIdle(), new Promise((resolve) => setTimeout(resolve, 50))]);

/**
 * Removes the events older than the chosen time; resolves with how many were removed. A prune
 * already running is joined rather than started again. `stopped` is asked between chunks (the
 * book is closing).
 */
export function pruneAudit(ctx: Ctx, stopped: () => boolean = () => false): Promise<number> {
  const current = running.get(ctx);
  if (current) return current;
  const work = (async () => {
    const keepFor = readKeepFor(ctx);
    const cutoff = keepCutoff(keepFor, ctx.clock());
    if (cutoff === null) return 0;
    let removed = 0;
    while (!stopped()) {
      let n: number;
      try {
        n = ctx.writer.write(
          () =>
            prepared(
              ctx,
              `DELETE FROM audit_events WHERE id IN (SELECT id FROM audit_events WHERE at < ? ORDER BY at LIMIT ?)`,
            ).run(cutoff, PRUNE_CHUNK).changes,
        );
      } catch (err) {
        // A long write job (an import) holds main-thread writes back: wait for it.
        if (err instanceof AppError && err.code === 'BUSY') {
          await heldBack(ctx);
          continue;
        }
        throw err;
      }
      removed += n;
      if (n < PRUNE_CHUNK) break;
      await nextTurn();
    }
    if (removed > 0 && !stopped()) {
      await recordAudit(ctx, {
        action: 'prune',
        summary: `Removed ${removed.toLocaleString('en-GB')} ${removed === 1 ? 'event' : 'events'} older than ${KEEP_FOR_LABELS[keepFor].toLowerCase()}, as the trail is kept for ${KEEP_FOR_LABELS[keepFor].toLowerCase()}`,
        count: removed,
      });
    }
    return removed;
  })().finally(() => running.delete(ctx));
  running.set(ctx, work);
  return work;
}

/**
 * Prunes once `ready` settles (the book's check), then once a day; returns the function that
 * stops it (the book is closing). Failures are logged, never thrown.
 */
export function startAuditPruning(
  ctx: Ctx,
  ready: Promise<unknown>,
  log: (message: string, err?: unknown) => void,
): () => void {
  let stopped = false;
  const isStopped = () => stopped;
  const prune = () =>
    void pruneAudit(ctx, isStopped).catch((err: unknown) => {
      if (!stopped) log('the audit trail could not be shortened', err);
    });
  void ready.then(() => {
    if (!stopped && !ctx.bookState.damage().damaged) prune();
  });
  const timer = setInterval(() => {
    if (!ctx.bookState.damage().damaged) prune();
  }, DAY_MS);
  timer.unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
