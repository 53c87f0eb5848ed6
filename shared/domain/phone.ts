/**
 * Phones are stored as entered plus a normalised digits form for search, caller look-up and
 * duplicate detection (DESIGN.md). The digits form is the national significant number, so
 * "+44 20 7946 0958", "0044 20 7946 0958" and "020 7946 0958" all become "2079460958".
 * Parsing is libphonenumber-js's; the default country comes from the book's locale.
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';

export interface NormalisedPhone {
  /** National significant number: digits only, no country code, no trunk prefix. */
  digits: string;
  /** +CC... when the number could be parsed, else null. */
  e164: string | null;
}

/** The region part of a locale tag ("en-GB" -> "GB"), for parsing numbers without a country code. */
export function countryOfLocale(locale: string): CountryCode | undefined {
  const region = locale.split('-')[1]?.toUpperCase();
  return region && /^[A-Z]{2}$/u.test(region) ? (region as CountryCode) : undefined;
}

export function digitsOnly(value: string): string {
  return value.replace(/\D+/gu, '');
}

/** True when the text has at least three digits: anything less is not a phone number. */
export function looksLikePhone(value: string): boolean {
  return digitsOnly(value).length >= 3 && /^[\d\s()+\-./]+(?:\s*(?:x|ext\.?)\s*\d+)?$/iu.test(value.trim());
}

export function normalisePhone(value: string, defaultCountry?: CountryCode): NormalisedPhone {
  const raw = value.trim();
  const intl = raw.replace(/^00/u, '+');
  const parsed = parsePhoneNumberFromString(intl, defaultCountry);
  if (parsed) return { digits: String(parsed.nationalNumber), e164: parsed.number };
  // Unparseable: keep the digits, dropping one national trunk zero so "020..." still meets "20...".
  return { digits: digitsOnly(raw).replace(/^0(?=\d)/u, ''), e164: null };
}
