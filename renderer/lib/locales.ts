/** The date-fns locale for every language and region the app offers (the map must cover LOCALES). */
import type { Locale } from 'date-fns';
import {
  da,
  de,
  deAT,
  enAU,
  enCA,
  enGB,
  enIE,
  enUS,
  es,
  fi,
  fr,
  it,
  nb,
  nl,
  pl,
  pt,
  ptBR,
  sv,
} from 'date-fns/locale';
import type { LocaleTag } from '../../shared/domain/settings.ts';

export const DATE_LOCALES: Record<LocaleTag, Locale> = {
  'en-GB': enGB,
  'en-US': enUS,
  'en-IE': enIE,
  'en-AU': enAU,
  'en-CA': enCA,
  'de-DE': de,
  'de-AT': deAT,
  // date-fns has no Swiss German; Standard German names and formats are what Swiss users see.
  'de-CH': de,
  'fr-FR': fr,
  // Belgian French writes dates like France does.
  'fr-BE': fr,
  'es-ES': es,
  'it-IT': it,
  'nl-NL': nl,
  'pt-PT': pt,
  'pt-BR': ptBR,
  'pl-PL': pl,
  'sv-SE': sv,
  'da-DK': da,
  'nb-NO': nb,
  'fi-FI': fi,
};

export function dateLocale(tag: LocaleTag): Locale {
  return DATE_LOCALES[tag] ?? enGB;
}
