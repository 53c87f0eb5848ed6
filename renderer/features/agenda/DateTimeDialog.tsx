/** A short dialog that asks for a day and, optionally, a time: rescheduling or snoozing a task. */
import { useId, useRef, useState, type FormEvent } from 'react';
import { formErrors } from '../../api/errors.ts';
import { Button } from '../../ui/Button.tsx';
import { DialogHeader } from '../../ui/DialogParts.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { FieldError, TextField } from '../../ui/Field.tsx';

export function DateTimeDialog({
  title,
  description,
  submitLabel,
  initialDate,
  initialTime = '',
  timeLabel = 'Time (optional)',
  onSubmit,
  onClose,
}: {
  title: string;
  description?: string;
  submitLabel: string;
  initialDate: string;
  initialTime?: string;
  timeLabel?: string;
  /** Resolves when saved; a rejection's message is shown at the fields. */
  onSubmit(date: string, time: string): Promise<unknown>;
  onClose(): void;
}) {
  const titleId = useId();
  const [date, setDate] = useState(initialDate);
  const [time, setTime] = useState(initialTime);
  const [error, setError] = useState<{ date?: string; time?: string; form?: string }>({});
  const [saving, setSaving] = useState(false);
  const dateRef = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!date) {
      setError({ date: 'Choose a day.' });
      dateRef.current?.focus();
      return;
    }
    setSaving(true);
    try {
      await onSubmit(date, time);
      onClose();
    } catch (err) {
      setSaving(false);
      const e = formErrors(err, ['patch.dueDate', 'patch.dueAt', 'until']);
      setError({
        date: e.fields['patch.dueDate'] ?? e.fields.until,
        time: e.fields['patch.dueAt'],
        form: e.form ?? undefined,
      });
    }
  }

  return (
    <Dialog labelledBy={titleId} onClose={onClose} initialFocus={dateRef} className="datetime-dialog">
      <form className="logcall__form" onSubmit={submit} noValidate>
        <DialogHeader titleId={titleId} onClose={onClose}>
          {title}
        </DialogHeader>
        <div className="dialog__body datetime-dialog__body">
          {description ? <p className="datetime-dialog__desc">{description}</p> : null}
          <div className="datetime-dialog__fields">
            <TextField
              ref={dateRef}
              type="date"
              label="Day"
              value={date}
              error={error.date}
              onChange={(e) => {
                setDate(e.target.value);
                setError({});
              }}
            />
            <TextField
              type="time"
              label={timeLabel}
              value={time}
              error={error.time}
              onChange={(e) => {
                setTime(e.target.value);
                setError({});
              }}
            />
          </div>
          {error.form ? <FieldError message={error.form} /> : null}
        </div>
        <div className="dialog__footer">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={saving}>
            {submitLabel}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
