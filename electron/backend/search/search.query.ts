/**
 * Turning what the user types into an FTS5 query, and a phone-looking query into a digits range.
 * Words become quoted prefix terms ("ada"* AND "love"*); the tokenizer (unicode61, remove_diacritics 2)
 * folds case and diacritics on both sides, so "muller" finds "Müller".
 */
import type { CountryCode } from 'libphonenumber-js/min';
import { looksLikePhone, normalisePhone } from '../../../shared/domain/phone.ts';
import { fold } from '../../../shared/domain/text.ts';

const MAX_WORDS = 8;

/** The words of a query as the tokenizer sees them: runs of letters, digits and marks. */
export function queryWords(query: string): string[] {
  return query
    .normalize('NFC')
    .split(/[^\p{L}\p{N}\p{M}]+/u)
    .filter(Boolean)
    .slice(0, MAX_WORDS);
}

/**
 * An FTS5 MATCH expression of prefix terms, every word required; null when there are no words.
 * With a column, every word must be in that column (`title : (...)`).
 */
export function matchExpression(words: readonly string[], column?: 'title'): string | null {
  if (words.length === 0) return null;
  const terms = words.map((w) => `"${w.replaceAll('"', '""')}"*`).join(' AND ');
  return column ? `${column} : (${terms})` : terms;
}

/**
 * The digit prefixes to look up when the query looks like (part of) a phone number: its national
 * digits, and without the trunk zero too, since libphonenumber keeps the zero of a number it
 * cannot parse yet ("020 794" while the user is still typing) but stores "20 7946 0958" without it.
 */
export function phoneDigits(query: string, country: CountryCode | undefined): string[] {
  if (!looksLikePhone(query)) return [];
  const digits = normalisePhone(query, country).digits;
  const out = new Set<string>();
  if (digits.length >= 3) out.add(digits);
  const bare = digits.replace(/^0+/u, '');
  if (bare.length >= 3) out.add(bare);
  return [...out];
}

/** A short piece of `text` around the first word of the query, for a note or call summary hit. */
export function snippet(text: string, words: readonly string[], width = 120): string {
  const flat = text.replace(/\s+/gu, ' ').trim();
  if (flat.length <= width) return flat;
  const folded = fold(flat);
  let at = -1;
  for (const w of words) {
    const f = fold(w);
    const re = new RegExp(`(^|[^\\p{L}\\p{N}])${f.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}`, 'u');
    const m = re.exec(folded);
    if (m) {
      at = m.index + m[1]!.length;
      break;
    }
  }
  if (at < 0) return `${flat.slice(0, width - 1).trimEnd()}…`;
  const start = Math.max(0, Math.min(at - Math.floor(width / 3), flat.length - width));
  const end = Math.min(flat.length, start + width);
  return `${start > 0 ? '…' : ''}${flat.slice(start, end).trim()}${end < flat.length ? '…' : ''}`;
}
