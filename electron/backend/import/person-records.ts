/**
 * A people file's CSV records as the people they would become, read on a thread of their own when
 * the file is big (issue 5: a million rows in as little time as the writer needs).
 *
 * Turning a record into a person (splitting the name, reading dates, checking it with the very
 * schema people.create uses, normalising its phones with libphonenumber) costs about as much as
 * writing it. For a big file a reader thread (person-records.worker.ts) does that work while the
 * import's write transaction writes what it has already read: the two meet through a message port
 * read synchronously (receiveMessageOnPort), with Atomics for waiting and for keeping the reader
 * at most a few batches ahead, so memory stays flat however long the file is. A small file is
 * read on the writer's own thread (starting a thread would cost more than it saves).
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import { AppError } from '../../../shared/api/errors.ts';
import { unprotectFormula } from '../../../shared/domain/csv.ts';
import type { PersonField } from '../../../shared/domain/import-mapping.ts';
import { normalisePhone, type NormalisedPhone } from '../../../shared/domain/phone.ts';
import type { CountryCode } from 'libphonenumber-js/min';
import { readCsv, type CsvReadOptions } from '../csv/csv.reader.ts';
import { threadEntry } from '../../db/thread-entry.ts';
import { personFromRecord, type PersonRow } from './person-rows.ts';

/** One record of a people file, as plain data (it crosses between threads). */
export interface PersonRecord {
  line: number;
  row: PersonRow;
  /** True for a record with nothing in it (skipped). */
  blank: boolean;
  /** The mapped fields whose cells are blank (for "blank cells overwrite"). */
  blankFields: PersonField[];
  /** The row's phones normalised, in the order of row.parsed.phones. */
  phones: NormalisedPhone[];
}

export interface RecordOptions {
  headers: readonly string[];
  mapping: readonly (PersonField | null)[];
  locale: string;
  country: CountryCode | undefined;
  nameOptional: boolean;
}

export function personRecord(fields: readonly string[], line: number, o: RecordOptions): PersonRecord {
  const blank = fields.every((f) => f.trim() === '');
  if (blank) return { line, blank, row: { ok: false, problems: [] }, blankFields: [], phones: [] };
  // The apostrophe a spreadsheet (or Ledgerline's export) puts before a formula is not data.
  const cells = fields.map((f) => unprotectFormula(f.trim()));
  const row = personFromRecord(o.headers, o.mapping, cells, line, o.locale, {
    nameOptional: o.nameOptional,
  });
  const blankFields: PersonField[] = [];
  o.mapping.forEach((field, i) => {
    if (field && (fields[i] ?? '').trim() === '') blankFields.push(field);
  });
  const phones = row.ok ? (row.parsed?.phones ?? []).map((p) => normalisePhone(p.number, o.country)) : [];
  return { line, blank, row, blankFields, phones };
}

/** Records per message from the reader thread. */
const BATCH = 512;
/** Batches the reader may be ahead of the writer. */
const AHEAD = 8;
/** Files at least this big are read on a thread of their own (a test may lower it). */
export function threadFromBytes(): number {
  const set = Number(process.env.LEDGERLINE_IMPORT_THREAD_BYTES);
  return Number.isFinite(set) && set >= 0 ? set : 4 * 1024 ** 2;
}

export interface ReaderData extends RecordOptions {
  path: string;
  read: CsvReadOptions;
  /** [batches posted, batches taken, stop] */
  state: SharedArrayBuffer;
  port: MessagePort;
}

/** Records travel as JSON text: parsing it costs the writer less than a structured clone. */
export type ReaderMessage =
  | { records: string; bytes: number }
  | { done: true; bytes: number }
  | { error: { code: string; message: string; details?: unknown } };

/** The reader thread's loop (person-records.worker.ts runs it). */
export function readerLoop(data: ReaderData, post: (m: ReaderMessage) => void): void {
  const state = new Int32Array(data.state);
  let bytes = 0;
  const send = (m: ReaderMessage) => {
    // Wait while the writer is AHEAD batches behind (or until it stops us).
    for (;;) {
      if (Atomics.load(state, 2) === 1) return false;
      const taken = Atomics.load(state, 1);
      if (Atomics.load(state, 0) - taken < AHEAD) break;
      Atomics.wait(state, 1, taken, 1000);
    }
    post(m);
    Atomics.add(state, 0, 1);
    Atomics.notify(state, 0);
    return true;
  };
  try {
    const records = readCsv(data.path, data.read, { onProgress: (b) => (bytes = b) });
    records.next(); // the header, checked by the writer
    let batch: PersonRecord[] = [];
    // for…of closes the file when the writer stops us.
    for (const { fields, line } of records) {
      batch.push(personRecord(fields, line, data));
      if (batch.length === BATCH) {
        if (!send({ records: JSON.stringify(batch), bytes })) return;
        batch = [];
      }
    }
    if (batch.length > 0 && !send({ records: JSON.stringify(batch), bytes })) return;
    send({ done: true, bytes });
  } catch (err) {
    const e =
      err instanceof AppError ? err : new AppError('INTERNAL', String((err as Error)?.message ?? err));
    send({ error: { code: e.code, message: e.message, details: e.details } });
  }
}

/**
 * The records after the header, read on a thread of their own. `progress` gets the bytes read.
 * Closing the generator early (a cancel, a failure) stops and ends the thread.
 */
export function* threadedRecords(
  path: string,
  read: CsvReadOptions,
  options: RecordOptions,
  progress: (bytes: number) => void,
): Generator<PersonRecord> {
  const shared = new SharedArrayBuffer(12);
  const state = new Int32Array(shared);
  const { port1, port2 } = new MessageChannel();
  const data: ReaderData = { ...options, path, read, state: shared, port: port2 };
  // A small heap: the reader holds a few batches at a time, and its garbage is young.
  const worker = new Worker(threadEntry('person-records.worker', import.meta.url), {
    workerData: data,
    transferList: [port2],
    resourceLimits: { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 96 },
  });
  worker.unref();
  let taken = 0;
  try {
    for (;;) {
      const got = receiveMessageOnPort(port1);
      if (!got) {
        const posted = Atomics.load(state, 0);
        if (posted === taken) Atomics.wait(state, 0, posted, 1000);
        continue;
      }
      taken++;
      Atomics.store(state, 1, taken);
      Atomics.notify(state, 1);
      const m = got.message as ReaderMessage;
      if ('error' in m)
        throw new AppError(m.error.code as AppError['code'], m.error.message, m.error.details);
      progress(m.bytes);
      if ('done' in m) return;
      yield* JSON.parse(m.records) as PersonRecord[];
    }
  } finally {
    Atomics.store(state, 2, 1);
    Atomics.notify(state, 1);
    port1.close();
    void worker.terminate();
  }
}
