/**
 * The trail's events, newest first, in a virtualised list (TanStack Virtual, rows measured as they
 * open): when, who, what and which record. An event opens in place to show its field changes
 * (before → after), or for bulk work what it touched. ↑ ↓ move between events, Enter or Space
 * opens and closes one, Home and End go to either end.
 */
import { useCallback, useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import { ArrowRight, ChevronRight } from 'lucide-react';
import type { AuditEvent } from '../../../shared/api/requests/audit.requests.ts';
import { useFormat } from '../../lib/format.context.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { Spinner } from '../../ui/States.tsx';
import { countLines, eventTitle, recordText, whoText } from './audit-words.ts';

const ROW_ESTIMATE = 44;

/** jsdom and hidden containers measure 0: assume a window's height so rows still render. */
const observeRect: typeof observeElementRect = (instance, cb) =>
  observeElementRect(instance, (rect) =>
    cb(rect.height > 0 ? rect : { width: rect.width || 1000, height: 720 }),
  );

function Changes({ event }: { event: AuditEvent }) {
  const fmt = useFormat();
  const lines = countLines(event.counts, fmt.number);
  return (
    <div className="audit-detail">
      {event.summary && event.table && event.summary !== eventTitle(event) ? (
        <p className="audit-detail__summary">{event.summary}</p>
      ) : null}
      {event.changes.length > 0 ? (
        <table className="audit-diff">
          <caption className="visually-hidden">What changed</caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Before</th>
              <th scope="col" aria-hidden />
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {event.changes.map((c) => (
              <tr key={c.field}>
                <th scope="row" className="audit-diff__field">
                  {c.label}
                </th>
                <td className="audit-diff__before selectable">
                  {event.forgotten ? (
                    <span className="audit-diff__none">not kept</span>
                  ) : (
                    (c.before ?? <Empty />)
                  )}
                </td>
                <td className="audit-diff__arrow" aria-hidden>
                  <ArrowRight size={ICON.small} strokeWidth={STROKE} />
                </td>
                <td className="audit-diff__after selectable">
                  {event.forgotten ? (
                    <span className="audit-diff__none">not kept</span>
                  ) : (
                    (c.after ?? <Empty />)
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {lines.length > 0 ? (
        <ul className="audit-detail__counts">
          {lines.map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      ) : null}
      {event.forgotten ? (
        <p className="audit-detail__note">
          The values were removed when this record was erased. The event itself is kept.
        </p>
      ) : null}
      {event.changes.length === 0 && lines.length === 0 && !event.forgotten ? (
        <p className="audit-detail__note">Nothing more was recorded for this event.</p>
      ) : null}
    </div>
  );
}

function Empty() {
  return (
    <span className="audit-diff__none" aria-label="empty">
      —
    </span>
  );
}

function EventRow({
  event,
  index,
  open,
  now,
  onToggle,
  onFocusRow,
}: {
  event: AuditEvent;
  index: number;
  open: boolean;
  now: number;
  onToggle(): void;
  onFocusRow(index: number): void;
}) {
  const fmt = useFormat();
  const title = eventTitle(event);
  const record = recordText(event);
  const who = whoText(event);
  const detailId = `audit-event-${event.id}`;
  return (
    <div className={`audit-row${open ? ' audit-row--open' : ''}`} role="listitem">
      <button
        type="button"
        className="audit-row__head"
        aria-expanded={open}
        aria-controls={open ? detailId : undefined}
        data-index={index}
        onClick={onToggle}
        onFocus={() => onFocusRow(index)}
      >
        <span className="audit-row__when num" title={fmt.exact(event.at)}>
          {fmt.relative(event.at, now)}
        </span>
        <span className="audit-row__who">{who}</span>
        <span className={`audit-row__what audit-row__what--${event.action}`}>{title}</span>
        <span className="audit-row__record" title={record}>
          {record}
        </span>
        <ChevronRight className="audit-row__chevron" size={ICON.inline} strokeWidth={STROKE} aria-hidden />
      </button>
      {open ? (
        <div id={detailId} className="audit-row__body">
          <p className="audit-row__exact">
            {fmt.exact(event.at)} · {who}
          </p>
          <Changes event={event} />
        </div>
      ) : null}
    </div>
  );
}

export function AuditList({
  rows,
  now,
  hasMore,
  fetching,
  onLoadMore,
  resetKey,
}: {
  rows: readonly AuditEvent[];
  now: number;
  hasMore: boolean;
  fetching: boolean;
  onLoadMore(): void;
  /** When this changes (a new filter), the list goes back to the top and closes what was open. */
  resetKey: string;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const [open, setOpen] = useState<ReadonlySet<number>>(() => new Set());
  const active = useRef(0);
  // eslint-disable-next-line react-hooks/incompatible-library -- used as documented; nothing here is memoised
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_ESTIMATE,
    overscan: 8,
    getItemKey: (i) => rows[i]?.id ?? i,
    observeElementRect: observeRect,
  });

  useEffect(() => {
    setOpen(new Set());
    active.current = 0;
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [resetKey]);

  const items = virtualizer.getVirtualItems();
  const last = items.at(-1)?.index ?? 0;
  useEffect(() => {
    if (hasMore && !fetching && last >= rows.length - 15) onLoadMore();
  }, [hasMore, fetching, last, rows.length, onLoadMore]);

  const toggle = useCallback((id: number) => {
    setOpen((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  const focusRow = (index: number) => {
    const target = Math.max(0, Math.min(rows.length - 1, index));
    active.current = target;
    virtualizer.scrollToIndex(target, { align: 'auto' });
    requestAnimationFrame(() =>
      scroller.current?.querySelector<HTMLElement>(`.audit-row__head[data-index="${target}"]`)?.focus(),
    );
  };

  const onKeyDown = (e: KeyboardEvent<HTMLDivElement>) => {
    const keys: Record<string, number> = {
      ArrowDown: active.current + 1,
      ArrowUp: active.current - 1,
      Home: 0,
      End: rows.length - 1,
      PageDown: active.current + 10,
      PageUp: active.current - 10,
    };
    const to = keys[e.key];
    if (to === undefined) return;
    e.preventDefault();
    focusRow(to);
  };

  return (
    <div className="audit-list">
      <div className="audit-list__header" aria-hidden>
        <span>When</span>
        <span>Who</span>
        <span>What</span>
        <span>Record</span>
      </div>
      <div ref={scroller} className="audit-list__scroller" onKeyDown={onKeyDown}>
        <div
          role="list"
          aria-label="Audit trail"
          aria-busy={fetching || undefined}
          className="audit-list__inner"
          style={{ height: virtualizer.getTotalSize() }}
        >
          {items.map((item) => {
            const event = rows[item.index]!;
            return (
              <div
                key={item.key}
                ref={virtualizer.measureElement}
                data-index={item.index}
                className="audit-list__slot"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <EventRow
                  event={event}
                  index={item.index}
                  open={open.has(event.id)}
                  now={now}
                  onToggle={() => toggle(event.id)}
                  onFocusRow={(i) => {
                    active.current = i;
                  }}
                />
              </div>
            );
          })}
        </div>
        {fetching ? (
          <div className="audit-list__more">
            <Spinner label="Loading more events…" />
          </div>
        ) : null}
      </div>
    </div>
  );
}
