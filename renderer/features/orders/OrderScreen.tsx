/**
 * An order's page, and the page a new order is written on (`orders/new`): the customer, date,
 * currency and owner; the lines with live totals; the status with its dated steps and history;
 * notes. Mod+S or Mod+Enter saves. An invoiced or paid order's lines and currency are fixed.
 */
import { useEffect, useId, useMemo, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Lock, ReceiptText, Save, Trash2 } from 'lucide-react';
import { format } from 'date-fns';
import { LOCKED_STATUSES, type Order } from '../../../shared/domain/sales.ts';
import { CURRENCIES, type CurrencyCode } from '../../../shared/domain/settings.ts';
import { messageOf } from '../../api/errors.ts';
import { useNow } from '../../lib/clock.tsx';
import { useFormat } from '../../lib/format.context.tsx';
import { ariaKeyShortcuts, shortcutText } from '../../lib/platform.ts';
import { useCache, useQuery } from '../../stores/query.hooks.tsx';
import { useUi, useUiStore } from '../../stores/ui.store.tsx';
import { historyEntry } from '../audit/history-entry.tsx';
import { Button } from '../../ui/Button.tsx';
import { FieldError, SelectField, TextField } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { type MenuEntry } from '../../ui/Menu.tsx';
import { DelayedSpinner, ErrorState } from '../../ui/States.tsx';
import { undoToast, useStaff } from '../contacts/common.tsx';
import { BackButton, MoreActions } from '../contacts/detail-parts.tsx';
import { readStored, writeStored } from '../contacts/view-state.ts';
import { CustomerFields } from './CustomerFields.tsx';
import {
  blankLine,
  draftOfOrder,
  lineKey,
  orderErrors,
  parseOrder,
  type OrderDraft,
  type OrderErrors,
} from './order-draft.ts';
import { OrderLines } from './OrderLines.tsx';
import { StatusBadge, StatusHistory, StatusStepper } from './OrderStatus.tsx';
import { salesIntents } from './sales-intents.ts';
import './orders.css';

const NO_ERRORS: OrderErrors = { lines: {}, fields: {}, form: null };

function OrderEditor({
  order,
  initial,
  restored = null,
}: {
  order: Order | null;
  /** The order as saved (or a new order's blank form). */
  initial: OrderDraft;
  /** A new order's unsaved draft, kept from before. */
  restored?: OrderDraft | null;
}) {
  const id = useId();
  const cache = useCache();
  const ui = useUiStore();
  const navigate = useUi((s) => s.navigate);
  const fmt = useFormat();
  const staff = useStaff();
  const numbering = useQuery('orders.numbering', {}).data;
  const [draft, setDraft] = useState<OrderDraft>(restored ?? initial);
  const [baseline, setBaseline] = useState(() => JSON.stringify(initial));
  const [loadedAt, setLoadedAt] = useState(order?.updatedAt ?? 0);
  const [tried, setTried] = useState(false);
  const [errors, setErrors] = useState<OrderErrors>(NO_ERRORS);
  const [saving, setSaving] = useState(false);
  const locked = order !== null && LOCKED_STATUSES.includes(order.status);
  const parsed = useMemo(() => parseOrder(draft, fmt.locale), [draft, fmt.locale]);
  const dirty = JSON.stringify(draft) !== baseline;

  // A new order's draft is kept until it is saved or discarded.
  useEffect(() => {
    if (order) return;
    if (dirty) writeStored(DRAFT_KEY, draft);
    else writeStored(DRAFT_KEY, null);
  }, [order, dirty, draft]);

  // Someone changed the order elsewhere (another window, a status move): take it in unless this
  // editor holds unsaved changes.
  if (order && order.updatedAt !== loadedAt) {
    setLoadedAt(order.updatedAt);
    if (!dirty) {
      const fresh = draftOfOrder(order, fmt.locale);
      setDraft(fresh);
      setBaseline(JSON.stringify(fresh));
    }
  }

  function change(patch: Partial<OrderDraft>) {
    setDraft((d) => ({ ...d, ...patch }));
    setErrors((e) => (e === NO_ERRORS ? e : { ...e, form: null, fields: {} }));
  }

  async function save(event?: FormEvent) {
    event?.preventDefault();
    setTried(true);
    if (!draft.personId && !draft.companyId) {
      setErrors({
        ...NO_ERRORS,
        fields: { customer: 'Choose who the order is for: a person, a company or both.' },
      });
      return;
    }
    if (!parsed.valid) {
      setErrors(NO_ERRORS);
      requestAnimationFrame(() =>
        document.querySelector<HTMLElement>('.order-lines [aria-invalid="true"]')?.focus(),
      );
      return;
    }
    const lines = parsed.lines.map((l) => l.input!);
    const common = {
      personId: draft.personId,
      companyId: draft.companyId,
      orderDate: draft.orderDate,
      ownerId: draft.ownerId,
      ...(draft.notes.trim() ? { notes: draft.notes.trim() } : {}),
    };
    setSaving(true);
    try {
      if (!order) {
        const created = await cache.mutate('orders.create', {
          ...common,
          currency: draft.currency as CurrencyCode,
          lines,
        });
        writeStored(DRAFT_KEY, null);
        setBaseline(JSON.stringify(draft));
        ui.getState().toast(`Saved ${created.reference}.`);
        navigate(`orders/${created.id}`);
        return;
      }
      const saved = await cache.mutate('orders.update', {
        id: order.id,
        patch: {
          ...common,
          notes: draft.notes.trim() || undefined,
          ...(locked ? {} : { lines, currency: draft.currency as CurrencyCode }),
        },
        expectedUpdatedAt: order.updatedAt,
      });
      const fresh = draftOfOrder(saved, fmt.locale);
      setLoadedAt(saved.updatedAt);
      setDraft(fresh);
      setBaseline(JSON.stringify(fresh));
      setTried(false);
      setErrors(NO_ERRORS);
      setSaving(false);
      ui.getState().toast(`Saved ${saved.reference}.`);
    } catch (err) {
      setSaving(false);
      const found = orderErrors(err);
      setErrors(found);
      // A message for the whole order sits at the foot of the page: say it where it is seen too.
      if (found.form) ui.getState().toast(found.form, 'error');
    }
  }

  function onKeyDown(event: KeyboardEvent) {
    if ((event.metaKey || event.ctrlKey) && (event.key === 'Enter' || event.key.toLowerCase() === 's')) {
      event.preventDefault();
      void save();
    }
  }

  function remove() {
    if (!order) return;
    cache
      .mutate('orders.delete', { id: order.id })
      .then(() => {
        navigate('orders');
        undoToast(ui, `Moved ${order.reference} to the Trash.`, async () => {
          await cache.mutate('orders.restore', { id: order.id });
          return `${order.reference} is back.`;
        });
      })
      .catch((err: unknown) => ui.getState().toast(messageOf(err), 'error'));
  }

  const more: MenuEntry[] = order
    ? [
        historyEntry(ui, { table: 'orders', id: order.id, label: order.reference }),
        { kind: 'separator', id: 'sep' },
        {
          id: 'delete',
          label: 'Move to Trash',
          tone: 'danger',
          icon: <Trash2 size={ICON.inline} strokeWidth={STROKE} />,
          onSelect: remove,
        },
      ]
    : [];
  const title = order ? order.reference : 'New order';
  const customer = [draft.personName, draft.companyName].filter(Boolean).join(' · ');

  return (
    <form className="order-form" onSubmit={save} onKeyDown={onKeyDown} noValidate aria-label={title}>
      <div className="detail-bar">
        <BackButton to="orders">Orders</BackButton>
        <div className="detail-bar__actions">
          {dirty ? <span className="order-form__unsaved">{order ? 'Unsaved changes' : 'Draft'}</span> : null}
          {dirty ? (
            <Button
              onClick={() => {
                const fresh = order ? draftOfOrder(order, fmt.locale) : { ...initial, lines: [blankLine()] };
                setDraft(fresh);
                setBaseline(JSON.stringify(fresh));
                setErrors(NO_ERRORS);
                setTried(false);
              }}
            >
              Discard
            </Button>
          ) : null}
          <Button
            type="submit"
            variant="primary"
            disabled={saving || (order !== null && !dirty)}
            aria-keyshortcuts={ariaKeyShortcuts(['Mod', 'S'])}
            title={`Save (${shortcutText(['Mod', 'S'])})`}
            icon={<Save size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
          >
            {order ? 'Save order' : 'Save order'}
          </Button>
          {order ? <MoreActions name={order.reference} entries={more} /> : null}
        </div>
      </div>
      <div className="page detail">
        <div className="detail__inner order-page">
          <header className="hero">
            <span className="company-mark company-mark--lg order-mark" aria-hidden>
              <ReceiptText size={22} strokeWidth={STROKE} />
            </span>
            <div className="hero__text">
              <h1 className="hero__name selectable">
                {title}
                {order ? <StatusBadge status={order.status} /> : null}
              </h1>
              <p className="hero__sub">
                {order ? (
                  <>
                    {customer || 'No customer'} ·{' '}
                    <span className="num">{fmt.moneyIn(order.gross, order.currency)}</span>
                  </>
                ) : numbering ? (
                  <>It will be {numbering.nextReference} once saved.</>
                ) : (
                  ' '
                )}
              </p>
            </div>
          </header>

          {order ? <StatusStepper order={order} /> : null}

          <section className="card order-card" aria-labelledby={`${id}-who`}>
            <header className="card__header">
              <h2 className="card__title" id={`${id}-who`}>
                Customer and terms
              </h2>
            </header>
            <div className="order-terms">
              <CustomerFields draft={draft} error={errors.fields.customer} onChange={change} />
              <TextField
                label="Date"
                type="date"
                value={draft.orderDate}
                error={errors.fields.orderDate}
                onChange={(e) => change({ orderDate: e.target.value })}
              />
              <SelectField
                label="Currency"
                value={draft.currency}
                disabled={locked}
                error={errors.fields.currency}
                onChange={(e) => change({ currency: e.target.value })}
              >
                {CURRENCIES.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.code} — {c.label}
                  </option>
                ))}
              </SelectField>
              <SelectField
                label="Owner"
                value={draft.ownerId ?? ''}
                error={errors.fields.ownerId}
                onChange={(e) => change({ ownerId: e.target.value || null })}
              >
                <option value="">Nobody</option>
                {staff.list
                  .filter((s) => s.active || s.id === draft.ownerId)
                  .map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
              </SelectField>
            </div>
          </section>

          <section className="card order-card" aria-labelledby={`${id}-lines`}>
            <header className="card__header">
              <h2 className="card__title" id={`${id}-lines`}>
                Lines <span className="card__count num">{draft.lines.length}</span>
              </h2>
              {locked ? (
                <span className="order-card__note">
                  <Lock size={ICON.small} strokeWidth={2} aria-hidden />
                  {order
                    ? `${order.reference} is ${order.status}: its lines are fixed. Move it back to delivered to change them.`
                    : ''}
                </span>
              ) : null}
            </header>
            <OrderLines
              lines={draft.lines}
              parsed={parsed}
              currency={draft.currency}
              locked={locked}
              showErrors={tried}
              serverErrors={errors.lines}
              onChange={(lines) => change({ lines })}
            />
          </section>

          <div className="order-page__bottom">
            <section className="card order-card" aria-labelledby={`${id}-notes`}>
              <header className="card__header">
                <h2 className="card__title" id={`${id}-notes`}>
                  Notes
                </h2>
              </header>
              <div className="order-notes">
                <textarea
                  className="input order-notes__input"
                  aria-labelledby={`${id}-notes`}
                  placeholder="Delivery instructions, what was agreed…"
                  value={draft.notes}
                  onChange={(e) => change({ notes: e.target.value })}
                />
                {errors.fields.notes ? <FieldError message={errors.fields.notes} /> : null}
              </div>
            </section>
            {order ? (
              <section className="card order-card" aria-labelledby={`${id}-history`}>
                <header className="card__header">
                  <h2 className="card__title" id={`${id}-history`}>
                    Status history
                  </h2>
                </header>
                <StatusHistory order={order} />
              </section>
            ) : null}
          </div>

          {errors.form ? (
            <div role="alert" className="form-alert">
              <FieldError message={errors.form} />
            </div>
          ) : null}
        </div>
      </div>
    </form>
  );
}

const DRAFT_KEY = 'ledgerline.draft.newOrder';
const isDraft = (v: unknown): v is OrderDraft =>
  typeof v === 'object' && v !== null && Array.isArray((v as OrderDraft).lines) && 'orderDate' in v;

function NewOrder() {
  const ui = useUiStore();
  const fmt = useFormat();
  const now = useNow(60_000);
  const settings = useQuery('settings.get', {}).data;
  const [start] = useState(() => {
    const who = salesIntents(ui).getState().newOrderFor;
    const blank: OrderDraft = {
      personId: who?.personId ?? null,
      personName: who?.personName ?? null,
      companyId: who?.companyId ?? null,
      companyName: who?.companyName ?? null,
      orderDate: format(now, 'yyyy-MM-dd'),
      currency: fmt.currency,
      ownerId: null,
      notes: '',
      lines: [blankLine()],
    };
    // A draft left unsaved (the window closed, or another screen opened) comes back, unless this
    // order was started for someone.
    const kept = who ? null : readStored<OrderDraft | null>(DRAFT_KEY, isDraft, null);
    return {
      blank,
      draft: kept ? { ...kept, lines: kept.lines.map((l) => ({ ...l, key: lineKey() })) } : null,
    };
  });
  useEffect(() => {
    salesIntents(ui).setState({ newOrderFor: null });
    document.title = 'New order — Ledgerline';
  }, [ui]);
  if (!settings) {
    return (
      <div className="page detail detail--state" aria-busy="true">
        <DelayedSpinner label="Opening…" />
      </div>
    );
  }
  const blank = { ...start.blank, ownerId: settings.currentStaffId };
  return <OrderEditor order={null} initial={blank} restored={start.draft} />;
}

function ExistingOrder({ orderId }: { orderId: string }) {
  const order = useQuery('orders.get', { id: orderId });
  const fmt = useFormat();
  const navigate = useUi((s) => s.navigate);
  useEffect(() => {
    if (order.data) document.title = `${order.data.reference} — Ledgerline`;
  }, [order.data]);
  if (order.data) {
    return (
      <OrderEditor key={order.data.id} order={order.data} initial={draftOfOrder(order.data, fmt.locale)} />
    );
  }
  if (order.status === 'error') {
    return (
      <div className="page detail detail--state">
        <ErrorState
          title="This order could not be opened"
          message={order.error?.message ?? 'Try again in a moment.'}
          onRetry={() => void order.refetch()}
        />
        <div className="detail__state-actions">
          <Button variant="ghost" onClick={() => navigate('orders')}>
            Back to Orders
          </Button>
        </div>
      </div>
    );
  }
  return (
    <div className="page detail detail--state" aria-busy="true">
      <DelayedSpinner label="Opening…" />
    </div>
  );
}

export function OrderScreen({ orderId }: { orderId: string }) {
  return orderId === 'new' ? <NewOrder /> : <ExistingOrder orderId={orderId} />;
}
