/**
 * Passphrase inputs: one field with a show/hide button, and the pair asked for a new passphrase
 * (typed twice, with a strength hint under the first). Hints and errors sit under their field
 * and are announced with it, as in ui/Field.tsx.
 */
import { useId, type ReactNode, type Ref } from 'react';
import { Eye, EyeOff } from 'lucide-react';
import { FieldError } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { passphraseStrength } from './passphrase.ts';

export function PassphraseField({
  label,
  value,
  onChange,
  shown,
  onShownChange,
  error,
  hint,
  autoComplete,
  autoFocus,
  disabled,
  ref,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  shown: boolean;
  /** Given: the field has the show/hide button (a pair shares the first field's). */
  onShownChange?: (shown: boolean) => void;
  error?: string | null | undefined;
  hint?: ReactNode;
  autoComplete: 'current-password' | 'new-password';
  autoFocus?: boolean;
  disabled?: boolean;
  ref?: Ref<HTMLInputElement>;
}) {
  const id = useId();
  const described = [error ? `${id}-error` : null, hint && !error ? `${id}-hint` : null]
    .filter(Boolean)
    .join(' ');
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      <div className={`passphrase-input${onShownChange ? ' passphrase-input--toggle' : ''}`}>
        <input
          ref={ref}
          id={id}
          className="input input--large passphrase-input__control"
          type={shown ? 'text' : 'password'}
          value={value}
          autoComplete={autoComplete}
          autoFocus={autoFocus}
          autoCapitalize="off"
          autoCorrect="off"
          spellCheck={false}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={described || undefined}
          onChange={(e) => onChange(e.target.value)}
        />
        {onShownChange ? (
          <button
            type="button"
            className="btn btn--ghost btn--icon passphrase-input__toggle"
            aria-label="Show passphrase"
            aria-pressed={shown}
            title={shown ? 'Hide the passphrase' : 'Show the passphrase'}
            disabled={disabled}
            onClick={() => onShownChange(!shown)}
          >
            {shown ? (
              <EyeOff size={ICON.inline} strokeWidth={STROKE} aria-hidden />
            ) : (
              <Eye size={ICON.inline} strokeWidth={STROKE} aria-hidden />
            )}
          </button>
        ) : null}
      </div>
      {error ? <FieldError id={`${id}-error`} message={error} /> : null}
      {hint && !error ? (
        <div className="field__hint" id={`${id}-hint`}>
          {hint}
        </div>
      ) : null}
    </div>
  );
}

function StrengthHint({ passphrase }: { passphrase: string }) {
  const strength = passphraseStrength(passphrase);
  const bars = { short: 0, weak: 1, fair: 2, strong: 3 }[strength.level];
  return (
    <span className={`strength strength--${strength.level}`}>
      {passphrase ? (
        <span className="strength__meter" aria-hidden>
          {[1, 2, 3].map((n) => (
            <span key={n} className={`strength__bar${n <= bars ? ' strength__bar--on' : ''}`} />
          ))}
        </span>
      ) : null}
      <span>{strength.hint}</span>
    </span>
  );
}

export interface NewPassphrase {
  passphrase: string;
  again: string;
}

export interface NewPassphraseErrors {
  passphrase?: string | undefined;
  again?: string | undefined;
}

/** The new passphrase, typed twice. Checked by checkNewPassphrase before it is sent. */
export function NewPassphraseFields({
  value,
  onChange,
  errors,
  shown,
  onShownChange,
  disabled,
  firstRef,
  againRef,
  autoFocus,
  label = 'New passphrase',
}: {
  value: NewPassphrase;
  onChange(value: NewPassphrase): void;
  errors: NewPassphraseErrors;
  shown: boolean;
  onShownChange(shown: boolean): void;
  disabled?: boolean;
  firstRef?: Ref<HTMLInputElement>;
  againRef?: Ref<HTMLInputElement>;
  autoFocus?: boolean;
  label?: string;
}) {
  return (
    <div className="passphrase-pair">
      <PassphraseField
        ref={firstRef}
        label={label}
        value={value.passphrase}
        onChange={(passphrase) => onChange({ ...value, passphrase })}
        shown={shown}
        onShownChange={onShownChange}
        error={errors.passphrase}
        hint={<StrengthHint passphrase={value.passphrase} />}
        autoComplete="new-password"
        autoFocus={autoFocus}
        disabled={disabled}
      />
      <PassphraseField
        ref={againRef}
        label="Type it again"
        value={value.again}
        onChange={(again) => onChange({ ...value, again })}
        shown={shown}
        error={errors.again}
        autoComplete="new-password"
        disabled={disabled}
      />
    </div>
  );
}
