/** The recovery key as it is typed and shown, and the new-passphrase checks and strength hint. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  caretInFormatted,
  formatRecoveryKey,
  recoveryKeyChars,
  recoveryKeyGroups,
} from '../../../renderer/features/security/recovery-key.ts';
import { checkNewPassphrase, passphraseStrength } from '../../../renderer/features/security/passphrase.ts';
import { RECOVERY_KEY } from './fake-security.ts';

/** What people type: key characters in any case, with spaces, dashes and the odd stray mark. */
const typed = fc
  .array(fc.constantFrom(...'0123456789abcdefghjkmnpqrstvwxyzABCDEFGHJKMNPQRSTVWXYZ -–_.'), { maxLength: 60 })
  .map((chars) => chars.join(''));

describe('recovery key formatting', () => {
  it('groups the letters and digits by 4 in capitals, whatever was typed', () => {
    expect(formatRecoveryKey('7k3m q9xd2hwp-8rtv')).toBe('7K3M-Q9XD-2HWP-8RTV');
    expect(formatRecoveryKey(RECOVERY_KEY.replaceAll('-', ' ').toLowerCase())).toBe(RECOVERY_KEY);
    expect(recoveryKeyGroups(RECOVERY_KEY)).toHaveLength(9);
    fc.assert(
      fc.property(typed, (text) => {
        const formatted = formatRecoveryKey(text);
        expect(formatted).toMatch(/^(?:(?:[A-Z0-9]{4}-)*[A-Z0-9]{1,4})?$/u);
        expect(recoveryKeyChars(formatted)).toBe(text.toUpperCase().replace(/[^A-Z0-9]/gu, ''));
        expect(formatRecoveryKey(formatted)).toBe(formatted);
      }),
    );
  });

  it('keeps the caret after the character it was after', () => {
    expect(caretInFormatted('ABCDE', 5)).toBe(6); // ABCD-E|
    expect(caretInFormatted('ABCD', 4)).toBe(4); // ABCD| (no dash before a fifth character)
    expect(caretInFormatted('ABCD-XEFGH', 6)).toBe(6); // ABCD-X|EFG-H
    fc.assert(
      fc.property(typed, fc.nat(), (text, at) => {
        const caret = at % (text.length + 1);
        const formatted = formatRecoveryKey(text);
        const moved = caretInFormatted(text, caret);
        expect(moved).toBeGreaterThanOrEqual(0);
        expect(moved).toBeLessThanOrEqual(formatted.length);
        expect(recoveryKeyChars(formatted.slice(0, moved))).toBe(recoveryKeyChars(text.slice(0, caret)));
        if (moved > 0) expect(formatted[moved - 1]).not.toBe('-');
      }),
    );
  });
});

describe('new passphrase', () => {
  it('needs the minimum length, then the same passphrase twice', () => {
    expect(checkNewPassphrase('short', 'short')).toEqual({
      passphrase: 'A passphrase needs at least 10 characters.',
    });
    expect(checkNewPassphrase('long enough now', '')).toEqual({
      again: 'Type the passphrase a second time, to be sure of it.',
    });
    expect(checkNewPassphrase('long enough now', 'long enough no')).toEqual({
      again: 'The two passphrases are not the same. Type it again.',
    });
    expect(checkNewPassphrase('long enough now', 'long enough now')).toEqual({});
  });

  it('hints at how strong it is', () => {
    expect(passphraseStrength('')).toEqual({ level: 'short', hint: 'At least 10 characters.' });
    expect(passphraseStrength('abcdefg').hint).toBe('At least 10 characters: 3 more to go.');
    for (const weak of [
      'aaaaaaaaaaaa',
      'abcabcabcabc',
      '1234567890',
      '0987654321',
      '4815162342',
      'qwertyuiop',
      'MyPassword2024',
    ]) {
      expect(passphraseStrength(weak).level, weak).toBe('weak');
    }
    expect(passphraseStrength('harbour lantern').level).toBe('fair');
    expect(passphraseStrength('copper kettle morning rain').level).toBe('strong');
    expect(passphraseStrength('Tr0ub4dor&3xyz').level).toBe('strong');
    // Anything shorter than the minimum is "short", whatever it is made of.
    fc.assert(
      fc.property(fc.string({ maxLength: 9 }), (p) => {
        expect(passphraseStrength(p).level).toBe('short');
      }),
    );
    // The same character over and over is never more than weak.
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 1 }), fc.integer({ min: 10, max: 40 }), (c, n) => {
        expect(['short', 'weak']).toContain(passphraseStrength(c.repeat(n)).level);
      }),
    );
  });
});
