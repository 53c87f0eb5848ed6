/**
 * The contacts list beside a person's page on wide windows (master–detail, like Mail): the same
 * list, sort and filters as the Contacts screen, sharing its loaded pages; ↑/↓ move from person
 * to person, and the list keeps the focus while the page beside it changes.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { PeopleFilterInput } from '../../../shared/api/requests/contacts.requests.ts';
import type { PersonRow } from '../../../shared/domain/people.ts';
import { useFormat } from '../../lib/format.context.tsx';
import { useUi, useUiStore } from '../../stores/ui.store.tsx';
import { Avatar } from '../../ui/Avatar.tsx';
import { DataGrid, type GridColumn } from '../../ui/DataGrid.tsx';
import { useEndOfToday } from './common.tsx';
import { contactsListInput, isContactsSort, useContactsList } from './ContactsScreen.tsx';
import { readStored, sessionGet, sessionSet, sortKey } from './view-state.ts';

const WIDE = '(min-width: 1340px)';

/** Whether the window is wide enough for the list beside the page. */
export function useWideWindow(): boolean {
  const [wide, setWide] = useState(
    () => typeof window !== 'undefined' && window.matchMedia?.(WIDE).matches === true,
  );
  useEffect(() => {
    const mq = window.matchMedia?.(WIDE);
    if (!mq) return;
    const on = () => setWide(mq.matches);
    mq.addEventListener('change', on);
    return () => mq.removeEventListener('change', on);
  }, []);
  return wide;
}

const COLUMNS: GridColumn<PersonRow>[] = [
  {
    id: 'name',
    label: 'Name',
    width: 'minmax(0, 1fr)',
    render: (r) => (
      <>
        <Avatar name={r.displayName} size="sm" />
        <span className="pane-row">
          <span className="pane-row__name">{r.displayName}</span>
          <span className="pane-row__sub">{r.companyName ?? r.email ?? r.phone ?? '\u00a0'}</span>
        </span>
      </>
    ),
  },
];

function ContactsPane({ personId }: { personId: string }) {
  const ui = useUiStore();
  const navigate = useUi((s) => s.navigate);
  const fmt = useFormat();
  const endOfToday = useEndOfToday();
  const [sort] = useState(() =>
    readStored(sortKey('contacts'), isContactsSort, { column: 'name', direction: 'asc' as const }),
  );
  const [filter] = useState(() => sessionGet<PeopleFilterInput>(ui, 'contacts.filter') ?? {});
  const listInput = useMemo(() => contactsListInput(sort, filter, endOfToday), [sort, filter, endOfToday]);
  const { win, count, rowCount } = useContactsList(listInput, ui);
  const onRange = useCallback((a: number, b: number) => win.want(a, b), [win]);
  const activeIndex = win.loadedRows().find((r) => r.row.id === personId)?.index ?? -1;
  const root = useRef<HTMLElement>(null);

  // The page beside was opened from this list: the list keeps the focus, so ↑/↓ go on working.
  useEffect(() => {
    if (sessionGet<boolean>(ui, 'pane.opened')) {
      sessionSet(ui, 'pane.opened', false);
      root.current?.querySelector<HTMLElement>('[role="grid"]')?.focus();
    }
  }, [ui]);

  function open(id: string) {
    if (id === personId) return;
    sessionSet(ui, 'pane.opened', true);
    navigate(`people/${id}`);
  }

  return (
    <aside className="pane" ref={root} aria-label="Contacts list">
      <div className="pane__head">
        <button type="button" className="pane__title" onClick={() => navigate('contacts')}>
          Contacts
        </button>
        <span className="pane__count num">{count === undefined ? '' : fmt.number(count)}</span>
      </div>
      <DataGrid<PersonRow>
        label="Contacts list"
        header={false}
        columns={COLUMNS}
        rowCount={rowCount}
        totalRows={count}
        rowAt={(i) => win.rowAt(i)}
        rowId={(r) => r.id}
        rowLabel={(r) => r.displayName}
        rowHeight={46}
        activeIndex={activeIndex}
        onActiveIndex={(i) => {
          const row = win.rowAt(i);
          if (row) open(row.id);
        }}
        onOpen={(row) => open(row.id)}
        onRange={onRange}
        initialOffset={
          sessionGet<number>(ui, 'pane.scroll') ??
          Math.max(0, (sessionGet<number>(ui, 'contacts.active') ?? 0) * 46 - 200)
        }
        onScrollOffset={(o) => sessionSet(ui, 'pane.scroll', o)}
      />
    </aside>
  );
}

/** A person's page, with the contacts list beside it when the window is wide enough. */
export function WithContactsPane({ personId, children }: { personId: string; children: ReactNode }) {
  const wide = useWideWindow();
  if (!wide) return <>{children}</>;
  return (
    <div className="split">
      <ContactsPane personId={personId} />
      <div className="split__detail">{children}</div>
    </div>
  );
}
