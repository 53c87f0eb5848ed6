import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AppError, ERROR_CODES, isApiErrorData } from '../../shared/api/errors.ts';
import { REQUEST_NAMES, TABLES, requests } from '../../shared/api/requests.ts';
import { isIsoDate } from '../../shared/domain/dates.ts';
import {
  CURRENCY_CODES,
  LOCALE_TAGS,
  closestLocale,
  currencyForLocale,
} from '../../shared/domain/settings.ts';
import { initials } from '../../shared/domain/staff.ts';

describe('calendar dates', () => {
  it('accepts every real day and rejects impossible ones', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1900-01-01'), max: new Date('2199-12-31'), noInvalidDate: true }),
        (d) => {
          expect(isIsoDate(d.toISOString().slice(0, 10))).toBe(true);
        },
      ),
    );
    for (const bad of [
      '2026-02-29',
      '2026-02-31',
      '2026-13-01',
      '2026-00-10',
      '2026-1-1',
      '26-01-01',
      '2026-01-01T00:00',
      '',
    ])
      expect(isIsoDate(bad), bad).toBe(false);
    expect(isIsoDate('2024-02-29')).toBe(true);
  });
});

describe('locale and currency defaults', () => {
  it('always answers with a supported locale and currency, whatever the system reports', () => {
    fc.assert(
      fc.property(fc.option(fc.string(), { nil: undefined }), (tag) => {
        expect(LOCALE_TAGS).toContain(closestLocale(tag));
        expect(CURRENCY_CODES).toContain(currencyForLocale(tag ?? ''));
      }),
    );
  });

  it('prefers the exact tag, then the same language, then English (UK)', () => {
    expect(closestLocale('de-AT')).toBe('de-AT');
    expect(closestLocale('DE-de')).toBe('de-DE');
    expect(closestLocale('de-LU')).toBe('de-DE');
    expect(closestLocale('ja-JP')).toBe('en-GB');
    expect(currencyForLocale('en-US')).toBe('USD');
    expect(currencyForLocale('fr-FR')).toBe('EUR');
    expect(currencyForLocale('sv-SE')).toBe('SEK');
  });

  it('has a working Intl number format for every locale and currency offered', () => {
    for (const locale of LOCALE_TAGS) {
      for (const currency of CURRENCY_CODES) {
        const text = new Intl.NumberFormat(locale, { style: 'currency', currency }).format(1250);
        expect(text).toMatch(/1.?250/u);
      }
    }
  });
});

describe('initials', () => {
  it('gives one or two capital letters, never more', () => {
    fc.assert(
      fc.property(fc.string(), (name) => {
        const i = initials(name);
        expect([...i].length).toBeGreaterThanOrEqual(1);
        expect([...i].length).toBeLessThanOrEqual(2);
      }),
    );
    expect(initials('ada  king lovelace')).toBe('AL');
    expect(initials('   ')).toBe('?');
    expect(initials('Élodie')).toBe('É');
  });
});

describe('errors', () => {
  it('round-trip through plain data without losing code, message or details', () => {
    fc.assert(
      fc.property(fc.constantFrom(...ERROR_CODES), fc.string(), fc.jsonValue(), (code, message, details) => {
        const data = new AppError(code, message, details).toData();
        expect(isApiErrorData(data)).toBe(true);
        const back = AppError.fromData(JSON.parse(JSON.stringify(data)));
        expect(back.code).toBe(code);
        expect(back.message).toBe(message);
        expect(JSON.stringify(data)).not.toContain('stack');
      }),
    );
    expect(isApiErrorData({ code: 'NOPE', message: 'x' })).toBe(false);
    expect(isApiErrorData(null)).toBe(false);
  });
});

describe('the request map', () => {
  it('names every request domain.verb and lists only known tables', () => {
    for (const name of REQUEST_NAMES) {
      expect(name).toMatch(/^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/u);
      const def = requests[name];
      expect(['query', 'mutation']).toContain(def.kind);
      for (const t of def.reads) expect(TABLES).toContain(t);
    }
  });
});
