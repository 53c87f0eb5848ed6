/**
 * A person's calling window (ISO weekdays as a bitmask, Mon = 1 ... Sun = 64, and minutes from
 * local midnight in their time zone), worked out for a given instant with Intl: are they callable
 * now, when does the window next open and close, and how does it read ("Mon–Fri 09:00–17:00").
 */

export interface WindowSpec {
  days: number | null;
  from: number | null;
  to: number | null;
  /** IANA zone; null means "the user's own", given as a fixed offset instead. */
  timeZone: string | null;
}

export interface WindowAt {
  callableNow: boolean;
  /** Now when callable now; else the next opening within a week; null when it never opens. */
  opensAt: number | null;
  /** When the current (or next) opening closes. */
  closesAt: number | null;
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

export function hasWindow(w: WindowSpec): boolean {
  return w.days !== null || w.from !== null || w.to !== null;
}

const formatters = new Map<string, Intl.DateTimeFormat | null>();
function formatter(timeZone: string): Intl.DateTimeFormat | null {
  if (!formatters.has(timeZone)) {
    let f: Intl.DateTimeFormat | null;
    try {
      f = new Intl.DateTimeFormat('en-GB', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      });
    } catch {
      f = null; // an unknown zone: fall back to the user's offset
    }
    formatters.set(timeZone, f);
  }
  return formatters.get(timeZone) ?? null;
}

/**
 * Offsets already worked out, by zone and minute. Formatting a date in a zone is the slow part of
 * a calling window, and Today works out the same few instants for everyone sharing a zone and a
 * window; an offset at a given minute never changes, so it is kept (and the map emptied when big).
 */
const offsets = new Map<string, number>();
const OFFSETS_KEPT = 50_000;

/** The zone's offset from UTC at an instant, in ms (local = utc + offset). */
export function zoneOffset(instant: number, timeZone: string | null, fallbackOffset: number): number {
  const f = timeZone ? formatter(timeZone) : null;
  if (!f) return fallbackOffset;
  const minute = Math.floor(instant / MINUTE_MS);
  const key = `${timeZone}|${minute}`;
  const known = offsets.get(key);
  if (known !== undefined) return known;
  const parts = Object.fromEntries(f.formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(
    Number(parts.year),
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
  );
  const offset = asUtc - minute * MINUTE_MS;
  if (offsets.size >= OFFSETS_KEPT) offsets.clear();
  offsets.set(key, offset);
  return offset;
}

/** The instant at which the zone's wall clock shows `localMs` (local midnight-based ms, as if UTC). */
function localToInstant(localMs: number, timeZone: string | null, fallbackOffset: number): number {
  let guess = localMs - zoneOffset(localMs, timeZone, fallbackOffset);
  // A second pass settles the offset when the first guess fell on the other side of a DST change.
  guess = localMs - zoneOffset(guess, timeZone, fallbackOffset);
  return guess;
}

/** Where the window stands at `now`. fallbackOffset is the user's offset, for people without a zone. */
export function windowAt(w: WindowSpec, now: number, fallbackOffset: number): WindowAt {
  const from = w.from ?? 0;
  let to = w.to ?? 1440;
  if (to <= from) to += 1440; // a window past midnight closes the next day
  const days = w.days ?? 127;
  const localNow = now + zoneOffset(now, w.timeZone, fallbackOffset);
  const localMidnight = Math.floor(localNow / DAY_MS) * DAY_MS;
  let next: { opensAt: number; closesAt: number } | null = null;
  // Yesterday's window may still be open (past midnight); then look up to a week ahead.
  for (let d = -1; d <= 7; d++) {
    const dayStart = localMidnight + d * DAY_MS;
    const weekday = (Math.floor(dayStart / DAY_MS) + 3) % 7; // 1970-01-01 was a Thursday (index 3)
    if ((days & (1 << weekday)) === 0) continue;
    const opensAt = localToInstant(dayStart + from * MINUTE_MS, w.timeZone, fallbackOffset);
    const closesAt = localToInstant(dayStart + to * MINUTE_MS, w.timeZone, fallbackOffset);
    if (closesAt <= now) continue;
    if (opensAt <= now) return { callableNow: true, opensAt: now, closesAt };
    next ??= { opensAt, closesAt };
  }
  return next ? { callableNow: false, ...next } : { callableNow: false, opensAt: null, closesAt: null };
}

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** "Mon–Fri 09:00–17:00 (Europe/London)", "Every day 10:00–12:00", "Tue, Thu all day". */
export function describeWindow(w: WindowSpec): string | null {
  if (!hasWindow(w)) return null;
  const mask = w.days ?? 127;
  let days: string;
  if (mask === 127) days = 'Every day';
  else {
    const runs: string[] = [];
    let i = 0;
    while (i < 7) {
      if ((mask & (1 << i)) === 0) {
        i++;
        continue;
      }
      let j = i;
      while (j + 1 < 7 && mask & (1 << (j + 1))) j++;
      const first = DAY_NAMES[i] as string;
      const last = DAY_NAMES[j] as string;
      runs.push(j === i ? first : j === i + 1 ? `${first}, ${last}` : `${first}–${last}`);
      i = j + 1;
    }
    days = runs.join(', ');
  }
  const allDay = (w.from ?? 0) === 0 && (w.to ?? 1440) === 1440;
  const hours = allDay ? 'all day' : `${hhmm(w.from ?? 0)}–${hhmm(w.to ?? 1440)}`;
  return `${days} ${hours}${w.timeZone ? ` (${w.timeZone})` : ''}`;
}
