/**
 * Payment card numbers in free text (issue 6): a CRM must not keep them (PCI DSS), and people do
 * type them into call summaries and notes while the customer reads them out. Any run of 13 to 19
 * digits, written together or in groups split by single spaces or hyphens, that passes the Luhn
 * check is masked to its last four digits before it is stored: "4111 1111 1111 1111" becomes
 * "•••• 1111". Longer runs of digits are not card numbers and are left alone, as are runs that
 * fail the check (order numbers, phone numbers).
 */

/** What a masked card number becomes: the last four digits, so the card can still be named. */
export const maskedCard = (last4: string) => `•••• ${last4}`;

/** The Luhn check (ISO/IEC 7812): every second digit from the right doubled. */
export function passesLuhn(digits: string): boolean {
  if (!/^\d+$/u.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

/** A digit run with single spaces or hyphens between digits, not touching other digits. */
const RUN = /(?<![\d])\d(?:[ -]?\d){12,18}(?![ -]?\d)/gu;

export interface CardMasking {
  text: string;
  /** The last four digits of each number masked, in order (empty when nothing was). */
  masked: string[];
}

/** The text with every card number in it masked (see the top of this file). */
export function maskCardNumbers(text: string): CardMasking {
  const masked: string[] = [];
  if (!/\d{4}/u.test(text.replace(/[ -]/gu, ''))) return { text, masked };
  const out = text.replace(RUN, (run) => {
    const digits = run.replace(/[ -]/gu, '');
    if (digits.length < 13 || digits.length > 19 || !passesLuhn(digits)) return run;
    const last4 = digits.slice(-4);
    masked.push(last4);
    return maskedCard(last4);
  });
  return { text: out, masked };
}

/** The explanation shown where a card number was typed. */
export function cardNumberNotice(masked: readonly string[]): string {
  const which = masked.map((l) => `…${l}`).join(', ');
  return masked.length === 1
    ? `That looks like a payment card number, so only its last four digits (${which}) are kept. Card numbers must not be stored in a CRM: take payments in your card terminal or payment service.`
    : `Those look like payment card numbers, so only their last four digits (${which}) are kept. Card numbers must not be stored in a CRM: take payments in your card terminal or payment service.`;
}
