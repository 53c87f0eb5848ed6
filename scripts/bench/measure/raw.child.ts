/**
 * The raw measuring process: one better-sqlite3 connection to the same file with the app's
 * pragmas (WAL, synchronous FULL, foreign keys, busy timeout), serving the orchestrator's runs.
 *   node scripts/bench/measure/raw.child.ts <book file> <probes.json>   (forked by bench.cli.ts)
 */
import fs from 'node:fs';
import Database from 'better-sqlite3-multiple-ciphers';
import type { Probes } from '../generate/probes.ts';
import { rawOps } from './raw.ops.ts';
import { inputsOf } from './scenario.ts';
import { serve } from './serve.ts';

const [file, probesFile] = process.argv.slice(2);
if (!file || !probesFile) throw new Error('usage: raw.child.ts <book file> <probes.json>');
const probes = JSON.parse(fs.readFileSync(probesFile, 'utf8')) as Probes;

const db = new Database(file, { fileMustExist: true });
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('foreign_keys = ON');
db.pragma('busy_timeout = 5000');
serve(rawOps(db, inputsOf(probes)), async () => {
  db.close();
});
