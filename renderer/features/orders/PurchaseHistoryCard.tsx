/**
 * What a customer has bought, as a card on their page: lifetime revenue and margin, the number of
 * orders and the last purchase, the products and services bought, and their latest orders (each
 * opens). Only orders that count as sales add up; quotes and cancelled orders are listed but not
 * counted.
 */
import { useId } from 'react';
import { format, parseISO } from 'date-fns';
import { Package, Plus, Wrench } from 'lucide-react';
import type { OrderSummary, PurchaseHistory } from '../../../shared/domain/sales.ts';
import { useNow } from '../../lib/clock.tsx';
import { useFormat } from '../../lib/format.context.tsx';
import { dateLocale } from '../../lib/locales.ts';
import { useQuery } from '../../stores/query.hooks.tsx';
import { useUi, useUiStore } from '../../stores/ui.store.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { marginPercent, quantityText } from './money-text.ts';
import { StatusBadge } from './OrderStatus.tsx';
import { showOrdersFor, startNewOrder, type CustomerRef } from './sales-intents.ts';
import './orders.css';

function Body({
  history,
  orders,
  customer,
}: {
  history: PurchaseHistory;
  orders: { rows: OrderSummary[]; nextCursor: string | null };
  customer: CustomerRef;
}) {
  const fmt = useFormat();
  const now = useNow(60_000);
  const ui = useUiStore();
  const navigate = useUi((s) => s.navigate);
  const main = history.totals[0];
  const items = history.items.slice(0, 5);

  if (orders.rows.length === 0) {
    return (
      <p className="card__empty">
        Nothing bought yet.{' '}
        <button type="button" className="link-button" onClick={() => startNewOrder(ui, customer)}>
          Write a quote
        </button>
      </p>
    );
  }
  return (
    <div className="purchases">
      <dl className="purchases__stats">
        <div className="purchases__stat" role="group" aria-label="Revenue">
          <dt>Revenue</dt>
          <dd className="num">{main ? fmt.moneyIn(main.net, main.currency) : fmt.money(0)}</dd>
        </div>
        <div className="purchases__stat" role="group" aria-label="Margin">
          <dt>Margin</dt>
          <dd className="num">
            {main ? fmt.moneyIn(main.margin, main.currency) : '—'}
            {main && marginPercent(main.net, main.cost, fmt.locale) ? (
              <span className="purchases__pct"> {marginPercent(main.net, main.cost, fmt.locale)}</span>
            ) : null}
          </dd>
        </div>
        <div className="purchases__stat" role="group" aria-label="Orders">
          <dt>Orders</dt>
          <dd className="num">{fmt.number(history.orders)}</dd>
        </div>
        <div className="purchases__stat" role="group" aria-label="Last bought">
          <dt>Last bought</dt>
          <dd className="num">{history.lastOrderDate ? fmt.day(history.lastOrderDate, now) : '—'}</dd>
        </div>
      </dl>
      {history.totals.length > 1 ? (
        <p className="purchases__also">
          Also{' '}
          {history.totals
            .slice(1)
            .map((t) => fmt.moneyIn(t.net, t.currency))
            .join(', ')}{' '}
          in other currencies.
        </p>
      ) : null}
      {items.length ? (
        <>
          <h3 className="purchases__heading">Bought</h3>
          <ul className="purchases__items" aria-label="Products bought">
            {items.map((it) => (
              <li key={`${it.productId ?? it.name}-${it.currency}`} className="purchases__item">
                <span className="purchases__icon" aria-hidden>
                  {it.kind === 'service' ? (
                    <Wrench size={ICON.small} strokeWidth={STROKE} />
                  ) : (
                    <Package size={ICON.small} strokeWidth={STROKE} />
                  )}
                </span>
                <span className="purchases__name" title={it.sku ?? undefined}>
                  {it.name}
                </span>
                <span className="purchases__qty num">× {quantityText(it.quantity, fmt.locale)}</span>
                <span className="purchases__amount num">{fmt.moneyIn(it.net, it.currency)}</span>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <h3 className="purchases__heading">Orders</h3>
      <ul className="purchases__orders" aria-label="Orders">
        {orders.rows.map((o) => (
          <li key={o.id}>
            <button
              type="button"
              className="purchases__order"
              onClick={() => navigate(`orders/${o.id}`)}
              aria-label={`Open ${o.reference}`}
            >
              <span className="order-ref">{o.reference}</span>
              <time className="purchases__date num" dateTime={o.orderDate}>
                {format(parseISO(o.orderDate), 'PP', { locale: dateLocale(fmt.locale) })}
              </time>
              <StatusBadge status={o.status} />
              <span className={`purchases__amount num${o.status === 'cancelled' ? ' order-gross--off' : ''}`}>
                {fmt.moneyIn(o.gross, o.currency)}
              </span>
            </button>
          </li>
        ))}
      </ul>
      {orders.nextCursor ? (
        <button
          type="button"
          className="link-button purchases__all"
          onClick={() => showOrdersFor(ui, customer)}
        >
          See every order
        </button>
      ) : null}
    </div>
  );
}

function PersonHistory({ customer }: { customer: CustomerRef & { personId: string } }) {
  const history = useQuery('purchases.person', { personId: customer.personId }).data;
  const orders = useQuery('orders.list', { filter: { personId: customer.personId }, limit: 5 }).data;
  return <Frame customer={customer} history={history} orders={orders} />;
}

function CompanyHistory({ customer }: { customer: CustomerRef & { companyId: string } }) {
  const history = useQuery('purchases.company', { companyId: customer.companyId }).data;
  const orders = useQuery('orders.list', { filter: { companyId: customer.companyId }, limit: 5 }).data;
  return <Frame customer={customer} history={history} orders={orders} />;
}

function Frame({
  customer,
  history,
  orders,
}: {
  customer: CustomerRef;
  history: PurchaseHistory | undefined;
  orders: { rows: OrderSummary[]; nextCursor: string | null } | undefined;
}) {
  const id = useId();
  const ui = useUiStore();
  return (
    <section className="card purchases-card" aria-labelledby={`${id}-t`}>
      <header className="card__header">
        <h2 className="card__title" id={`${id}-t`}>
          Purchases {history ? <span className="card__count num">{history.orders}</span> : null}
        </h2>
        <button
          type="button"
          className="btn btn--ghost btn--icon card__edit"
          aria-label="New order"
          title="New order"
          onClick={() => startNewOrder(ui, customer)}
        >
          <Plus size={ICON.inline} strokeWidth={STROKE} aria-hidden />
        </button>
      </header>
      {history && orders ? (
        <Body history={history} orders={orders} customer={customer} />
      ) : (
        <div className="card__loading" aria-busy="true">
          <span className="skeleton tl-skeleton-line" />
        </div>
      )}
    </section>
  );
}

/** The card, for a person (their company comes along on a new order) or a company. */
export function PurchaseHistoryCard(
  props:
    | { person: { id: string; name: string; companyId: string | null; companyName: string | null } }
    | { company: { id: string; name: string } },
) {
  if ('person' in props) {
    const p = props.person;
    return (
      <PersonHistory
        customer={{ personId: p.id, personName: p.name, companyId: p.companyId, companyName: p.companyName }}
      />
    );
  }
  return <CompanyHistory customer={{ companyId: props.company.id, companyName: props.company.name }} />;
}
