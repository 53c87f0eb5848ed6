import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardNumberNotice, maskCardNumbers, passesLuhn } from '../../shared/domain/card-numbers.ts';

/** A digit string of the given length whose last digit makes it pass the Luhn check. */
function withCheckDigit(body: string): string {
  for (let d = 0; d <= 9; d++) if (passesLuhn(`${body}${d}`)) return `${body}${d}`;
  throw new Error('unreachable');
}
const cardNumber = fc
  .integer({ min: 13, max: 19 })
  .chain((n) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n - 1, maxLength: n - 1 }))
  .map((ds) => withCheckDigit(ds.join('')));

describe('payment card numbers in free text', () => {
  it('knows the Luhn check from published test numbers', () => {
    expect(passesLuhn('4111111111111111')).toBe(true); // Visa test card
    expect(passesLuhn('5555555555554444')).toBe(true); // Mastercard test card
    expect(passesLuhn('378282246310005')).toBe(true); // American Express test card
    expect(passesLuhn('4111111111111112')).toBe(false);
    expect(passesLuhn('12a4')).toBe(false);
  });

  it('masks a card number written together, in groups of four, or with hyphens', () => {
    expect(maskCardNumbers('Card 4111111111111111 ok').text).toBe('Card •••• 1111 ok');
    expect(maskCardNumbers('Card 4111 1111 1111 1111, exp 12/28').text).toBe('Card •••• 1111, exp 12/28');
    expect(maskCardNumbers('Amex 3782-822463-10005.').text).toBe('Amex •••• 0005.');
    const two = maskCardNumbers('5555555555554444 then 4111 1111 1111 1111');
    expect(two.text).toBe('•••• 4444 then •••• 1111');
    expect(two.masked).toEqual(['4444', '1111']);
    expect(cardNumberNotice(two.masked)).toMatch(/…4444, …1111/u);
  });

  it('leaves phone numbers, order numbers that fail the check, and longer digit runs alone', () => {
    for (const text of [
      'Call 07700 900123 or +44 20 7946 0958',
      'Order 4111111111111112 shipped',
      'Ref 41111111111111110000000',
      'IBAN GB82 WEST 1234 5698 7654 32',
      '',
    ]) {
      expect(maskCardNumbers(text)).toEqual({ text, masked: [] });
    }
  });

  it('never keeps a valid card number, wherever it sits in any text', () => {
    fc.assert(
      fc.property(
        fc.string(),
        cardNumber,
        fc.string(),
        fc.constantFrom('', ' ', '-'),
        (before, card, after, sep) => {
          const written = sep ? card.replace(/(\d{4})(?=\d)/gu, `$1${sep}`) : card;
          // Digits next to the number (even a space away) make a longer run, which is not a card
          // number: a bar keeps them apart.
          const text = `${before}|${written}|${after}`;
          const { text: out, masked } = maskCardNumbers(text);
          expect(out.replace(/[ -]/gu, '')).not.toContain(card);
          expect(masked).toContain(card.slice(-4));
          expect(maskCardNumbers(out).text).toBe(out);
        },
      ),
    );
  });

  it('changes nothing in text without a card number', () => {
    fc.assert(
      fc.property(
        fc.string().filter((s) => !/\d/u.test(s)),
        (text) => {
          expect(maskCardNumbers(text)).toEqual({ text, masked: [] });
        },
      ),
    );
  });
});
