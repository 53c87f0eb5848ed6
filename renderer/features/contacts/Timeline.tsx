/**
 * A timeline of calls, notes, tasks and changes, newest first, a page at a time ("Show more"
 * follows the cursor). Each page is a query of its own, so a change in the book refreshes the
 * pages on screen. A note can be written right at the top.
 */
import { useId, useState, type FormEvent, type ReactNode, type Ref } from 'react';
import {
  CalendarCheck,
  CircleCheck,
  History,
  ListTodo,
  Mail,
  Phone,
  PhoneIncoming,
  PhoneOutgoing,
  ReceiptText,
  StickyNote,
  UsersRound,
} from 'lucide-react';
import type { TimelineItem } from '../../../shared/domain/activity.ts';
import type { Page } from '../../../shared/domain/people.ts';
import { TASK_TYPE_LABELS } from '../../../shared/domain/activity.ts';
import { ORDER_STATUS_LABELS } from '../../../shared/domain/sales.ts';
import { formErrors } from '../../api/errors.ts';
import { useFormat } from '../../lib/format.context.tsx';
import { useMutation, useQuery, type QueryResult } from '../../stores/query.hooks.tsx';
import { useUi } from '../../stores/ui.store.tsx';
import { Button } from '../../ui/Button.tsx';
import { CardNumberNotice, cardNumberNoticeFor } from '../../ui/CardNumberNotice.tsx';
import { FieldError } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { Kbd } from '../../ui/Kbd.tsx';
import { EmptyState, ErrorState } from '../../ui/States.tsx';
import { dayOf, RelTime } from './common.tsx';

export type TimelineOf = { personId: string } | { companyId: string };

const PAGE = 30;
/** "Today" reads as "due today"; a date keeps its capitals ("due Tue 3 Mar 2026"). */
const dueWord = (day: string) => (/\d/u.test(day) ? day : day.toLowerCase());
const cap = (s: string | null | undefined) => (s ? s[0]!.toUpperCase() + s.slice(1) : '');

type NoteEntry = Extract<TimelineItem, { kind: 'note' }>;

function NoteRow({
  item,
  now,
  icon,
  on,
}: {
  item: NoteEntry;
  now: number;
  icon: ReactNode;
  /** The person the note is on, when the timeline spans several people. */
  on: { id: string; name: string } | null;
}) {
  const navigate = useUi((s) => s.navigate);
  const n = item.note;
  return (
    <li className="tl-item" aria-label={on ? `Note on ${on.name}` : 'Note'}>
      {icon}
      <div className="tl-item__main">
        <div className="tl-item__head">
          <span className="tl-item__title">
            {on ? (
              <>
                Note on{' '}
                <button type="button" className="link-button" onClick={() => navigate(`people/${on.id}`)}>
                  {on.name}
                </button>
              </>
            ) : (
              'Note'
            )}
          </span>
          {n.createdByName ? <span className="tl-item__facts">{n.createdByName}</span> : null}
          <span className="tl-item__time">
            <RelTime at={item.at} now={now} />
          </span>
        </div>
        <p className="tl-item__body tl-item__body--note selectable">{n.body}</p>
      </div>
    </li>
  );
}

function Item({ item, now, showWho }: { item: TimelineItem; now: number; showWho: boolean }) {
  const fmt = useFormat();
  const navigate = useUi((s) => s.navigate);
  const icon = (Icon: typeof Phone, tone?: string) => (
    <span className={`tl-item__icon${tone ? ` tl-item__icon--${tone}` : ''}`} aria-hidden>
      <Icon size={ICON.inline} strokeWidth={STROKE} />
    </span>
  );
  const who = (personId: string | null, personName: string | null) =>
    showWho && personId && personName ? (
      <button
        type="button"
        className="link-button tl-item__who"
        onClick={() => navigate(`people/${personId}`)}
      >
        {personName}
      </button>
    ) : null;

  switch (item.kind) {
    case 'call': {
      const c = item.call;
      const parts = [
        cap(c.outcome),
        c.durationS > 0 ? fmt.duration(c.durationS) : null,
        c.purpose,
        c.response ? `${cap(c.response)} response` : null,
      ].filter(Boolean);
      return (
        <li className="tl-item" aria-label={`${c.direction === 'in' ? 'Incoming' : 'Outgoing'} call`}>
          {icon(c.direction === 'in' ? PhoneIncoming : PhoneOutgoing, c.connected ? 'ok' : undefined)}
          <div className="tl-item__main">
            <div className="tl-item__head">
              <span className="tl-item__title">
                {c.direction === 'in' ? 'Incoming call' : 'Outgoing call'}
              </span>
              {who(c.personId, c.personName)}
              <span className="tl-item__facts">{parts.join(' · ')}</span>
              <span className="tl-item__time">
                <RelTime at={item.at} now={now} />
              </span>
            </div>
            {c.summary ? <p className="tl-item__body selectable">{c.summary}</p> : null}
            {c.staffName ? <div className="tl-item__meta">Logged by {c.staffName}</div> : null}
          </div>
        </li>
      );
    }
    case 'note':
      return (
        <NoteRow
          item={item}
          now={now}
          icon={icon(StickyNote, 'note')}
          on={
            showWho && item.note.personId && item.note.personName
              ? { id: item.note.personId, name: item.note.personName }
              : null
          }
        />
      );
    case 'task': {
      const t = item.task;
      const TaskIcon = t.doneAt
        ? CircleCheck
        : t.type === 'call'
          ? Phone
          : t.type === 'email'
            ? Mail
            : t.type === 'meeting'
              ? UsersRound
              : ListTodo;
      const due = t.dueAt ?? (t.dueDate ? Date.parse(`${t.dueDate}T00:00:00Z`) : null);
      return (
        <li className="tl-item" aria-label={`Task: ${t.title}`}>
          {icon(TaskIcon, t.doneAt ? 'ok' : 'task')}
          <div className="tl-item__main">
            <div className="tl-item__head">
              <span className={`tl-item__title${t.doneAt ? ' tl-item__title--done' : ''}`}>{t.title}</span>
              {who(t.personId, t.personName)}
              <span className="tl-item__facts">
                {[
                  TASK_TYPE_LABELS[t.type],
                  t.doneAt ? 'Done' : due !== null ? `Due ${dueWord(fmt.day(dayOf(due), now))}` : null,
                  t.assigneeName ? `for ${t.assigneeName}` : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
              <span className="tl-item__time">
                <RelTime at={item.at} now={now} />
              </span>
            </div>
            {t.notes ? <p className="tl-item__body selectable">{t.notes}</p> : null}
          </div>
        </li>
      );
    }
    case 'order': {
      const o = item.order;
      return (
        <li className="tl-item" aria-label={`Order ${o.reference}`}>
          {icon(ReceiptText, o.status === 'cancelled' ? undefined : 'order')}
          <div className="tl-item__main">
            <div className="tl-item__head">
              <span className={`tl-item__title${o.status === 'cancelled' ? ' tl-item__title--done' : ''}`}>
                <button type="button" className="link-button" onClick={() => navigate(`orders/${o.id}`)}>
                  Order {o.reference}
                </button>
              </span>
              {who(o.personId, o.personName)}
              <span className="tl-item__facts">
                {[
                  ORDER_STATUS_LABELS[o.status],
                  fmt.moneyIn(o.gross, o.currency),
                  o.ownerName ? `by ${o.ownerName}` : null,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </span>
              <span className="tl-item__time">{fmt.day(o.orderDate, now)}</span>
            </div>
          </div>
        </li>
      );
    }
    case 'change': {
      const ch = item.change;
      return (
        <li className="tl-item tl-item--change" aria-label="Change">
          {icon(ch.op === 'insert' ? CalendarCheck : History, 'change')}
          <div className="tl-item__main">
            <div className="tl-item__head">
              <span className="tl-item__change">
                {ch.summary}
                {ch.staffName && !ch.summary.includes(ch.staffName) ? (
                  <span className="tl-item__facts"> · {ch.staffName}</span>
                ) : null}
              </span>
              <span className="tl-item__time">
                <RelTime at={item.at} now={now} />
              </span>
            </div>
          </div>
        </li>
      );
    }
  }
}

interface PageProps {
  of: TimelineOf;
  cursor: string | null;
  last: boolean;
  first: boolean;
  now: number;
  showWho: boolean;
  onMore(cursor: string): void;
}

function PersonTimelinePage(props: PageProps & { personId: string }) {
  const page = useQuery('timeline.person', { personId: props.personId, cursor: props.cursor, limit: PAGE });
  return <PageView page={page} {...props} />;
}

function CompanyTimelinePage(props: PageProps & { companyId: string }) {
  const page = useQuery('timeline.company', {
    companyId: props.companyId,
    cursor: props.cursor,
    limit: PAGE,
  });
  return <PageView page={page} {...props} />;
}

function PageView({
  page,
  last,
  now,
  showWho,
  onMore,
  first,
}: PageProps & { page: QueryResult<Page<TimelineItem>> }) {
  if (!page.data) {
    if (page.status === 'error') {
      return (
        <li className="tl-state">
          <ErrorState
            title="The history could not be loaded"
            message={page.error?.message ?? 'Try again.'}
            onRetry={() => void page.refetch()}
          />
        </li>
      );
    }
    return (
      <>
        {Array.from({ length: first ? 4 : 2 }, (_, i) => (
          <li key={i} className="tl-item tl-item--skeleton" aria-hidden>
            <span className="skeleton tl-item__icon" />
            <span className="skeleton tl-skeleton-line" style={{ width: `${50 + ((i * 17) % 35)}%` }} />
          </li>
        ))}
      </>
    );
  }
  const { rows, nextCursor } = page.data;
  if (first && rows.length === 0) {
    return (
      <li className="tl-state">
        <EmptyState icon={<History size={ICON.state} strokeWidth={STROKE} />} title="Nothing here yet">
          Calls, notes and tasks show up here, newest first. Log a call with <Kbd keys={['Mod', 'L']} />.
        </EmptyState>
      </li>
    );
  }
  return (
    <>
      {rows.map((item) => (
        <Item key={`${item.kind}-${item.id}`} item={item} now={now} showWho={showWho} />
      ))}
      {last && nextCursor ? (
        <li className="tl-more">
          <Button variant="ghost" onClick={() => onMore(nextCursor)}>
            Show more
          </Button>
        </li>
      ) : null}
    </>
  );
}

export function NoteComposer({ of, inputRef }: { of: TimelineOf; inputRef?: Ref<HTMLTextAreaElement> }) {
  const id = useId();
  const create = useMutation('notes.create');
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState(false);

  async function save(event?: FormEvent) {
    event?.preventDefault();
    try {
      await create.mutate({ ...of, body });
      setBody('');
      setOpen(false);
    } catch (err) {
      const e = formErrors(err, ['body']);
      setError(e.fields.body ?? e.form);
    }
  }

  return (
    <form className={`composer${open || body ? ' composer--open' : ''}`} onSubmit={save} noValidate>
      <label htmlFor={`${id}-note`} className="visually-hidden">
        New note
      </label>
      <textarea
        ref={inputRef}
        id={`${id}-note`}
        className="composer__input"
        placeholder="Write a note…"
        rows={open || body ? 3 : 1}
        value={body}
        aria-invalid={error ? true : undefined}
        aria-describedby={
          [error ? `${id}-error` : null, cardNumberNoticeFor(body) ? `${id}-card` : null]
            .filter(Boolean)
            .join(' ') || undefined
        }
        onFocus={() => setOpen(true)}
        onBlur={() => setOpen(false)}
        onChange={(e) => {
          setBody(e.target.value);
          setError(null);
        }}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) {
            e.preventDefault();
            void save();
          } else if (e.key === 'Escape' && body === '') {
            e.currentTarget.blur();
          }
        }}
      />
      {error ? <FieldError id={`${id}-error`} message={error} /> : null}
      <CardNumberNotice id={`${id}-card`} text={body} />
      {open || body ? (
        <div className="composer__bar">
          <span className="composer__hint" aria-hidden>
            <Kbd keys={['Mod', 'Enter']} /> to save
          </span>
          <Button
            type="submit"
            variant="primary"
            disabled={create.pending}
            onMouseDown={(e) => e.preventDefault()}
          >
            Save note
          </Button>
        </div>
      ) : null}
    </form>
  );
}

export function Timeline({
  of,
  now,
  showWho = false,
  title = 'History',
  noteRef,
}: {
  of: TimelineOf;
  now: number;
  showWho?: boolean;
  title?: string;
  noteRef?: Ref<HTMLTextAreaElement>;
}) {
  const id = useId();
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const pageProps = (cursor: string | null, i: number): PageProps => ({
    of,
    cursor,
    first: i === 0,
    last: i === cursors.length - 1,
    now,
    showWho,
    onMore: (next) => setCursors((c) => (c.includes(next) ? c : [...c, next])),
  });
  return (
    <section className="timeline" aria-labelledby={`${id}-title`}>
      <h2 className="timeline__title" id={`${id}-title`}>
        {title}
      </h2>
      <NoteComposer of={of} inputRef={noteRef} />
      <ol className="tl-list" aria-label={title}>
        {cursors.map((cursor, i) =>
          'personId' in of ? (
            <PersonTimelinePage key={cursor ?? 'first'} personId={of.personId} {...pageProps(cursor, i)} />
          ) : (
            <CompanyTimelinePage key={cursor ?? 'first'} companyId={of.companyId} {...pageProps(cursor, i)} />
          ),
        )}
      </ol>
    </section>
  );
}
