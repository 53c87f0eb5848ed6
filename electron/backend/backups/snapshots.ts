/**
 * Snapshots on disk: taking one, listing them, deleting one.
 *
 * A snapshot is `<book>-<reason>-<UTC time>.sqlite` in the snapshots folder (the name openBook
 * gives its copy before an update too, with reason 'before-update'), written by writeBackupFile
 * (online backup API, temporary name, fsync, rename, quick_check). Beside it goes a small JSON
 * sidecar, `<file>.json`, with its reason, time, size, schema version and live record counts, so
 * the list reads a few bytes per snapshot instead of opening big files. A snapshot without one
 * (older copies, files put there by hand) is opened read-only once to learn the same, and the
 * sidecar is written then. A file that is not a book of ours, is damaged or comes from a newer
 * Ledgerline gets `problem` text, and restore refuses it.
 *
 * After every automatic snapshot, and whenever the list is read, rotation (rotation.ts) deletes
 * the automatic snapshots of this book it no longer keeps. Manual snapshots, and files whose
 * names are not this book's snapshots, are never deleted by it.
 */
import fs from 'node:fs';
import path from 'node:path';
import type Database from 'better-sqlite3-multiple-ciphers';
import { AppError } from '../../../shared/api/errors.ts';
import {
  SNAPSHOT_REASONS,
  type SnapshotInfo,
  type SnapshotReason,
  type SnapshotRecord,
} from '../../../shared/api/requests/backups.requests.ts';
import { quickCheckAll, writeBackupFile } from '../../db/backup-file.ts';
import type { BookKey } from '../../db/cipher.ts';
import { SCHEMA_VERSION } from '../../db/migrations.ts';
import { backupFileName, CHECK_LATER_ABOVE } from '../../db/open.ts';
import type { Ctx } from '../context.ts';
import type { JobControl } from '../jobs/job.ts';
import { snapshotsFolder } from './backup-settings.ts';
import { localDay, rotation, type RotationEntry } from './rotation.ts';
import {
  damagedText,
  DAMAGED,
  hasSqliteHeader,
  isCorruption,
  liveCounts,
  newerText,
  NOT_OURS,
  foreignText,
  NOT_SQLITE,
  readFacts,
  withReadOnly,
} from './snapshot-facts.ts';

const SIDECAR_FORMAT = 'ledgerline-snapshot';

interface Sidecar {
  format: typeof SIDECAR_FORMAT;
  version: 1;
  reason: SnapshotReason;
  takenAt: number;
  bytes: number;
  /**
   * The file's modification time when the sidecar was written: a file changed since (replaced,
   * tampered with, encrypted) is looked at again instead of being trusted from its sidecar.
   */
  mtimeMs?: number;
  /**
   * The book that took it (its path): two books whose snapshots share a folder (and a file name,
   * customer-book) rotate only their own. Absent in sidecars written before it was recorded.
   */
  book?: string;
  schemaVersion: number | null;
  counts: Record<SnapshotRecord, number> | null;
  problem: string | null;
}

const NAME = new RegExp(
  `^(.+)-(${SNAPSHOT_REASONS.join('|')})-(\\d{4}-\\d{2}-\\d{2})T(\\d{2})-(\\d{2})-(\\d{2})-(\\d{3})Z(?:-\\d+)?\\.sqlite$`,
  'u',
);

/** The book, reason and time a snapshot's name gives; null for a name that is not a snapshot's. */
export function parseSnapshotName(
  name: string,
): { book: string; reason: SnapshotReason; takenAt: number } | null {
  const m = NAME.exec(name);
  if (!m) return null;
  const [, book, reason, date, h, min, s, ms] = m as unknown as string[];
  const takenAt = Date.parse(`${date}T${h}:${min}:${s}.${ms}Z`);
  if (Number.isNaN(takenAt)) return null;
  return { book: book!, reason: reason as SnapshotReason, takenAt };
}

const bookBase = (ctx: Ctx) => path.basename(ctx.deps.book.path, path.extname(ctx.deps.book.path));

/** The book a snapshot's sidecar says took it, whatever else the sidecar says. */
const takenBy = (json: Partial<Sidecar> | undefined): string | undefined =>
  typeof json?.book === 'string' ? json.book : undefined;

/**
 * Whether a snapshot is this book's: named for it, and not taken by another book of the same
 * name (its sidecar says which; one that does not say counts as this book's). `json` is read only
 * when the name matches.
 */
function isOwn(
  ctx: Ctx,
  parsed: ReturnType<typeof parseSnapshotName>,
  json: () => Partial<Sidecar> | undefined,
): boolean {
  if (parsed === null || parsed.book !== bookBase(ctx)) return false;
  const taker = takenBy(json());
  return taker === undefined || samePath(taker, ctx.deps.book.path);
}

/** What a snapshot's name says when it is this book's (isOwn), else null. */
function ownSnapshot(ctx: Ctx, folder: string, name: string): ReturnType<typeof parseSnapshotName> {
  const parsed = parseSnapshotName(name);
  return isOwn(ctx, parsed, () => sidecarJson(path.join(folder, name))) ? parsed : null;
}

function samePath(a: string, b: string): boolean {
  const norm = (p: string) =>
    process.platform === 'win32' ? path.resolve(p).toLowerCase() : path.resolve(p);
  return norm(a) === norm(b);
}

/** Makes the snapshots folder when it is not there yet. */
export function ensureFolder(folder: string): void {
  try {
    fs.mkdirSync(folder, { recursive: true });
  } catch (err) {
    throw new AppError(
      'READ_ONLY',
      `Ledgerline cannot make the snapshots folder ${folder} (${(err as NodeJS.ErrnoException).code ?? 'refused'}), so no snapshot was taken. Choose another folder for snapshots. The book itself was not changed.`,
      { folder },
    );
  }
}

/** The path of a snapshot named in a request: a file in the snapshots folder, never the book. */
export function resolveSnapshot(ctx: Ctx, file: string): string {
  const folder = snapshotsFolder(ctx);
  const full = path.join(folder, file);
  if (path.basename(file) !== file || path.dirname(full) !== path.resolve(folder)) {
    throw new AppError('VALIDATION', 'Choose a snapshot from the list (a file name, not a path).', {
      path: 'file',
    });
  }
  if (samePath(full, ctx.deps.book.path)) {
    throw new AppError('VALIDATION', `${file} is the customer book itself, not a snapshot of it.`, {
      path: 'file',
    });
  }
  if (file.startsWith('.') || !fs.statSync(full, { throwIfNoEntry: false })?.isFile()) {
    throw new AppError(
      'NOT_FOUND',
      `There is no snapshot called ${file} in ${folder}: it may have been deleted or moved. Choose one from the list.`,
      { file, folder },
    );
  }
  return full;
}

// ---- sidecars -------------------------------------------------------------------------------

const sidecarPath = (full: string) => `${full}.json`;

/** A snapshot's sidecar as written, not yet checked (undefined: none, or not a JSON object). */
function sidecarJson(full: string): Partial<Sidecar> | undefined {
  try {
    const v: unknown = JSON.parse(fs.readFileSync(sidecarPath(full), 'utf8'));
    return typeof v === 'object' && v !== null ? (v as Partial<Sidecar>) : undefined;
  } catch {
    return undefined;
  }
}

/** The sidecar when it can be trusted for this file as it is now, else null. */
function soundSidecar(v: Partial<Sidecar> | undefined, st: fs.Stats): Sidecar | null {
  const sound =
    v !== undefined &&
    v.format === SIDECAR_FORMAT &&
    typeof v.takenAt === 'number' &&
    (SNAPSHOT_REASONS as readonly unknown[]).includes(v.reason) &&
    // A file changed since its sidecar was written is looked at again.
    v.bytes === st.size &&
    v.mtimeMs === Math.round(st.mtimeMs);
  return sound ? (v as Sidecar) : null;
}

function writeSidecar(full: string, sidecar: Sidecar): void {
  const tmp = path.join(path.dirname(full), `.${path.basename(full)}.json.partial`);
  try {
    fs.writeFileSync(tmp, JSON.stringify(sidecar, null, 2));
    fs.renameSync(tmp, sidecarPath(full));
  } catch {
    // Only a shortcut for the list: without it the snapshot is read again next time.
    fs.rmSync(tmp, { force: true });
  }
}

function removeSnapshot(full: string): void {
  for (const f of [full, sidecarPath(full), `${full}-journal`, `${full}-wal`, `${full}-shm`]) {
    fs.rmSync(f, { force: true });
  }
}

// ---- taking ---------------------------------------------------------------------------------

function megabytes(bytes: number): string {
  return `${(bytes / 1e6).toFixed(bytes < 1e7 ? 1 : 0)} MB`;
}

/** Refuses at once when the folder's drive cannot hold a copy of the book (statfs, when it works). */
function checkRoom(source: Database.Database, folder: string): void {
  let free: number;
  try {
    const fsInfo = fs.statfsSync(folder);
    free = fsInfo.bavail * fsInfo.bsize;
  } catch {
    return;
  }
  const pageSize = source.pragma('page_size', { simple: true }) as number;
  const pages = source.pragma('page_count', { simple: true }) as number;
  const needed = pageSize * pages;
  if (needed > free) {
    throw new AppError(
      'DISK_FULL',
      `There is not enough room in ${folder} for a snapshot: it needs about ${megabytes(needed)} and ${megabytes(free)} are free. Free some space, or choose another folder for snapshots. The book itself was not changed.`,
      { folder, needed, free },
    );
  }
}

function newName(ctx: Ctx, folder: string, reason: SnapshotReason, at: number): string {
  const base = backupFileName(ctx.deps.book.path, reason, at);
  for (let n = 1; ; n++) {
    const name = n === 1 ? base : base.replace(/\.sqlite$/u, `-${n}.sqlite`);
    if (!fs.existsSync(path.join(folder, name))) return name;
  }
}

/** A temporary file not written to for this long is left from a copy that was killed. */
const STALE_PARTIAL_MS = 60 * 60 * 1000;

/**
 * Removes what killed copies left behind (`.<name>.partial`, and sidecars half written): a copy in
 * progress writes to its file all the time, so an old one is no one's.
 */
function removeStalePartials(folder: string): void {
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith('.') || !name.endsWith('.partial')) continue;
    const full = path.join(folder, name);
    try {
      if (Date.now() - fs.statSync(full).mtimeMs > STALE_PARTIAL_MS) fs.rmSync(full, { force: true });
    } catch {
      // Gone meanwhile, or not ours to remove: left alone.
    }
  }
}

export interface TakeOptions {
  /**
   * Keep the copy even when quick_check fails, with its problem noted: the copy taken before a
   * restore of a book already found damaged (that book fails the check too).
   */
  keepDamaged?: boolean;
  /** A snapshot rotation must not delete this time (the one a restore is about to copy from). */
  spare?: string;
}

const DAMAGED_BOOK_COPY =
  'This is a copy of the book as it was when it was found damaged (quick_check failed): it cannot be restored.';

export async function takeSnapshot(
  ctx: Ctx,
  reason: SnapshotReason,
  job: JobControl,
  options: TakeOptions = {},
): Promise<SnapshotInfo> {
  const folder = snapshotsFolder(ctx);
  ensureFolder(folder);
  removeStalePartials(folder);
  const source = ctx.sql.raw;
  checkRoom(source, folder);
  const takenAt = ctx.clock();
  const file = newName(ctx, folder, reason, takenAt);
  const full = path.join(folder, file);
  const message = reason === 'manual' || reason === 'daily' ? 'Taking a snapshot' : 'Taking a snapshot first';
  job.step(0, null, message);
  const done = await writeBackupFile(source, full, {
    progress: (pages, total) => job.step(pages, total, message),
    keepDamaged: options.keepDamaged ?? false,
    key: ctx.deps.book.key,
    inspect: (copy) => ({ facts: readFacts(copy), counts: liveCounts(copy) }),
  });
  const sidecar: Sidecar = {
    format: SIDECAR_FORMAT,
    version: 1,
    reason,
    takenAt,
    bytes: done.bytes,
    mtimeMs: Math.round(fs.statSync(full).mtimeMs),
    book: ctx.deps.book.path,
    schemaVersion: done.inspected?.facts.schemaVersion ?? null,
    counts: done.inspected?.counts ?? null,
    problem: done.problems.length > 0 ? DAMAGED_BOOK_COPY : null,
  };
  writeSidecar(full, sidecar);
  if (reason !== 'manual') rotate(ctx, folder, takenAt, options.spare);
  return { file, ...infoOf(sidecar), keptAs: reason === 'manual' ? 'manual' : 'recent' };
}

function infoOf(s: Sidecar): Omit<SnapshotInfo, 'file' | 'keptAs'> {
  const newer = s.schemaVersion !== null && s.schemaVersion > SCHEMA_VERSION;
  return {
    takenAt: s.takenAt,
    reason: s.reason,
    bytes: s.bytes,
    schemaVersion: s.schemaVersion,
    counts: s.counts,
    problem: s.problem ?? (newer ? newerText(s.schemaVersion!) : null),
  };
}

// ---- listing --------------------------------------------------------------------------------

/** What a snapshot without a sidecar holds, read from the file itself (read-only). */
function inspectFile(
  full: string,
  bytes: number,
  key: BookKey | null,
): Pick<Sidecar, 'schemaVersion' | 'counts' | 'problem'> {
  const none = { schemaVersion: null, counts: null };
  try {
    if (!hasSqliteHeader(full) && !key) return { ...none, problem: NOT_SQLITE };
    return withReadOnly(
      full,
      (db) => {
        const facts = readFacts(db);
        if (!facts.ours) return { ...none, problem: NOT_OURS };
        if (facts.foreign) return { ...none, problem: foreignText(facts.foreign) };
        if (facts.newer)
          return {
            schemaVersion: facts.schemaVersion,
            counts: null,
            problem: newerText(facts.schemaVersion),
          };
        // A big file is checked when it is restored, not each time the list is read.
        const problems = bytes <= CHECK_LATER_ABOVE ? quickCheckAll(db) : [];
        if (problems.length > 0)
          return { schemaVersion: facts.schemaVersion, counts: null, problem: damagedText(problems) };
        return { schemaVersion: facts.schemaVersion, counts: liveCounts(db), problem: null };
      },
      key,
    );
  } catch (err) {
    if (isCorruption(err)) return { ...none, problem: DAMAGED };
    return {
      ...none,
      problem: `Ledgerline cannot read this file (${(err as NodeJS.ErrnoException).code ?? 'refused'}).`,
    };
  }
}

interface Listed {
  info: Omit<SnapshotInfo, 'keptAs'>;
  /** One of this book's snapshots by its name: rotation may delete it. */
  rotates: boolean;
}

function describe(ctx: Ctx, folder: string, name: string): Listed | null {
  const full = path.join(folder, name);
  const st = fs.statSync(full, { throwIfNoEntry: false });
  if (!st?.isFile()) return null;
  const parsed = parseSnapshotName(name);
  // The sidecar is read once: it says who took the snapshot and, when sound, what it holds.
  const json = sidecarJson(full);
  const rotates = isOwn(ctx, parsed, () => json);
  let sidecar = soundSidecar(json, st);
  if (!sidecar) {
    const facts = inspectFile(full, st.size, ctx.deps.book.key);
    const book = takenBy(json);
    sidecar = {
      format: SIDECAR_FORMAT,
      version: 1,
      reason: parsed?.reason ?? 'manual',
      takenAt: parsed?.takenAt ?? Math.round(st.mtimeMs),
      bytes: st.size,
      mtimeMs: Math.round(st.mtimeMs),
      ...(book === undefined ? {} : { book }),
      ...facts,
    };
    if (facts.problem === null) writeSidecar(full, sidecar);
  }
  return { info: { file: name, ...infoOf(sidecar) }, rotates };
}

function snapshotNames(ctx: Ctx, folder: string): string[] {
  let names: string[];
  try {
    names = fs.readdirSync(folder);
  } catch {
    return []; // no folder yet: no snapshots
  }
  return names.filter(
    (n) => n.endsWith('.sqlite') && !n.startsWith('.') && !samePath(path.join(folder, n), ctx.deps.book.path),
  );
}

/** Deletes this book's automatic snapshots that rotation no longer keeps; returns what it kept. */
function prune(folder: string, entries: readonly RotationEntry[], now: number) {
  const kept = rotation(entries, now);
  for (const [name, why] of kept) {
    if (why === null) {
      try {
        removeSnapshot(path.join(folder, name));
      } catch {
        // Tried again after the next snapshot.
      }
    }
  }
  return kept;
}

/** This book's snapshots by their names (what rotation works on). */
function rotating(ctx: Ctx, folder: string): RotationEntry[] {
  return snapshotNames(ctx, folder).flatMap((name) => {
    const parsed = ownSnapshot(ctx, folder, name);
    return parsed ? [{ name, takenAt: parsed.takenAt, reason: parsed.reason }] : [];
  });
}

function rotate(ctx: Ctx, folder: string, now: number, spare?: string): void {
  prune(
    folder,
    rotating(ctx, folder).filter((e) => e.name !== spare),
    now,
  );
}

/** Every snapshot in the folder, newest first (this book's expired automatic ones are deleted). */
export function listSnapshots(ctx: Ctx): SnapshotInfo[] {
  const folder = snapshotsFolder(ctx);
  const listed = snapshotNames(ctx, folder).flatMap((n) => describe(ctx, folder, n) ?? []);
  const kept = prune(
    folder,
    listed
      .filter((l) => l.rotates)
      .map((l) => ({ name: l.info.file, takenAt: l.info.takenAt, reason: l.info.reason })),
    ctx.clock(),
  );
  return listed
    .flatMap((l): SnapshotInfo[] => {
      if (!l.rotates) return [{ ...l.info, keptAs: 'manual' }];
      const why = kept.get(l.info.file);
      return why ? [{ ...l.info, keptAs: why }] : [];
    })
    .sort((a, b) => b.takenAt - a.takenAt || (a.file < b.file ? 1 : -1));
}

/** One snapshot's entry (for the one a restore copies from), without rotating anything. */
export function describeSnapshot(ctx: Ctx, file: string): SnapshotInfo {
  const folder = snapshotsFolder(ctx);
  const listed = describe(ctx, folder, file);
  if (!listed) throw new AppError('NOT_FOUND', `There is no snapshot called ${file} in ${folder}.`);
  const keptAs = listed.rotates ? rotation(rotating(ctx, folder), ctx.clock()).get(file) : 'manual';
  return { ...listed.info, keptAs: keptAs ?? 'recent' };
}

/** A snapshot of this book was taken today (local day), whatever the reason. */
export function takenToday(ctx: Ctx): boolean {
  const today = localDay(ctx.clock());
  const folder = snapshotsFolder(ctx);
  return snapshotNames(ctx, folder).some((n) => {
    const parsed = ownSnapshot(ctx, folder, n);
    return parsed !== null && localDay(parsed.takenAt) === today;
  });
}

export function deleteSnapshot(ctx: Ctx, file: string): void {
  removeSnapshot(resolveSnapshot(ctx, file));
}

/**
 * This book's snapshot files, by full path: those named for it in the snapshots folder and in the
 * default folder beside the book (where copies before an update go). What encrypting or
 * decrypting the book converts with it; other books' snapshots in a shared folder are left alone.
 */
export function bookSnapshotFiles(ctx: Ctx): string[] {
  const folders = [snapshotsFolder(ctx), ctx.deps.backupsDir].filter(
    (f, i, all) => all.findIndex((g) => samePath(f, g)) === i,
  );
  return folders.flatMap((folder) =>
    snapshotNames(ctx, folder)
      .filter((n) => ownSnapshot(ctx, folder, n) !== null)
      .map((n) => path.join(folder, n)),
  );
}
