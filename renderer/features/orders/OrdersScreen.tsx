/**
 * Orders: every order, newest first, in a virtualised keyset table (reference, date, customer,
 * status, total, owner), filtered by status, dates, owner and customer and searched by number.
 * Filtered to one customer, the totals of their sales show above the list.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Building2, Plus, ReceiptText, UserRound, X } from 'lucide-react';
import {
  ORDER_STATUS_LABELS,
  ORDER_STATUSES,
  type OrderStatus,
  type OrderSummary,
} from '../../../shared/domain/sales.ts';
import { messageOf } from '../../api/errors.ts';
import { useNow } from '../../lib/clock.tsx';
import { useFormat } from '../../lib/format.context.tsx';
import { stableStringify } from '../../lib/stable-json.ts';
import { useCache, useQuery } from '../../stores/query.hooks.tsx';
import { useUi, useUiStore } from '../../stores/ui.store.tsx';
import { Button } from '../../ui/Button.tsx';
import { DataGrid, type GridColumn } from '../../ui/DataGrid.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { ListSearchBox } from '../../ui/ListSearchBox.tsx';
import { EmptyState, ErrorState } from '../../ui/States.tsx';
import { PageHeader } from '../shell/PageHeader.tsx';
import { ExportListButton } from '../export/ExportListDialog.tsx';
import { useStaff } from '../contacts/common.tsx';
import { useKeysetWindow } from '../contacts/useKeysetWindow.ts';
import { sessionGet, sessionSet } from '../contacts/view-state.ts';
import { marginPercent } from './money-text.ts';
import { ORDER_RANGES, orderRange, type OrderRange } from './order-ranges.ts';
import { StatusBadge } from './OrderStatus.tsx';
import { salesIntents, startNewOrder, useSalesIntents, type CustomerRef } from './sales-intents.ts';
import './orders.css';

interface Filters {
  status: OrderStatus | '';
  range: OrderRange;
  from: string;
  to: string;
  ownerId: string;
}

const NO_FILTERS: Filters = { status: '', range: 'any', from: '', to: '', ownerId: '' };

function CustomerTotals({ customer }: { customer: CustomerRef }) {
  const fmt = useFormat();
  const filter = customer.personId ? { personId: customer.personId } : { companyId: customer.companyId! };
  const totals = useQuery('orders.totals', { filter }).data;
  const main = totals?.sales[0];
  const stat = (label: string, value: string | undefined, note?: string) => (
    <div className="stat" role="group" aria-label={label}>
      <span className="stat__label">{label}</span>
      {value === undefined ? (
        <span className="skeleton tile__skeleton" aria-hidden />
      ) : (
        <span className="stat__value num">{value}</span>
      )}
      <span className="stat__note">{note ?? '\u00a0'}</span>
    </div>
  );
  return (
    <div className="orders__totals" role="group" aria-label="Totals">
      {stat('Orders', totals ? fmt.number(totals.count) : undefined, 'of every status')}
      {stat(
        'Sold',
        totals ? (main ? fmt.moneyIn(main.gross, main.currency) : fmt.money(0)) : undefined,
        main ? `${fmt.number(main.count)} counted as sales, with tax` : 'no confirmed orders yet',
      )}
      {stat(
        'Margin',
        totals ? (main ? fmt.moneyIn(main.margin, main.currency) : fmt.money(0)) : undefined,
        main ? (marginPercent(main.net, main.cost, fmt.locale) ?? '') + ' of the net' : undefined,
      )}
      {totals && totals.sales.length > 1 ? (
        <p className="orders__other-currencies">
          Also{' '}
          {totals.sales
            .slice(1)
            .map((s) => fmt.moneyIn(s.gross, s.currency))
            .join(', ')}
        </p>
      ) : null}
    </div>
  );
}

export function OrdersScreen() {
  const cache = useCache();
  const ui = useUiStore();
  const navigate = useUi((s) => s.navigate);
  const fmt = useFormat();
  const now = useNow(60_000);
  const staff = useStaff();
  const customer = useSalesIntents(ui, (s) => s.ordersFor);
  const [text, setText] = useState(() => sessionGet<string>(ui, 'orders.query') ?? '');
  const [query, setQuery] = useState(text);
  const [filters, setFilters] = useState<Filters>(
    () => sessionGet<Filters>(ui, 'orders.filters') ?? NO_FILTERS,
  );
  const [activeIndex, setActiveIndex] = useState(-1);
  const root = useRef<HTMLDivElement>(null);
  const today = Math.floor(now / 3_600_000);

  useEffect(() => {
    const t = setTimeout(() => {
      setQuery(text.trim());
      sessionSet(ui, 'orders.query', text);
    }, 150);
    return () => clearTimeout(t);
  }, [text, ui]);

  useEffect(() => {
    root.current?.querySelector<HTMLElement>('[role="grid"]')?.focus();
  }, []);

  function setFilter<K extends keyof Filters>(key: K, value: Filters[K]) {
    const next = { ...filters, [key]: value };
    setFilters(next);
    sessionSet(ui, 'orders.filters', next);
    setActiveIndex(-1);
  }

  const filter = useMemo(
    () => ({
      ...(query ? { query } : {}),
      ...(filters.status ? { status: filters.status } : {}),
      ...(filters.ownerId ? { ownerId: filters.ownerId } : {}),
      ...orderRange(filters.range, today * 3_600_000, filters.from, filters.to),
      ...(customer?.personId
        ? { personId: customer.personId }
        : customer?.companyId
          ? { companyId: customer.companyId }
          : {}),
    }),
    [query, filters, today, customer],
  );
  const listKey = stableStringify({ filter });
  const fetchPage = useCallback(
    (cursor: string | null, limit: number) =>
      cache.client.call('orders.list', {
        ...(JSON.parse(listKey) as { filter: typeof filter }),
        cursor,
        limit,
      }),
    [cache, listKey],
  );
  const { win, snap } = useKeysetWindow<OrderSummary>(
    listKey,
    fetchPage,
    ['orders', 'people', 'companies', 'staff'],
    100,
  );
  const onRange = useCallback((a: number, b: number) => win.want(a, b), [win]);
  const total = snap.complete ? snap.knownRows : null;

  const columns = useMemo<GridColumn<OrderSummary>[]>(
    () => [
      {
        id: 'reference',
        label: 'Order',
        width: '116px',
        render: (o) => <span className="order-ref">{o.reference}</span>,
      },
      {
        id: 'date',
        label: 'Date',
        width: '124px',
        render: (o) => (
          <time className="num" dateTime={o.orderDate}>
            {fmt.day(o.orderDate, now)}
          </time>
        ),
      },
      {
        id: 'customer',
        label: 'Customer',
        width: 'minmax(200px, 2fr)',
        render: (o) => (
          <span className="order-customer">
            <span className="cell-strong">{o.personName ?? o.companyName ?? '—'}</span>
            {o.personName && o.companyName ? <span className="muted"> · {o.companyName}</span> : null}
          </span>
        ),
      },
      {
        id: 'status',
        label: 'Status',
        width: '120px',
        render: (o) => <StatusBadge status={o.status} />,
      },
      {
        id: 'net',
        label: 'Net',
        width: '112px',
        align: 'end',
        render: (o) => <span className="num muted-num">{fmt.moneyIn(o.net, o.currency)}</span>,
      },
      {
        id: 'gross',
        label: 'Total',
        width: '120px',
        align: 'end',
        render: (o) => (
          <span className={`num order-gross${o.status === 'cancelled' ? ' order-gross--off' : ''}`}>
            {fmt.moneyIn(o.gross, o.currency)}
          </span>
        ),
      },
      {
        id: 'owner',
        label: 'Owner',
        width: 'minmax(110px, 1fr)',
        render: (o) => (o.ownerName ? <span>{o.ownerName}</span> : <span className="muted">—</span>),
      },
    ],
    [fmt, now],
  );

  const filtered = Boolean(query) || stableStringify(filters) !== stableStringify(NO_FILTERS);
  const clear = () => {
    setText('');
    setFilters(NO_FILTERS);
    sessionSet(ui, 'orders.filters', NO_FILTERS);
  };
  const newOrder = () => startNewOrder(ui, customer);
  const empty =
    snap.complete && snap.knownRows === 0 ? (
      filtered || customer ? (
        <EmptyState
          icon={<ReceiptText size={ICON.state} strokeWidth={STROKE} />}
          title="No order matches"
          action={<Button onClick={clear}>Clear the filters</Button>}
        >
          Try another status or a wider date range. Search by the order’s number, such as 42.
        </EmptyState>
      ) : (
        <EmptyState
          icon={<ReceiptText size={ICON.state} strokeWidth={STROKE} />}
          title="No orders yet"
          action={
            <Button
              variant="primary"
              icon={<Plus size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
              onClick={newOrder}
            >
              New order
            </Button>
          }
        >
          Quotes and sales, from the first offer to payment. Each one shows on its customer’s page.
        </EmptyState>
      )
    ) : null;

  return (
    <>
      <PageHeader title="Orders">
        <span className="page-header__count num" aria-live="polite">
          {total === null ? '' : `${fmt.number(total)} ${total === 1 ? 'order' : 'orders'}`}
        </span>
        <ExportListButton list="orders" input={{ filter }} count={total} />
        <Button
          variant="primary"
          icon={<Plus size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
          onClick={newOrder}
        >
          New order
        </Button>
      </PageHeader>
      <div className="list-screen" ref={root}>
        <div className="filter-bar" role="toolbar" aria-label="Filters">
          <ListSearchBox
            label="Find an order by number"
            placeholder="Order number"
            value={text}
            onChange={setText}
            listRoot={root}
            className="orders__search"
          />
          {customer ? (
            <span className="pill orders__customer">
              <span className="pill__label">
                {customer.personId ? (
                  <UserRound size={ICON.small} strokeWidth={STROKE} aria-hidden />
                ) : (
                  <Building2 size={ICON.small} strokeWidth={STROKE} aria-hidden />
                )}
                For {customer.personName ?? customer.companyName}
              </span>
              <button
                type="button"
                className="pill__remove"
                aria-label="Show every customer’s orders"
                onClick={() => salesIntents(ui).setState({ ordersFor: null })}
              >
                <X size={ICON.small} strokeWidth={2} aria-hidden />
              </button>
            </span>
          ) : null}
          <div className="pill">
            <select
              className="pill__select"
              aria-label="Status"
              value={filters.status}
              onChange={(e) => setFilter('status', e.target.value as OrderStatus | '')}
            >
              <option value="">Any status</option>
              {ORDER_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {ORDER_STATUS_LABELS[s]}
                </option>
              ))}
            </select>
          </div>
          <div className="pill">
            <select
              className="pill__select"
              aria-label="Dates"
              value={filters.range}
              onChange={(e) => setFilter('range', e.target.value as OrderRange)}
            >
              {ORDER_RANGES.map((r) => (
                <option key={r.id} value={r.id}>
                  {r.label}
                </option>
              ))}
            </select>
            {filters.range === 'custom' ? (
              <>
                <input
                  type="date"
                  className="pill__input"
                  aria-label="From"
                  value={filters.from}
                  onChange={(e) => setFilter('from', e.target.value)}
                />
                <span className="pill__suffix">to</span>
                <input
                  type="date"
                  className="pill__input"
                  aria-label="To"
                  value={filters.to}
                  onChange={(e) => setFilter('to', e.target.value)}
                />
              </>
            ) : null}
          </div>
          <div className="pill">
            <select
              className="pill__select"
              aria-label="Owner"
              value={filters.ownerId}
              onChange={(e) => setFilter('ownerId', e.target.value)}
            >
              <option value="">Any owner</option>
              {staff.list.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
          {filtered ? (
            <button type="button" className="filter-bar__clear" onClick={clear}>
              Clear
            </button>
          ) : null}
        </div>
        {customer ? <CustomerTotals customer={customer} /> : null}
        {snap.error && win.loadedRows().length === 0 ? (
          <ErrorState
            title="The orders could not be loaded"
            message={messageOf(snap.error)}
            onRetry={() => win.refresh()}
          />
        ) : (
          <DataGrid<OrderSummary>
            label="Orders"
            columns={columns}
            rowCount={snap.knownRows}
            totalRows={total ?? undefined}
            rowAt={(i) => win.rowAt(i)}
            rowId={(o) => o.id}
            rowLabel={(o) =>
              `${o.reference}, ${o.personName ?? o.companyName ?? ''}, ${ORDER_STATUS_LABELS[o.status]}`
            }
            rowHeight={32}
            activeIndex={activeIndex}
            onActiveIndex={setActiveIndex}
            onOpen={(o) => navigate(`orders/${o.id}`)}
            onRange={onRange}
            resetKey={listKey}
            empty={empty}
            busy={snap.initialLoading}
          />
        )}
      </div>
    </>
  );
}
