/**
 * Contacts: every person in the book as a dense, virtualised table that stays smooth at a
 * million rows. Pages come from people.list with keyset cursors as the user scrolls (only a
 * window of pages is kept). people.anchors gives the total and a cursor every few hundred rows,
 * so the scroll bar spans everyone and any row (the last one too) is one request away. Sort by
 * the headers, filter with the pills, choose columns (remembered), select rows and act on them
 * in bulk, each with Undo.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Columns3, UserPlus, Users } from 'lucide-react';
import type { PeopleFilterInput } from '../../../shared/api/requests/contacts.requests.ts';
import type { PersonRow } from '../../../shared/domain/people.ts';
import { useNow } from '../../lib/clock.tsx';
import { useFormat } from '../../lib/format.context.tsx';
import { stableStringify } from '../../lib/stable-json.ts';
import { useCache, useQuery } from '../../stores/query.hooks.tsx';
import { useUi, useUiStore, type UiState } from '../../stores/ui.store.tsx';
import type { StoreApi } from 'zustand';
import { Avatar } from '../../ui/Avatar.tsx';
import { Button } from '../../ui/Button.tsx';
import { DataGrid, type GridColumn, type GridSelection, type GridSort } from '../../ui/DataGrid.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { Menu, type MenuEntry } from '../../ui/Menu.tsx';
import { EmptyState, ErrorState } from '../../ui/States.tsx';
import { Kbd } from '../../ui/Kbd.tsx';
import { messageOf } from '../../api/errors.ts';
import { PageHeader } from '../shell/PageHeader.tsx';
import { ExportListButton } from '../export/ExportListDialog.tsx';
import { BulkBar, type BulkTarget } from './BulkBar.tsx';
import { DueTime, RelTime, StageBadge, TagList, useEndOfToday, useStaff } from './common.tsx';
import { FilterBar } from './FilterBar.tsx';
import { useKeysetWindow } from './useKeysetWindow.ts';
import { columnsKey, readStored, sessionGet, sessionSet, sortKey, writeStored } from './view-state.ts';

type SortName = 'name' | 'lastContact' | 'nextCall' | 'created';
const SORTABLE: Record<string, SortName> = {
  name: 'name',
  lastContact: 'lastContact',
  nextCall: 'nextCall',
  created: 'created',
};
const FIRST_DIRECTION: Record<SortName, 'asc' | 'desc'> = {
  name: 'asc',
  lastContact: 'desc',
  nextCall: 'asc',
  created: 'desc',
};

const ALL_COLUMNS = [
  'name',
  'company',
  'phone',
  'email',
  'stage',
  'owner',
  'city',
  'tags',
  'lastContact',
  'nextCall',
  'created',
] as const;
type ColumnId = (typeof ALL_COLUMNS)[number];
const DEFAULT_COLUMNS: ColumnId[] = [
  'name',
  'company',
  'phone',
  'email',
  'stage',
  'tags',
  'lastContact',
  'nextCall',
];
const COLUMN_LABELS: Record<ColumnId, string> = {
  name: 'Name',
  company: 'Company',
  phone: 'Phone',
  email: 'Email',
  stage: 'Stage',
  owner: 'Owner',
  city: 'City',
  tags: 'Tags',
  lastContact: 'Last contacted',
  nextCall: 'Next call',
  created: 'Added',
};

export const isContactsSort = (v: unknown): v is GridSort =>
  typeof v === 'object' &&
  v !== null &&
  (v as GridSort).column in SORTABLE &&
  ((v as GridSort).direction === 'asc' || (v as GridSort).direction === 'desc');

/**
 * Rows per page, and rows between anchors (a page is read from the anchor before it in one
 * request, so anchorEvery stays within people.list's limit of 500). Tests make them smaller.
 */
export const CONTACTS_PAGING = { pageSize: 100, anchorEvery: 500 };

/**
 * The contacts list's pages, anchors and length, shared by the Contacts screen and the list beside
 * a person's page (they keep the same window). The length is the anchors' total (people.count's
 * until they come), so the scroll bar spans the whole list.
 */
export function useContactsList(listInput: ReturnType<typeof contactsListInput>, ui: StoreApi<UiState>) {
  const cache = useCache();
  const listKey = stableStringify(listInput);
  const fetchPage = useCallback(
    (cursor: string | null, limit: number) =>
      cache.client.call('people.list', { ...(JSON.parse(listKey) as typeof listInput), cursor, limit }),
    [cache, listKey],
  );
  const { pageSize, anchorEvery } = CONTACTS_PAGING;
  const found = useQuery('people.anchors', { ...listInput, every: anchorEvery }).data;
  const anchors = useMemo(
    () => (found ? { every: anchorEvery, anchors: found.anchors, total: found.total } : null),
    [found, anchorEvery],
  );
  const { win, snap } = useKeysetWindow<PersonRow>(
    listKey,
    fetchPage,
    ['people', 'companies', 'tags'],
    pageSize,
    { ui, name: 'contacts.window' },
    anchors,
  );
  const count = useQuery('people.count', { filter: listInput.filter, now: listInput.now }).data?.count;
  const total = found?.total ?? count;
  // Exact once the end has been read; else everyone there is, or (before the total comes) what
  // has been read plus a page to scroll into.
  const rowCount = snap.complete ? snap.knownRows : (total ?? snap.knownRows);
  return { listKey, win, snap, count, rowCount };
}

/** What the contacts list asks people.list for; the list beside a person's page asks the same. */
export function contactsListInput(sort: GridSort, filter: PeopleFilterInput, endOfToday: number) {
  return {
    sort: SORTABLE[sort.column] ?? ('name' as const),
    direction: sort.direction,
    filter,
    now: endOfToday,
  };
}

const isColumns = (v: unknown): v is ColumnId[] =>
  Array.isArray(v) && v.includes('name') && v.every((c) => (ALL_COLUMNS as readonly string[]).includes(c));

/**
 * 32 px rows: a million of them stay under the tallest box Chromium will lay out (about 33.5
 * million pixels), so the scroll bar can reach the last person.
 */
export const ROW_HEIGHT = 32;

interface Selection {
  all: boolean;
  ids: Set<string>;
  anchor: number | null;
}
const NO_SELECTION: Selection = { all: false, ids: new Set(), anchor: null };

export function ContactsScreen() {
  const ui = useUiStore();
  const navigate = useUi((s) => s.navigate);
  const fmt = useFormat();
  const now = useNow(60_000);
  const endOfToday = useEndOfToday();
  const staff = useStaff();
  const fields = (useQuery('customFields.list', {}).data ?? []).filter((f) => f.entity === 'person');

  const [columns, setColumns] = useState<ColumnId[]>(() =>
    readStored(columnsKey('contacts'), isColumns, DEFAULT_COLUMNS),
  );
  const [sort, setSort] = useState<GridSort>(() =>
    readStored(sortKey('contacts'), isContactsSort, { column: 'name', direction: 'asc' }),
  );
  const [filter, setFilterState] = useState<PeopleFilterInput>(
    () => sessionGet<PeopleFilterInput>(ui, 'contacts.filter') ?? {},
  );
  const [activeIndex, setActiveIndex] = useState(() => sessionGet<number>(ui, 'contacts.active') ?? -1);
  const [selection, setSelection] = useState<Selection>(NO_SELECTION);
  const openNewPerson = useUi((s) => s.openNewPerson);
  const gridRef = useRef<HTMLDivElement>(null);

  function setFilter(next: PeopleFilterInput) {
    setFilterState(next);
    sessionSet(ui, 'contacts.filter', next);
    sessionSet(ui, 'contacts.scroll', 0);
    setSelection(NO_SELECTION);
    setActiveIndex(-1);
  }

  const listInput = useMemo(() => contactsListInput(sort, filter, endOfToday), [sort, filter, endOfToday]);
  const { listKey, win, snap, count: total, rowCount } = useContactsList(listInput, ui);
  const filtered = Object.keys(filter).length > 0;

  useEffect(() => {
    gridRef.current?.querySelector<HTMLElement>('[role="grid"]')?.focus();
  }, []);

  const onRange = useCallback((a: number, b: number) => win.want(a, b), [win]);

  function onSort(column: string) {
    const name = SORTABLE[column];
    if (!name) return;
    const next: GridSort =
      sort.column === column
        ? { column, direction: sort.direction === 'asc' ? 'desc' : 'asc' }
        : { column, direction: FIRST_DIRECTION[name] };
    setSort(next);
    writeStored(sortKey('contacts'), next);
    sessionSet(ui, 'contacts.scroll', 0);
    setActiveIndex(-1);
  }

  function toggleColumn(id: ColumnId) {
    const next = columns.includes(id)
      ? columns.filter((c) => c !== id)
      : ALL_COLUMNS.filter((c) => c === id || columns.includes(c));
    setColumns(next);
    writeStored(columnsKey('contacts'), next);
  }

  const gridSelection: GridSelection = {
    isSelected: (_i, id) => selection.all || selection.ids.has(id),
    toggle(index, id, range) {
      setSelection((s) => {
        const ids = s.all ? new Set(win.loadedRows().map((r) => r.row.id)) : new Set(s.ids);
        if (range && s.anchor !== null) {
          const [a, b] = s.anchor < index ? [s.anchor, index] : [index, s.anchor];
          for (const { index: i, row } of win.loadedRows()) if (i >= a && i <= b) ids.add(row.id);
          return { all: false, ids, anchor: s.anchor };
        }
        if (ids.has(id)) ids.delete(id);
        else ids.add(id);
        return { all: false, ids, anchor: index };
      });
    },
    header: selection.all ? 'all' : selection.ids.size > 0 ? 'some' : 'none',
    toggleAll() {
      setSelection((s) =>
        s.all || s.ids.size > 0 ? NO_SELECTION : { all: true, ids: new Set(), anchor: null },
      );
    },
  };
  const selectedCount = selection.all ? (total ?? 0) : selection.ids.size;
  const target: BulkTarget = selection.all ? { filter } : { ids: [...selection.ids] };

  const open = (row: PersonRow, index: number) => {
    sessionSet(ui, 'contacts.active', index);
    sessionSet(ui, 'pane.scroll', undefined);
    navigate(`people/${row.id}`);
  };

  // Stable between renders (until the minute or the staff change), so the grid's rows stay memoised.
  const allColumns = useMemo<Record<ColumnId, GridColumn<PersonRow>>>(
    () => ({
      name: {
        id: 'name',
        label: 'Name',
        width: 'minmax(200px, 1.6fr)',
        sortable: true,
        render: (r) => (
          <>
            <Avatar name={r.displayName} size="sm" />
            <span className="cell-strong">{r.displayName}</span>
          </>
        ),
      },
      company: {
        id: 'company',
        label: 'Company',
        width: 'minmax(130px, 1.2fr)',
        render: (r) => (r.companyName ? <span>{r.companyName}</span> : <span className="muted">—</span>),
      },
      phone: {
        id: 'phone',
        label: 'Phone',
        width: 'minmax(120px, 1fr)',
        render: (r) => (r.phone ? <span className="num">{r.phone}</span> : <span className="muted">—</span>),
      },
      email: {
        id: 'email',
        label: 'Email',
        width: 'minmax(150px, 1.3fr)',
        render: (r) => (r.email ? <span>{r.email}</span> : <span className="muted">—</span>),
      },
      stage: { id: 'stage', label: 'Stage', width: '124px', render: (r) => <StageBadge stage={r.stage} /> },
      owner: {
        id: 'owner',
        label: 'Owner',
        width: 'minmax(110px, 0.8fr)',
        render: (r) => {
          const name = staff.nameOf(r.ownerId);
          return name ? <span>{name}</span> : <span className="muted">—</span>;
        },
      },
      city: {
        id: 'city',
        label: 'City',
        width: 'minmax(100px, 0.8fr)',
        render: (r) => (r.city ? <span>{r.city}</span> : <span className="muted">—</span>),
      },
      tags: {
        id: 'tags',
        label: 'Tags',
        width: 'minmax(100px, 1fr)',
        render: (r) => <TagList tags={r.tags} max={2} />,
      },
      lastContact: {
        id: 'lastContact',
        label: 'Last contacted',
        width: '116px',
        sortable: true,
        render: (r) => <RelTime at={r.lastContactAt} now={now} empty="Never" />,
      },
      nextCall: {
        id: 'nextCall',
        label: 'Next call',
        width: '110px',
        sortable: true,
        render: (r) => <DueTime at={r.nextCallAt} now={now} />,
      },
      created: {
        id: 'created',
        label: 'Added',
        width: '112px',
        sortable: true,
        render: (r) => <RelTime at={r.createdAt} now={now} />,
      },
    }),
    [staff, now],
  );
  const gridColumns = useMemo(() => columns.map((c) => allColumns[c]), [columns, allColumns]);

  const columnEntries: MenuEntry[] = [
    { kind: 'heading', id: 'h', label: 'Show columns' },
    ...ALL_COLUMNS.filter((c) => c !== 'name').map((c) => ({
      id: c,
      label: COLUMN_LABELS[c],
      checked: columns.includes(c),
      onSelect: () => toggleColumn(c),
    })),
  ];

  const empty =
    snap.error && !snap.initialLoading ? null : snap.complete && snap.knownRows === 0 ? (
      filtered ? (
        <EmptyState
          icon={<Users size={ICON.state} strokeWidth={STROKE} />}
          title="No one matches these filters"
          action={<Button onClick={() => setFilter({})}>Clear filters</Button>}
        >
          Try fewer filters, or a different value.
        </EmptyState>
      ) : (
        <EmptyState
          icon={<Users size={ICON.state} strokeWidth={STROKE} />}
          title="No people yet"
          action={
            <Button
              variant="primary"
              onClick={openNewPerson}
              icon={<UserPlus size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
            >
              New person
            </Button>
          }
        >
          Everyone you call, email or sell to lives here. Add the first person with{' '}
          <Kbd keys={['Mod', 'N']} />.
        </EmptyState>
      )
    ) : null;

  return (
    <>
      <PageHeader title="Contacts">
        <span className="page-header__count num" aria-live="polite">
          {total === undefined ? '' : `${fmt.number(total)} ${total === 1 ? 'person' : 'people'}`}
        </span>
        <ExportListButton list="people" input={listInput} count={total} shownColumns={columns} />
        <Button
          variant="primary"
          onClick={openNewPerson}
          icon={<UserPlus size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
        >
          New person
        </Button>
      </PageHeader>
      <div className="list-screen" ref={gridRef}>
        {selectedCount > 0 ? (
          <BulkBar
            count={selectedCount}
            target={target}
            now={endOfToday}
            staff={staff.active}
            onDone={() => setSelection(NO_SELECTION)}
            onClear={() => setSelection(NO_SELECTION)}
          />
        ) : (
          <FilterBar
            filter={filter}
            onChange={setFilter}
            staff={staff.active}
            fields={fields}
            trailing={
              <Menu
                label="Columns"
                entries={columnEntries}
                trigger={(props) => (
                  <button type="button" className="filter-bar__add" aria-label="Choose columns" {...props}>
                    <Columns3 size={ICON.inline} strokeWidth={STROKE} aria-hidden />
                    Columns
                  </button>
                )}
              />
            }
          />
        )}
        {snap.error && win.loadedRows().length === 0 ? (
          <ErrorState
            title="The contacts could not be loaded"
            message={messageOf(snap.error)}
            onRetry={() => win.refresh()}
          />
        ) : (
          <DataGrid<PersonRow>
            label="People"
            columns={gridColumns}
            rowCount={rowCount}
            totalRows={total}
            rowAt={(i) => win.rowAt(i)}
            rowId={(r) => r.id}
            rowLabel={(r) => r.displayName}
            rowHeight={ROW_HEIGHT}
            sort={sort}
            onSort={onSort}
            selection={gridSelection}
            activeIndex={activeIndex}
            onActiveIndex={(i) => {
              setActiveIndex(i);
              sessionSet(ui, 'contacts.active', i);
            }}
            onOpen={open}
            onRange={onRange}
            resetKey={listKey}
            initialOffset={sessionGet<number>(ui, 'contacts.scroll') ?? 0}
            onScrollOffset={(o) => sessionSet(ui, 'contacts.scroll', o)}
            empty={empty}
            busy={snap.initialLoading}
          />
        )}
      </div>
    </>
  );
}
