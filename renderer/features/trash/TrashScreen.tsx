/**
 * The Trash: everything deleted, newest first, by kind. Select and Restore, or empty it (after
 * a confirmation; that cannot be undone).
 */
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import {
  Building2,
  Handshake,
  LifeBuoy,
  ListTodo,
  Package,
  Phone,
  ReceiptText,
  RotateCcw,
  StickyNote,
  Trash2,
  UserRound,
  X,
} from 'lucide-react';
import type { TrashItem } from '../../../shared/domain/people.ts';
import { messageOf } from '../../api/errors.ts';
import { useNow } from '../../lib/clock.tsx';
import { useCache } from '../../stores/query.hooks.tsx';
import { useUi, useUiStore, type Route } from '../../stores/ui.store.tsx';
import { Button } from '../../ui/Button.tsx';
import { DataGrid, type GridColumn, type GridSelection } from '../../ui/DataGrid.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { Segmented } from '../../ui/Segmented.tsx';
import { EmptyState, ErrorState } from '../../ui/States.tsx';
import { PageHeader } from '../shell/PageHeader.tsx';
import { plural, RelTime } from '../contacts/common.tsx';
import { useKeysetWindow } from '../contacts/useKeysetWindow.ts';
import '../contacts/contacts.css';

type Kind = TrashItem['kind'];
type KindFilter = Kind | 'all';

const KIND_LABELS: Record<Kind, { one: string; many: string; icon: typeof Phone }> = {
  person: { one: 'Person', many: 'People', icon: UserRound },
  company: { one: 'Company', many: 'Companies', icon: Building2 },
  call: { one: 'Call', many: 'Calls', icon: Phone },
  task: { one: 'Task', many: 'Tasks', icon: ListTodo },
  note: { one: 'Note', many: 'Notes', icon: StickyNote },
  order: { one: 'Order', many: 'Orders', icon: ReceiptText },
  product: { one: 'Product', many: 'Products', icon: Package },
  deal: { one: 'Deal', many: 'Deals', icon: Handshake },
  case: { one: 'Case', many: 'Cases', icon: LifeBuoy },
};

/** Where a restored item can be opened, if it has a page of its own. */
function pageOf(item: TrashItem): Route | null {
  switch (item.kind) {
    case 'person':
      return `people/${item.id}`;
    case 'company':
      return `companies/${item.id}`;
    case 'order':
      return `orders/${item.id}`;
    case 'deal':
      return `deals/${item.id}`;
    case 'case':
      return `cases/${item.id}`;
    default:
      return null;
  }
}

const keyOf = (item: TrashItem) => `${item.kind}:${item.id}`;

function ConfirmEmpty({
  kind,
  onClose,
  onConfirm,
}: {
  kind: KindFilter;
  onClose(): void;
  onConfirm(): Promise<void>;
}) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const what =
    kind === 'all' ? 'everything in the Trash' : `every ${KIND_LABELS[kind].one.toLowerCase()} in the Trash`;
  return (
    <Dialog
      labelledBy={`${id}-t`}
      describedBy={`${id}-d`}
      onClose={onClose}
      initialFocus={cancel}
      className="dialog--narrow"
    >
      <div className="dialog__header">
        <h2 className="dialog__title" id={`${id}-t`}>
          {kind === 'all' ? 'Empty the Trash?' : `Delete ${KIND_LABELS[kind].many.toLowerCase()} for good?`}
        </h2>
      </div>
      <div className="dialog__body">
        <p id={`${id}-d`} className="confirm__text">
          This deletes {what} for good. It cannot be undone, and their calls, tasks and notes go with them.
        </p>
        {error ? (
          <p role="alert" className="inline-error">
            {error}
          </p>
        ) : null}
      </div>
      <div className="dialog__footer">
        <button ref={cancel} type="button" className="btn" onClick={onClose}>
          Cancel
        </button>
        <Button
          variant="primary"
          className="btn--destructive"
          disabled={busy}
          onClick={() => {
            setBusy(true);
            onConfirm().catch((err: unknown) => {
              setBusy(false);
              setError(messageOf(err));
            });
          }}
        >
          {kind === 'all' ? 'Empty Trash' : 'Delete for good'}
        </Button>
      </div>
    </Dialog>
  );
}

export function TrashScreen() {
  const cache = useCache();
  const ui = useUiStore();
  const navigate = useUi((s) => s.navigate);
  const now = useNow(60_000);
  const [kind, setKind] = useState<KindFilter>('all');
  const [selected, setSelected] = useState<Map<string, TrashItem>>(new Map());
  const [anchor, setAnchor] = useState<number | null>(null);
  const [activeIndex, setActiveIndex] = useState(-1);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  const listKey = kind;
  const fetchPage = useCallback(
    (cursor: string | null, limit: number) =>
      cache.client.call('trash.list', { ...(listKey === 'all' ? {} : { kind: listKey }), cursor, limit }),
    [cache, listKey],
  );
  const { win, snap } = useKeysetWindow<TrashItem>(
    listKey,
    fetchPage,
    ['people', 'companies', 'calls', 'tasks', 'notes'],
    100,
  );
  const onRange = useCallback((a: number, b: number) => win.want(a, b), [win]);
  const rowCount = snap.knownRows;

  useEffect(() => {
    root.current?.querySelector<HTMLElement>('[role="grid"]')?.focus();
  }, []);

  const loaded = win.loadedRows();
  const allLoadedSelected = loaded.length > 0 && loaded.every(({ row }) => selected.has(keyOf(row)));
  const selection: GridSelection = {
    isSelected: (_i, key) => selected.has(key),
    toggle(index, key, range) {
      setSelected((s) => {
        const next = new Map(s);
        if (range && anchor !== null) {
          const [a, b] = anchor < index ? [anchor, index] : [index, anchor];
          for (const { index: i, row } of win.loadedRows()) if (i >= a && i <= b) next.set(keyOf(row), row);
          return next;
        }
        const row = win.rowAt(index);
        if (next.has(key)) next.delete(key);
        else if (row) next.set(key, row);
        return next;
      });
      if (!range) setAnchor(index);
    },
    header: allLoadedSelected ? 'all' : selected.size > 0 ? 'some' : 'none',
    toggleAll() {
      setSelected((s) =>
        s.size > 0 ? new Map() : new Map(win.loadedRows().map(({ row }) => [keyOf(row), row] as const)),
      );
    },
  };

  async function restore(items: TrashItem[]) {
    setBusy(true);
    try {
      const result = await cache.mutate('trash.restore', {
        items: items.map((i) => ({ kind: i.kind, id: i.id })),
      });
      setSelected(new Map());
      const only = items.length === 1 ? items[0]! : null;
      const route = only ? pageOf(only) : null;
      if (only && route) {
        ui.getState().toast(`Restored ${only.title}.`, 'info', {
          action: { label: 'Open', run: () => navigate(route) },
        });
      } else {
        ui.getState().toast(`Restored ${plural(result.count, 'item')}.`);
      }
    } catch (err) {
      ui.getState().toast(messageOf(err), 'error');
    } finally {
      setBusy(false);
    }
  }

  const columns: GridColumn<TrashItem>[] = [
    {
      id: 'title',
      label: 'Item',
      width: 'minmax(240px, 3fr)',
      render: (r) => {
        const Icon = KIND_LABELS[r.kind].icon;
        return (
          <>
            <span className={`trash-icon trash-icon--${r.kind}`} aria-hidden>
              <Icon size={ICON.inline} strokeWidth={STROKE} />
            </span>
            <span className="cell-strong">{r.title || 'Untitled'}</span>
          </>
        );
      },
    },
    { id: 'kind', label: 'Kind', width: '110px', render: (r) => <span>{KIND_LABELS[r.kind].one}</span> },
    {
      id: 'deletedBy',
      label: 'Deleted by',
      width: 'minmax(120px, 1fr)',
      render: (r) => (r.deletedBy ? <span>{r.deletedBy}</span> : <span className="muted">—</span>),
    },
    {
      id: 'deletedAt',
      label: 'Deleted',
      width: '130px',
      render: (r) => <RelTime at={r.deletedAt} now={now} />,
    },
    {
      id: 'restore',
      label: '',
      width: '96px',
      align: 'end',
      render: (r) => (
        <button
          type="button"
          className="row-action"
          aria-label={`Restore ${r.title}`}
          tabIndex={-1}
          onClick={(e) => {
            e.stopPropagation();
            void restore([r]);
          }}
        >
          <RotateCcw size={ICON.small} strokeWidth={2} aria-hidden />
          Restore
        </button>
      ),
    },
  ];

  const empty =
    snap.complete && snap.knownRows === 0 ? (
      <EmptyState icon={<Trash2 size={ICON.state} strokeWidth={STROKE} />} title="The Trash is empty">
        {kind === 'all'
          ? 'Deleted people, companies, calls, tasks and notes wait here until you restore them or empty the Trash.'
          : `No ${KIND_LABELS[kind].many.toLowerCase()} in the Trash.`}
      </EmptyState>
    ) : null;

  const items = [...selected.values()];
  return (
    <>
      <PageHeader title="Trash">
        <Button
          variant="ghost"
          className="btn--danger"
          icon={<Trash2 size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
          disabled={snap.complete && snap.knownRows === 0}
          onClick={() => setConfirming(true)}
        >
          {kind === 'all' ? 'Empty Trash' : `Empty ${KIND_LABELS[kind].many.toLowerCase()}`}
        </Button>
      </PageHeader>
      <div className="list-screen" ref={root}>
        {items.length > 0 ? (
          <div className="bulk-bar" role="toolbar" aria-label="Actions for the selected items">
            <span className="bulk-bar__count num">{items.length.toLocaleString()} selected</span>
            <span className="bulk-bar__sep" aria-hidden />
            <Button
              variant="ghost"
              icon={<RotateCcw size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
              disabled={busy}
              onClick={() => void restore(items)}
            >
              Restore
            </Button>
            <span className="filter-bar__spacer" />
            <Button
              variant="ghost"
              icon={<X size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
              onClick={() => setSelected(new Map())}
            >
              Clear selection
            </Button>
          </div>
        ) : (
          <div className="filter-bar" role="toolbar" aria-label="Show">
            <Segmented<KindFilter>
              label="Show"
              value={kind}
              options={[
                { value: 'all', label: 'Everything' },
                ...(Object.keys(KIND_LABELS) as Kind[]).map((k) => ({
                  value: k,
                  label: KIND_LABELS[k].many,
                })),
              ]}
              onChange={(k) => {
                setKind(k);
                setSelected(new Map());
                setActiveIndex(-1);
              }}
            />
          </div>
        )}
        {snap.error && loaded.length === 0 ? (
          <ErrorState
            title="The Trash could not be loaded"
            message={messageOf(snap.error)}
            onRetry={() => win.refresh()}
          />
        ) : (
          <DataGrid<TrashItem>
            label="Deleted items"
            columns={columns}
            rowCount={rowCount}
            rowAt={(i) => win.rowAt(i)}
            rowId={keyOf}
            rowLabel={(r) => `${KIND_LABELS[r.kind].one}: ${r.title}`}
            rowHeight={32}
            selection={selection}
            activeIndex={activeIndex}
            onActiveIndex={setActiveIndex}
            onOpen={(r, i) => selection.toggle(i, keyOf(r), false)}
            onRange={onRange}
            resetKey={listKey}
            empty={empty}
            busy={snap.initialLoading}
          />
        )}
      </div>
      {confirming ? (
        <ConfirmEmpty
          kind={kind}
          onClose={() => setConfirming(false)}
          onConfirm={async () => {
            const result = await cache.mutate('trash.empty', kind === 'all' ? {} : { kind });
            setConfirming(false);
            setSelected(new Map());
            ui.getState().toast(`Deleted ${plural(result.count, 'item')} for good.`);
          }}
        />
      ) : null}
    </>
  );
}
