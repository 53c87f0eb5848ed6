/** Today: the day's figures from the book, what is due or overdue, and the latest calls. */
import type { ReactNode } from 'react';
import { differenceInCalendarDays, format, isSameDay, isTomorrow, parseISO } from 'date-fns';
import {
  Building,
  CalendarCheck,
  CalendarClock,
  CircleCheck,
  ListTodo,
  Phone,
  PhoneIncoming,
  PhoneOff,
  PhoneOutgoing,
  Users,
} from 'lucide-react';
import type { Settings } from '../../../shared/domain/settings.ts';
import type { CallDue, DueTask, RecentCall, TodaySummary } from '../../../shared/domain/today.ts';
import { useNow } from '../../lib/clock.tsx';
import { useFormat } from '../../lib/format.context.tsx';
import { dateLocale } from '../../lib/locales.ts';
import { useQuery } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { Avatar } from '../../ui/Avatar.tsx';
import { EmptyState, ErrorState } from '../../ui/States.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { choiceLabel } from '../calls/call-words.ts';
import { PageHeader } from '../shell/PageHeader.tsx';
import { useTodayRange } from './useTodayRange.ts';
import './today.css';

function greeting(hour: number): string {
  if (hour < 5) return 'Good evening';
  if (hour < 12) return 'Good morning';
  if (hour < 18) return 'Good afternoon';
  return 'Good evening';
}

function firstName(name: string | undefined): string | null {
  return name?.trim().split(/\s+/u)[0] ?? null;
}

function Tile({
  label,
  value,
  note,
  icon,
  tone,
}: {
  label: string;
  value: number | undefined;
  note?: ReactNode;
  icon: ReactNode;
  tone?: 'warning' | undefined;
}) {
  const fmt = useFormat();
  return (
    <div className={`tile${tone ? ` tile--${tone}` : ''}`} role="group" aria-label={label}>
      <div className="tile__label">
        <span className="tile__icon" aria-hidden>
          {icon}
        </span>
        {label}
      </div>
      {value === undefined ? (
        <span className="skeleton tile__skeleton" aria-hidden />
      ) : (
        <div className="tile__value num">{fmt.number(value)}</div>
      )}
      <div className="tile__note">{value === undefined ? '\u00a0' : note}</div>
    </div>
  );
}

function Tiles({ summary }: { summary: TodaySummary | undefined }) {
  const c = summary?.counts;
  const fmt = useFormat();
  const icon = (Icon: typeof Users) => <Icon size={ICON.inline} strokeWidth={STROKE} />;
  return (
    <div className="tiles" aria-label="At a glance" role="group">
      <Tile label="People" value={c?.people} icon={icon(Users)} note="in your book" />
      <Tile label="Companies" value={c?.companies} icon={icon(Building)} note="in your book" />
      <Tile
        label="Calls today"
        value={c?.callsToday}
        icon={icon(Phone)}
        note={c ? `${fmt.number(c.connectedToday)} connected` : null}
      />
      <Tile label="Due today" value={c?.tasksDueToday} icon={icon(CalendarCheck)} note="tasks" />
      <Tile
        label="Overdue"
        value={c?.tasksOverdue}
        icon={icon(CalendarClock)}
        tone={c && c.tasksOverdue > 0 ? 'warning' : undefined}
        note={c && c.tasksOverdue > 0 ? 'tasks past their date' : 'nothing late'}
      />
      <Tile label="Open tasks" value={c?.openTasks} icon={icon(ListTodo)} note="not done yet" />
    </div>
  );
}

function Panel({
  id,
  title,
  count,
  tone,
  action,
  children,
}: {
  id: string;
  title: string;
  count?: number | undefined;
  tone?: 'warning' | undefined;
  action?: ReactNode;
  children: ReactNode;
}) {
  const fmt = useFormat();
  return (
    <section className="panel" aria-labelledby={id}>
      <header className="panel__header">
        <h2 id={id} className="panel__title">
          {title}
        </h2>
        {count !== undefined && count > 0 ? (
          <span className={`panel__count num${tone ? ` panel__count--${tone}` : ''}`}>
            {fmt.number(count)}
          </span>
        ) : null}
        {action ? <span className="panel__action">{action}</span> : null}
      </header>
      {children}
    </section>
  );
}

function SkeletonRows({ rows = 4 }: { rows?: number }) {
  return (
    <ul className="rows" aria-hidden>
      {Array.from({ length: rows }, (_, i) => (
        <li key={i} className="row row--skeleton">
          <span className="skeleton row__skeleton-icon" />
          <span className="skeleton row__skeleton-text" />
          <span className="skeleton row__skeleton-end" />
        </li>
      ))}
    </ul>
  );
}

/** When a person can be called: now (until their window closes), later today, or any time. */
function callWhen(
  c: CallDue,
  now: number,
  fmt: ReturnType<typeof useFormat>,
): { text: string; now: boolean } {
  if (c.doNotCall) return { text: 'Do not call', now: false };
  if (c.callableNow) return { text: 'Can call now', now: true };
  if (c.windowOpensAt !== null) {
    const at = c.windowOpensAt;
    if (isSameDay(at, now)) return { text: `From ${fmt.time(at)}`, now: false };
    const locale = dateLocale(fmt.locale);
    if (isTomorrow(at)) return { text: `Tomorrow ${fmt.time(at)}`, now: false };
    const days = differenceInCalendarDays(at, now);
    return { text: format(at, days < 7 ? 'EEE p' : 'd MMM, p', { locale }), now: false };
  }
  return { text: 'Any time', now: true };
}

function CallsDueList({ calls, now }: { calls: CallDue[]; now: number }) {
  const fmt = useFormat();
  const ui = useUiStore();
  if (calls.length === 0) {
    return (
      <EmptyState icon={<Phone size={ICON.state} strokeWidth={STROKE} />} title="No calls to make today">
        When you log a call with “Next call in N days”, the person shows up here on that day, in the order
        they can be called.
      </EmptyState>
    );
  }
  return (
    <ul className="rows" aria-label="Calls to make today">
      {calls.map((c) => {
        const when = callWhen(c, now, fmt);
        return (
          <li
            key={c.personId}
            className={`row row--call${c.doNotCall ? ' row--muted' : ''}`}
            aria-label={c.name}
          >
            <Avatar name={c.name} />
            <span className="row__main">
              <button
                type="button"
                className="row__link"
                onClick={() => ui.getState().navigate(`people/${c.personId}`)}
              >
                {c.name}
                {c.companyName ? <span className="row__company"> · {c.companyName}</span> : null}
              </button>
              <span className="row__sub">
                {c.reason}
                {c.taskCount > 1 ? ` (+${c.taskCount - 1} more)` : ''}
                {c.overdue ? (
                  <span className="row__late" title={`Due ${fmt.longDate(parseISO(c.dueDate).getTime())}`}>
                    {' '}
                    · {fmt.daysSince(c.dueDate, now)} late
                  </span>
                ) : null}
              </span>
            </span>
            <span
              className={`row__when${when.now ? ' row__when--now' : ''}${c.doNotCall ? ' row__when--stop' : ''}`}
              title={c.window ?? 'No calling window set'}
            >
              {c.doNotCall ? <PhoneOff size={ICON.small} strokeWidth={2} aria-hidden /> : null}
              {when.text}
            </span>
            {c.phone && !c.doNotCall ? (
              <a
                className="row__phone num"
                href={`tel:${c.phone.replace(/[^\d+]/gu, '')}`}
                title={`Call ${c.phone}`}
              >
                {c.phone}
              </a>
            ) : null}
            <button
              type="button"
              className="btn btn--icon row__log"
              aria-label={`Log a call with ${c.name}`}
              title="Log a call"
              onClick={() => ui.getState().openLogCall(c.personId)}
            >
              <Phone size={ICON.inline} strokeWidth={STROKE} aria-hidden />
            </button>
          </li>
        );
      })}
    </ul>
  );
}

function DueList({ tasks, now }: { tasks: DueTask[]; now: number }) {
  const fmt = useFormat();
  if (tasks.length === 0) {
    return (
      <EmptyState icon={<CircleCheck size={ICON.state} strokeWidth={STROKE} />} title="Nothing due today">
        Tasks that are due today or overdue show up here, so you can start the day with them.
      </EmptyState>
    );
  }
  return (
    <ul className="rows" aria-label="Tasks due today or overdue">
      {tasks.map((t) => (
        <li key={t.id} className="row">
          <span className={`row__icon ${t.overdue ? 'row__icon--late' : 'row__icon--due'}`} aria-hidden>
            {t.overdue ? (
              <CalendarClock size={ICON.inline} strokeWidth={STROKE} />
            ) : (
              <CalendarCheck size={ICON.inline} strokeWidth={STROKE} />
            )}
          </span>
          <span className="row__main">
            <span className="row__title">{t.title}</span>
            {t.personName ? <span className="row__sub">{t.personName}</span> : null}
          </span>
          {t.assigneeName ? (
            <span title={`Assigned to ${t.assigneeName}`} className="row__assignee">
              <Avatar name={t.assigneeName} size="sm" />
              <span className="visually-hidden">Assigned to {t.assigneeName}</span>
            </span>
          ) : null}
          <span className={`row__end${t.overdue ? ' row__end--late' : ''}`} title={fmt.day(t.dueDate, now)}>
            {t.overdue ? `Overdue · ${fmt.daysSince(t.dueDate, now)}` : 'Due today'}
          </span>
        </li>
      ))}
    </ul>
  );
}

function CallList({ calls, now }: { calls: RecentCall[]; now: number }) {
  const fmt = useFormat();
  const ui = useUiStore();
  if (calls.length === 0) {
    return (
      <EmptyState icon={<Phone size={ICON.state} strokeWidth={STROKE} />} title="No calls yet">
        Calls you and your staff log show up here, newest first, with who took them and how they went.
      </EmptyState>
    );
  }
  return (
    <ul className="rows" aria-label="Recent calls">
      {calls.map((c) => {
        const Icon = c.direction === 'in' ? PhoneIncoming : PhoneOutgoing;
        const connected = c.outcome === 'connected';
        return (
          <li key={c.id} className="row">
            <span className={`row__icon${connected ? ' row__icon--ok' : ''}`}>
              <Icon
                size={ICON.inline}
                strokeWidth={STROKE}
                aria-label={c.direction === 'in' ? 'Incoming call' : 'Outgoing call'}
                role="img"
              />
            </span>
            <span className="row__main">
              {c.personId ? (
                <button
                  type="button"
                  className="row__link"
                  onClick={() => ui.getState().navigate(`people/${c.personId}`)}
                >
                  {c.personName}
                </button>
              ) : (
                <span className="row__title">{c.personName}</span>
              )}
              <span className="row__sub">
                {choiceLabel(c.outcome, 'No outcome')}
                {c.durationS > 0 ? ` · ${fmt.duration(c.durationS)}` : ''}
                {c.staffName ? ` · ${c.staffName}` : ''}
              </span>
            </span>
            <time
              className="row__end num"
              dateTime={new Date(c.startedAt).toISOString()}
              title={fmt.exact(c.startedAt)}
            >
              {fmt.relative(c.startedAt, now)}
            </time>
          </li>
        );
      })}
    </ul>
  );
}

export function TodayScreen({ settings }: { settings: Settings }) {
  const range = useTodayRange();
  const now = useNow(30_000);
  const fmt = useFormat();
  const ui = useUiStore();
  const summary = useQuery('today.summary', range);
  const staff = useQuery('staff.list', {}).data;
  const me = staff?.find((s) => s.id === settings.currentStaffId);
  const name = firstName(me?.name);
  const hour = new Date(now).getHours();
  const data = summary.data;
  const failed = summary.status === 'error' && !data;

  return (
    <>
      <PageHeader title="Today" />
      <div className="page" aria-busy={summary.status === 'loading'}>
        <div className="page__inner today">
          <div className="today__hello">
            <p className="today__greeting">
              {greeting(hour)}
              {name ? `, ${name}` : ''}
            </p>
            <p className="today__date">{fmt.longDate(now)}</p>
          </div>

          {failed ? (
            <ErrorState
              title="Today’s figures could not be loaded"
              message={summary.error?.message ?? 'Try again in a moment.'}
              onRetry={() => void summary.refetch()}
            />
          ) : (
            <>
              <Tiles summary={data} />
              <div className="today__columns">
                <Panel
                  id="today-calls-due"
                  title="Calls to make"
                  count={data?.callsDue.length}
                  action={
                    <button
                      type="button"
                      className="link-button"
                      onClick={() => ui.getState().openLogCall(null)}
                    >
                      Log a call
                    </button>
                  }
                >
                  {data ? <CallsDueList calls={data.callsDue} now={now} /> : <SkeletonRows rows={5} />}
                </Panel>
                <div className="today__stack">
                  <Panel
                    id="today-due"
                    title="Due and overdue"
                    count={data ? data.counts.tasksDueToday + data.counts.tasksOverdue : undefined}
                    tone={data && data.counts.tasksOverdue > 0 ? 'warning' : undefined}
                    action={
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => ui.getState().navigate('agenda')}
                      >
                        Agenda
                      </button>
                    }
                  >
                    {data ? <DueList tasks={data.dueTasks} now={now} /> : <SkeletonRows />}
                  </Panel>
                  <Panel
                    id="today-calls"
                    title="Recent calls"
                    action={
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => ui.getState().navigate('calls')}
                      >
                        All calls
                      </button>
                    }
                  >
                    {data ? <CallList calls={data.recentCalls} now={now} /> : <SkeletonRows />}
                  </Panel>
                </div>
              </div>
            </>
          )}
        </div>
      </div>
    </>
  );
}
