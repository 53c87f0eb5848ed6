/** Passing notes in the corner; one may carry an action ("Undo", "Open"). Long jobs show here too. */
import { X } from 'lucide-react';
import { useUi } from '../../stores/ui.store.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { JobCards } from './JobCards.tsx';

export function Toaster() {
  const toasts = useUi((s) => s.toasts);
  const dismiss = useUi((s) => s.dismissToast);
  return (
    <div className="toasts" role="status" aria-live="polite">
      <JobCards />
      {toasts.map((t) => (
        <div key={t.id} className={`toast toast--${t.tone}`} role={t.tone === 'error' ? 'alert' : undefined}>
          <span className="toast__message">{t.message}</span>
          {t.action ? (
            <button
              type="button"
              className="btn btn--ghost toast__action"
              onClick={() => {
                dismiss(t.id);
                t.action?.run();
              }}
            >
              {t.action.label}
            </button>
          ) : null}
          <button
            type="button"
            className="btn btn--ghost btn--icon"
            aria-label="Dismiss"
            onClick={() => dismiss(t.id)}
          >
            <X size={ICON.inline} strokeWidth={STROKE} aria-hidden />
          </button>
        </div>
      ))}
    </div>
  );
}
