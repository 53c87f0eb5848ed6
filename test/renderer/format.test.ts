/** Every language and region offered has its date-fns locale, and dates and money follow it. */
import { describe, expect, it } from 'vitest';
import { LOCALES } from '../../shared/domain/settings.ts';
import { DATE_LOCALES } from '../../renderer/lib/locales.ts';
import { createFormatters } from '../../renderer/lib/format.ts';

const SUNDAY = Date.UTC(2026, 10, 22, 12, 0, 0);

describe('formatting', () => {
  it('has a date-fns locale for every offered locale, in the same language', () => {
    for (const { tag } of LOCALES) {
      const locale = DATE_LOCALES[tag];
      expect(locale, tag).toBeDefined();
      expect(locale.code?.split('-')[0], tag).toBe(tag.split('-')[0]);
    }
  });

  it('writes dates and money the way each locale does', () => {
    expect(createFormatters('en-GB', 'GBP').longDate(SUNDAY)).toBe('Sunday, 22 November 2026');
    expect(createFormatters('en-US', 'USD').longDate(SUNDAY)).toBe('Sunday, November 22nd, 2026');
    expect(createFormatters('de-DE', 'EUR').longDate(SUNDAY)).toBe('Sonntag, 22. November 2026');
    expect(createFormatters('fr-FR', 'EUR').longDate(SUNDAY)).toBe('dimanche 22 novembre 2026');
    expect(createFormatters('en-GB', 'GBP').money(125_000)).toBe('£1,250.00');
    expect(createFormatters('de-DE', 'EUR').money(125_000)).toMatch(/^1\.250,00\s€$/u);
    expect(createFormatters('en-GB', 'JPY').money(1250)).toBe('JP¥1,250');
    expect(createFormatters('en-GB', 'GBP').number(1234567)).toBe('1,234,567');
  });

  it('says how long ago, and the exact time in full', () => {
    const f = createFormatters('en-GB', 'GBP');
    expect(f.relative(SUNDAY - 20_000, SUNDAY)).toBe('now');
    expect(f.relative(SUNDAY - 42 * 60_000, SUNDAY)).toBe('42 minutes ago');
    expect(f.relative(SUNDAY - 2 * 86_400_000, SUNDAY)).toBe('2 days ago');
    expect(createFormatters('de-DE', 'EUR').relative(SUNDAY - 2 * 86_400_000, SUNDAY)).toBe('vor 2 Tagen');
    expect(f.daysSince('2026-11-19', SUNDAY)).toBe('3 days');
    expect(f.duration(45)).toBe('45s');
    expect(f.duration(20 * 60)).toBe('20m');
  });
});
