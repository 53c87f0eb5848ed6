/**
 * Cases: complaints, questions, returns and repairs, filtered by status (active by default),
 * category, priority, owner and overdue; sorted by when opened or, as a work queue, by due date.
 */
import { useMemo, useState } from 'react';
import { AlertTriangle, LifeBuoy, ListFilter, Plus, X } from 'lucide-react';
import type { RequestInput } from '../../../shared/api/requests.ts';
import {
  CASE_CATEGORIES,
  CASE_PRIORITIES,
  CASE_STATUSES,
  isOverdue,
  type Case,
  type CaseCategory,
  type CasePriority,
  type CaseStatus,
} from '../../../shared/domain/pipeline.ts';
import { stableStringify } from '../../lib/stable-json.ts';
import { useNow } from '../../lib/clock.tsx';
import { useFormat } from '../../lib/format.context.tsx';
import { useKeysetPages } from '../../lib/useKeysetPages.ts';
import { useCache } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { Button } from '../../ui/Button.tsx';
import { DataGrid, type GridColumn } from '../../ui/DataGrid.tsx';
import { Select } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { DelayedSpinner, EmptyState, ErrorState } from '../../ui/States.tsx';
import { useStaff } from '../contacts/common.tsx';
import { isoDay, customerText, useSalesDialogs } from '../pipeline/pipeline-words.ts';
import { PageHeader } from '../shell/PageHeader.tsx';
import { ExportListButton } from '../export/ExportListDialog.tsx';
import { CATEGORY_LABELS, PRIORITY_LABELS, STATUS_LABELS, STATUS_TONE } from './case-words.ts';
import '../calls/calls.css';
import './cases.css';

type Filter = NonNullable<RequestInput<'cases.list'>['filter']>;
interface Filters {
  status: CaseStatus | 'active' | '';
  category: CaseCategory | '';
  priority: CasePriority | '';
  ownerId: string;
  overdue: boolean;
  sort: 'opened' | 'due';
}
const DEFAULTS: Filters = {
  status: 'active',
  category: '',
  priority: '',
  ownerId: '',
  overdue: false,
  sort: 'opened',
};
const WATCHED = ['cases', 'people', 'companies', 'staff', 'products', 'orders'] as const;

export function PriorityMark({ priority }: { priority: CasePriority }) {
  return <span className={`priority priority--${priority}`}>{PRIORITY_LABELS[priority]}</span>;
}

export function StatusBadge({ status }: { status: CaseStatus }) {
  return <span className={`badge ${STATUS_TONE[status]}`}>{STATUS_LABELS[status]}</span>;
}

export function CasesScreen() {
  const cache = useCache();
  const ui = useUiStore();
  const fmt = useFormat();
  const now = useNow(60_000);
  const today = isoDay(now);
  const staff = useStaff();
  const casesFor = useSalesDialogs((s) => s.casesFor);
  const [filters, setFilters] = useState<Filters>(DEFAULTS);
  const [active, setActive] = useState(-1);

  const filter = useMemo<Filter>(() => {
    const f: Filter = {};
    if (filters.status) f.status = filters.status;
    if (filters.category) f.category = filters.category;
    if (filters.priority) f.priority = filters.priority;
    if (filters.ownerId) f.ownerId = filters.ownerId;
    if (filters.overdue) f.overdue = true;
    if (casesFor?.personId) f.personId = casesFor.personId;
    if (casesFor?.companyId) f.companyId = casesFor.companyId;
    return f;
  }, [filters, casesFor]);
  const sort =
    filters.sort === 'due' &&
    (filters.status === 'resolved' || filters.status === 'closed' || filters.status === '')
      ? 'opened'
      : filters.sort;
  const key = stableStringify({ filter, sort, today });
  const pages = useKeysetPages<Case>(
    key,
    (cursor, limit) =>
      cache.client.call('cases.list', { filter, sort, today, limit, ...(cursor ? { cursor } : {}) }),
    WATCHED,
  );
  const rows = pages.rows;
  const filtered = JSON.stringify(filters) !== JSON.stringify(DEFAULTS) || casesFor !== null;

  const columns = useMemo<GridColumn<Case>[]>(
    () => [
      {
        id: 'number',
        label: '#',
        width: '56px',
        render: (c) => <span className="num muted">{c.number}</span>,
      },
      {
        id: 'subject',
        label: 'Subject',
        width: 'minmax(200px, 2.2fr)',
        render: (c) => (
          <span className="cell-strong" title={c.subject}>
            {c.subject}
          </span>
        ),
      },
      {
        id: 'customer',
        label: 'Customer',
        width: 'minmax(150px, 1.4fr)',
        render: (c) => (
          <span className="ellipsis" title={customerText(c)}>
            {customerText(c)}
          </span>
        ),
      },
      {
        id: 'category',
        label: 'Category',
        width: '100px',
        render: (c) => <span className="muted">{CATEGORY_LABELS[c.category]}</span>,
      },
      {
        id: 'priority',
        label: 'Priority',
        width: '90px',
        render: (c) => <PriorityMark priority={c.priority} />,
      },
      { id: 'status', label: 'Status', width: '160px', render: (c) => <StatusBadge status={c.status} /> },
      {
        id: 'due',
        label: 'Due',
        width: '150px',
        render: (c) => {
          if (!c.dueDate) return <span className="muted">—</span>;
          const late = isOverdue(c, today);
          return (
            <span
              className={`num${late ? ' due--late case-due--late' : ''}`}
              title={late ? 'Overdue' : undefined}
            >
              {late ? <AlertTriangle size={ICON.small} strokeWidth={2} aria-hidden /> : null}
              {fmt.day(c.dueDate, now)}
              {late ? <span className="visually-hidden"> (overdue)</span> : null}
            </span>
          );
        },
      },
      {
        id: 'owner',
        label: 'Owner',
        width: 'minmax(100px, 0.9fr)',
        render: (c) => <span className="muted">{c.ownerName ?? '—'}</span>,
      },
      {
        id: 'opened',
        label: 'Opened',
        width: '110px',
        render: (c) => (
          <time className="num muted" title={fmt.exact(c.openedAt)}>
            {fmt.relative(c.openedAt, now)}
          </time>
        ),
      },
    ],
    [fmt, now, today],
  );

  function set<K extends keyof Filters>(k: K, v: Filters[K]) {
    setFilters((f) => ({ ...f, [k]: v }));
    setActive(-1);
  }
  const newCase = () =>
    useSalesDialogs
      .getState()
      .openCase(
        null,
        casesFor ? { personId: casesFor.personId ?? null, companyId: casesFor.companyId ?? null } : {},
      );

  return (
    <>
      <PageHeader title="Cases">
        <ExportListButton list="cases" input={{ filter, sort, today }} />
        <Button
          variant="primary"
          onClick={newCase}
          icon={<Plus size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
        >
          New case
        </Button>
      </PageHeader>
      <div className="calls cases">
        <div className="calls__toolbar" role="group" aria-label="Filters">
          <ListFilter size={ICON.nav} strokeWidth={STROKE} aria-hidden className="calls__filter-icon" />
          {casesFor ? (
            <span className="pill cases__for">
              For {casesFor.name}
              <button
                type="button"
                className="btn btn--ghost btn--icon"
                aria-label={`Show cases for everyone, not only ${casesFor.name}`}
                onClick={() => useSalesDialogs.getState().setCasesFor(null)}
              >
                <X size={ICON.small} strokeWidth={STROKE} aria-hidden />
              </button>
            </span>
          ) : null}
          <Select
            aria-label="Status"
            value={filters.status}
            onChange={(e) => set('status', e.target.value as Filters['status'])}
          >
            <option value="active">Open and waiting</option>
            <option value="">Every status</option>
            {CASE_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </Select>
          <Select
            aria-label="Category"
            value={filters.category}
            onChange={(e) => set('category', e.target.value as Filters['category'])}
          >
            <option value="">Every category</option>
            {CASE_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {CATEGORY_LABELS[c]}
              </option>
            ))}
          </Select>
          <Select
            aria-label="Priority"
            value={filters.priority}
            onChange={(e) => set('priority', e.target.value as Filters['priority'])}
          >
            <option value="">Any priority</option>
            {CASE_PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {PRIORITY_LABELS[p]}
              </option>
            ))}
          </Select>
          <Select aria-label="Owner" value={filters.ownerId} onChange={(e) => set('ownerId', e.target.value)}>
            <option value="">Everyone</option>
            {staff.list.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </Select>
          <label className="check-label">
            <input
              type="checkbox"
              checked={filters.overdue}
              onChange={(e) => set('overdue', e.target.checked)}
            />
            Overdue only
          </label>
          <Select
            aria-label="Sort"
            value={filters.sort}
            onChange={(e) => set('sort', e.target.value as Filters['sort'])}
          >
            <option value="opened">Newest first</option>
            <option value="due">Soonest due first</option>
          </Select>
          {filtered ? (
            <Button
              variant="ghost"
              onClick={() => {
                setFilters(DEFAULTS);
                useSalesDialogs.getState().setCasesFor(null);
              }}
              icon={<X size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
            >
              Clear filters
            </Button>
          ) : null}
        </div>
        {pages.error && rows.length === 0 ? (
          <ErrorState
            title="The cases could not be loaded"
            message={pages.error.message}
            onRetry={pages.retry}
          />
        ) : pages.loading ? (
          <div className="calls__more">
            <DelayedSpinner label="Loading cases…" />
          </div>
        ) : rows.length === 0 ? (
          filtered ? (
            <EmptyState
              icon={<ListFilter size={ICON.state} strokeWidth={STROKE} />}
              title="No cases match these filters"
              action={
                <Button
                  onClick={() => {
                    setFilters(DEFAULTS);
                    useSalesDialogs.getState().setCasesFor(null);
                  }}
                >
                  Clear filters
                </Button>
              }
            >
              Try another status, category or owner.
            </EmptyState>
          ) : (
            <EmptyState
              icon={<LifeBuoy size={ICON.state} strokeWidth={STROKE} />}
              title="No open cases"
              action={
                <Button variant="primary" onClick={newCase}>
                  New case
                </Button>
              }
            >
              Complaints, questions, returns and repairs are kept here until they are resolved, with who looks
              after each and when it is due.
            </EmptyState>
          )
        ) : (
          <DataGrid<Case>
            label="Cases"
            columns={columns}
            rowCount={rows.length}
            rowAt={(i) => rows[i]}
            rowId={(c) => c.id}
            rowLabel={(c) =>
              `Case ${c.number}, ${c.subject}, ${customerText(c)}, ${STATUS_LABELS[c.status]}${isOverdue(c, today) ? ', overdue' : ''}`
            }
            activeIndex={Math.min(active, rows.length - 1)}
            onActiveIndex={setActive}
            onOpen={(c) => ui.getState().navigate(`cases/${c.id}`)}
            onRange={pages.onRange}
            resetKey={key}
            busy={pages.fetching}
          />
        )}
      </div>
    </>
  );
}
