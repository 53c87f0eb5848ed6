/**
 * An order's status: a stepper from quote to paid (each reached step shows its date, a step the
 * order went past without reaching says "skipped"), Cancel
 * beside it, the day the change is dated, and the history of every change.
 */
import { useId, useState } from 'react';
import { Ban, Check, RotateCcw } from 'lucide-react';
import { format, parseISO } from 'date-fns';
import {
  canMoveStatus,
  ORDER_STATUS_LABELS,
  type Order,
  type OrderStatus as Status,
} from '../../../shared/domain/sales.ts';
import { messageOf } from '../../api/errors.ts';
import { useNow } from '../../lib/clock.tsx';
import { useFormat } from '../../lib/format.context.tsx';
import { dateLocale } from '../../lib/locales.ts';
import { useCache } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { Button } from '../../ui/Button.tsx';
import { FieldError } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { RelTime } from '../contacts/common.tsx';

const STEPS: readonly Status[] = ['quote', 'confirmed', 'delivered', 'invoiced', 'paid'];

export function StatusBadge({ status }: { status: Status }) {
  return <span className={`order-status order-status--${status}`}>{ORDER_STATUS_LABELS[status]}</span>;
}

/** The day each status was last reached, from the history. */
function reachedOn(order: Order): Partial<Record<Status, string>> {
  const out: Partial<Record<Status, string>> = {};
  for (const h of order.history) out[h.status] = h.date;
  return out;
}

export function StatusStepper({ order }: { order: Order }) {
  const id = useId();
  const cache = useCache();
  const ui = useUiStore();
  const fmt = useFormat();
  const now = useNow(60_000);
  const today = format(now, 'yyyy-MM-dd');
  const [date, setDate] = useState(today < order.orderDate ? order.orderDate : today);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const reached = reachedOn(order);
  const currentIndex = STEPS.indexOf(order.status);
  const short = (iso: string) => format(parseISO(iso), 'd MMM', { locale: dateLocale(fmt.locale) });

  async function move(status: Status) {
    setBusy(true);
    setError(null);
    try {
      await cache.mutate('orders.setStatus', { id: order.id, status, date });
      ui.getState().toast(`${order.reference} is ${ORDER_STATUS_LABELS[status].toLowerCase()}.`);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  const cancelled = order.status === 'cancelled';
  return (
    <div className="order-status-bar">
      <ol className={`stepper${cancelled ? ' stepper--cancelled' : ''}`} aria-label="Order status">
        {STEPS.map((s, i) => {
          // A step before the current one is done when the order went through it, and skipped
          // when it did not (delivered straight to paid leaves Invoiced skipped).
          const done = !cancelled && i < currentIndex && reached[s] !== undefined;
          const skipped = !cancelled && i < currentIndex && reached[s] === undefined;
          const current = s === order.status;
          const allowed = canMoveStatus(order.status, s);
          return (
            <li key={s} className="stepper__item">
              <button
                type="button"
                className={`stepper__step${done ? ' stepper__step--done' : ''}${current ? ' stepper__step--current' : ''}`}
                aria-current={current ? 'step' : undefined}
                aria-label={
                  current
                    ? `${ORDER_STATUS_LABELS[s]} (now)`
                    : `Mark as ${ORDER_STATUS_LABELS[s].toLowerCase()}`
                }
                disabled={busy || current || !allowed}
                title={
                  current
                    ? `Since ${reached[s] ? fmt.day(reached[s], now) : ''}`
                    : allowed
                      ? `Mark as ${ORDER_STATUS_LABELS[s].toLowerCase()} on ${fmt.day(date, now)}`
                      : `A ${ORDER_STATUS_LABELS[order.status].toLowerCase()} order cannot move to ${ORDER_STATUS_LABELS[s].toLowerCase()}`
                }
                onClick={() => void move(s)}
              >
                <span className="stepper__dot" aria-hidden>
                  {done || current ? <Check size={ICON.small} strokeWidth={2.5} /> : i + 1}
                </span>
                <span className="stepper__text">
                  <span className="stepper__label">{ORDER_STATUS_LABELS[s]}</span>
                  {(done || current) && reached[s] ? (
                    <span className="stepper__date num">{short(reached[s])}</span>
                  ) : skipped ? (
                    <span className="stepper__date">skipped</span>
                  ) : null}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
      <div className="order-status-bar__side">
        <label className="order-status-bar__date">
          <span>Dated</span>
          <input
            type="date"
            className="input"
            aria-label="Date of the status change"
            value={date}
            min={order.orderDate}
            onChange={(e) => setDate(e.target.value)}
          />
        </label>
        {cancelled ? (
          <Button
            disabled={busy}
            onClick={() => void move('quote')}
            icon={<RotateCcw size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
          >
            Reopen as quote
          </Button>
        ) : (
          <Button
            variant="ghost"
            className="btn--danger"
            disabled={busy || !canMoveStatus(order.status, 'cancelled')}
            title={
              canMoveStatus(order.status, 'cancelled')
                ? 'Cancel the order: it then counts nowhere'
                : 'A paid order cannot be cancelled'
            }
            onClick={() => void move('cancelled')}
            icon={<Ban size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
          >
            Cancel order
          </Button>
        )}
      </div>
      {error ? (
        <div className="order-status-bar__error" role="alert" id={`${id}-err`}>
          <FieldError message={error} />
        </div>
      ) : null}
    </div>
  );
}

export function StatusHistory({ order }: { order: Order }) {
  const fmt = useFormat();
  const now = useNow(60_000);
  return (
    <ol className="status-history" aria-label="Status history">
      {[...order.history].reverse().map((h) => (
        <li key={h.position} className="status-history__item">
          <StatusBadge status={h.status} />
          <span className="status-history__date num">{fmt.day(h.date, now)}</span>
          <span className="status-history__who">
            {h.byName ?? 'Someone'} · <RelTime at={h.at} now={now} />
          </span>
        </li>
      ))}
    </ol>
  );
}
