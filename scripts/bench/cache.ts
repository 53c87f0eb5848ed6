/**
 * Generated books are cached by seed and size (and by what shapes them: the schema as the app's
 * migrations make it, the faker version and the generator's version), so only the first run of a
 * size pays for building it.
 * Measurements never touch the cached file: each run works on a copy in a temp folder.
 *
 *   ~/.cache/ledgerline/bench/s<seed>-n<contacts>-<hash>/customer-book.sqlite, probes.json, meta.json
 *   (LEDGERLINE_BENCH_CACHE or --cache DIR moves it)
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { MIGRATION_NAMES } from '../../electron/db/migrations.ts';
import { BOOK_FILE_NAME } from '../../electron/backend/book.ts';
import { openBook } from '../../electron/db/open.ts';
import { generateBook } from './generate/generate.ts';
import type { BookMeta, Probes } from './generate/probes.ts';

/** Bump when the generator's output changes, so old cached books are built again. */
export const GENERATOR_VERSION = 4;

export function defaultCacheRoot(): string {
  return process.env.LEDGERLINE_BENCH_CACHE ?? path.join(os.homedir(), '.cache', 'ledgerline', 'bench');
}

function fakerVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('@faker-js/faker/package.json') as { version: string }).version;
}

/**
 * What a new book's schema looks like: every CREATE statement and the rows migrations insert
 * (list values), from a throw-away book made by the app's own openBook. Any schema change, even
 * inside an existing migration, gives another fingerprint and so another cached book.
 */
export async function schemaFingerprint(): Promise<string> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerline-bench-schema-'));
  try {
    const book = await openBook(path.join(dir, BOOK_FILE_NAME));
    try {
      const schema = book.sqlite
        .prepare(`SELECT type, name, sql FROM sqlite_schema ORDER BY type, name`)
        .all();
      const lists = book.sqlite.prepare(`SELECT * FROM list_values ORDER BY list, value`).all();
      return JSON.stringify({ migrations: MIGRATION_NAMES, schema, lists });
    } finally {
      await book.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function bookKey(seed: number, contacts: number): Promise<string> {
  const hash = crypto
    .createHash('sha256')
    .update(
      JSON.stringify({ g: GENERATOR_VERSION, schema: await schemaFingerprint(), faker: fakerVersion() }),
    )
    .digest('hex')
    .slice(0, 10);
  return `s${seed}-n${contacts}-${hash}`;
}

export interface CachedBook {
  dir: string;
  file: string;
  meta: BookMeta;
  probes: Probes;
  /** True when this call built it. */
  built: boolean;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readCached(dir: string): CachedBook | null {
  const file = path.join(dir, BOOK_FILE_NAME);
  const metaFile = path.join(dir, 'meta.json');
  const probesFile = path.join(dir, 'probes.json');
  if (!fs.existsSync(file) || !fs.existsSync(metaFile) || !fs.existsSync(probesFile)) return null;
  return {
    dir,
    file,
    meta: JSON.parse(fs.readFileSync(metaFile, 'utf8')) as BookMeta,
    probes: JSON.parse(fs.readFileSync(probesFile, 'utf8')) as Probes,
    built: false,
  };
}

/** The cached book of this seed and size, built first when missing (or when `rebuild`). */
export async function ensureBook(options: {
  root: string;
  seed: number;
  contacts: number;
  rebuild?: boolean;
  log: (message: string) => void;
}): Promise<CachedBook> {
  const key = await bookKey(options.seed, options.contacts);
  const dir = path.join(options.root, key);
  fs.mkdirSync(options.root, { recursive: true });
  // Books of the same seed and size built for another schema or generator cannot be used again;
  // half-built ones whose builder has gone neither.
  const prefix = `s${options.seed}-n${options.contacts}-`;
  for (const name of fs.readdirSync(options.root)) {
    const tmp = /\.tmp-(\d+)$/u.exec(name);
    const stale = name.startsWith(prefix) && !name.startsWith(key);
    if (stale || (tmp && !pidAlive(Number(tmp[1])))) {
      options.log(`Removing the stale cached book ${name}`);
      fs.rmSync(path.join(options.root, name), { recursive: true, force: true });
    }
  }
  if (options.rebuild) fs.rmSync(dir, { recursive: true, force: true });
  const cached = readCached(dir);
  if (cached) return cached;

  options.log(
    `Generating a book of ${options.contacts.toLocaleString('en')} people (seed ${options.seed}) in ${dir}`,
  );
  const tmp = `${dir}.tmp-${process.pid}`;
  fs.rmSync(tmp, { recursive: true, force: true });
  try {
    const { meta, probes } = await generateBook({
      contacts: options.contacts,
      seed: options.seed,
      dir: tmp,
      key,
      log: options.log,
    });
    // Only the book itself is kept (no lock or backups folder).
    for (const name of fs.readdirSync(tmp)) {
      if (name !== BOOK_FILE_NAME) fs.rmSync(path.join(tmp, name), { recursive: true, force: true });
    }
    fs.writeFileSync(path.join(tmp, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
    fs.writeFileSync(path.join(tmp, 'probes.json'), `${JSON.stringify(probes, null, 2)}\n`);
    fs.renameSync(tmp, dir);
  } catch (err) {
    fs.rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  const built = readCached(dir);
  if (!built) throw new Error(`The generated book is missing from ${dir}`);
  return { ...built, built: true };
}

/**
 * A private copy of the cached book for one run (writes and the app's open leave the cache as it
 * was). A copy-on-write clone where the file system can; a plain copy elsewhere.
 */
export function copyForRun(book: CachedBook): { dir: string; file: string; remove(): void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerline-bench-run-'));
  const file = path.join(dir, BOOK_FILE_NAME);
  fs.copyFileSync(book.file, file, fs.constants.COPYFILE_FICLONE);
  return { dir, file, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
