/**
 * One record of a calls file, read through the user's column mapping (issue 5), and the readers
 * of what call logs hold: a start (date and time in one cell or two), a duration, a direction and
 * a response. Pure: nothing here reads the book (who the call was with, the outcome and purpose
 * lists and the staff are the import's, import.calls.ts).
 *
 * The start is read in a time zone: the cell's own offset when it has one ("…T14:05Z",
 * "…+01:00", "… UTC"), otherwise the time zone of the computer running the import, which is the
 * user's own (the app is a desktop app on their machine; the renderer shows times in that same
 * zone, from Intl, and the book keeps no zone of its own). A date without a time is that day at
 * 00:00 there.
 */
import type { CallDirection, CallResponse } from '../../../shared/domain/activity.ts';
import type { CallField } from '../../../shared/domain/import-kinds.ts';
import { headerWords, parseImportDate } from '../../../shared/domain/import-mapping.ts';
import { zoneOffset } from '../today/calling-window.ts';
import type { MappedRecord } from './import.run.ts';
import type { RowProblem } from './person-rows.ts';

/** The longest call the book takes (calls.log's rule). */
export const MAX_CALL_SECONDS = 24 * 3600;
/** calls.log's limit on what was said. */
export const MAX_SUMMARY = 20_000;

/** The time zone an import reads times in: this computer's (the user's), UTC when unknown. */
export function importTimeZone(): string {
  try {
    return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  } catch {
    return 'UTC';
  }
}

const HOUR = 3600;

/**
 * A time of day as people write it: "14:05", "14.05", "14h05", "14:05:30", "2:05 PM", "2 pm",
 * "2:05 a.m."; seconds of the day, or null.
 */
export function parseClock(text: string): number | null {
  const t = text.trim();
  let m = /^(\d{1,2})[:.h](\d{2})(?:[:.](\d{2})(?:[.,]\d{1,9})?)?$/iu.exec(t);
  if (m) {
    const [h, min, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
    return h <= 23 && min <= 59 && s <= 59 ? h * HOUR + min * 60 + s : null;
  }
  m = /^(\d{1,2})(?:[:.](\d{2})(?:[:.](\d{2})(?:[.,]\d{1,9})?)?)?\s*([ap])\.?\s*m\.?$/iu.exec(t);
  if (m) {
    const [h, min, s] = [Number(m[1]), Number(m[2] ?? 0), Number(m[3] ?? 0)];
    if (h < 1 || h > 12 || min > 59 || s > 59) return null;
    const pm = m[4]!.toLowerCase() === 'p';
    return ((h % 12) + (pm ? 12 : 0)) * HOUR + min * 60 + s;
  }
  return null;
}

/** An offset written after a time ("Z", "UTC", "+01:00", "-0500"), in minutes; null when it is not one. */
function parseOffset(text: string): number | null {
  const t = text.trim().toUpperCase();
  if (t === 'Z' || t === 'UTC' || t === 'GMT') return 0;
  const m = /^(?:UTC|GMT)?([+-])(\d{2}):?(\d{2})?$/u.exec(t);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return minutes <= 14 * 60 ? (m[1] === '-' ? -minutes : minutes) : null;
}

const TIME_PART =
  '(\\d{1,2}[:.h]\\d{2}(?:[:.]\\d{2}(?:[.,]\\d{1,9})?)?(?:\\s*[ap]\\.?\\s*m\\.?)?|\\d{1,2}\\s*[ap]\\.?\\s*m\\.?)';
const OFFSET_PART = '(Z|UTC|GMT|(?:UTC|GMT)?[+-]\\d{2}(?::?\\d{2})?)?';
const DATE_TIME = new RegExp(`^(.*?)(?:T|\\s+|,\\s*)${TIME_PART}\\s*${OFFSET_PART}$`, 'iu');

/**
 * A cell that may hold a date and a time: the date's text, the time's text (null when none) and
 * the offset written after it (null when none).
 */
export function splitDateTime(text: string): { date: string; time: string | null; offset: string | null } {
  const t = text.trim();
  const m = DATE_TIME.exec(t);
  if (!m || !m[1]) return { date: t, time: null, offset: null };
  return { date: m[1].replace(/,$/u, '').trim(), time: m[2]!, offset: m[3] ?? null };
}

/** The instant at which the zone's clocks show this date and time of day. */
export function zonedInstant(isoDate: string, secondsOfDay: number, timeZone: string): number {
  const [y, mo, d] = isoDate.split('-').map(Number) as [number, number, number];
  const local = Date.UTC(y, mo - 1, d) + secondsOfDay * 1000;
  // Two passes settle the offset when the first guess falls on the other side of a clock change.
  let guess = local - zoneOffset(local, timeZone, 0);
  guess = local - zoneOffset(guess, timeZone, 0);
  return guess;
}

/** A reading, or why it failed (and, for a start, which of the date and the time is at fault). */
export type Parsed<T> = { ok: true; value: T } | { ok: false; reason: string; part?: 'date' | 'time' };

/**
 * When a call started, from its date cell (which may hold the time too) and the time cell (which
 * wins when both give one: exports often put midnight in the date column and the time beside it).
 */
export function parseCallStart(
  dateCell: string,
  timeCell: string | undefined,
  locale: string,
  timeZone: string,
  thisYear: number,
): Parsed<number> {
  const split = splitDateTime(dateCell);
  const iso = parseImportDate(split.date, locale, thisYear);
  if (!iso) {
    return {
      ok: false,
      part: 'date',
      reason:
        'Not a date (and time) this import can read. Write it as 2026-11-22 14:05, or the date as your locale writes it with the time after it.',
    };
  }
  let timeText = split.time;
  let offsetText = split.offset;
  if (timeCell) {
    const own = splitDateTime(`x ${timeCell}`);
    timeText = own.time ?? timeCell;
    offsetText = own.offset;
  }
  let seconds = 0;
  if (timeText) {
    const clock = parseClock(timeText);
    if (clock === null) {
      return {
        ok: false,
        part: timeCell ? 'time' : 'date',
        reason: 'Not a time this import can read. Write it as 14:05 or 2:05 PM.',
      };
    }
    seconds = clock;
  }
  if (offsetText) {
    const offset = parseOffset(offsetText);
    if (offset === null) {
      return {
        ok: false,
        part: timeCell ? 'time' : 'date',
        reason: 'Not a time zone offset: write it as +01:00 or Z.',
      };
    }
    const [y, mo, d] = iso.split('-').map(Number) as [number, number, number];
    return { ok: true, value: Date.UTC(y, mo - 1, d) + seconds * 1000 - offset * 60_000 };
  }
  return { ok: true, value: zonedInstant(iso, seconds, timeZone) };
}

const UNIT_SECONDS: Record<string, number> = { h: HOUR, m: 60, s: 1 };

function unitOf(word: string): 'h' | 'm' | 's' | null {
  if (/^(?:h|hr|hrs|hour|hours|std)$/u.test(word)) return 'h';
  if (/^(?:m|min|mins|minute|minutes|minuten)$/u.test(word)) return 'm';
  if (/^(?:s|sec|secs|second|seconds|sek)$/u.test(word)) return 's';
  return null;
}

const decimal = (text: string) => Number(text.replace(',', '.'));

/**
 * A call's length in whole seconds: "95" (seconds, or minutes when the column says so), "1:35"
 * (mm:ss), "1:02:03" (h:mm:ss), "5 min", "1h 20m", "1 hour 5 minutes 10 seconds", "2.5 min".
 * Null when it is none of these.
 */
export function parseDuration(text: string, bare: 'seconds' | 'minutes' = 'seconds'): number | null {
  const t = text.trim().toLowerCase();
  if (/^\d+(?:[.,]\d+)?$/u.test(t)) return Math.round(decimal(t) * (bare === 'minutes' ? 60 : 1));
  let m = /^(\d+):(\d{1,2})(?::(\d{1,2}))?(?:[.,]\d+)?$/u.exec(t);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    if (m[3] === undefined) return b <= 59 ? a * 60 + b : null;
    const c = Number(m[3]);
    return b <= 59 && c <= 59 ? a * HOUR + b * 60 + c : null;
  }
  const part = /(\d+(?:[.,]\d+)?)\s*([a-z]+)\.?/gu;
  let total = 0;
  let seen = 0;
  let rest = t;
  while ((m = part.exec(t)) !== null) {
    const unit = unitOf(m[2]!);
    if (!unit) return null;
    total += decimal(m[1]!) * UNIT_SECONDS[unit]!;
    seen++;
    rest = rest.replace(m[0], ' ');
  }
  // Everything must have been read: only spaces, commas and "and" may be left between the parts.
  if (seen === 0 || !/^[\s,]*(?:(?:and|und|et)[\s,]*)*$/u.test(rest)) return null;
  return Math.round(total);
}

/** Whether a duration column counts bare numbers in minutes ("Duration (min)", "Minutes"). */
export function bareDurationUnit(header: string): 'seconds' | 'minutes' {
  const words = headerWords(header);
  return /min/u.test(words) && !/sec/u.test(words) ? 'minutes' : 'seconds';
}

const DIRECTION_WORDS: Record<string, CallDirection> = {};
for (const w of ['in', 'inbound', 'incoming', 'received', 'receive', 'missed', 'answered', 'i'])
  DIRECTION_WORDS[w] = 'in';
for (const w of ['out', 'outbound', 'outgoing', 'dialled', 'dialed', 'placed', 'made', 'o'])
  DIRECTION_WORDS[w] = 'out';

/** in/out, inbound/outbound, incoming/outgoing, received/dialled ("Incoming call" too); null when none. */
export function parseDirection(text: string): CallDirection | null {
  const words = text
    .trim()
    .toLowerCase()
    .split(/[^a-z]+/u)
    .filter((w) => w && w !== 'call' && w !== 'calls');
  return words.length === 1 ? (DIRECTION_WORDS[words[0]!] ?? null) : null;
}

/** positive, neutral or negative, any case; null when it is none of them. */
export function parseResponse(text: string): CallResponse | null {
  const t = text.trim().toLowerCase();
  return t === 'positive' || t === 'neutral' || t === 'negative' ? t : null;
}

/** Who a call row says it was with: the cells that can find a person or a company. */
export interface CallParty {
  personName: string | null;
  personEmail: string | null;
  personPhone: string | null;
  personExternalId: string | null;
  company: string | null;
}

/** What a call row says, read and checked as far as it can be without the book. */
export interface CallCells {
  party: CallParty;
  startedAt: number;
  durationS: number;
  direction: CallDirection;
  /** As written; checked against the editable lists by the import. */
  purpose: string | null;
  outcome: string | null;
  response: CallResponse | null;
  summary: string;
  staff: string | null;
}

export type CallRow = { ok: true; value: CallCells } | { ok: false; problems: RowProblem[] };

export interface CallReading {
  columnOf(field: CallField): string;
  locale: string;
  timeZone: string;
  thisYear: number;
  /** How the duration column counts bare numbers. */
  bareDuration: 'seconds' | 'minutes';
}

/** One record as the call it would become, or its problems (each naming its column and value). */
export function callFromRecord(record: MappedRecord<CallField>, how: CallReading): CallRow {
  const { line } = record;
  const get = (f: CallField) => record.get(f) ?? null;
  const problems: RowProblem[] = [];
  const problem = (field: CallField, reason: string) =>
    problems.push({ line, column: how.columnOf(field), value: get(field) ?? '', reason });

  let startedAt = 0;
  const date = get('startedAt');
  if (!date) {
    problems.push({
      line,
      column: how.columnOf('startedAt'),
      value: '',
      reason: 'No date: every call needs the day it was made.',
    });
  } else {
    const start = parseCallStart(date, get('time') ?? undefined, how.locale, how.timeZone, how.thisYear);
    if (start.ok) startedAt = start.value;
    else problem(start.part === 'time' ? 'time' : 'startedAt', start.reason);
  }

  let durationS = 0;
  const duration = get('duration');
  if (duration) {
    const d = parseDuration(duration, how.bareDuration);
    if (d === null) {
      problem('duration', 'Not a duration this import can read. Write seconds (95), 1:35, 1:02:03 or 5 min.');
    } else if (d > MAX_CALL_SECONDS) {
      problem('duration', 'A call cannot last more than a day.');
    } else durationS = d;
  }

  let direction: CallDirection = 'out';
  const dir = get('direction');
  if (dir) {
    const d = parseDirection(dir);
    if (d) direction = d;
    else
      problem('direction', 'Write in or out (inbound, outbound, incoming, outgoing, received or dialled).');
  }

  let response: CallResponse | null = null;
  const resp = get('response');
  if (resp) {
    response = parseResponse(resp);
    if (!response) problem('response', 'Write positive, neutral or negative (or leave it empty).');
  }

  const summary = get('summary') ?? '';
  if (summary.length > MAX_SUMMARY) {
    problems.push({
      line,
      column: how.columnOf('summary'),
      value: `${summary.slice(0, 40)}…`,
      reason: `Keep what was said under ${MAX_SUMMARY.toLocaleString('en')} characters.`,
    });
  }

  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    value: {
      party: {
        personName: get('personName'),
        personEmail: get('personEmail'),
        personPhone: get('personPhone'),
        personExternalId: get('personExternalId'),
        company: get('company'),
      },
      startedAt,
      durationS,
      direction,
      purpose: get('purpose'),
      outcome: get('outcome'),
      response,
      summary,
      staff: get('staff'),
    },
  };
}
