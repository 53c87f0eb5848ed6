/**
 * The crash harness (issue 6): the backend runs in a child process on a real book
 * (crash.child.ts) and writes a random mix of single edits, logged calls, imports and merges; it
 * is killed with SIGKILL at a random moment, run after run, on the same book. After every kill the
 * book must pass integrity_check and foreign_key_check, every write the child saw return must be
 * there, every import must be whole or absent, and the next run must open the book as the app
 * does (the stale lock and the WAL of the killed process included).
 *
 * One run in eight is killed while the book is opening (before the child says it is ready); the
 * others at a random moment in the first 5 s of writing.
 */
import { fork } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3-multiple-ciphers';
import { bookPathIn } from '../../electron/backend/book.ts';
import { mulberry32, type CrashMessage, type CrashOp } from './crash.protocol.ts';

const CHILD = path.join(path.dirname(fileURLToPath(import.meta.url)), 'crash.child.ts');

export interface CrashReport {
  seed: number;
  runs: number;
  /** Runs ended by SIGKILL (a run whose child died on its own is a violation, not a kill). */
  kills: number;
  /** Writes begun, and writes that returned before the kill. */
  begun: number;
  acked: number;
  /** Writes that returned, by kind (create, rename, call, import, merge). */
  byKind: Record<CrashOp['kind'], number>;
  violations: string[];
}

/** What the book must hold, from what the children said. */
interface Model {
  /** Per person, the family names they were given, in order, and whether each write returned. */
  names: Map<string, { familyName: string; acked: boolean }[]>;
  calls: Map<string, string>;
  merged: Set<string>;
  /** Imports by their tag: rows in the file, and the batch when it returned. */
  imports: Map<string, { rows: number; batchId?: string }>;
}

export async function runCrashHarness(options: {
  dir: string;
  runs: number;
  seed: number;
  onRun?: (run: number, report: CrashReport) => void;
}): Promise<CrashReport> {
  const random = mulberry32(options.seed);
  const report: CrashReport = {
    seed: options.seed,
    runs: 0,
    kills: 0,
    begun: 0,
    acked: 0,
    byKind: { create: 0, rename: 0, call: 0, import: 0, merge: 0 },
    violations: [],
  };
  const model: Model = { names: new Map(), calls: new Map(), merged: new Set(), imports: new Map() };
  for (let run = 0; run < options.runs; run++) {
    const duringOpen = run > 0 && random() < 1 / 8;
    const delay = Math.floor(random() * (duringOpen ? 400 : 5000));
    const outcome = await oneRun(options.dir, options.seed, run, duringOpen, delay, model, report);
    report.runs++;
    if (outcome.killed) report.kills++;
    else report.violations.push(`run ${run}: ${outcome.why}`);
    for (const v of checkBook(bookPathIn(options.dir), model)) report.violations.push(`run ${run}: ${v}`);
    options.onRun?.(run, report);
  }
  return report;
}

function oneRun(
  dir: string,
  seed: number,
  run: number,
  duringOpen: boolean,
  delay: number,
  model: Model,
  report: CrashReport,
): Promise<{ killed: true } | { killed: false; why: string }> {
  return new Promise((resolve) => {
    const child = fork(CHILD, [dir, String(seed), String(run)], {
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    child.stderr!.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString('utf8')).slice(-4000);
    });
    let killedByUs = false;
    const kill = () => {
      killedByUs = true;
      child.kill('SIGKILL');
    };
    let timer: NodeJS.Timeout | null = duringOpen ? setTimeout(kill, delay) : null;
    // A child that never gets ready is stuck, not crashed: that is a violation too.
    const stuck = setTimeout(() => {
      if (!killedByUs) {
        stderr += '\n(no progress in 60 s)';
        child.kill('SIGKILL');
      }
    }, 60_000);
    child.on('message', (message: CrashMessage) => {
      if (killedByUs) return;
      if (message.type === 'ready') {
        timer ??= setTimeout(kill, delay);
      } else {
        record(model, message.type, message.op);
        if (message.type === 'begin') report.begun++;
        else {
          report.acked++;
          report.byKind[message.op.kind]++;
        }
      }
    });
    child.on('exit', (code, signal) => {
      if (timer) clearTimeout(timer);
      clearTimeout(stuck);
      if (killedByUs && signal === 'SIGKILL') resolve({ killed: true });
      else resolve({ killed: false, why: `the child ended by itself (${signal ?? code}): ${stderr.trim()}` });
    });
  });
}

function record(model: Model, type: 'begin' | 'ack', op: CrashOp): void {
  const acked = type === 'ack';
  switch (op.kind) {
    case 'create':
      if (acked && op.id) model.names.set(op.id, [{ familyName: op.familyName, acked: true }]);
      break;
    case 'rename': {
      const seen = model.names.get(op.id) ?? [];
      const last = seen.at(-1);
      if (acked && last?.familyName === op.familyName) last.acked = true;
      else seen.push({ familyName: op.familyName, acked });
      model.names.set(op.id, seen);
      break;
    }
    case 'call':
      if (acked && op.id) model.calls.set(op.id, op.summary);
      break;
    case 'import': {
      const known = model.imports.get(op.tag) ?? { rows: op.rows };
      if (acked) known.batchId = op.batchId;
      model.imports.set(op.tag, known);
      break;
    }
    case 'merge':
      if (acked) model.merged.add(op.mergeId);
      break;
  }
}

/**
 * What is wrong with the book after a kill (nothing, when all is well). It reads a copy of the
 * book and its WAL, so the next run finds the files as the kill left them and recovers them itself.
 */
export function checkBook(file: string, model: Model): string[] {
  const problems: string[] = [];
  const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerline-crash-check-'));
  const copied = path.join(copy, path.basename(file));
  fs.copyFileSync(file, copied);
  if (fs.existsSync(`${file}-wal`)) fs.copyFileSync(`${file}-wal`, `${copied}-wal`);
  let db: Database.Database;
  try {
    db = new Database(copied, { fileMustExist: true });
  } catch (err) {
    fs.rmSync(copy, { recursive: true, force: true });
    return [`the book cannot be opened: ${err instanceof Error ? err.message : String(err)}`];
  }
  try {
    const integrity = db.pragma('integrity_check', { simple: false }) as { integrity_check: string }[];
    if (integrity.length !== 1 || integrity[0]!.integrity_check !== 'ok') {
      problems.push(`integrity_check: ${integrity.map((r) => r.integrity_check).join('; ')}`);
    }
    const orphans = db.pragma('foreign_key_check') as unknown[];
    if (orphans.length > 0) problems.push(`foreign_key_check: ${JSON.stringify(orphans.slice(0, 5))}`);

    const person = db.prepare(`SELECT family_name, deleted_at FROM people WHERE id = ?`);
    for (const [id, names] of model.names) {
      const row = person.get(id) as { family_name: string; deleted_at: number | null } | undefined;
      if (!row) {
        problems.push(`person ${id}, whose creation returned, is missing`);
        continue;
      }
      // The last name whose write returned, or one begun after it (committed, then killed).
      const from = names.findLastIndex((n) => n.acked);
      const allowed = names.slice(Math.max(0, from)).map((n) => n.familyName);
      if (from >= 0 && !allowed.includes(row.family_name)) {
        problems.push(`person ${id} is called ${row.family_name}, not one of ${allowed.join(', ')}`);
      }
    }
    for (const id of model.merged) {
      const row = person.get(id) as { deleted_at: number | null } | undefined;
      if (!row || row.deleted_at === null) problems.push(`person ${id}, merged away, is still live`);
    }
    const call = db.prepare(`SELECT summary FROM calls WHERE id = ?`).pluck();
    for (const [id, summary] of model.calls) {
      if (call.get(id) !== summary) problems.push(`call ${id}, whose logging returned, is missing`);
    }
    // Every import whole or absent: the people with its emails are all of its rows or none.
    const imported = db.prepare(`SELECT count(*) FROM emails WHERE email_lower LIKE ? ESCAPE '\\'`).pluck();
    const batchPeople = db
      .prepare(`SELECT count(*) FROM batch_rows WHERE batch_id = ? AND tbl = 'people' AND before IS NULL`)
      .pluck();
    for (const [tag, { rows, batchId }] of model.imports) {
      const found = imported.get(`imp.${tag.replaceAll('_', '\\_')}.%`) as number;
      if (found !== 0 && found !== rows)
        problems.push(`import ${tag} is partly there: ${found} of ${rows} people`);
      if (batchId !== undefined) {
        if (found !== rows)
          problems.push(`import ${tag} returned, but ${found} of its ${rows} people are there`);
        const named = batchPeople.get(batchId) as number;
        if (named !== rows) problems.push(`import ${tag}'s undo batch names ${named} of ${rows} people`);
      }
    }
  } catch (err) {
    // Damage can make the checks themselves fail (SQLITE_CORRUPT): that is a finding too.
    problems.push(`the book cannot be read: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    db.close();
    fs.rmSync(copy, { recursive: true, force: true });
  }
  return problems;
}
