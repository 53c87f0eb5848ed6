/**
 * parseMoneyCell (shared/domain/money.ts): the one reader of an amount cell with a currency sign
 * or code around it, which the products and orders imports both use.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decimalOf } from '../../shared/domain/csv.ts';
import {
  currenciesNamed,
  minorDigitsOf,
  moneyCellMessage,
  parseMoneyCell,
  readLocaleNumber,
  type MoneyCell,
} from '../../shared/domain/money.ts';
import { CURRENCY_CODES, LOCALE_TAGS, type CurrencyCode } from '../../shared/domain/settings.ts';

/** The cell read with this decimal mark and currency in force. */
const read = (text: string, decimal: '.' | ',', currency: CurrencyCode | null = 'GBP'): MoneyCell =>
  parseMoneyCell(text, { decimal, currency });
const ok = (minor: number, currency: CurrencyCode | null = null, written: string | null = null) => ({
  ok: true,
  minor,
  currency,
  written,
});
/** The reason a cell is refused, or its amount. */
const why = (text: string, decimal: '.' | ',' = '.', currency: CurrencyCode | null = 'GBP') => {
  const r = read(text, decimal, currency);
  return r.ok ? r.minor : r.problem.reason;
};

describe('readLocaleNumber', () => {
  it('reads the locale’s way first, then what plainly is the other way', () => {
    const cases: [string, '.' | ',', string | null][] = [
      ['12.50', '.', '12.50'],
      ['12,50', '.', '12.50'],
      ['1,250', '.', '1250'],
      ['1,250', ',', '1.250'],
      ['1.250', ',', '1250'],
      ['1.250', '.', '1.250'],
      ['12.50', ',', '12.50'],
      ['1,234.56', ',', '1234.56'],
      ['1.234,56', '.', '1234.56'],
      ['1,234,567', '.', '1234567'],
      ['1.234.567', '.', '1234567'],
      ['1 234 567,5', ',', '1234567.5'],
      ['1\u00a0234,5', ',', '1234.5'],
      ['1\u202f234,5', ',', '1234.5'],
      ["1'234.50", '.', '1234.50'],
      ['1’234.50', '.', '1234.50'],
      ['0.125', ',', '0.125'],
      ['0,125', '.', '0.125'],
      ['1234', '.', '1234'],
      ['-12.5', '.', '-12.5'],
      ['−12,5', ',', '-12.5'],
      ['(12.50)', '.', '-12.50'],
      ['-(12.50)', '.', null],
      ['(12.50', '.', null],
      ['1,23,4', '.', null],
      ['12..5', '.', null],
      ['12.5.5', '.', null],
      ['1,2.5', '.', null],
      ['.5', '.', null],
      ['5.', '.', null],
      ['12a', '.', null],
      ['', '.', null],
    ];
    for (const [text, decimal, expected] of cases) {
      expect([text, decimal, readLocaleNumber(text, decimal)]).toEqual([text, decimal, expected]);
    }
  });
});

describe('currenciesNamed', () => {
  it('knows codes in any case, signs, and the signs that can be several currencies', () => {
    expect(currenciesNamed('eur')).toEqual(['EUR']);
    expect(currenciesNamed('£')).toEqual(['GBP']);
    expect(currenciesNamed('US$')).toEqual(['USD']);
    expect(currenciesNamed('ZŁ')).toEqual(['PLN']);
    expect(currenciesNamed('$')).toEqual(['USD', 'CAD', 'AUD', 'NZD']);
    expect(currenciesNamed('kr.')).toEqual(['SEK', 'NOK', 'DKK']);
    expect(currenciesNamed('XYZ')).toBeNull();
    expect(currenciesNamed('toString')).toBeNull();
  });

  it('minor digits: 2 for pence and cents, 0 for yen', () => {
    expect(minorDigitsOf('GBP')).toBe(2);
    expect(minorDigitsOf('JPY')).toBe(0);
  });
});

describe('parseMoneyCell', () => {
  it('reads a sign or code before or after the number, with or without a space', () => {
    expect(read('£12.50', '.')).toEqual(ok(1250, 'GBP', '£'));
    expect(read('12,50 €', ',', 'EUR')).toEqual(ok(1250, 'EUR', '€'));
    expect(read('12,50€', ',', 'EUR')).toEqual(ok(1250, 'EUR', '€'));
    expect(read('EUR 12.50', '.', 'EUR')).toEqual(ok(1250, 'EUR', 'EUR'));
    expect(read('usd12', '.', 'USD')).toEqual(ok(1200, 'USD', 'usd'));
    expect(read('1234.5 gbp', '.')).toEqual(ok(123_450, 'GBP', 'gbp'));
    expect(read('¥1200', '.', 'JPY')).toEqual(ok(1200, 'JPY', '¥'));
    expect(read('Fr. 5.50', '.', 'CHF')).toEqual(ok(550, 'CHF', 'Fr.'));
    expect(read('12,50 kr.', ',', 'DKK')).toEqual(ok(1250, 'DKK', 'kr.'));
    expect(read('1\u202f234,50\u00a0€', ',', 'EUR')).toEqual(ok(123_450, 'EUR', '€'));
    expect(read('CHF 1’234.50', '.', 'CHF')).toEqual(ok(123_450, 'CHF', 'CHF'));
    expect(read('  99  ', '.')).toEqual(ok(9900));
  });

  it('reads the locale’s decimal mark and grouping, and a number plainly the other way', () => {
    expect(why('1,234,567.5')).toBe(123_456_750);
    expect(why('1.234.567,5', ',')).toBe(123_456_750);
    expect(why('1 234,50', ',')).toBe(123_450);
    expect(why('1,234')).toBe(123_400);
    expect(why('1.234', ',')).toBe(123_400);
    // Not the locale's way, plainly the other: not 100 times the price.
    expect(why('12.50', ',')).toBe(1250);
    expect(why('12,5')).toBe(1250);
    expect(why('1.234,50')).toBe(123_450);
    // The locale's way when it can be: three decimals are too many for pounds.
    expect(why('1,250', ',')).toBe('too-many-decimals');
    expect(why('12.500')).toBe('too-many-decimals');
  });

  it('reads negative amounts however they are signed', () => {
    for (const text of ['-£5', '£-5', '- £5', '(£5)', '£(5)', '−£5', '-5 £', '−5,00 £']) {
      const decimal = text.includes(',') ? ',' : '.';
      expect([text, read(text, decimal)]).toEqual([text, ok(-500, 'GBP', '£')]);
    }
    expect(why('--5')).toBe('not-an-amount');
    expect(why('-(5)')).toBe('not-an-amount');
    expect(read('-0.00', '.')).toEqual(ok(0));
  });

  it('settles a sign that can be several currencies with the one in force', () => {
    expect(read('$5', '.', 'CAD')).toEqual(ok(500, 'CAD', '$'));
    expect(read('5 kr', ',', 'NOK')).toEqual(ok(500, 'NOK', 'kr'));
    expect(read('$5', '.', 'GBP')).toEqual({
      ok: false,
      problem: { reason: 'ambiguous', written: '$', currencies: ['USD', 'CAD', 'AUD', 'NZD'] },
    });
    expect(read('$5', '.', null)).toMatchObject({ ok: false, problem: { reason: 'ambiguous' } });
    // A sign that names one currency is that one, whatever is in force.
    expect(read('US$5', '.', 'CAD')).toEqual(ok(500, 'USD', 'US$'));
    expect(read('EUR 1.234,50', '.', 'GBP')).toEqual(ok(123_450, 'EUR', 'EUR'));
    // A sign and a code that agree: the code says which.
    expect(read('$12 CAD', '.', 'GBP')).toEqual(ok(1200, 'CAD', 'CAD'));
    expect(read('£12 GBP', '.', 'EUR')).toEqual(ok(1200, 'GBP', '£'));
  });

  it('takes its minor digits from the currency named, else the one in force', () => {
    expect(why('1200', '.', 'JPY')).toBe(1200);
    expect(why('12.5', '.', 'JPY')).toBe('too-many-decimals');
    expect(why('¥12.5', '.', 'GBP')).toBe('too-many-decimals');
    expect(why('¥1,200', '.', 'GBP')).toBe(1200);
    expect(why('12.505')).toBe('too-many-decimals');
    expect(read('12.505', '.', 'GBP')).toEqual({
      ok: false,
      problem: { reason: 'too-many-decimals', currency: 'GBP', digits: 2 },
    });
    expect(why('12.5')).toBe(1250);
    expect(why('12')).toBe(1200);
    expect(why('0.05')).toBe(5);
  });

  it('needs a currency, named or in force', () => {
    expect(read('£12', '.', null)).toEqual(ok(1200, 'GBP', '£'));
    expect(read('12', '.', null)).toEqual({ ok: false, problem: { reason: 'no-currency' } });
  });

  it('says why a cell is not an amount', () => {
    for (const bad of [
      'twelve',
      '12..5',
      '1,23,4.5',
      '12.5.5',
      '',
      '.5',
      'GBP',
      '£',
      '12 £ £',
      'Price: 12',
      '12.50.',
    ]) {
      expect([bad, why(bad)]).toEqual([bad, 'not-an-amount']);
    }
    expect(read('12 XYZ', '.')).toEqual({ ok: false, problem: { reason: 'unknown-currency', code: 'XYZ' } });
    expect(read('xyz12', '.')).toEqual({ ok: false, problem: { reason: 'unknown-currency', code: 'XYZ' } });
    expect(read('£12 EUR', '.')).toEqual({
      ok: false,
      problem: { reason: 'two-currencies', written: ['£', 'EUR'] },
    });
    expect(why('9999999999999.99')).toBe(999_999_999_999_999);
    expect(why('12345678901234')).toBe('too-large');
    expect(why('12345678901234', '.', null)).toBe('too-large');
  });

  it('words each reason for the person', () => {
    const message = (text: string, decimal: '.' | ',' = '.', currency: CurrencyCode | null = 'GBP') => {
      const r = read(text, decimal, currency);
      return r.ok ? null : moneyCellMessage(r.problem, decimal);
    };
    expect(message('twelve')).toBe('Not an amount: write it like 12.50 or £12.50.');
    expect(message('zwölf', ',')).toBe('Not an amount: write it like 12,50 or 12,50 €.');
    expect(message('£12 €')).toBe('Not an amount: £ and € are two different currencies.');
    expect(message('XYZ 12')).toBe('XYZ is not a currency Ledgerline knows.');
    expect(message('12345678901234')).toBe('The amount is too large.');
    expect(message('12', ',', null)).toBe('Say which currency the amount is in, such as GBP 12,50.');
    expect(message('$12')).toBe('$ can be USD, CAD, AUD or NZD: write the code, such as USD 12.50.');
    expect(message('12.505')).toBe('GBP amounts have at most 2 decimal places.');
    expect(message('12.5', '.', 'JPY')).toBe('JPY amounts have no decimal places.');
  });

  it('reads back any amount Intl.NumberFormat writes, for every locale and currency of the book', () => {
    // Up to 13 whole digits, as parseAmount allows: exact in a double's range.
    const amount = fc.bigInt({ min: -(10n ** 15n) + 1n, max: 10n ** 15n - 1n });
    const decimalText = (minor: bigint, digits: number) => {
      const abs = minor < 0n ? -minor : minor;
      const scale = 10n ** BigInt(digits);
      const fraction = digits > 0 ? `.${String(abs % scale).padStart(digits, '0')}` : '';
      return `${minor < 0n ? '-' : ''}${abs / scale}${fraction}`;
    };
    fc.assert(
      fc.property(
        amount,
        fc.constantFrom(...CURRENCY_CODES),
        fc.constantFrom(...LOCALE_TAGS),
        fc.constantFrom('symbol', 'narrowSymbol', 'code', 'plain', 'ungrouped') as fc.Arbitrary<string>,
        (big, currency, locale, display) => {
          const digits = minorDigitsOf(currency);
          const minor = digits === 0 ? big / 1000n : big;
          const options: Intl.NumberFormatOptions =
            display === 'plain' || display === 'ungrouped'
              ? { useGrouping: display === 'plain' }
              : { style: 'currency', currency, currencyDisplay: display as 'symbol' };
          const text = new Intl.NumberFormat(locale, {
            ...options,
            minimumFractionDigits: digits,
            maximumFractionDigits: digits,
          }).format(decimalText(minor, digits) as Intl.StringNumericLiteral);
          const back = parseMoneyCell(text, { decimal: decimalOf(locale), currency });
          const named = display === 'plain' || display === 'ungrouped' ? null : currency;
          expect([text, back]).toMatchObject([text, { ok: true, minor: Number(minor), currency: named }]);
        },
      ),
      { numRuns: 3000 },
    );
  });
});
