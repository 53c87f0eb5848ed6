/** One row of a settings group: what it is on the left, the control on the right. */
import type { ReactNode } from 'react';
import { Check } from 'lucide-react';
import { ICON } from '../../ui/icons.ts';

export function SettingsGroup({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <section className="settings__section" id={id} aria-labelledby={`${id}-title`}>
      <div className="settings__section-head">
        <h2 id={`${id}-title`}>{title}</h2>
        {description ? <p className="settings__section-desc">{description}</p> : null}
      </div>
      <div className="settings__group">{children}</div>
    </section>
  );
}

export function SettingsRow({
  label,
  labelFor,
  hint,
  children,
}: {
  label: ReactNode;
  labelFor?: string;
  hint?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="settings__row">
      <div className="settings__row-label">
        {labelFor ? <label htmlFor={labelFor}>{label}</label> : <span>{label}</span>}
        {hint ? <span className="settings__row-hint">{hint}</span> : null}
      </div>
      <div className="settings__row-control">{children}</div>
    </div>
  );
}

export function SavedNote({ show }: { show: boolean }) {
  return (
    <span className="settings__saved" role="status">
      {show ? (
        <span className="status-note">
          <Check size={ICON.small} strokeWidth={2.25} aria-hidden />
          Saved
        </span>
      ) : null}
    </span>
  );
}
