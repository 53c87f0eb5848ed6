/** One task in the Agenda: done box, what and for whom, when, and snooze / reschedule. */
import { useState } from 'react';
import { format } from 'date-fns';
import {
  AlarmClock,
  CalendarClock,
  CalendarDays,
  Check,
  Ellipsis,
  Flag,
  Mail,
  Phone,
  SquareCheck,
  UsersRound,
} from 'lucide-react';
import type { Task, TaskType } from '../../../shared/domain/activity.ts';
import { messageOf } from '../../api/errors.ts';
import { useClock } from '../../lib/clock.tsx';
import { useFormat } from '../../lib/format.context.tsx';
import { useCache } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { Avatar } from '../../ui/Avatar.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { Menu, type MenuEntry } from '../../ui/Menu.tsx';
import { DateTimeDialog } from './DateTimeDialog.tsx';
import { dueDay, instantOf, snoozeUntil, todayIso, type SnoozeChoice } from './task-times.ts';

const TYPE_ICONS: Record<TaskType, typeof Phone> = {
  call: Phone,
  email: Mail,
  meeting: UsersRound,
  todo: SquareCheck,
};

const icon = (Icon: typeof Phone) => <Icon size={ICON.inline} strokeWidth={STROKE} />;

export function TaskRow({
  task,
  overdue,
  showAssignee,
  now,
}: {
  task: Task;
  overdue: boolean;
  showAssignee: boolean;
  now: number;
}) {
  const cache = useCache();
  const ui = useUiStore();
  const clock = useClock();
  const fmt = useFormat();
  const [checked, setChecked] = useState(task.doneAt !== null);
  const [dialog, setDialog] = useState<'reschedule' | 'snooze' | null>(null);
  const Icon = TYPE_ICONS[task.type];
  const day = dueDay(task);
  const snoozed = task.snoozedUntil !== null && task.snoozedUntil > now;

  function fail(err: unknown) {
    ui.getState().toast(messageOf(err), 'error');
  }

  function complete(done: boolean) {
    setChecked(done);
    cache
      .mutate('tasks.complete', { id: task.id, done })
      .then(() => {
        if (!done) return;
        ui.getState().toast(`“${task.title}” is done.`, 'info', {
          action: {
            label: 'Undo',
            run: () => void cache.mutate('tasks.complete', { id: task.id, done: false }).catch(fail),
          },
        });
      })
      .catch((err: unknown) => {
        setChecked(!done);
        fail(err);
      });
  }

  function snooze(until: number) {
    return cache.mutate('tasks.snooze', { id: task.id, until }).then(() => {
      ui.getState().toast(`“${task.title}” is snoozed until ${fmt.dateTime(until)}.`);
    });
  }

  const snoozeEntries: MenuEntry[] = [
    { kind: 'heading', id: 'h', label: 'Snooze' },
    ...(
      [
        ['hour', 'For 1 hour'],
        ['tomorrow', 'Until tomorrow morning'],
        ['nextWeek', 'Until next week'],
      ] as [SnoozeChoice, string][]
    ).map(([choice, label]) => ({
      id: choice,
      label,
      icon: icon(AlarmClock),
      onSelect: () => void snooze(snoozeUntil(choice, clock())).catch(fail),
    })),
    { id: 'pick', label: 'Until a date…', icon: icon(CalendarDays), onSelect: () => setDialog('snooze') },
    { kind: 'separator', id: 'sep' },
    {
      id: 'reschedule',
      label: 'Reschedule…',
      icon: icon(CalendarClock),
      onSelect: () => setDialog('reschedule'),
    },
  ];

  const when = task.dueAt !== null ? fmt.time(task.dueAt) : null;
  // Late tasks say how late; the others sit under their day already, so only a time is added.
  const dueText = overdue && day ? `${fmt.daysSince(day, now)} late` : (when ?? '');

  return (
    <li className={`task${checked ? ' task--done' : ''}`} aria-label={task.title}>
      <label className="task__check">
        <input
          type="checkbox"
          checked={checked}
          aria-label={`Done: ${task.title}`}
          onChange={(e) => complete(e.target.checked)}
        />
        <span className="task__box" aria-hidden>
          {checked ? <Check size={11} strokeWidth={3} /> : null}
        </span>
      </label>
      <span className={`task__type task__type--${task.type}`} title={task.type} aria-hidden>
        <Icon size={ICON.inline} strokeWidth={STROKE} />
      </span>
      <span className="task__main">
        <span className="task__title">
          {task.priority === 1 ? (
            <Flag
              className="task__flag"
              size={ICON.small}
              strokeWidth={2.25}
              aria-label="High priority"
              role="img"
            />
          ) : null}
          {task.title}
        </span>
        <span className="task__sub">
          {task.personName && task.personId ? (
            <button
              type="button"
              className="link-button task__person"
              onClick={() => ui.getState().navigate(`people/${task.personId}`)}
            >
              {task.personName}
            </button>
          ) : task.companyName && task.companyId ? (
            <button
              type="button"
              className="link-button task__person"
              onClick={() => ui.getState().navigate(`companies/${task.companyId}`)}
            >
              {task.companyName}
            </button>
          ) : null}
          {snoozed ? (
            <span className="task__snoozed">Snoozed until {fmt.dateTime(task.snoozedUntil!)}</span>
          ) : null}
          {task.priority === 3 ? <span className="task__low">Low priority</span> : null}
        </span>
      </span>
      {showAssignee && task.assigneeName ? (
        <span className="task__assignee" title={`Assigned to ${task.assigneeName}`}>
          <Avatar name={task.assigneeName} size="sm" />
          <span className="visually-hidden">Assigned to {task.assigneeName}</span>
        </span>
      ) : null}
      <span
        className={`task__due num${overdue ? ' task__due--late' : ''}`}
        title={day ? fmt.longDate(instantOf(day, '')) : undefined}
      >
        {dueText}
      </span>
      {task.type === 'call' && task.personId ? (
        <button
          type="button"
          className="btn btn--ghost btn--icon task__action"
          aria-label={`Log a call with ${task.personName ?? 'this person'}`}
          title="Log a call"
          onClick={() => ui.getState().openLogCall(task.personId)}
        >
          <Phone size={ICON.inline} strokeWidth={STROKE} aria-hidden />
        </button>
      ) : null}
      <Menu
        label={`Snooze or reschedule “${task.title}”`}
        entries={snoozeEntries}
        trigger={(props) => (
          <button
            type="button"
            className="btn btn--ghost btn--icon task__action"
            aria-label={`Snooze or reschedule “${task.title}”`}
            title="Snooze or reschedule"
            {...props}
          >
            <Ellipsis size={ICON.inline} strokeWidth={STROKE} aria-hidden />
          </button>
        )}
      />
      {dialog === 'reschedule' ? (
        <DateTimeDialog
          title="Reschedule"
          description={task.title}
          submitLabel="Reschedule"
          initialDate={day ?? todayIso(now)}
          initialTime={task.dueAt !== null ? format(task.dueAt, 'HH:mm') : ''}
          onClose={() => setDialog(null)}
          onSubmit={(date, time) =>
            cache
              .mutate('tasks.update', {
                id: task.id,
                patch: { dueDate: date, dueAt: time ? instantOf(date, time) : null },
              })
              .then(() => ui.getState().toast(`“${task.title}” is now due ${fmt.day(date, clock())}.`))
          }
        />
      ) : null}
      {dialog === 'snooze' ? (
        <DateTimeDialog
          title="Snooze until"
          description={task.title}
          submitLabel="Snooze"
          timeLabel="Time (09:00 if empty)"
          initialDate={todayIso(snoozeUntil('tomorrow', now))}
          onClose={() => setDialog(null)}
          onSubmit={(date, time) => snooze(instantOf(date, time))}
        />
      ) : null}
    </li>
  );
}
