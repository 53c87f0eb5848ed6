/** A new task: type, title, when it is due, a reminder, priority, who does it and for whom. */
import { useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import {
  TASK_TYPE_LABELS,
  TASK_TYPES,
  type Priority,
  type TaskType,
} from '../../../shared/domain/activity.ts';
import type { Settings } from '../../../shared/domain/settings.ts';
import { formErrors } from '../../api/errors.ts';
import { useClock } from '../../lib/clock.tsx';
import { useFormat } from '../../lib/format.context.tsx';
import { useCache, useQuery } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { DialogHeader, SaveFooter } from '../../ui/DialogParts.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { FieldError, SelectField, TextField } from '../../ui/Field.tsx';
import { Segmented } from '../../ui/Segmented.tsx';
import { PersonPicker, type PickedPerson } from '../search/PersonPicker.tsx';
import { instantOf, REMINDERS, reminderAt, todayIso, type ReminderChoice } from './task-times.ts';
import '../calls/calls.css';
import './agenda.css';

const FIELDS = [
  'title',
  'type',
  'dueDate',
  'dueAt',
  'reminderAt',
  'priority',
  'assigneeId',
  'personId',
  'notes',
] as const;
type FieldName = (typeof FIELDS)[number];

const PRIORITIES: { value: `${Priority}`; label: string }[] = [
  { value: '1', label: 'High' },
  { value: '2', label: 'Normal' },
  { value: '3', label: 'Low' },
];

export function NewTaskDialog({
  personId,
  settings,
  onClose,
}: {
  personId: string | null;
  settings: Settings;
  onClose(): void;
}) {
  const cache = useCache();
  const ui = useUiStore();
  const clock = useClock();
  const fmt = useFormat();
  const titleId = useId();
  const staff = useQuery('staff.list', {}).data ?? [];
  const [type, setType] = useState<TaskType>(personId ? 'call' : 'todo');
  const [title, setTitle] = useState('');
  const [dueDate, setDueDate] = useState(() => todayIso(clock()));
  const [dueTime, setDueTime] = useState('');
  const [reminder, setReminder] = useState<ReminderChoice>('none');
  const [priority, setPriority] = useState<`${Priority}`>('2');
  const [assignee, setAssignee] = useState(settings.currentStaffId ?? '');
  const [person, setPerson] = useState<PickedPerson | null>(null);
  const personTouched = useRef(false);
  const [notes, setNotes] = useState('');
  const [errors, setErrors] = useState<Partial<Record<FieldName, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const titleRef = useRef<HTMLInputElement>(null);
  const dueRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (!personId) return;
    let live = true;
    cache.client
      .call('people.get', { id: personId })
      .then((p) => {
        if (live && !personTouched.current)
          setPerson({ id: p.id, name: p.displayName, detail: p.companyName });
      })
      .catch(() => {});
    return () => {
      live = false;
    };
  }, [cache, personId]);

  async function save(event?: FormEvent) {
    event?.preventDefault();
    if (saving) return;
    if (!title.trim()) {
      setErrors({ title: 'Give the task a title.' });
      titleRef.current?.focus();
      return;
    }
    setSaving(true);
    try {
      const task = await cache.mutate('tasks.create', {
        type,
        title,
        notes: notes || null,
        dueDate: dueDate || null,
        dueAt: dueDate && dueTime ? instantOf(dueDate, dueTime) : null,
        reminderAt: reminderAt(reminder, dueDate, dueTime),
        priority: Number(priority) as Priority,
        assigneeId: assignee || null,
        personId: person?.id ?? null,
      });
      onClose();
      ui.getState().toast(
        `“${task.title}” is on the agenda${task.dueDate ? ` for ${fmt.day(task.dueDate, clock())}` : ''}.`,
      );
    } catch (err) {
      setSaving(false);
      const e = formErrors(err, FIELDS);
      setErrors(e.fields);
      setFormError(e.form);
      if (e.fields.title) titleRef.current?.focus();
      else if (e.fields.dueDate || e.fields.dueAt) dueRef.current?.focus();
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void save();
    }
  }

  return (
    <Dialog labelledBy={titleId} onClose={onClose} initialFocus={titleRef} className="task-dialog">
      <form
        className="logcall__form"
        onSubmit={save}
        onKeyDown={onKeyDown}
        noValidate
        aria-labelledby={titleId}
      >
        <DialogHeader titleId={titleId} onClose={onClose}>
          New task
        </DialogHeader>
        <div className="dialog__body task-dialog__body">
          <Segmented<TaskType>
            label="Type"
            value={type}
            onChange={setType}
            options={TASK_TYPES.map((t) => ({ value: t, label: TASK_TYPE_LABELS[t] }))}
          />
          <TextField
            ref={titleRef}
            label="Title"
            placeholder={type === 'call' ? 'Call back about the quote' : 'What needs doing'}
            value={title}
            error={errors.title}
            onChange={(e) => {
              setTitle(e.target.value);
              setErrors((x) => ({ ...x, title: '' }));
            }}
          />
          <div className="task-dialog__row task-dialog__row--three">
            <TextField
              ref={dueRef}
              type="date"
              label="Due"
              value={dueDate}
              error={errors.dueDate}
              onChange={(e) => {
                setDueDate(e.target.value);
                setErrors((x) => ({ ...x, dueDate: '' }));
              }}
            />
            <TextField
              type="time"
              label="Time (optional)"
              value={dueTime}
              error={errors.dueAt}
              onChange={(e) => setDueTime(e.target.value)}
            />
            <SelectField
              label="Reminder"
              value={reminder}
              error={errors.reminderAt}
              disabled={!dueDate}
              onChange={(e) => setReminder(e.target.value as ReminderChoice)}
            >
              {REMINDERS.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.id === 'at' && !dueTime ? 'On the day, at 09:00' : r.label}
                </option>
              ))}
            </SelectField>
          </div>
          <div className="task-dialog__row">
            <div className="field">
              <span className="field__label" aria-hidden>
                Priority
              </span>
              <Segmented<`${Priority}`>
                label="Priority"
                value={priority}
                onChange={setPriority}
                options={PRIORITIES}
              />
            </div>
            <SelectField label="Assigned to" value={assignee} onChange={(e) => setAssignee(e.target.value)}>
              <option value="">No one</option>
              {staff.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.id === settings.currentStaffId ? `${s.name} (you)` : s.name}
                </option>
              ))}
            </SelectField>
          </div>
          <PersonPicker
            label="For (optional)"
            value={person}
            error={errors.personId}
            onChange={(p) => {
              personTouched.current = true;
              setPerson(p);
            }}
          />
          <div className="field">
            <label className="field__label" htmlFor={`${titleId}-notes`}>
              Notes
            </label>
            <textarea
              id={`${titleId}-notes`}
              className="input logcall__summary"
              rows={2}
              value={notes}
              onChange={(e) => setNotes(e.target.value)}
            />
          </div>
          {formError ? <FieldError message={formError} /> : null}
        </div>
        <SaveFooter onCancel={onClose} saving={saving}>
          Add task
        </SaveFooter>
      </form>
    </Dialog>
  );
}
