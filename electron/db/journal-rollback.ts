/**
 * Rolls back a hot rollback journal by copying its pages into the database file, as SQLite's
 * pager does (pager_playback), but without a connection to the database.
 *
 * Why: re-keying an encrypted book (cipher.ts, rekeyFile) rewrites every page in one transaction,
 * so a kill half-way leaves a journal of the original pages, exactly as they were on disk. SQLite
 * can only roll that back through a connection, and no connection can do it right once the
 * rewrite has reached page 1: keyed, SQLite3 Multiple Ciphers reads the page key's salt from page
 * 1, which is now plain, and refuses the file; unkeyed, it plays the journal back and then
 * misreads the book (a decryption killed at 80% of the way was left "malformed", every row lost
 * for any key). The journal's pages need no key: copied back byte for byte, they are the book as
 * it was.
 *
 * The journal's format (https://www.sqlite.org/fileformat.html#the_rollback_journal): one or more
 * segments, each a header padded to the sector size (magic, record count, checksum nonce, the
 * database's size in pages before the transaction, sector size, page size) and then its records
 * (page number, the page, a checksum). SQLite writes a segment's record count, and its magic, only
 * once the records are synced, and no page of the database is overwritten before that: so the
 * counted records are whole, and a segment still counted 0 was never used. The checksums are not
 * checked: SQLite3 Multiple Ciphers sums the page as it reads, while the journal holds it
 * encrypted, so without the key they cannot be (and SQLite's own check is why an unkeyed
 * connection stops at the first record and then throws the journal away). A journal without a
 * count (0xffffffff, written only in no-sync mode, never by Ledgerline) is left to SQLite. The
 * file is cut back to its size before the transaction, synced, and only then is the journal
 * deleted.
 */
import fs from 'node:fs';

const MAGIC = Buffer.from([0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7]);
const HEADER_BYTES = 28;

/** Is there a journal that SQLite would call hot: present, and starting with a segment header? */
export function hasHotJournal(file: string): boolean {
  const journal = `${file}-journal`;
  let fd: number;
  try {
    fd = fs.openSync(journal, 'r');
  } catch {
    return false;
  }
  try {
    const head = Buffer.alloc(MAGIC.length);
    return fs.readSync(fd, head, 0, head.length, 0) === head.length && head.equals(MAGIC);
  } finally {
    fs.closeSync(fd);
  }
}

/**
 * Plays `file`'s hot journal back into it and deletes the journal. Returns the number of pages
 * written back, or null when there is no hot journal (nothing is touched then). Nothing else may
 * have the file open.
 */
export function rollBackJournal(file: string): number | null {
  if (!hasHotJournal(file)) return null;
  const journal = `${file}-journal`;
  // Read a piece at a time: the journal of a re-key is as large as the book (15 GB at a million
  // people), more than one buffer holds.
  const jfd = fs.openSync(journal, 'r');
  let fd: number | null = null;
  let restored = 0;
  try {
    const size = fs.fstatSync(jfd).size;
    const header = Buffer.alloc(HEADER_BYTES);
    const readHeader = (at: number) =>
      at + HEADER_BYTES <= size &&
      fs.readSync(jfd, header, 0, HEADER_BYTES, at) === HEADER_BYTES &&
      header.subarray(0, MAGIC.length).equals(MAGIC);
    if (!readHeader(0)) return null;
    const originalPages = header.readUInt32BE(16);
    const pageSize = header.readUInt32BE(24);
    // A header SQLite would not have written: leave the journal to SQLite.
    const powerOfTwo = (n: number, min: number) => n >= min && n <= 65536 && (n & (n - 1)) === 0;
    if (!powerOfTwo(pageSize, 512) || !powerOfTwo(header.readUInt32BE(20), 32)) return null;
    const record = Buffer.alloc(4 + pageSize + 4);
    fd = fs.openSync(file, 'r+');
    // Each page is in the journal once (SQLite journals a page once per transaction).
    segments: for (let at = 0; readHeader(at);) {
      const records = header.readUInt32BE(8);
      const sector = header.readUInt32BE(20);
      // No count: a no-sync journal, whose records cannot be told whole without their checksums.
      if (records === 0xffffffff || !powerOfTwo(sector, 32)) return null;
      let offset = at + sector;
      for (let r = 0; r < records; r++, offset += record.length) {
        // Counted but cut short (the journal was not synced whole): SQLite would stop here too.
        if (fs.readSync(jfd, record, 0, record.length, offset) !== record.length) break segments;
        const pgno = record.readUInt32BE(0);
        if (pgno === 0) break segments;
        if (pgno > originalPages) continue;
        fs.writeSync(fd, record, 4, pageSize, (pgno - 1) * pageSize);
        restored++;
      }
      // The next segment's header starts on the next sector boundary.
      at = Math.ceil(offset / sector) * sector;
    }
    fs.ftruncateSync(fd, originalPages * pageSize);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(jfd);
    if (fd !== null) fs.closeSync(fd);
  }
  fs.rmSync(journal, { force: true });
  return restored;
}
