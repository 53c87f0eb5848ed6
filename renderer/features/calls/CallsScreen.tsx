/**
 * The calls log: every call, newest first, filtered by dates, outcome, purpose, staff and
 * direction, with the totals for the filter above. The table is virtualised and loads more as it
 * scrolls; ↑ ↓ move through it and Enter opens the person.
 */
import { useMemo, useState } from 'react';
import { ListFilter, ListTodo, Phone, PhoneIncoming, PhoneOutgoing, X } from 'lucide-react';
import { CALL_DIRECTIONS, type Call, type CallDirection } from '../../../shared/domain/activity.ts';
import { useNow } from '../../lib/clock.tsx';
import { useFormat } from '../../lib/format.context.tsx';
import { useQuery } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { Button } from '../../ui/Button.tsx';
import { DataGrid, type GridColumn } from '../../ui/DataGrid.tsx';
import { DateRangeFilter } from '../../ui/DateRangeFilter.tsx';
import { Select } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { Kbd } from '../../ui/Kbd.tsx';
import { EmptyState, ErrorState, Spinner } from '../../ui/States.tsx';
import { keysFor } from '../palette/shortcuts.ts';
import { PageHeader } from '../shell/PageHeader.tsx';
import { ExportListButton } from '../export/ExportListDialog.tsx';
import { callTime, choiceLabel, DIRECTION_LABELS, RESPONSE_LABELS } from './call-words.ts';
import { RANGE_PRESETS, rangeOf, type RangePreset } from './date-ranges.ts';
import { useCallPages, type CallFilter } from './useCallPages.ts';
import './calls.css';

interface Filters {
  range: RangePreset;
  from: string;
  to: string;
  outcome: string;
  purpose: string;
  staffId: string;
  direction: CallDirection | '';
}

const NO_FILTERS: Filters = {
  range: 'any',
  from: '',
  to: '',
  outcome: '',
  purpose: '',
  staffId: '',
  direction: '',
};

function Totals({ filter }: { filter: CallFilter }) {
  const fmt = useFormat();
  const totals = useQuery('calls.totals', { filter }).data;
  const percent = useMemo(
    () => new Intl.NumberFormat(fmt.locale, { style: 'percent', maximumFractionDigits: 0 }),
    [fmt.locale],
  );
  const stat = (label: string, value: string | undefined, note: string | undefined) => (
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
    <div className="calls__totals" aria-label="Totals" role="group">
      {stat('Calls', totals ? fmt.number(totals.count) : undefined, 'matching the filters')}
      {stat(
        'Connected',
        totals ? percent.format(totals.connectedRate) : undefined,
        totals ? `${fmt.number(totals.connected)} of ${fmt.number(totals.count)} calls` : undefined,
      )}
      {stat(
        'Talk time',
        totals ? (totals.talkTimeS > 0 ? fmt.duration(totals.talkTimeS) : '0 min') : undefined,
        totals && totals.count > 0
          ? `${fmt.duration(Math.round(totals.talkTimeS / Math.max(1, totals.connected)))} a conversation on average`
          : undefined,
      )}
    </div>
  );
}

function useColumns(now: number): GridColumn<Call>[] {
  const fmt = useFormat();
  return useMemo(
    () => [
      {
        id: 'when',
        label: 'When',
        width: '150px',
        render: (c) => (
          <time className="num" dateTime={new Date(c.startedAt).toISOString()} title={fmt.exact(c.startedAt)}>
            {callTime(c.startedAt, now, fmt.locale)}
          </time>
        ),
      },
      {
        id: 'direction',
        label: 'In/out',
        width: '52px',
        render: (c) => {
          const Icon = c.direction === 'in' ? PhoneIncoming : PhoneOutgoing;
          return (
            <span className={`direction-icon direction-icon--${c.direction}`}>
              <Icon
                size={ICON.inline}
                strokeWidth={STROKE}
                role="img"
                aria-label={DIRECTION_LABELS[c.direction]}
              />
            </span>
          );
        },
      },
      {
        id: 'person',
        label: 'Contact',
        width: 'minmax(150px, 1.3fr)',
        render: (c) => <span className="calls__person">{c.personName ?? 'Unknown caller'}</span>,
      },
      {
        id: 'company',
        label: 'Company',
        width: 'minmax(110px, 1fr)',
        render: (c) => <span className="calls__muted">{c.companyName ?? ''}</span>,
      },
      {
        id: 'purpose',
        label: 'Purpose',
        width: 'minmax(100px, 0.8fr)',
        render: (c) => <span className="calls__muted">{choiceLabel(c.purpose, '')}</span>,
      },
      {
        id: 'outcome',
        label: 'Outcome',
        width: '136px',
        render: (c) => (
          <span className={`outcome${c.connected ? ' outcome--connected' : ''}`}>
            {choiceLabel(c.outcome)}
          </span>
        ),
      },
      {
        id: 'response',
        label: 'Response',
        width: '88px',
        render: (c) =>
          c.response ? (
            <span className={`response--${c.response}`}>{RESPONSE_LABELS[c.response]}</span>
          ) : null,
      },
      {
        id: 'duration',
        label: 'Length',
        width: '72px',
        align: 'end',
        render: (c) => (c.durationS > 0 ? fmt.duration(c.durationS) : '—'),
      },
      {
        id: 'staff',
        label: 'Staff',
        width: 'minmax(100px, 0.8fr)',
        render: (c) => <span className="calls__muted">{c.staffName ?? ''}</span>,
      },
      {
        id: 'summary',
        label: 'Summary',
        width: 'minmax(180px, 2.2fr)',
        render: (c) => (
          <span className="calls__muted" title={c.summary || undefined}>
            {c.summary}
          </span>
        ),
      },
    ],
    [fmt, now],
  );
}

export function CallsScreen() {
  const ui = useUiStore();
  const fmt = useFormat();
  const now = useNow(60_000);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [active, setActive] = useState(-1);
  const purposes = useQuery('lists.get', { list: 'call_purpose' }).data ?? [];
  const outcomes = useQuery('lists.get', { list: 'call_outcome' }).data ?? [];
  const staff = useQuery('staff.list', { includeInactive: true }).data ?? [];
  const day = Math.floor(now / 60_000); // the ranges move on at most once a minute

  const filter = useMemo<CallFilter>(() => {
    const f: CallFilter = { ...rangeOf(filters.range, day * 60_000, filters.from, filters.to) };
    if (filters.outcome) f.outcome = filters.outcome;
    if (filters.purpose) f.purpose = filters.purpose;
    if (filters.staffId) f.staffId = filters.staffId;
    if (filters.direction) f.direction = filters.direction;
    return f;
  }, [filters, day]);
  const pages = useCallPages(filter);
  const { rows } = pages;
  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS);
  const columns = useColumns(day * 60_000);

  function set<K extends keyof Filters>(key: K, value: Filters[K]) {
    setFilters((f) => ({ ...f, [key]: value }));
    setActive(-1);
  }

  function open(call: Call) {
    if (call.personId) ui.getState().navigate(`people/${call.personId}`);
    else if (call.companyId) ui.getState().navigate(`companies/${call.companyId}`);
  }

  const logKeys = keysFor('call.log') ?? [];

  return (
    <>
      <PageHeader title="Calls">
        <ExportListButton list="calls" input={{ filter }} />
        <Button
          onClick={() => ui.getState().openListsEditor()}
          icon={<ListTodo size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
        >
          Edit lists
        </Button>
        <Button
          variant="primary"
          onClick={() => ui.getState().openLogCall(null)}
          icon={<Phone size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
        >
          Log a call
        </Button>
      </PageHeader>
      <div className="calls">
        <div className="calls__toolbar" role="group" aria-label="Filters">
          <ListFilter size={ICON.nav} strokeWidth={STROKE} aria-hidden className="calls__filter-icon" />
          <DateRangeFilter presets={RANGE_PRESETS} value={filters} onChange={set} />
          <Select
            aria-label="Outcome"
            value={filters.outcome}
            onChange={(e) => set('outcome', e.target.value)}
          >
            <option value="">All outcomes</option>
            {outcomes.map((v) => (
              <option key={v.value} value={v.value}>
                {choiceLabel(v.value)}
              </option>
            ))}
          </Select>
          <Select
            aria-label="Purpose"
            value={filters.purpose}
            onChange={(e) => set('purpose', e.target.value)}
          >
            <option value="">All purposes</option>
            {purposes.map((v) => (
              <option key={v.value} value={v.value}>
                {choiceLabel(v.value)}
              </option>
            ))}
          </Select>
          <Select aria-label="Staff" value={filters.staffId} onChange={(e) => set('staffId', e.target.value)}>
            <option value="">All staff</option>
            {staff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </Select>
          <Select
            aria-label="Direction"
            value={filters.direction}
            onChange={(e) => set('direction', e.target.value as CallDirection | '')}
          >
            <option value="">In and out</option>
            {CALL_DIRECTIONS.map((d) => (
              <option key={d} value={d}>
                {DIRECTION_LABELS[d]}
              </option>
            ))}
          </Select>
          {filtered ? (
            <Button
              variant="ghost"
              onClick={() => {
                setFilters(NO_FILTERS);
                setActive(-1);
              }}
              icon={<X size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
            >
              Clear filters
            </Button>
          ) : null}
        </div>

        <Totals filter={filter} />

        {pages.error && rows.length === 0 ? (
          <ErrorState
            title="The calls could not be loaded"
            message={pages.error.message}
            onRetry={pages.retry}
          />
        ) : pages.loading ? (
          <div className="calls__more">
            <Spinner label="Loading calls…" />
          </div>
        ) : rows.length === 0 ? (
          filtered ? (
            <EmptyState
              icon={<ListFilter size={ICON.state} strokeWidth={STROKE} />}
              title="No calls match these filters"
              action={<Button onClick={() => setFilters(NO_FILTERS)}>Clear filters</Button>}
            >
              Try a wider date range, or another outcome, purpose or member of staff.
            </EmptyState>
          ) : (
            <EmptyState
              icon={<Phone size={ICON.state} strokeWidth={STROKE} />}
              title="No calls yet"
              action={
                <Button variant="primary" onClick={() => ui.getState().openLogCall(null)}>
                  Log a call <Kbd keys={logKeys} />
                </Button>
              }
            >
              Every call you and your staff log is listed here, with how it went and how long it took.
            </EmptyState>
          )
        ) : (
          <DataGrid<Call>
            label="Calls"
            columns={columns}
            rowCount={rows.length}
            rowAt={(i) => rows[i]}
            rowId={(c) => c.id}
            rowLabel={(c) =>
              `${c.personName ?? 'Unknown caller'}, ${fmt.dateTime(c.startedAt)}, ${choiceLabel(c.outcome)}`
            }
            activeIndex={Math.min(active, rows.length - 1)}
            onActiveIndex={setActive}
            onOpen={open}
            onRange={pages.onRange}
            resetKey={JSON.stringify(filter)}
            busy={pages.fetching}
          />
        )}
      </div>
    </>
  );
}
