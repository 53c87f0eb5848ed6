/** Moving a case along: open, waiting on customer, resolved (with what was done), closed. */
import { useId, useRef, useState, type FormEvent } from 'react';
import { CheckCircle2, Clock, Lock, RotateCcw } from 'lucide-react';
import type { Case, CaseStatus } from '../../../shared/domain/pipeline.ts';
import { formErrors, messageOf } from '../../api/errors.ts';
import { useCache } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { DialogHeader, SaveFooter } from '../../ui/DialogParts.tsx';
import { FieldError } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { STATUS_LABELS } from './case-words.ts';

/** Resolving or closing needs what was done; this asks for it. */
export function ResolveDialog({
  kase,
  status,
  onClose,
}: {
  kase: Case;
  status: 'resolved' | 'closed';
  onClose(): void;
}) {
  const cache = useCache();
  const ui = useUiStore();
  const titleId = useId();
  const fieldId = useId();
  const ref = useRef<HTMLTextAreaElement>(null);
  const [text, setText] = useState(kase.resolution ?? '');
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function save(event?: FormEvent) {
    event?.preventDefault();
    if (!text.trim()) {
      setError('Say how it was resolved, so whoever reads the case later knows.');
      ref.current?.focus();
      return;
    }
    setSaving(true);
    try {
      await cache.mutate('cases.setStatus', { id: kase.id, status, resolution: text });
      onClose();
      ui.getState().toast(`Case #${kase.number} is ${status === 'resolved' ? 'resolved' : 'closed'}.`);
    } catch (err) {
      setSaving(false);
      const e = formErrors(err, ['resolution']);
      setError(e.fields.resolution ?? e.form);
    }
  }

  return (
    <Dialog labelledBy={titleId} onClose={onClose} initialFocus={ref} className="lose-dialog">
      <form
        className="logcall__form"
        onSubmit={save}
        noValidate
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void save();
          }
        }}
      >
        <DialogHeader titleId={titleId} onClose={onClose}>
          {status === 'resolved' ? 'Resolve' : 'Close'} case #{kase.number}
        </DialogHeader>
        <div className="dialog__body deal-dialog__body">
          <div className="field">
            <label className="field__label" htmlFor={fieldId}>
              How was it resolved?
            </label>
            <textarea
              ref={ref}
              id={fieldId}
              className="input case-text"
              rows={4}
              placeholder="Sent a replacement chair; the customer confirmed it arrived."
              value={text}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${fieldId}-error` : undefined}
              onChange={(e) => {
                setText(e.target.value);
                setError(null);
              }}
            />
            {error ? <FieldError id={`${fieldId}-error`} message={error} /> : null}
          </div>
        </div>
        <SaveFooter onCancel={onClose} saving={saving}>
          {status === 'resolved' ? 'Resolve case' : 'Close case'}
        </SaveFooter>
      </form>
    </Dialog>
  );
}

/** The buttons that move a case to its next statuses. */
export function CaseStatusActions({ kase }: { kase: Case }) {
  const cache = useCache();
  const ui = useUiStore();
  const [asking, setAsking] = useState<'resolved' | 'closed' | null>(null);

  function set(status: CaseStatus) {
    cache
      .mutate('cases.setStatus', { id: kase.id, status })
      .then(() => ui.getState().toast(`Case #${kase.number} is ${STATUS_LABELS[status].toLowerCase()}.`))
      .catch((err: unknown) => ui.getState().toast(messageOf(err), 'error'));
  }
  const icon = (I: typeof Clock) => <I size={ICON.inline} strokeWidth={STROKE} aria-hidden />;
  const active = kase.status === 'open' || kase.status === 'waiting';
  return (
    <>
      {active ? (
        <>
          <Button variant="primary" icon={icon(CheckCircle2)} onClick={() => setAsking('resolved')}>
            Resolve…
          </Button>
          {kase.status === 'open' ? (
            <Button icon={icon(Clock)} onClick={() => set('waiting')}>
              Waiting on customer
            </Button>
          ) : (
            <Button icon={icon(RotateCcw)} onClick={() => set('open')}>
              Back to open
            </Button>
          )}
        </>
      ) : (
        <>
          {kase.status === 'resolved' ? (
            <Button variant="primary" icon={icon(Lock)} onClick={() => set('closed')}>
              Close case
            </Button>
          ) : null}
          <Button icon={icon(RotateCcw)} onClick={() => set('open')}>
            Reopen
          </Button>
        </>
      )}
      {asking ? <ResolveDialog kase={kase} status={asking} onClose={() => setAsking(null)} /> : null}
    </>
  );
}
