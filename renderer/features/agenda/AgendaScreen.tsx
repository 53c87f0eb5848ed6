/**
 * The Agenda: overdue, today's and upcoming tasks for one staff profile (you, by default) or for
 * everyone; tick to complete, snooze or reschedule from the row's menu, and add a task.
 */
import { useState, type ReactNode } from 'react';
import { CalendarCheck, ListPlus } from 'lucide-react';
import type { Task } from '../../../shared/domain/activity.ts';
import type { Settings } from '../../../shared/domain/settings.ts';
import { useNow } from '../../lib/clock.tsx';
import { useFormat } from '../../lib/format.context.tsx';
import { useQuery } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { Button } from '../../ui/Button.tsx';
import { Select } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { EmptyState, ErrorState } from '../../ui/States.tsx';
import { PageHeader } from '../shell/PageHeader.tsx';
import { dueDay, todayIso } from './task-times.ts';
import { TaskRow } from './TaskRow.tsx';
import './agenda.css';

const EVERYONE = 'everyone';
const NOBODY = 'nobody';

const capitalise = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);
/** How far ahead "Upcoming" reaches. */
const UPCOMING_DAYS = 14;

function Section({
  id,
  title,
  tasks,
  tone,
  children,
}: {
  id: string;
  title: string;
  tasks: Task[];
  tone?: 'warning';
  children: ReactNode;
}) {
  const fmt = useFormat();
  return (
    <section className="agenda__section" aria-labelledby={id}>
      <h2 id={id} className={`agenda__heading${tone ? ` agenda__heading--${tone}` : ''}`}>
        {title}
        <span className="agenda__count num">{fmt.number(tasks.length)}</span>
      </h2>
      {children}
    </section>
  );
}

export function AgendaScreen({ settings }: { settings: Settings }) {
  const ui = useUiStore();
  const now = useNow(30_000);
  const fmt = useFormat();
  const date = todayIso(now);
  const me = settings.currentStaffId;
  const [who, setWho] = useState<string>(me ?? EVERYONE);
  const staff = useQuery('staff.list', {}).data ?? [];
  const agenda = useQuery('tasks.agenda', {
    date,
    days: UPCOMING_DAYS,
    ...(who === EVERYONE ? {} : { assigneeId: who === NOBODY ? null : who }),
  });
  const data = agenda.data;
  const everyone = who === EVERYONE;
  const row = (t: Task, overdue = false) => (
    <TaskRow key={t.id} task={t} overdue={overdue} showAssignee={everyone} now={now} />
  );

  // Upcoming, a heading per day.
  const days: { day: string; tasks: Task[] }[] = [];
  for (const t of data?.upcoming ?? []) {
    const day = dueDay(t) ?? '';
    const last = days[days.length - 1];
    if (last && last.day === day) last.tasks.push(t);
    else days.push({ day, tasks: [t] });
  }
  const total = data ? data.overdue.length + data.today.length + data.upcoming.length : 0;
  const whose = everyone
    ? 'Everyone’s'
    : who === me
      ? 'Your'
      : `${staff.find((s) => s.id === who)?.name ?? 'Their'}’s`;

  return (
    <>
      <PageHeader title="Agenda">
        <Select aria-label="Whose tasks" value={who} onChange={(e) => setWho(e.target.value)}>
          {me ? <option value={me}>My tasks</option> : null}
          {staff
            .filter((s) => s.id !== me)
            .map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          <option value={NOBODY}>Not assigned</option>
          <option value={EVERYONE}>Everyone</option>
        </Select>
        <Button
          variant="primary"
          onClick={() => ui.getState().openNewTask(null)}
          icon={<ListPlus size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
        >
          New task
        </Button>
      </PageHeader>
      <div className="page" aria-busy={agenda.status === 'loading'}>
        <div className="page__inner agenda">
          {agenda.status === 'error' && !data ? (
            <ErrorState
              title="The agenda could not be loaded"
              message={agenda.error?.message ?? 'Try again in a moment.'}
              onRetry={() => void agenda.refetch()}
            />
          ) : !data ? null : total === 0 ? (
            <EmptyState
              icon={<CalendarCheck size={ICON.state} strokeWidth={STROKE} />}
              title={`${whose} agenda is clear`}
              action={
                <Button variant="primary" onClick={() => ui.getState().openNewTask(null)}>
                  New task
                </Button>
              }
            >
              Calls to make, emails to send and things to do show up here on the day they are due, with
              anything late at the top.
            </EmptyState>
          ) : (
            <>
              {data.overdue.length > 0 ? (
                <Section id="agenda-overdue" title="Overdue" tasks={data.overdue} tone="warning">
                  <ul className="tasks" aria-label="Overdue tasks">
                    {data.overdue.map((t) => row(t, true))}
                  </ul>
                </Section>
              ) : null}
              <Section id="agenda-today" title="Today" tasks={data.today}>
                {data.today.length > 0 ? (
                  <ul className="tasks" aria-label="Due today">
                    {data.today.map((t) => row(t))}
                  </ul>
                ) : (
                  <p className="agenda__none">Nothing else is due today.</p>
                )}
              </Section>
              {data.upcoming.length > 0 ? (
                <Section id="agenda-upcoming" title="Upcoming" tasks={data.upcoming}>
                  {days.map((d) => (
                    <div key={d.day} className="agenda__day">
                      <h3 className="agenda__day-title">
                        {d.day ? capitalise(fmt.day(d.day, now)) : 'No date'}
                      </h3>
                      <ul className="tasks" aria-label={`Due ${d.day ? fmt.day(d.day, now) : 'some time'}`}>
                        {d.tasks.map((t) => row(t))}
                      </ul>
                    </div>
                  ))}
                </Section>
              ) : null}
            </>
          )}
        </div>
      </div>
    </>
  );
}
