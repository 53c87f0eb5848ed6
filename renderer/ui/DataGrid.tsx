/**
 * A dense, virtualised table (TanStack Virtual) for lists that can hold a million rows.
 *
 * - The header is sticky; sortable headers are buttons and carry aria-sort.
 * - Only the rows on screen (plus a few) are in the DOM; rows whose page is not in memory yet
 *   draw as quiet placeholders. `onRange` says which rows are on screen so the owner can fetch.
 * - Keyboard: the grid is one tab stop; ↑/↓ (and Page Up/Down, Home/End) move the active row,
 *   Enter opens it, Space or x toggles its selection, Shift+↑/↓ extends the selection.
 * - Mouse: a click opens a row, Ctrl/⌘-click toggles it, Shift-click selects a range; the
 *   checkbox toggles (with Shift, a range).
 */
import {
  memo,
  useEffect,
  useId,
  useRef,
  type CSSProperties,
  type RefObject,
  type KeyboardEvent,
  type MouseEvent,
  type ReactNode,
} from 'react';
import { observeElementRect, useVirtualizer } from '@tanstack/react-virtual';
import { ArrowDown, ArrowUp } from 'lucide-react';
import { ICON } from './icons.ts';
import './data-grid.css';

export interface GridColumn<Row> {
  id: string;
  label: string;
  /** A CSS grid track: "minmax(180px, 2fr)", "120px"… */
  width: string;
  align?: 'start' | 'end';
  /** Set when the list can be sorted by this column. */
  sortable?: boolean;
  render(row: Row): ReactNode;
}

export interface GridSort {
  column: string;
  direction: 'asc' | 'desc';
}

export interface GridSelection {
  isSelected(index: number, id: string): boolean;
  /** Toggles one row; with `range`, selects from the anchor to this row. */
  toggle(index: number, id: string, range: boolean): void;
  /** Whether every row is selected, some are, or none. */
  header: 'all' | 'some' | 'none';
  toggleAll(): void;
}

export interface DataGridProps<Row> {
  label: string;
  columns: readonly GridColumn<Row>[];
  /** Rows the list is drawn with (what has been read, plus a page to scroll into). */
  rowCount: number;
  /** Every row there is, when known (for assistive technology). */
  totalRows?: number | undefined;
  rowAt(index: number): Row | undefined;
  rowId(row: Row): string;
  /** The accessible name of a row (used for its checkbox too). */
  rowLabel(row: Row): string;
  rowHeight?: number;
  sort?: GridSort;
  onSort?(column: string): void;
  selection?: GridSelection;
  activeIndex: number;
  onActiveIndex(index: number): void;
  onOpen(row: Row, index: number): void;
  onRange(start: number, end: number): void;
  /** Where the list was scrolled to, to come back to it. */
  initialOffset?: number;
  onScrollOffset?(offset: number): void;
  /** Draw the column headers (a narrow list beside a detail page goes without). */
  header?: boolean;
  /** When this changes (a new sort or filter), the list scrolls back to the top. */
  resetKey?: string;
  /** Drawn instead of rows when there are none. */
  empty?: ReactNode;
  busy?: boolean;
}

/** jsdom and hidden containers measure 0: assume a window's height so rows still render. */
const observeRect: typeof observeElementRect = (instance, cb) =>
  observeElementRect(instance, (rect) =>
    cb(rect.height > 0 ? rect : { width: rect.width || 1000, height: 720 }),
  );

/** What a row does when clicked, kept in a ref so rows can be memoised across renders. */
interface RowActions<Row> {
  click(event: MouseEvent, row: Row, index: number): void;
  check(event: MouseEvent, row: Row, index: number): void;
}

interface GridRowProps<Row> {
  row: Row;
  index: number;
  start: number;
  domId: string;
  name: string;
  active: boolean;
  /** Whether the grid has selection (a checkbox column) and whether this row is selected. */
  selectable: boolean;
  selected: boolean;
  columns: readonly GridColumn<Row>[];
  actions: RefObject<RowActions<Row>>;
}

/**
 * One row. Memoised: while the list scrolls, rows that stay on screen keep their props (the same
 * row object, position and columns), so only the rows coming into view are rendered.
 */
function GridRowInner<Row>({
  row,
  index,
  start,
  domId,
  name,
  active,
  selectable,
  selected,
  columns,
  actions,
}: GridRowProps<Row>) {
  return (
    <div
      id={domId}
      className={`grid__row${active ? ' grid__row--active' : ''}${selected ? ' grid__row--selected' : ''}`}
      style={{ transform: `translateY(${start}px)` }}
      role="row"
      aria-rowindex={index + 2}
      aria-selected={selectable ? selected : undefined}
      aria-label={name}
      onClick={(e) => actions.current.click(e, row, index)}
      onMouseDown={(e) => {
        // Shift-click extends the selection: keep the browser from selecting text.
        if (e.shiftKey) e.preventDefault();
      }}
    >
      {selectable ? (
        <div className="grid__cell grid__cell--check" role="gridcell" onClick={(e) => e.stopPropagation()}>
          <input
            type="checkbox"
            className="check"
            aria-label={`Select ${name}`}
            checked={selected}
            tabIndex={-1}
            onClick={(e) => actions.current.check(e, row, index)}
            onChange={() => {}}
          />
        </div>
      ) : null}
      {columns.map((c) => (
        <div
          key={c.id}
          className={`grid__cell${c.align === 'end' ? ' grid__cell--end' : ''}`}
          role="gridcell"
        >
          {c.render(row)}
        </div>
      ))}
    </div>
  );
}
const GridRow = memo(GridRowInner) as typeof GridRowInner;

export function DataGrid<Row>({
  label,
  columns,
  rowCount,
  totalRows,
  rowAt,
  rowId,
  rowLabel,
  rowHeight = 34,
  sort,
  onSort,
  selection,
  activeIndex,
  onActiveIndex,
  onOpen,
  onRange,
  initialOffset,
  onScrollOffset,
  empty,
  busy,
  resetKey,
  header = true,
}: DataGridProps<Row>) {
  const id = useId();
  const scrollRef = useRef<HTMLDivElement>(null);
  // eslint-disable-next-line react-hooks/incompatible-library -- used as documented; nothing here is memoised
  const virtualizer = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    // Enough to scroll a little without blanks; more only costs frames when the list jumps far.
    overscan: 6,
    observeElementRect: observeRect,
    initialOffset: initialOffset ?? 0,
  });
  const items = virtualizer.getVirtualItems();
  const first = items[0]?.index ?? 0;
  const last = items[items.length - 1]?.index ?? 0;

  useEffect(() => {
    onRange(first, last);
  }, [first, last, onRange]);

  const lastResetKey = useRef(resetKey);
  useEffect(() => {
    if (lastResetKey.current === resetKey) return;
    lastResetKey.current = resetKey;
    if (scrollRef.current) scrollRef.current.scrollTop = 0;
  }, [resetKey]);

  const onScrollRef = useRef(onScrollOffset);
  useEffect(() => {
    onScrollRef.current = onScrollOffset;
  });
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const onScroll = () => onScrollRef.current?.(el.scrollTop);
    el.addEventListener('scroll', onScroll, { passive: true });
    return () => el.removeEventListener('scroll', onScroll);
  }, []);

  const template = [selection ? '36px' : null, ...columns.map((c) => c.width)].filter(Boolean).join(' ');
  // Rows are separate grids: they agree on their tracks only if none is sized by its content,
  // so the table is as wide as the window, and never narrower than the columns' minimum widths.
  const minWidth =
    (selection ? 36 : 0) +
    24 +
    columns.reduce((sum, c) => sum + Number(/(\d+)px/u.exec(c.width)?.[1] ?? 80), 0);
  const style = {
    '--grid-cols': template,
    '--grid-row-h': `${rowHeight}px`,
    '--grid-min': `${minWidth}px`,
  } as CSSProperties;
  const colOffset = selection ? 1 : 0;

  function moveTo(index: number, extend: boolean) {
    if (rowCount === 0) return;
    const next = Math.max(0, Math.min(rowCount - 1, index));
    if (extend && selection) {
      const row = rowAt(next);
      if (row) selection.toggle(next, rowId(row), true);
    }
    onActiveIndex(next);
    virtualizer.scrollToIndex(next, { align: 'auto' });
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.target !== event.currentTarget) return;
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? 600) / rowHeight) - 1);
    const current = Math.max(0, activeIndex);
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        moveTo(activeIndex < 0 ? 0 : current + 1, event.shiftKey);
        break;
      case 'ArrowUp':
        event.preventDefault();
        moveTo(current - 1, event.shiftKey);
        break;
      case 'PageDown':
        event.preventDefault();
        moveTo(current + page, false);
        break;
      case 'PageUp':
        event.preventDefault();
        moveTo(current - page, false);
        break;
      case 'Home':
        event.preventDefault();
        moveTo(0, false);
        break;
      case 'End':
        event.preventDefault();
        moveTo(rowCount - 1, false);
        break;
      case 'Enter': {
        const row = rowAt(current);
        if (row && activeIndex >= 0) {
          event.preventDefault();
          onOpen(row, current);
        }
        break;
      }
      case ' ':
      case 'x':
      case 'X': {
        if (event.metaKey || event.ctrlKey || event.altKey) return;
        const row = rowAt(current);
        if (row && selection && activeIndex >= 0) {
          event.preventDefault();
          selection.toggle(current, rowId(row), event.shiftKey);
        }
        break;
      }
      case 'a':
        if ((event.metaKey || event.ctrlKey) && selection) {
          event.preventDefault();
          if (selection.header !== 'all') selection.toggleAll();
        }
        break;
    }
  }

  function onRowClick(event: MouseEvent, row: Row, index: number) {
    onActiveIndex(index);
    if (selection && (event.shiftKey || event.metaKey || event.ctrlKey)) {
      event.preventDefault();
      selection.toggle(index, rowId(row), event.shiftKey);
      return;
    }
    onOpen(row, index);
  }

  const actions = useRef<RowActions<Row>>({ click: () => {}, check: () => {} });
  useEffect(() => {
    actions.current = {
      click: onRowClick,
      check(event, row, index) {
        event.stopPropagation();
        onActiveIndex(index);
        selection?.toggle(index, rowId(row), event.shiftKey);
      },
    };
  });

  const activeRow = activeIndex >= 0 ? rowAt(activeIndex) : undefined;
  const activeId = activeRow ? `${id}-r${activeIndex}` : undefined;

  return (
    <div
      className="grid"
      style={style}
      role="grid"
      aria-label={label}
      aria-rowcount={Math.max(rowCount, totalRows ?? 0) + 1}
      aria-colcount={columns.length + colOffset}
      aria-multiselectable={selection ? true : undefined}
      aria-activedescendant={activeId}
      aria-busy={busy || undefined}
      tabIndex={0}
      onKeyDown={onKeyDown}
      onFocus={(e) => {
        if (e.target === e.currentTarget && activeIndex < 0 && rowCount > 0) onActiveIndex(0);
      }}
    >
      <div className="grid__scroll" ref={scrollRef}>
        <div className="grid__head" role="rowgroup" hidden={!header}>
          <div className="grid__row grid__row--head" role="row" aria-rowindex={1}>
            {selection ? (
              <div className="grid__cell grid__cell--check" role="columnheader">
                <input
                  type="checkbox"
                  className="check"
                  aria-label={selection.header === 'all' ? 'Clear the selection' : 'Select all'}
                  checked={selection.header === 'all'}
                  ref={(el) => {
                    if (el) el.indeterminate = selection.header === 'some';
                  }}
                  onChange={() => selection.toggleAll()}
                  tabIndex={-1}
                />
              </div>
            ) : null}
            {columns.map((c) => {
              const sorted = sort?.column === c.id ? sort.direction : null;
              return (
                <div
                  key={c.id}
                  className={`grid__cell grid__cell--head${c.align === 'end' ? ' grid__cell--end' : ''}`}
                  role="columnheader"
                  aria-sort={
                    c.sortable
                      ? sorted === 'asc'
                        ? 'ascending'
                        : sorted === 'desc'
                          ? 'descending'
                          : 'none'
                      : undefined
                  }
                >
                  {c.sortable && onSort ? (
                    <button
                      type="button"
                      className={`grid__sort${sorted ? ' grid__sort--on' : ''}`}
                      onClick={() => onSort(c.id)}
                      title={`Sort by ${c.label.toLowerCase()}`}
                    >
                      <span>{c.label}</span>
                      {sorted === 'asc' ? (
                        <ArrowUp size={ICON.small} strokeWidth={2} aria-hidden />
                      ) : sorted === 'desc' ? (
                        <ArrowDown size={ICON.small} strokeWidth={2} aria-hidden />
                      ) : null}
                    </button>
                  ) : (
                    <span>{c.label}</span>
                  )}
                </div>
              );
            })}
          </div>
        </div>
        {rowCount === 0 && empty ? (
          <div className="grid__empty">{empty}</div>
        ) : (
          <div className="grid__body" role="rowgroup" style={{ height: virtualizer.getTotalSize() }}>
            {items.map((item) => {
              const row = rowAt(item.index);
              const rowStyle = { transform: `translateY(${item.start}px)` };
              if (!row) {
                return (
                  <div
                    key={item.key}
                    className="grid__row grid__row--placeholder"
                    style={rowStyle}
                    role="row"
                    aria-rowindex={item.index + 2}
                    aria-hidden
                  >
                    {selection ? <div className="grid__cell grid__cell--check" /> : null}
                    {columns.map((c, i) => (
                      <div key={c.id} className="grid__cell">
                        <span
                          className="skeleton grid__skeleton"
                          style={{ width: `${40 + ((item.index * 7 + i * 13) % 45)}%` }}
                        />
                      </div>
                    ))}
                  </div>
                );
              }
              const key = rowId(row);
              return (
                <GridRow<Row>
                  key={key}
                  row={row}
                  index={item.index}
                  start={item.start}
                  domId={`${id}-r${item.index}`}
                  name={rowLabel(row)}
                  active={item.index === activeIndex}
                  selectable={selection !== undefined}
                  selected={selection?.isSelected(item.index, key) ?? false}
                  columns={columns}
                  actions={actions}
                />
              );
            })}
          </div>
        )}
      </div>
    </div>
  );
}
