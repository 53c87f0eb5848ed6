/** The Pipeline: the board of open deals (filtered by owner), and the won and lost deals as lists. */
import { useMemo, useState } from 'react';
import { Handshake, Plus } from 'lucide-react';
import type { DealRow, DealState } from '../../../shared/domain/pipeline.ts';
import { useNow } from '../../lib/clock.tsx';
import { useFormat } from '../../lib/format.context.tsx';
import { useQuery } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { Button } from '../../ui/Button.tsx';
import { DataGrid, type GridColumn } from '../../ui/DataGrid.tsx';
import { Select } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { Kbd } from '../../ui/Kbd.tsx';
import { Segmented } from '../../ui/Segmented.tsx';
import { DelayedSpinner, EmptyState, ErrorState } from '../../ui/States.tsx';
import { useStaff } from '../contacts/common.tsx';
import { PageHeader } from '../shell/PageHeader.tsx';
import { ExportListButton } from '../export/ExportListDialog.tsx';
import { Board } from './Board.tsx';
import { customerText, useSalesDialogs } from './pipeline-words.ts';
import './pipeline.css';

type View = 'open' | 'won' | 'lost';

function ClosedDeals({ state, ownerId }: { state: 'won' | 'lost'; ownerId: string | undefined }) {
  const ui = useUiStore();
  const fmt = useFormat();
  const now = useNow(60_000);
  const [active, setActive] = useState(-1);
  const list = useQuery('deals.list', { filter: { state, ...(ownerId ? { ownerId } : {}) }, limit: 500 });
  const rows = list.data?.rows ?? [];
  const columns = useMemo<GridColumn<DealRow>[]>(
    () => [
      {
        id: 'title',
        label: 'Deal',
        width: 'minmax(200px, 2fr)',
        render: (d) => <span className="cell-strong">{d.title}</span>,
      },
      { id: 'customer', label: 'Customer', width: 'minmax(160px, 1.5fr)', render: (d) => customerText(d) },
      {
        id: 'value',
        label: 'Value',
        width: '120px',
        align: 'end',
        render: (d) => <span className="num">{fmt.moneyIn(d.value, d.currency)}</span>,
      },
      {
        id: 'closed',
        label: state === 'won' ? 'Won' : 'Lost',
        width: '130px',
        render: (d) => (d.closedOn ? <span className="num">{fmt.day(d.closedOn, now)}</span> : '—'),
      },
      state === 'won'
        ? {
            id: 'order',
            label: 'Order',
            width: '110px',
            render: (d) =>
              d.orderId ? (
                <span className="badge badge--success">Ordered</span>
              ) : (
                <span className="muted">Not yet</span>
              ),
          }
        : {
            id: 'reason',
            label: 'Why lost',
            width: 'minmax(180px, 2fr)',
            render: (d) => (
              <span className="muted" title={d.lostReason ?? undefined}>
                {d.lostReason}
              </span>
            ),
          },
      {
        id: 'owner',
        label: 'Owner',
        width: 'minmax(110px, 1fr)',
        render: (d) => <span className="muted">{d.ownerName ?? '—'}</span>,
      },
    ],
    [fmt, now, state],
  );
  if (list.status === 'error') {
    return (
      <ErrorState
        title="The deals could not be loaded"
        message={list.error?.message ?? ''}
        onRetry={() => void list.refetch()}
      />
    );
  }
  if (!list.data)
    return (
      <div className="pipeline__state">
        <DelayedSpinner label="Loading deals…" />
      </div>
    );
  if (rows.length === 0) {
    return (
      <EmptyState
        icon={<Handshake size={ICON.state} strokeWidth={STROKE} />}
        title={state === 'won' ? 'No won deals yet' : 'No lost deals'}
      >
        {state === 'won'
          ? 'Deals you mark as won on the board are listed here, ready to become orders.'
          : 'Deals you mark as lost are listed here with the reason, so you can learn from them.'}
      </EmptyState>
    );
  }
  return (
    <DataGrid<DealRow>
      label={state === 'won' ? 'Won deals' : 'Lost deals'}
      columns={columns}
      rowCount={rows.length}
      rowAt={(i) => rows[i]}
      rowId={(d) => d.id}
      rowLabel={(d) => `${d.title}, ${customerText(d)}, ${fmt.moneyIn(d.value, d.currency)}`}
      activeIndex={Math.min(active, rows.length - 1)}
      onActiveIndex={setActive}
      onOpen={(d) => ui.getState().navigate(`deals/${d.id}`)}
      onRange={() => {}}
    />
  );
}

export function PipelineScreen() {
  const staff = useStaff();
  const [view, setView] = useState<View>('open');
  const [owner, setOwner] = useState('');
  const ownerId = owner || undefined;
  const board = useQuery('deals.board', ownerId ? { ownerId, limit: 50 } : { limit: 50 });
  const openDeals = board.data?.columns.reduce((n, c) => n + c.count, 0);
  const newDeal = () => useSalesDialogs.getState().openDeal(null);

  let body;
  if (view !== 'open') body = <ClosedDeals state={view as Exclude<DealState, 'open'>} ownerId={ownerId} />;
  else if (board.status === 'error')
    body = (
      <ErrorState
        title="The pipeline could not be loaded"
        message={board.error?.message ?? 'Try again in a moment.'}
        onRetry={() => void board.refetch()}
      />
    );
  else if (!board.data)
    body = (
      <div className="pipeline__state">
        <DelayedSpinner label="Loading the pipeline…" />
      </div>
    );
  else if (openDeals === 0 && !ownerId)
    body = (
      <EmptyState
        icon={<Handshake size={ICON.state} strokeWidth={STROKE} />}
        title="No deals yet"
        action={
          <Button
            variant="primary"
            onClick={newDeal}
            icon={<Plus size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
          >
            New deal
          </Button>
        }
      >
        The pipeline shows what you are negotiating, stage by stage, with what each stage is worth. Add your
        first deal to start it.
      </EmptyState>
    );
  else body = <Board board={board.data} ownerId={ownerId} />;

  return (
    <>
      <PageHeader title="Pipeline">
        {openDeals !== undefined ? (
          <span className="page-header__count num">
            {openDeals} open {openDeals === 1 ? 'deal' : 'deals'}
          </span>
        ) : null}
        <ExportListButton
          list="deals"
          input={{ filter: { state: view, ...(ownerId ? { ownerId } : {}) } }}
          count={view === 'open' ? openDeals : undefined}
        />
        <Button
          variant="primary"
          onClick={newDeal}
          icon={<Plus size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
        >
          New deal
        </Button>
      </PageHeader>
      <div className="pipeline">
        <div className="pipeline__toolbar" role="group" aria-label="Filters">
          <Segmented<View>
            label="Deals to show"
            value={view}
            onChange={setView}
            options={[
              { value: 'open', label: 'Open' },
              { value: 'won', label: 'Won' },
              { value: 'lost', label: 'Lost' },
            ]}
          />
          <Select aria-label="Owner" value={owner} onChange={(e) => setOwner(e.target.value)}>
            <option value="">Everyone’s deals</option>
            {staff.list.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}’s deals
              </option>
            ))}
          </Select>
          {view === 'open' && openDeals ? (
            <span className="pipeline__hint" aria-hidden>
              <Kbd keys={['←', '→']} /> go between cards · <Kbd keys={['Alt', '→']} /> next stage ·{' '}
              <Kbd keys={['Alt', '↑']} /> up the column · drag with the mouse
            </span>
          ) : null}
        </div>
        {body}
      </div>
    </>
  );
}
