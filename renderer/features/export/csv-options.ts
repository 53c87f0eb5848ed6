/** The CSV options as the export screens show them. */
import { csvDefaults, type CsvExportOptions } from '../../../shared/domain/csv.ts';
import { LOCALES, type Settings } from '../../../shared/domain/settings.ts';

/** The options exports use now: the remembered ones, else the locale's defaults. */
export function effectiveCsv(settings: Pick<Settings, 'csv' | 'locale'>): CsvExportOptions {
  return settings.csv ?? csvDefaults(settings.locale);
}

export const sameOptions = (a: CsvExportOptions, b: CsvExportOptions) =>
  a.delimiter === b.delimiter &&
  a.decimal === b.decimal &&
  a.dates === b.dates &&
  a.encoding === b.encoding &&
  a.protectFormulas === b.protectFormulas;

export function localeLabel(locale: string): string {
  return LOCALES.find((l) => l.tag === locale)?.label ?? locale;
}

/** A few words for the options, as the list dialog sums them up. */
export function csvSummary(o: CsvExportOptions): string {
  return [
    o.delimiter === ';' ? 'semicolons' : 'commas',
    o.decimal === ',' ? 'decimal comma' : 'decimal point',
    o.dates === 'iso' ? 'ISO dates' : 'local dates',
    o.encoding === 'windows-1252' ? 'Windows-1252' : 'UTF-8',
  ].join(', ');
}
