/** Money rules: half-even rounding per line, totals that are the sums of their lines. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BP_SCALE,
  divRoundHalfEven,
  lineAmounts,
  parseAmount,
  parsePercent,
  parseQuantity,
  QTY_SCALE,
  sumAmounts,
  type LineInput,
} from '../../shared/domain/money.ts';

const line = fc.record<LineInput>({
  quantity: fc.integer({ min: 0, max: 10_000_000 }),
  unitPrice: fc.integer({ min: 0, max: 100_000_000 }),
  discountBp: fc.integer({ min: 0, max: BP_SCALE }),
  taxRateBp: fc.integer({ min: 0, max: BP_SCALE }),
  unitCost: fc.integer({ min: 0, max: 100_000_000 }),
});

describe('divRoundHalfEven', () => {
  it('rounds to the nearest integer, ties to the even one', () => {
    expect(divRoundHalfEven(5n, 2n)).toBe(2n);
    expect(divRoundHalfEven(7n, 2n)).toBe(4n);
    expect(divRoundHalfEven(-5n, 2n)).toBe(-2n);
    expect(divRoundHalfEven(-7n, 2n)).toBe(-4n);
    expect(divRoundHalfEven(10n, 4n)).toBe(2n);
    expect(divRoundHalfEven(11n, 4n)).toBe(3n);
    expect(() => divRoundHalfEven(1n, 0n)).toThrow(RangeError);
  });

  it('is never more than half a unit from the exact quotient', () => {
    fc.assert(
      fc.property(
        fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }),
        fc.bigInt({ min: 1n, max: 10n ** 12n }),
        (n, d) => {
          const q = divRoundHalfEven(n, d);
          const error = q * d - n;
          const abs = error < 0n ? -error : error;
          expect(abs * 2n <= d).toBe(true);
          if (abs * 2n === d) expect(q % 2n).toBe(0n);
        },
      ),
    );
  });
});

describe('order lines', () => {
  it('works out a line the way the accountant reads it', () => {
    // 2.5 hours at £40.00, 10 % off, 20 % VAT, costing £15.00 an hour.
    expect(
      lineAmounts({ quantity: 2500, unitPrice: 4000, discountBp: 1000, taxRateBp: 2000, unitCost: 1500 }),
    ).toEqual({ net: 9000, tax: 1800, gross: 10800, cost: 3750 });
    // 3 × £0.333: net 0.999 rounds to £1.00; tax of 17.5 % on 100p is 17.5p, which rounds to even 18p.
    expect(
      lineAmounts({ quantity: 3000, unitPrice: 33, discountBp: 0, taxRateBp: 1750, unitCost: 0 }).net,
    ).toBe(99);
    expect(
      lineAmounts({ quantity: 1000, unitPrice: 100, discountBp: 0, taxRateBp: 1750, unitCost: 0 }).tax,
    ).toBe(18);
    expect(
      lineAmounts({ quantity: 1000, unitPrice: 300, discountBp: 0, taxRateBp: 1750, unitCost: 0 }).tax,
    ).toBe(52);
  });

  it('rounds each figure once, to within half a minor unit of the exact amount', () => {
    fc.assert(
      fc.property(line, (l) => {
        const a = lineAmounts(l);
        const exactNet2 =
          (2n * BigInt(l.quantity) * BigInt(l.unitPrice) * BigInt(BP_SCALE - l.discountBp)) / 1n;
        const scale = BigInt(QTY_SCALE * BP_SCALE);
        // |net − exact| ≤ ½  ⇔  |2·net·scale − 2·exact·scale| ≤ scale
        const diff = 2n * BigInt(a.net) * scale - exactNet2;
        expect((diff < 0n ? -diff : diff) <= scale).toBe(true);
        expect(a.gross).toBe(a.net + a.tax);
        expect(a.net).toBeGreaterThanOrEqual(0);
        expect(a.tax).toBeLessThanOrEqual(a.net);
        expect(Number.isSafeInteger(a.gross)).toBe(true);
      }),
    );
  });

  it('makes an order total exactly the sum of its lines, so nothing is lost to rounding', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 40 }), (lines) => {
        const amounts = lines.map(lineAmounts);
        const total = sumAmounts(amounts);
        expect(total.net).toBe(amounts.reduce((s, a) => s + a.net, 0));
        expect(total.tax).toBe(amounts.reduce((s, a) => s + a.tax, 0));
        expect(total.gross).toBe(amounts.reduce((s, a) => s + a.gross, 0));
        expect(total.cost).toBe(amounts.reduce((s, a) => s + a.cost, 0));
        expect(total.margin).toBe(total.net - total.cost);
        // Splitting an order's lines into two orders keeps the grand total.
        const cut = Math.floor(lines.length / 2);
        const a = sumAmounts(amounts.slice(0, cut));
        const b = sumAmounts(amounts.slice(cut));
        expect(a.gross + b.gross).toBe(total.gross);
      }),
    );
  });

  it('charges nothing for a line given away or of no quantity', () => {
    fc.assert(
      fc.property(line, (l) => {
        expect(lineAmounts({ ...l, discountBp: BP_SCALE }).gross).toBe(0);
        expect(lineAmounts({ ...l, quantity: 0 })).toEqual({ net: 0, tax: 0, gross: 0, cost: 0 });
      }),
    );
  });
});

describe('typed amounts', () => {
  it('reads quantities, amounts and percentages as people type them, and refuses the rest', () => {
    expect(parseQuantity('2')).toBe(2000);
    expect(parseQuantity('2.5')).toBe(2500);
    expect(parseQuantity('0,125')).toBe(125);
    expect(parseQuantity('1.2345')).toBeNull();
    expect(parseQuantity('-1')).toBeNull();
    expect(parseAmount('12')).toBe(1200);
    expect(parseAmount('1,234.5')).toBe(123450);
    expect(parseAmount('1.234,56', 2, ',')).toBe(123456);
    expect(parseAmount('-3.10')).toBe(-310);
    expect(parseAmount('12.345')).toBeNull();
    expect(parseAmount('abc')).toBeNull();
    expect(parseAmount('100', 0)).toBe(100);
    expect(parsePercent('20')).toBe(2000);
    expect(parsePercent('17.5 %')).toBe(1750);
    expect(parsePercent('12,25')).toBe(1225);
    expect(parsePercent('101')).toBeNull();
  });

  it('reads back every amount it could write', () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e12, max: 1e12 }), (minor) => {
        const sign = minor < 0 ? '-' : '';
        const abs = Math.abs(minor);
        const text = `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
        expect(parseAmount(text)).toBe(minor);
      }),
    );
  });
});
