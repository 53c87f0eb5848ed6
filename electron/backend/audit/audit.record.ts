/**
 * Events that come with no change to the book: an export reads the book in a job of its own and
 * writes a file, so the trail records it afterwards, in a write of its own on the main thread.
 */
import { AppError } from '../../../shared/api/errors.ts';
import type { Ctx } from '../context.ts';
import { PRESETS } from '../export/presets.ts';
import { noteAudit, type AuditNote } from './audit.capture.ts';

/** The writer may be held back by a long write job (an import) this many times in a row. */
const HELD_BACK_TRIES = 20;

/**
 * Records one event in a write of its own. A write job running (an import) holds main-thread
 * writes back: this waits for it. The trail must not turn a finished export into a failure, so
 * a write that cannot be made (a damaged book takes no writes) is logged and left.
 */
export async function recordAudit(ctx: Ctx, note: AuditNote): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      ctx.writer.write((scope) => {
        noteAudit(scope, note);
        // So that a window catching up (changes.since) learns that the trail changed.
        scope.change('audit', note.action, 'insert');
      });
      return;
    } catch (err) {
      if (err instanceof AppError && err.code === 'BUSY' && attempt < HELD_BACK_TRIES) {
        await Promise.all([ctx.jobs.writesIdle(), new Promise((resolve) => setTimeout(resolve, 50))]);
        continue;
      }
      ctx.deps.log?.(`the audit trail could not record an event (${note.action})`, err);
      return;
    }
  }
}

const LIST_WORDS: Record<string, string> = {
  people: 'contacts',
  companies: 'companies',
  calls: 'calls',
  orders: 'orders',
  deals: 'deals',
  leads: 'leads',
  cases: 'cases',
  products: 'products',
};

const plural = (n: number, one: string, many: string) =>
  `${n.toLocaleString('en-GB')} ${n === 1 ? one : many}`;

/** What an export was, in words, and the record it was about (a person's data). */
export function exportNote(
  job: string,
  input: Record<string, unknown>,
  done: { file: string; rows: number },
): AuditNote {
  const nested = (input.input ?? input.request ?? {}) as Record<string, unknown>;
  const to = ` to ${done.file}`;
  switch (job) {
    case 'export.list': {
      const list = LIST_WORDS[String(nested.list)] ?? 'records';
      return {
        action: 'export',
        summary: `Exported ${plural(done.rows, list.replace(/s$/u, ''), list)}${to}`,
        count: done.rows,
      };
    }
    case 'export.preset': {
      const preset = PRESETS[String(nested.preset) as keyof typeof PRESETS];
      const title = preset ? `“${preset.title}”` : 'a report';
      return { action: 'export', summary: `Exported ${title} for the accountant${to}`, count: done.rows };
    }
    case 'export.everything':
      return { action: 'export', summary: `Exported everything in the book${to}`, count: done.rows };
    case 'export.vcard': {
      const ids = Array.isArray(nested.ids) ? (nested.ids as string[]) : [];
      if (ids.length === 1) {
        return {
          action: 'export',
          summary: `Exported a vCard${to}`,
          record: { table: 'people', id: ids[0]! },
          count: 1,
        };
      }
      return {
        action: 'export',
        summary: `Exported ${plural(ids.length, 'vCard', 'vCards')}${to}`,
        count: ids.length,
      };
    }
    case 'export.person':
      return {
        action: 'export',
        summary: `Exported everything the book holds about them${to}`,
        record: { table: 'people', id: String(nested.personId) },
        count: done.rows,
      };
    case 'audit.export':
      return {
        action: 'export',
        summary: `Exported ${plural(done.rows, 'line', 'lines')} of the audit trail${to}`,
        count: done.rows,
      };
    default:
      return { action: 'export', summary: `Exported a file${to}`, count: done.rows };
  }
}
