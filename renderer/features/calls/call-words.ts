/** How calls are worded on screen: outcomes, responses, directions and durations. */
import { format, isSameDay, isSameYear, isYesterday } from 'date-fns';
import type { CallDirection, CallResponse } from '../../../shared/domain/activity.ts';
import type { LocaleTag } from '../../../shared/domain/settings.ts';
import { dateLocale } from '../../lib/locales.ts';

/** "no answer" -> "No answer": list values are stored as typed; the first letter is raised. */
export function choiceLabel(value: string | null | undefined, empty = '—'): string {
  if (!value) return empty;
  return value[0]!.toUpperCase() + value.slice(1);
}

export const RESPONSE_LABELS: Record<CallResponse, string> = {
  positive: 'Positive',
  neutral: 'Neutral',
  negative: 'Negative',
};

export const DIRECTION_LABELS: Record<CallDirection, string> = {
  out: 'Outgoing',
  in: 'Incoming',
};

/** 150 -> "2:30", 3723 -> "1:02:03": what a running timer and a typed duration look like. */
export function clockText(totalSeconds: number): string {
  const s = Math.max(0, Math.floor(totalSeconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

export type ParsedDuration = { ok: true; seconds: number } | { ok: false; message: string };

/**
 * What a person types as a call's length: "2:30" (minutes and seconds), "1:02:03" (hours too),
 * "5" or "2.5" (minutes), "90s" or "4m". Blank means no time at all. A minus sign is kept, so the
 * book's own rule ("a call cannot last less than no time") answers it at the field.
 */
export function parseDuration(text: string): ParsedDuration {
  const raw = text.trim().toLowerCase().replace(/\s+/gu, '');
  if (raw === '') return { ok: true, seconds: 0 };
  const sign = raw.startsWith('-') ? -1 : 1;
  const body = raw.replace(/^[-+]/u, '');
  const clock = /^(?:(\d{1,2}):)?(\d{1,4}):([0-5]\d)$/u.exec(body);
  if (clock) {
    const [, h, m, s] = clock;
    return { ok: true, seconds: sign * (Number(h ?? 0) * 3600 + Number(m) * 60 + Number(s)) };
  }
  const unit = /^(\d+(?:[.,]\d+)?)(s|sec|secs|m|min|mins|h|hr|hrs)?$/u.exec(body);
  if (unit) {
    const n = Number(unit[1]!.replace(',', '.'));
    const u = unit[2] ?? 'm';
    const factor = u.startsWith('s') ? 1 : u.startsWith('h') ? 3600 : 60;
    return { ok: true, seconds: sign * Math.round(n * factor) };
  }
  return { ok: false, message: 'Type minutes, or minutes and seconds like 2:30.' };
}

/** A call's start, as short as it can be: "Today, 14:05", "Yesterday, 09:12", "Tue 3 Mar, 14:05". */
export function callTime(ms: number, now: number, locale: LocaleTag): string {
  const dl = dateLocale(locale);
  const time = format(ms, 'p', { locale: dl });
  const words = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const day = (n: number) => {
    const w = words.format(n, 'day');
    return w[0]!.toUpperCase() + w.slice(1);
  };
  if (isSameDay(ms, now)) return `${day(0)}, ${time}`;
  if (isYesterday(ms) && Math.abs(now - ms) < 2 * 86_400_000) return `${day(-1)}, ${time}`;
  return format(ms, isSameYear(ms, now) ? 'EEE d MMM, p' : 'd MMM yyyy, p', { locale: dl });
}
