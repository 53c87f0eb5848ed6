/**
 * The Audit trail: every change to the book, newest first: when, who, what and to which record,
 * each opening to show its fields before and after. Filtered by staff profile, what was done,
 * kind of record, dates and words, or to one record's history (a person's page › More ›
 * History…). "Export CSV…" saves what the filters show; how long the trail is kept is chosen at
 * the foot of the list.
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { Download, History, ListFilter, X } from 'lucide-react';
import type { AuditFilter } from '../../../shared/api/requests/audit.requests.ts';
import {
  ACTION_WORDS,
  AUDIT_ACTIONS,
  AUDIT_TABLES,
  RECORD_WORDS,
  type AuditAction,
  type AuditTable,
} from '../../../shared/domain/audit.ts';
import { useNow } from '../../lib/clock.tsx';
import { useFormat } from '../../lib/format.context.tsx';
import { useQuery } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { Button } from '../../ui/Button.tsx';
import { DateRangeFilter } from '../../ui/DateRangeFilter.tsx';
import { FieldError, Select } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { ListSearchBox } from '../../ui/ListSearchBox.tsx';
import { EmptyState, ErrorState, Spinner } from '../../ui/States.tsx';
import { RANGE_PRESETS, rangeOf, type RangePreset } from '../calls/date-ranges.ts';
import { ExportProgress } from '../export/ExportProgress.tsx';
import { useExportRun } from '../export/useExportRun.ts';
import { PageHeader } from '../shell/PageHeader.tsx';
import { auditIntents, useAuditIntents } from './audit-intents.ts';
import { AuditList } from './AuditList.tsx';
import { KeepForBar } from './KeepForBar.tsx';
import { useAuditPages } from './useAuditPages.ts';
import '../calls/calls.css';
import '../contacts/contacts.css';
import '../export/export.css';
import './audit.css';

interface Filters {
  staffId: string;
  action: AuditAction | '';
  table: AuditTable | '';
  range: RangePreset;
  from: string;
  to: string;
}

const NO_FILTERS: Filters = { staffId: '', action: '', table: '', range: 'any', from: '', to: '' };

/** Kinds of record in the order people think of them, by their names. */
const KINDS = [...AUDIT_TABLES].sort((a, b) => RECORD_WORDS[a].one.localeCompare(RECORD_WORDS[b].one));

/** Typing settles before the list is asked again. */
const SEARCH_WAIT_MS = 250;

export function AuditScreen() {
  const ui = useUiStore();
  const fmt = useFormat();
  const now = useNow(60_000);
  const record = useAuditIntents(ui, (s) => s.record);
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [typed, setTyped] = useState('');
  const [text, setText] = useState('');
  const staff = useQuery('staff.list', { includeInactive: true }).data ?? [];
  const listRoot = useRef<HTMLDivElement>(null);
  const minute = Math.floor(now / 60_000);

  useEffect(() => {
    const t = setTimeout(() => setText(typed.trim()), SEARCH_WAIT_MS);
    return () => clearTimeout(t);
  }, [typed]);

  const filter = useMemo<AuditFilter>(() => {
    const f: AuditFilter = { ...rangeOf(filters.range, minute * 60_000, filters.from, filters.to) };
    if (record) f.record = { table: record.table, id: record.id };
    if (filters.staffId) f.staffId = filters.staffId;
    if (filters.action) f.action = filters.action;
    if (filters.table) f.table = filters.table;
    if (text) f.text = text;
    return f;
  }, [filters, record, text, minute]);
  const pages = useAuditPages(filter);
  const filtered = JSON.stringify(filters) !== JSON.stringify(NO_FILTERS) || text !== '';
  const exportRun = useExportRun();

  function set<K extends keyof Filters>(key: K, value: Filters[K]) {
    setFilters((f) => ({ ...f, [key]: value }));
  }
  function clearFilters() {
    setFilters(NO_FILTERS);
    setTyped('');
    setText('');
  }
  const clearRecord = () => auditIntents(ui).setState({ record: null });

  const startExport = () =>
    void exportRun.start(
      'audit.export',
      { filter },
      (n) => `${fmt.number(n)} ${n === 1 ? 'line' : 'lines'} of the audit trail`,
    );

  let body;
  if (pages.error && pages.rows.length === 0) {
    body = (
      <ErrorState
        title="The audit trail could not be loaded"
        message={pages.error.message}
        onRetry={pages.retry}
      />
    );
  } else if (pages.loading) {
    body = (
      <div className="audit__state">
        <Spinner label="Loading the audit trail…" />
      </div>
    );
  } else if (pages.rows.length === 0) {
    body = filtered ? (
      <EmptyState
        icon={<ListFilter size={ICON.state} strokeWidth={STROKE} />}
        title="Nothing matches these filters"
        action={<Button onClick={clearFilters}>Clear filters</Button>}
      >
        Try a wider date range, another member of staff, or fewer words.
      </EmptyState>
    ) : (
      <EmptyState
        icon={<History size={ICON.state} strokeWidth={STROKE} />}
        title={record ? `Nothing recorded for ${record.label} yet` : 'Nothing recorded yet'}
      >
        {record
          ? 'Each change to them, and to their calls, tasks, notes and orders, will be listed here.'
          : 'Every change anyone makes to the book is listed here: who made it, when, and what it was before. Imports, exports and restores are too.'}
      </EmptyState>
    );
  } else {
    body = (
      <AuditList
        rows={pages.rows}
        now={now}
        hasMore={pages.hasMore}
        fetching={pages.fetching}
        onLoadMore={pages.loadMore}
        resetKey={JSON.stringify(filter)}
      />
    );
  }

  return (
    <>
      <PageHeader title="Audit trail">
        <Button
          icon={<Download size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
          disabled={exportRun.running}
          onClick={startExport}
          title="Save the events these filters show as a CSV file"
        >
          {exportRun.running ? 'Exporting…' : 'Export CSV…'}
        </Button>
      </PageHeader>
      <div className="audit" ref={listRoot}>
        <div className="calls__toolbar audit__toolbar" role="group" aria-label="Filters">
          {record ? (
            <span className="audit__record-chip">
              <History size={ICON.small} strokeWidth={STROKE} aria-hidden />
              <span>
                History of <strong>{record.label}</strong>
              </span>
              <button
                type="button"
                className="audit__record-clear"
                aria-label={`Show every record, not only ${record.label}`}
                title="Show every record"
                onClick={clearRecord}
              >
                <X size={ICON.small} strokeWidth={2} aria-hidden />
              </button>
            </span>
          ) : null}
          <ListSearchBox
            className="audit__search"
            label="Search the audit trail"
            placeholder="Search names and values"
            value={typed}
            onChange={setTyped}
            listRoot={listRoot}
          />
          <Select aria-label="Staff" value={filters.staffId} onChange={(e) => set('staffId', e.target.value)}>
            <option value="">All staff</option>
            {staff.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </Select>
          <Select
            aria-label="What was done"
            value={filters.action}
            onChange={(e) => set('action', e.target.value as AuditAction | '')}
          >
            <option value="">Everything done</option>
            {AUDIT_ACTIONS.map((a) => (
              <option key={a} value={a}>
                {ACTION_WORDS[a]}
              </option>
            ))}
          </Select>
          {record ? null : (
            <Select
              aria-label="Kind of record"
              value={filters.table}
              onChange={(e) => set('table', e.target.value as AuditTable | '')}
            >
              <option value="">Every kind of record</option>
              {KINDS.map((t) => (
                <option key={t} value={t}>
                  {RECORD_WORDS[t].one}
                </option>
              ))}
            </Select>
          )}
          <DateRangeFilter presets={RANGE_PRESETS} value={filters} onChange={set} />
          {filtered ? (
            <Button
              variant="ghost"
              onClick={clearFilters}
              icon={<X size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
            >
              Clear filters
            </Button>
          ) : null}
        </div>
        {exportRun.running || exportRun.error ? (
          <div className="audit__export">
            <ExportProgress run={exportRun} label="Exporting the audit trail" />
            {exportRun.error ? <FieldError message={exportRun.error} /> : null}
          </div>
        ) : null}
        {body}
        <KeepForBar />
      </div>
    </>
  );
}
