/**
 * An erasure overwrites what it frees (issue 6): a word that only she had (in her name, a note, a
 * call's summary, an email, a consent's note) is nowhere in the book file or its -wal file
 * afterwards, even after edits that left older copies of her rows in free space.
 *
 * The write's own secure_delete is proven apart, on rows written once (so no older copy exists)
 * and without the rewrite that follows an erasure: with it the word is gone, and without it the
 * word is still in the file, so the test would catch the pragma not taking effect in WAL mode.
 */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { eraseInScope, withSecureDelete } from '../../../electron/backend/privacy/erase.run.ts';
import { salesBook, type SalesBook } from '../sales/sales.fixtures.ts';
import { expectSound } from './privacy.fixtures.ts';

const MARKER = 'Qzvkmarker';

/** Which of the book's files hold the marker, as bytes (UTF-8, and UTF-16 in case). */
function filesHolding(b: SalesBook, marker: string): string[] {
  const file = b.book.path;
  const out: string[] = [];
  for (const [name, path] of [
    ['book', file],
    ['wal', `${file}-wal`],
  ] as const) {
    if (!fs.existsSync(path)) continue;
    const bytes = fs.readFileSync(path);
    const lower = marker.toLowerCase();
    if (
      bytes.includes(marker) ||
      bytes.includes(lower) ||
      bytes.includes(Buffer.from(marker, 'utf16le')) ||
      bytes.includes(Buffer.from(lower, 'utf16le'))
    ) {
      out.push(name);
    }
  }
  return out;
}

/** A person whose name, note, call, email and consent carry the marker; returns their id. */
async function markedPerson(b: SalesBook): Promise<string> {
  const c = b.client;
  const p = await c.call('people.create', {
    person: {
      givenName: MARKER,
      familyName: 'Quill',
      emails: [{ label: 'home', email: `${MARKER.toLowerCase()}@home.example` }],
      phones: [{ label: 'mobile', number: '07700 900999' }],
      address: { street: `1 ${MARKER} Lane`, city: 'Bath' },
    },
  });
  await c.call('notes.create', { personId: p.id, body: `Told us about ${MARKER} in confidence` });
  await c.call('calls.log', {
    call: {
      personId: p.id,
      direction: 'in',
      startedAt: Date.UTC(2026, 10, 20, 9),
      durationS: 60,
      outcome: 'connected',
      summary: `${MARKER} wants a quote for a desk`,
    },
  });
  await c.call('consents.record', {
    personId: p.id,
    purpose: 'Post',
    decision: 'granted',
    decidedAt: Date.UTC(2026, 10, 1),
    method: 'paper_form',
    note: `Form signed by ${MARKER}`,
  });
  // Edits leave older copies of her rows in the pages' free space.
  await c.call('people.update', { id: p.id, patch: { jobTitle: 'Buyer', address: { city: 'Bath Spa' } } });
  // Plenty of other people and notes, so pages are shared and nothing is only in a page of its own.
  for (let i = 0; i < 40; i++) {
    const other = await c.call('people.create', { person: { givenName: `Other${i}`, familyName: 'Person' } });
    await c.call('notes.create', { personId: other.id, body: `Note number ${i} about something ordinary` });
  }
  // Everything so far copied from the -wal file into the book, so both are read.
  b.book.sqlite.pragma('wal_checkpoint(TRUNCATE)');
  return p.id;
}

describe('privacy.erase overwrites what it frees', () => {
  it('leaves no trace of her words in the book or its -wal file', async () => {
    const b = await salesBook();
    const id = await markedPerson(b);
    expect(filesHolding(b, MARKER)).toContain('book');

    const done = await b.client.call('privacy.erase', { personId: id, confirmName: `${MARKER} Quill` });
    expect(done.compacted).toBe(true);
    expect(done.journalCleared).toBe(true);
    expect(fs.existsSync(`${b.book.path}-wal`) ? fs.statSync(`${b.book.path}-wal`).size : 0).toBe(0);
    expect(filesHolding(b, MARKER)).toEqual([]);
    expect(filesHolding(b, 'home.example')).toEqual([]);
    expectSound(b);
  });
});

describe("the erasure's write with secure_delete", () => {
  /** A person and a note written once each (no older copies anywhere), in the book file. */
  function writtenOnce(b: SalesBook): string {
    const db = b.book.sqlite;
    db.prepare(
      `INSERT INTO people (id, given_name, family_name, display_name, sort_key, created_at, updated_at)
       VALUES ('once', ?, 'Quill', ?, ?, 0, 0)`,
    ).run(MARKER, `${MARKER} Quill`, `quill ${MARKER.toLowerCase()}`);
    db.prepare(
      `INSERT INTO notes (id, person_id, body, created_at, updated_at) VALUES ('n-once', 'once', ?, 0, 0)`,
    ).run(`A note about ${MARKER}`);
    for (let i = 0; i < 200; i++) {
      db.prepare(
        `INSERT INTO notes (id, person_id, body, created_at, updated_at) VALUES (?, 'bob', ?, 0, 0)`,
      ).run(`n-${i}`, `Bob's note number ${i}, with some words to fill the pages`);
    }
    db.pragma('wal_checkpoint(TRUNCATE)');
    expect(filesHolding(b, MARKER)).toEqual(['book']);
    return 'once';
  }

  function erase(b: SalesBook, id: string): void {
    const ctx = b.backend.ctx;
    ctx.writer.write((scope) =>
      eraseInScope(ctx, scope, {
        personId: id,
        confirmName: `${MARKER} Quill`,
        keepOrders: true,
        reason: null,
      }),
    );
  }

  it('zeroes what it deletes, in WAL mode, once the journal is copied back', async () => {
    const b = await salesBook();
    const id = writtenOnce(b);
    const db = b.book.sqlite;
    withSecureDelete(db, () => {
      expect(db.pragma('secure_delete', { simple: true })).toBe(1);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      erase(b, id);
    });
    // The zeroed pages are in the -wal file, the old ones still in the book...
    expect(filesHolding(b, MARKER)).toEqual(['book']);
    db.pragma('wal_checkpoint(TRUNCATE)');
    // ...until the checkpoint copies them over.
    expect(filesHolding(b, MARKER)).toEqual([]);
    // Back to the book's own setting (FAST: every connection overwrites on pages it writes anyway).
    expect(db.pragma('secure_delete', { simple: true })).toBe(2);
  });

  it('would leave them in the file without it (the control: this test can fail)', async () => {
    const b = await salesBook();
    const id = writtenOnce(b);
    b.book.sqlite.pragma('secure_delete = OFF');
    erase(b, id);
    b.book.sqlite.pragma('wal_checkpoint(TRUNCATE)');
    expect(filesHolding(b, MARKER)).toEqual(['book']);
  });
});
