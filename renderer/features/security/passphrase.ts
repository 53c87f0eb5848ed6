/**
 * A simple strength hint for a new passphrase: long enough, not an obvious pattern, and better
 * as a few unrelated words. It guides; only the minimum length is a rule (PASSPHRASE_MIN).
 */
import { PASSPHRASE_MIN } from '../../../shared/api/requests/security.requests.ts';

export type StrengthLevel = 'short' | 'weak' | 'fair' | 'strong';

export interface Strength {
  level: StrengthLevel;
  /** One short sentence to show under the field. */
  hint: string;
}

const COMMON = ['password', 'passphrase', 'passwort', 'qwerty', 'azerty', 'letmein', 'ledgerline', 'welcome'];
const RUNS = ['01234567890', 'abcdefghijklmnopqrstuvwxyz', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

function isRunOrRepeat(text: string): boolean {
  const lower = text.toLowerCase();
  // The same few characters over and over: "aaaaaaaaaa", "abcabcabcabc", "12121212".
  for (let size = 1; size <= Math.floor(lower.length / 2); size++) {
    const unit = lower.slice(0, size);
    if (unit.repeat(Math.ceil(lower.length / size)).slice(0, lower.length) === lower) return true;
  }
  // A stretch of a keyboard row or the alphabet, forwards or backwards: "1234567890", "qwertyuiop".
  const reversed = [...lower].reverse().join('');
  return RUNS.some((run) => run.includes(lower) || run.includes(reversed));
}

export function passphraseStrength(passphrase: string): Strength {
  // Counted as the backend counts (UTF-16 units), so the hint and the rule agree.
  const length = passphrase.length;
  if (length < PASSPHRASE_MIN) {
    const more = PASSPHRASE_MIN - length;
    return {
      level: 'short',
      hint:
        length === 0
          ? `At least ${PASSPHRASE_MIN} characters.`
          : `At least ${PASSPHRASE_MIN} characters: ${more} more to go.`,
    };
  }
  const lower = passphrase.toLowerCase();
  const distinct = new Set(lower).size;
  const digitsOnly = /^[0-9]+$/u.test(passphrase) && length < 16;
  if (distinct < 5 || digitsOnly || isRunOrRepeat(passphrase) || COMMON.some((w) => lower.includes(w))) {
    return {
      level: 'weak',
      hint: 'Easy to guess. A few unrelated words are harder to guess and easier to remember.',
    };
  }
  const words = passphrase
    .trim()
    .split(/[\s\-_.,]+/u)
    .filter((w) => w.length >= 3).length;
  const kinds = [/[a-z]/u, /[A-Z]/u, /[0-9]/u, /[^a-zA-Z0-9]/u].filter((re) => re.test(passphrase)).length;
  if (length >= 20 || (words >= 4 && length >= 16) || (length >= 14 && kinds >= 3)) {
    return { level: 'strong', hint: 'Strong.' };
  }
  return { level: 'fair', hint: 'Good. Another word or two makes it stronger.' };
}

/** What is wrong with a new passphrase typed twice, field by field (nothing: it can be sent). */
export function checkNewPassphrase(
  passphrase: string,
  again: string,
): { passphrase?: string; again?: string } {
  if (passphrase.length < PASSPHRASE_MIN) {
    return { passphrase: `A passphrase needs at least ${PASSPHRASE_MIN} characters.` };
  }
  if (again === '') return { again: 'Type the passphrase a second time, to be sure of it.' };
  if (again !== passphrase) {
    return { again: 'The two passphrases are not the same. Type it again.' };
  }
  return {};
}
