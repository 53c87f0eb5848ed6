/**
 * The recovery key as people read, print and type it: 36 letters and digits in 9 groups of 4.
 * Whatever is typed (any case, spaces, dashes, a paste from a note) is kept as its letters and
 * digits, in capitals, grouped with dashes as the person types.
 */

export const RECOVERY_KEY_CHARS = 36;
const GROUP = 4;

/** The letters and digits of what was typed, in capitals; everything else is dropped. */
export function recoveryKeyChars(text: string): string {
  return text.toUpperCase().replace(/[^A-Z0-9]/gu, '');
}

/** The key in groups of 4 (the last group may be shorter while it is being typed). */
export function recoveryKeyGroups(text: string): string[] {
  const chars = recoveryKeyChars(text);
  const groups: string[] = [];
  for (let i = 0; i < chars.length; i += GROUP) groups.push(chars.slice(i, i + GROUP));
  return groups;
}

/** "abcd efgh-ij" -> "ABCD-EFGH-IJ" */
export function formatRecoveryKey(text: string): string {
  return recoveryKeyGroups(text).join('-');
}

/**
 * Where the caret belongs in the formatted key so it stays after the same letter or digit it was
 * after in what was typed (editing in the middle of the key must not throw the caret to the end).
 */
export function caretInFormatted(typed: string, caret: number): number {
  const charsBefore = recoveryKeyChars(typed.slice(0, caret)).length;
  if (charsBefore === 0) return 0;
  // Each full group before the caret is followed by one dash, except right at a group's end.
  return charsBefore + Math.floor((charsBefore - 1) / GROUP);
}
