/**
 * Leads: the people and companies at stage "lead", with where they came from, who looks after
 * them and when they were added. "Convert" (or C on the highlighted row) makes one a customer.
 */
import { useMemo, useState, type KeyboardEvent } from 'react';
import { ArrowRightLeft, Building2, Search, Sprout, UserRound, X } from 'lucide-react';
import type { Lead } from '../../../shared/domain/pipeline.ts';
import { stableStringify } from '../../lib/stable-json.ts';
import { useNow } from '../../lib/clock.tsx';
import { useFormat } from '../../lib/format.context.tsx';
import { useKeysetPages } from '../../lib/useKeysetPages.ts';
import { useCache, useQuery } from '../../stores/query.hooks.tsx';
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
import { ConvertDialog } from './ConvertDialog.tsx';
import '../calls/calls.css';
import './leads.css';

type Kind = 'all' | 'person' | 'company';
const WATCHED = ['people', 'companies', 'staff'] as const;

export function LeadsScreen() {
  const cache = useCache();
  const ui = useUiStore();
  const fmt = useFormat();
  const now = useNow(60_000);
  const staff = useStaff();
  const [kind, setKind] = useState<Kind>('all');
  const [source, setSource] = useState('');
  const [owner, setOwner] = useState('');
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(-1);
  const [converting, setConverting] = useState<Lead | null>(null);
  const sources = useQuery('leads.list', { limit: 500 }).data?.rows;
  const sourceOptions = useMemo(
    () => [...new Set((sources ?? []).map((l) => l.source).filter((s): s is string => Boolean(s)))].sort(),
    [sources],
  );

  const filter = useMemo(() => {
    const f: { kind?: 'person' | 'company'; source?: string; ownerId?: string; query?: string } = {};
    if (kind !== 'all') f.kind = kind;
    if (source) f.source = source;
    if (owner) f.ownerId = owner;
    if (query.trim()) f.query = query.trim();
    return f;
  }, [kind, source, owner, query]);
  const key = stableStringify(filter);
  const pages = useKeysetPages<Lead>(
    key,
    (cursor, limit) => cache.client.call('leads.list', { filter, limit, ...(cursor ? { cursor } : {}) }),
    WATCHED,
  );
  const rows = pages.rows;
  const filtered = key !== '{}';
  const current = active >= 0 ? rows[Math.min(active, rows.length - 1)] : undefined;

  const columns = useMemo<GridColumn<Lead>[]>(
    () => [
      {
        id: 'name',
        label: 'Name',
        width: 'minmax(200px, 1.6fr)',
        render: (l) => (
          <span className="lead-name">
            {l.kind === 'company' ? (
              <Building2 size={ICON.inline} strokeWidth={STROKE} role="img" aria-label="Company" />
            ) : (
              <UserRound size={ICON.inline} strokeWidth={STROKE} role="img" aria-label="Person" />
            )}
            <span className="cell-strong">{l.name}</span>
          </span>
        ),
      },
      {
        id: 'company',
        label: 'Company',
        width: 'minmax(140px, 1.2fr)',
        render: (l) => <span className="muted">{l.companyName ?? ''}</span>,
      },
      {
        id: 'source',
        label: 'Source',
        width: 'minmax(110px, 1fr)',
        render: (l) =>
          l.source ? <span className="badge">{l.source}</span> : <span className="muted">—</span>,
      },
      {
        id: 'reach',
        label: 'Phone or email',
        width: 'minmax(160px, 1.3fr)',
        render: (l) => <span className="muted num">{l.phone ?? l.email ?? ''}</span>,
      },
      {
        id: 'owner',
        label: 'Owner',
        width: 'minmax(100px, 0.9fr)',
        render: (l) => <span className="muted">{l.ownerName ?? '—'}</span>,
      },
      {
        id: 'added',
        label: 'Added',
        width: '110px',
        render: (l) => (
          <time className="num muted" title={fmt.exact(l.createdAt)}>
            {fmt.relative(l.createdAt, now)}
          </time>
        ),
      },
      {
        id: 'convert',
        label: '',
        width: '104px',
        align: 'end',
        render: (l) => (
          <button
            type="button"
            className="btn lead-convert"
            tabIndex={-1}
            aria-label={`Convert ${l.name}`}
            onClick={(e) => {
              e.stopPropagation();
              setConverting(l);
            }}
          >
            Convert
          </button>
        ),
      },
    ],
    [fmt, now],
  );

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if ((event.key === 'c' || event.key === 'C') && !event.ctrlKey && !event.metaKey && !event.altKey) {
      if ((event.target as HTMLElement).getAttribute('role') !== 'grid' || !current) return;
      event.preventDefault();
      setConverting(current);
    }
  }

  const clear = () => {
    setKind('all');
    setSource('');
    setOwner('');
    setQuery('');
  };

  return (
    <>
      <PageHeader title="Leads">
        <ExportListButton list="leads" input={{ filter }} />
        {current ? (
          <Button
            variant="primary"
            icon={<ArrowRightLeft size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
            onClick={() => setConverting(current)}
            aria-keyshortcuts="C"
            title="Convert the highlighted lead (C)"
          >
            Convert {current.name}
          </Button>
        ) : null}
      </PageHeader>
      <div className="calls leads" onKeyDown={onKeyDown}>
        <div className="calls__toolbar" role="group" aria-label="Filters">
          <span className="leads__search">
            <Search size={ICON.inline} strokeWidth={STROKE} aria-hidden />
            <input
              className="input"
              type="search"
              aria-label="Find a lead"
              placeholder="Find a lead"
              value={query}
              onChange={(e) => {
                setQuery(e.target.value);
                setActive(-1);
              }}
            />
          </span>
          <Segmented<Kind>
            label="Kind"
            value={kind}
            onChange={(k) => {
              setKind(k);
              setActive(-1);
            }}
            options={[
              { value: 'all', label: 'All' },
              { value: 'person', label: 'People' },
              { value: 'company', label: 'Companies' },
            ]}
          />
          <Select aria-label="Source" value={source} onChange={(e) => setSource(e.target.value)}>
            <option value="">Any source</option>
            {sourceOptions.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </Select>
          <Select aria-label="Owner" value={owner} onChange={(e) => setOwner(e.target.value)}>
            <option value="">Any owner</option>
            {staff.list.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </Select>
          {filtered ? (
            <Button
              variant="ghost"
              onClick={clear}
              icon={<X size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
            >
              Clear filters
            </Button>
          ) : null}
          <span className="leads__hint">
            <Kbd keys={['C']} /> converts the highlighted lead
          </span>
        </div>
        {pages.error && rows.length === 0 ? (
          <ErrorState
            title="The leads could not be loaded"
            message={pages.error.message}
            onRetry={pages.retry}
          />
        ) : pages.loading ? (
          <div className="calls__more">
            <DelayedSpinner label="Loading leads…" />
          </div>
        ) : rows.length === 0 ? (
          filtered ? (
            <EmptyState
              icon={<Search size={ICON.state} strokeWidth={STROKE} />}
              title="No leads match"
              action={<Button onClick={clear}>Clear filters</Button>}
            >
              Try another name, source or owner.
            </EmptyState>
          ) : (
            <EmptyState
              icon={<Sprout size={ICON.state} strokeWidth={STROKE} />}
              title="No leads right now"
              action={
                <Button variant="primary" onClick={() => ui.getState().openNewPerson()}>
                  New person
                </Button>
              }
            >
              People and companies at the “Lead” stage are listed here with where they came from. Convert them
              into customers when they buy.
            </EmptyState>
          )
        ) : (
          <DataGrid<Lead>
            label="Leads"
            columns={columns}
            rowCount={rows.length}
            rowAt={(i) => rows[i]}
            rowId={(l) => `${l.kind}-${l.id}`}
            rowLabel={(l) => `${l.name}${l.source ? `, from ${l.source}` : ''}`}
            activeIndex={Math.min(active, rows.length - 1)}
            onActiveIndex={setActive}
            onOpen={(l) =>
              ui.getState().navigate(l.kind === 'person' ? `people/${l.id}` : `companies/${l.id}`)
            }
            onRange={pages.onRange}
            resetKey={key}
            busy={pages.fetching}
          />
        )}
      </div>
      {converting ? <ConvertDialog lead={converting} onClose={() => setConverting(null)} /> : null}
    </>
  );
}
