/**
 * Under a free-text box: when what is typed holds a payment card number, says that only its last
 * four digits will be kept (the backend masks it on save: shared/domain/card-numbers.ts).
 */
import { ShieldAlert } from 'lucide-react';
import { cardNumberNotice, maskCardNumbers } from '../../shared/domain/card-numbers.ts';
import { ICON, STROKE } from './icons.ts';

/** The notice's text for what is typed, or null when it holds no card number. */
export function cardNumberNoticeFor(text: string): string | null {
  const { masked } = maskCardNumbers(text);
  return masked.length > 0 ? cardNumberNotice(masked) : null;
}

export function CardNumberNotice({ id, text }: { id: string; text: string }) {
  const notice = cardNumberNoticeFor(text);
  if (!notice) return null;
  return (
    <p className="field__notice" id={id} role="status">
      <ShieldAlert size={ICON.small} strokeWidth={STROKE} aria-hidden />
      <span>{notice}</span>
    </p>
  );
}
