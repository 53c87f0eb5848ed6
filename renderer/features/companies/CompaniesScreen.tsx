/**
 * Companies: a virtualised keyset table like Contacts, with a name filter and the tag filter. The
 * header shows how many match at once (companies.count); rows can be selected and acted on in
 * bulk (tag, industry, delete), each with Undo.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Building2, Plus } from 'lucide-react';
import type { CompanyRow } from '../../../shared/domain/people.ts';
import { messageOf } from '../../api/errors.ts';
import { useNow } from '../../lib/clock.tsx';
import { useFormat } from '../../lib/format.context.tsx';
import { stableStringify } from '../../lib/stable-json.ts';
import { useCache, useQuery } from '../../stores/query.hooks.tsx';
import { useUi, useUiStore } from '../../stores/ui.store.tsx';
import { Button } from '../../ui/Button.tsx';
import { DataGrid, type GridColumn, type GridSort } from '../../ui/DataGrid.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { ListSearchBox } from '../../ui/ListSearchBox.tsx';
import { EmptyState, ErrorState } from '../../ui/States.tsx';
import { PageHeader } from '../shell/PageHeader.tsx';
import { ExportListButton } from '../export/ExportListDialog.tsx';
import { useListSelection } from '../contacts/BulkBar.tsx';
import { RelTime, TagList } from '../contacts/common.tsx';
import { useKeysetWindow } from '../contacts/useKeysetWindow.ts';
import { readStored, sessionGet, sessionSet, sortKey, writeStored } from '../contacts/view-state.ts';
import { CompanyBulkBar } from './CompanyBulkBar.tsx';
import { NewCompanyDialog } from './NewCompanyDialog.tsx';

const isSort = (v: unknown): v is GridSort =>
  typeof v === 'object' &&
  v !== null &&
  ((v as GridSort).column === 'name' || (v as GridSort).column === 'created') &&
  ((v as GridSort).direction === 'asc' || (v as GridSort).direction === 'desc');

export function CompaniesScreen() {
  const cache = useCache();
  const ui = useUiStore();
  const navigate = useUi((s) => s.navigate);
  const fmt = useFormat();
  const now = useNow(60_000);
  const tags = useQuery('tags.list', {}).data ?? [];
  const [sort, setSort] = useState<GridSort>(() =>
    readStored(sortKey('companies'), isSort, { column: 'name', direction: 'asc' }),
  );
  const [text, setText] = useState(() => sessionGet<string>(ui, 'companies.query') ?? '');
  const [query, setQuery] = useState(text);
  const [tag, setTag] = useState(() => sessionGet<string>(ui, 'companies.tag') ?? '');
  const [activeIndex, setActiveIndex] = useState(() => sessionGet<number>(ui, 'companies.active') ?? -1);
  const [creating, setCreating] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const t = setTimeout(() => {
      setQuery(text.trim());
      sessionSet(ui, 'companies.query', text);
    }, 200);
    return () => clearTimeout(t);
  }, [text, ui]);

  useEffect(() => {
    root.current?.querySelector<HTMLElement>('[role="grid"]')?.focus();
  }, []);

  const filter = useMemo(() => ({ ...(query ? { query } : {}), ...(tag ? { tag } : {}) }), [query, tag]);
  const listInput = useMemo(
    () => ({ sort: sort.column as 'name' | 'created', direction: sort.direction, filter }),
    [sort, filter],
  );
  const listKey = stableStringify(listInput);
  const fetchPage = useCallback(
    (cursor: string | null, limit: number) =>
      cache.client.call('companies.list', { ...(JSON.parse(listKey) as typeof listInput), cursor, limit }),
    [cache, listKey],
  );
  const { win, snap } = useKeysetWindow<CompanyRow>(listKey, fetchPage, ['companies', 'people', 'tags'], 100);
  const onRange = useCallback((a: number, b: number) => win.want(a, b), [win]);
  // companies.count answers at once, so the header and the scroll bar span every company before
  // the list has been read that far; once it has been read to its end, its length is exact.
  const counted = useQuery('companies.count', { filter }).data?.count;
  const total = snap.complete ? snap.knownRows : (counted ?? null);
  const rowCount = total ?? snap.knownRows;
  const selection = useListSelection(() => win.loadedRows(), stableStringify(filter));
  const selectedCount = selection.all ? (total ?? 0) : selection.ids.size;

  function onSort(column: string) {
    const next: GridSort =
      sort.column === column
        ? { column, direction: sort.direction === 'asc' ? 'desc' : 'asc' }
        : { column, direction: column === 'name' ? 'asc' : 'desc' };
    setSort(next);
    writeStored(sortKey('companies'), next);
  }

  // Stable between renders, so the grid's rows stay memoised while it scrolls.
  const columns = useMemo<GridColumn<CompanyRow>[]>(
    () => [
      {
        id: 'name',
        label: 'Name',
        width: 'minmax(220px, 2fr)',
        sortable: true,
        render: (r) => (
          <>
            <span className="company-mark" aria-hidden>
              {r.name.trim()[0]?.toUpperCase() ?? '·'}
            </span>
            <span className="cell-strong">{r.name}</span>
          </>
        ),
      },
      {
        id: 'domain',
        label: 'Website',
        width: 'minmax(140px, 1.2fr)',
        render: (r) => (r.domain ? <span>{r.domain}</span> : <span className="muted">—</span>),
      },
      {
        id: 'industry',
        label: 'Industry',
        width: 'minmax(120px, 1fr)',
        render: (r) => (r.industry ? <span>{r.industry}</span> : <span className="muted">—</span>),
      },
      {
        id: 'city',
        label: 'City',
        width: 'minmax(100px, 0.9fr)',
        render: (r) => (r.city ? <span>{r.city}</span> : <span className="muted">—</span>),
      },
      {
        id: 'people',
        label: 'People',
        width: '80px',
        align: 'end',
        render: (r) => <span className="num">{fmt.number(r.peopleCount)}</span>,
      },
      {
        id: 'tags',
        label: 'Tags',
        width: 'minmax(120px, 1fr)',
        render: (r) => <TagList tags={r.tags} max={2} />,
      },
      {
        id: 'created',
        label: 'Added',
        width: '112px',
        sortable: true,
        render: (r) => <RelTime at={r.createdAt} now={now} />,
      },
    ],
    [fmt, now],
  );

  const filtered = Boolean(query || tag);
  const empty =
    snap.complete && snap.knownRows === 0 ? (
      filtered ? (
        <EmptyState
          icon={<Building2 size={ICON.state} strokeWidth={STROKE} />}
          title="No company matches"
          action={
            <Button
              onClick={() => {
                setText('');
                setTag('');
                sessionSet(ui, 'companies.tag', '');
              }}
            >
              Clear the search
            </Button>
          }
        >
          Check the spelling, or search for part of the name.
        </EmptyState>
      ) : (
        <EmptyState
          icon={<Building2 size={ICON.state} strokeWidth={STROKE} />}
          title="No companies yet"
          action={
            <Button
              variant="primary"
              icon={<Plus size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
              onClick={() => setCreating(true)}
            >
              New company
            </Button>
          }
        >
          The businesses your contacts work for. Add one, then link people to it.
        </EmptyState>
      )
    ) : null;

  return (
    <>
      <PageHeader title="Companies">
        <span className="page-header__count num" aria-live="polite">
          {total === null ? '' : `${fmt.number(total)} ${total === 1 ? 'company' : 'companies'}`}
        </span>
        <ExportListButton list="companies" input={listInput} count={total} />
        <Button
          variant="primary"
          icon={<Plus size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
          onClick={() => setCreating(true)}
        >
          New company
        </Button>
      </PageHeader>
      <div className="list-screen" ref={root}>
        {selectedCount > 0 ? (
          <CompanyBulkBar
            count={selectedCount}
            target={selection.target(filter)}
            onDone={selection.clear}
            onClear={selection.clear}
          />
        ) : (
          <div className="filter-bar" role="toolbar" aria-label="Filters">
            <ListSearchBox
              label="Find a company"
              placeholder="Find a company"
              value={text}
              onChange={setText}
              listRoot={root}
            />
            <div className="pill" role="group" aria-label="Tag filter">
              <select
                className="pill__select"
                aria-label="Tag"
                value={tag}
                onChange={(e) => {
                  setTag(e.target.value);
                  sessionSet(ui, 'companies.tag', e.target.value);
                }}
              >
                <option value="">Any tag</option>
                {tags
                  .filter((t) => t.companies > 0 || t.name === tag)
                  .map((t) => (
                    <option key={t.id} value={t.name}>
                      {t.name}
                    </option>
                  ))}
              </select>
            </div>
          </div>
        )}
        {snap.error && win.loadedRows().length === 0 ? (
          <ErrorState
            title="The companies could not be loaded"
            message={messageOf(snap.error)}
            onRetry={() => win.refresh()}
          />
        ) : (
          <DataGrid<CompanyRow>
            label="Companies"
            columns={columns}
            rowCount={rowCount}
            totalRows={total ?? undefined}
            rowAt={(i) => win.rowAt(i)}
            rowId={(r) => r.id}
            rowLabel={(r) => r.name}
            rowHeight={32}
            sort={sort}
            onSort={onSort}
            selection={selection.grid}
            activeIndex={activeIndex}
            onActiveIndex={(i) => {
              setActiveIndex(i);
              sessionSet(ui, 'companies.active', i);
            }}
            onOpen={(r) => navigate(`companies/${r.id}`)}
            onRange={onRange}
            resetKey={listKey}
            initialOffset={sessionGet<number>(ui, 'companies.scroll') ?? 0}
            onScrollOffset={(o) => sessionSet(ui, 'companies.scroll', o)}
            empty={empty}
            busy={snap.initialLoading}
          />
        )}
      </div>
      {creating ? <NewCompanyDialog onClose={() => setCreating(false)} /> : null}
    </>
  );
}
