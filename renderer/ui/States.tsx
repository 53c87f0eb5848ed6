/** Designed loading, empty and error states. */
import { useEffect, useState, type ReactNode } from 'react';
import { CircleExclamationPoint, LoaderCircle, RotateCw } from 'lucide-react';
import { Button } from './Button.tsx';
import { ICON, STROKE } from './icons.ts';

export function Spinner({ label = 'Loading…', size = ICON.state }: { label?: string; size?: number }) {
  return (
    <span role="status" className="spinner-wrap">
      <LoaderCircle className="spinner" size={size} strokeWidth={STROKE} aria-hidden />
      <span className="visually-hidden">{label}</span>
    </span>
  );
}

/** Shows nothing for the first moment, so quick loads do not flash a spinner. */
export function DelayedSpinner({ label, delayMs = 250 }: { label?: string; delayMs?: number }) {
  const [show, setShow] = useState(false);
  useEffect(() => {
    const t = setTimeout(() => setShow(true), delayMs);
    return () => clearTimeout(t);
  }, [delayMs]);
  return show ? (
    <Spinner {...(label ? { label } : {})} />
  ) : (
    <span role="status" aria-label={label ?? 'Loading…'} />
  );
}

export function EmptyState({
  icon,
  title,
  children,
  action,
}: {
  icon: ReactNode;
  title: string;
  children?: ReactNode;
  action?: ReactNode;
}) {
  return (
    <div className="state">
      <span className="state__icon" aria-hidden>
        {icon}
      </span>
      <p className="state__title">{title}</p>
      {children ? <p className="state__body">{children}</p> : null}
      {action ? <div className="state__action">{action}</div> : null}
    </div>
  );
}

export function ErrorState({
  title,
  message,
  onRetry,
}: {
  title: string;
  message: string;
  onRetry?: () => void;
}) {
  return (
    <div className="state state--error" role="alert">
      <span className="state__icon" aria-hidden>
        <CircleExclamationPoint size={ICON.state} strokeWidth={STROKE} />
      </span>
      <p className="state__title">{title}</p>
      <p className="state__body">{message}</p>
      {onRetry ? (
        <div className="state__action">
          <Button onClick={onRetry} icon={<RotateCw size={ICON.inline} strokeWidth={STROKE} aria-hidden />}>
            Try again
          </Button>
        </div>
      ) : null}
    </div>
  );
}
