/** How the Audit trail screen says an event: what was done, to which record, by whom. */
import type { AuditCount, AuditEvent } from '../../../shared/api/requests/audit.requests.ts';
import { ACTION_WORDS, RECORD_WORDS } from '../../../shared/domain/audit.ts';

/** "Changed", "Moved to the Trash", "Imported"... */
export function eventTitle(event: AuditEvent): string {
  return ACTION_WORDS[event.action];
}

/** "Person · Ann Lee"; for bulk work, what it did ("Tag 150 people “VIP”"). */
export function recordText(event: AuditEvent): string {
  if (event.table) {
    const kind = RECORD_WORDS[event.table].one;
    if (event.label) return `${kind} · ${event.label}`;
    return event.forgotten ? `${kind} · erased` : kind;
  }
  return event.summary ?? '';
}

/** The staff profile that did it; Ledgerline itself for what it does on its own. */
export function whoText(event: AuditEvent): string {
  if (event.staffName) return event.staffName;
  return event.staffId ? 'A profile no longer in the book' : 'Ledgerline';
}

/** "150 people added", "1 tag added": what a bulk change touched, kind by kind. */
export function countLines(counts: readonly AuditCount[], number: (n: number) => string): string[] {
  const out: string[] = [];
  for (const c of counts) {
    const words = RECORD_WORDS[c.table];
    const noun = (n: number) => `${number(n)} ${n === 1 ? words.one.toLowerCase() : words.many}`;
    if (c.created > 0) out.push(`${noun(c.created)} added`);
    if (c.changed > 0) out.push(`${noun(c.changed)} changed`);
    if (c.deleted > 0) out.push(`${noun(c.deleted)} removed`);
  }
  return out;
}
