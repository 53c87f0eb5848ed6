/** Book-wide settings and the lists the setup and Settings screens choose from. */
import type { CsvExportOptions } from './csv.ts';

export const THEMES = ['system', 'light', 'dark'] as const;
export type Theme = (typeof THEMES)[number];

/** Locales with a date-fns locale and full Intl support. BCP 47 tags. */
export const LOCALES = [
  { tag: 'en-GB', label: 'English (United Kingdom)' },
  { tag: 'en-US', label: 'English (United States)' },
  { tag: 'en-IE', label: 'English (Ireland)' },
  { tag: 'en-AU', label: 'English (Australia)' },
  { tag: 'en-CA', label: 'English (Canada)' },
  { tag: 'de-DE', label: 'Deutsch (Deutschland)' },
  { tag: 'de-AT', label: 'Deutsch (Österreich)' },
  { tag: 'de-CH', label: 'Deutsch (Schweiz)' },
  { tag: 'fr-FR', label: 'Français (France)' },
  { tag: 'fr-BE', label: 'Français (Belgique)' },
  { tag: 'es-ES', label: 'Español (España)' },
  { tag: 'it-IT', label: 'Italiano (Italia)' },
  { tag: 'nl-NL', label: 'Nederlands (Nederland)' },
  { tag: 'pt-PT', label: 'Português (Portugal)' },
  { tag: 'pt-BR', label: 'Português (Brasil)' },
  { tag: 'pl-PL', label: 'Polski (Polska)' },
  { tag: 'sv-SE', label: 'Svenska (Sverige)' },
  { tag: 'da-DK', label: 'Dansk (Danmark)' },
  { tag: 'nb-NO', label: 'Norsk bokmål (Norge)' },
  { tag: 'fi-FI', label: 'Suomi (Suomi)' },
] as const;
export type LocaleTag = (typeof LOCALES)[number]['tag'];
export const LOCALE_TAGS = LOCALES.map((l) => l.tag) as unknown as readonly [LocaleTag, ...LocaleTag[]];

/** ISO 4217 codes offered in the lists; the minor-unit count drives money formatting. */
export const CURRENCIES = [
  { code: 'GBP', label: 'Pound sterling', minor: 2 },
  { code: 'EUR', label: 'Euro', minor: 2 },
  { code: 'USD', label: 'US dollar', minor: 2 },
  { code: 'CHF', label: 'Swiss franc', minor: 2 },
  { code: 'SEK', label: 'Swedish krona', minor: 2 },
  { code: 'NOK', label: 'Norwegian krone', minor: 2 },
  { code: 'DKK', label: 'Danish krone', minor: 2 },
  { code: 'PLN', label: 'Polish złoty', minor: 2 },
  { code: 'CAD', label: 'Canadian dollar', minor: 2 },
  { code: 'AUD', label: 'Australian dollar', minor: 2 },
  { code: 'NZD', label: 'New Zealand dollar', minor: 2 },
  { code: 'BRL', label: 'Brazilian real', minor: 2 },
  { code: 'JPY', label: 'Japanese yen', minor: 0 },
] as const;
export type CurrencyCode = (typeof CURRENCIES)[number]['code'];
export const CURRENCY_CODES = CURRENCIES.map((c) => c.code) as unknown as readonly [
  CurrencyCode,
  ...CurrencyCode[],
];

export interface Settings {
  /** False until the first-run questions have been answered. */
  setupComplete: boolean;
  businessName: string;
  currency: CurrencyCode;
  locale: LocaleTag;
  theme: Theme;
  /** The staff profile that is using the app on this machine. */
  currentStaffId: string | null;
  /** The CSV options last chosen for exports; null until then (defaults from the locale). */
  csv: CsvExportOptions | null;
}

export const DEFAULT_SETTINGS: Settings = {
  setupComplete: false,
  businessName: '',
  currency: 'GBP',
  locale: 'en-GB',
  theme: 'system',
  currentStaffId: null,
  csv: null,
};

/** A best guess at the currency from a locale's region, for the first-run form. */
export function currencyForLocale(locale: string): CurrencyCode {
  const region = locale.split('-')[1]?.toUpperCase() ?? '';
  const byRegion: Record<string, CurrencyCode> = {
    GB: 'GBP',
    US: 'USD',
    CA: 'CAD',
    AU: 'AUD',
    NZ: 'NZD',
    CH: 'CHF',
    SE: 'SEK',
    NO: 'NOK',
    DK: 'DKK',
    PL: 'PLN',
    BR: 'BRL',
    JP: 'JPY',
  };
  return byRegion[region] ?? 'EUR';
}

/** The closest supported locale to what the OS or browser reports. */
export function closestLocale(requested: string | undefined): LocaleTag {
  if (!requested) return 'en-GB';
  const exact = LOCALES.find((l) => l.tag.toLowerCase() === requested.toLowerCase());
  if (exact) return exact.tag;
  const lang = requested.split('-')[0]?.toLowerCase();
  const sameLang = LOCALES.find((l) => l.tag.split('-')[0] === lang);
  return sameLang ? sameLang.tag : 'en-GB';
}
