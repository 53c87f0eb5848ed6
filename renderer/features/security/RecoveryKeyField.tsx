/**
 * The recovery key typed in: formatted as it is typed (capitals, groups of 4 with dashes) with
 * the caret kept after the character it was after, and a count of what has been typed so far.
 */
import { useId, useLayoutEffect, useRef, type RefObject } from 'react';
import { FieldError } from '../../ui/Field.tsx';
import { caretInFormatted, formatRecoveryKey, RECOVERY_KEY_CHARS, recoveryKeyChars } from './recovery-key.ts';

export function RecoveryKeyField({
  value,
  onChange,
  error,
  inputRef,
  autoFocus,
  disabled,
}: {
  /** Already formatted. */
  value: string;
  onChange(formatted: string): void;
  error?: string | null | undefined;
  inputRef: RefObject<HTMLInputElement | null>;
  autoFocus?: boolean;
  disabled?: boolean;
}) {
  const id = useId();
  const caret = useRef<number | null>(null);
  const typed = recoveryKeyChars(value).length;

  useLayoutEffect(() => {
    const input = inputRef.current;
    if (caret.current === null || !input || input !== document.activeElement) return;
    input.setSelectionRange(caret.current, caret.current);
    caret.current = null;
  }, [value, inputRef]);

  const hint =
    typed === 0
      ? `${RECOVERY_KEY_CHARS} letters and digits in 9 groups of 4. Capitals, spaces and dashes don’t matter.`
      : `${typed} of ${RECOVERY_KEY_CHARS} letters and digits.`;
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        Recovery key
      </label>
      <input
        ref={inputRef}
        id={id}
        className="input input--large recovery-input"
        value={value}
        placeholder="XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX-XXXX"
        autoComplete="off"
        autoCapitalize="characters"
        autoCorrect="off"
        spellCheck={false}
        autoFocus={autoFocus}
        disabled={disabled}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : `${id}-hint`}
        onChange={(e) => {
          const raw = e.target.value;
          caret.current = caretInFormatted(raw, e.target.selectionStart ?? raw.length);
          onChange(formatRecoveryKey(raw));
        }}
      />
      {error ? (
        <FieldError id={`${id}-error`} message={error} />
      ) : (
        <div className="field__hint num" id={`${id}-hint`}>
          {hint}
        </div>
      )}
    </div>
  );
}
