/** Labelled inputs whose hint and error sit right under them and are announced with them. */
import { useId, type ReactNode, type Ref, type InputHTMLAttributes, type SelectHTMLAttributes } from 'react';
import { ChevronDown, CircleExclamationPoint } from 'lucide-react';
import { ICON, STROKE } from './icons.ts';

interface FieldProps {
  label: ReactNode;
  hint?: ReactNode;
  error?: string | null | undefined;
  large?: boolean;
  className?: string;
}

export function FieldError({ id, message }: { id?: string; message: string }) {
  return (
    <div className="field__error" id={id}>
      <CircleExclamationPoint size={ICON.small} strokeWidth={2} aria-hidden />
      <span>{message}</span>
    </div>
  );
}

function describedBy(hintId: string, errorId: string, hint: unknown, error: unknown) {
  return [error ? errorId : null, hint ? hintId : null].filter(Boolean).join(' ') || undefined;
}

/** The label above, the control, then its error or hint below: shared by every field kind. */
function FieldFrame({
  label,
  hint,
  error,
  className,
  render,
}: FieldProps & { render(ids: { id: string; describedBy: string | undefined }): ReactNode }) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {render({ id, describedBy: describedBy(hintId, errorId, hint, error) })}
      {error ? <FieldError id={errorId} message={error} /> : null}
      {hint && !error ? (
        <div className="field__hint" id={hintId}>
          {hint}
        </div>
      ) : null}
    </div>
  );
}

export function TextField({
  label,
  hint,
  error,
  large = false,
  className,
  ref,
  ...input
}: FieldProps & Omit<InputHTMLAttributes<HTMLInputElement>, 'size'> & { ref?: Ref<HTMLInputElement> }) {
  return (
    <FieldFrame
      label={label}
      hint={hint}
      error={error}
      className={className}
      render={({ id, describedBy: described }) => (
        <input
          ref={ref}
          id={id}
          className={`input${large ? ' input--large' : ''}`}
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
          {...input}
        />
      )}
    />
  );
}

export function Select({
  large = false,
  invalid,
  ref,
  ...select
}: Omit<SelectHTMLAttributes<HTMLSelectElement>, 'size'> & {
  large?: boolean;
  invalid?: boolean;
  ref?: Ref<HTMLSelectElement>;
}) {
  return (
    <span className="select-wrap">
      <select
        ref={ref}
        className={`select${large ? ' select--large' : ''}`}
        aria-invalid={invalid ? true : undefined}
        {...select}
      />
      <ChevronDown className="select-wrap__chevron" size={ICON.inline} strokeWidth={STROKE} aria-hidden />
    </span>
  );
}

export function SelectField({
  label,
  hint,
  error,
  large = false,
  className,
  children,
  ref,
  ...select
}: FieldProps & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'size'> & { ref?: Ref<HTMLSelectElement> }) {
  return (
    <FieldFrame
      label={label}
      hint={hint}
      error={error}
      className={className}
      render={({ id, describedBy: described }) => (
        <Select
          ref={ref}
          id={id}
          large={large}
          invalid={Boolean(error)}
          aria-describedby={described}
          {...select}
        >
          {children}
        </Select>
      )}
    />
  );
}
