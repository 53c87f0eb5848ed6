/**
 * The Pipeline board: one column per stage with its count, total and weighted value; cards in
 * rank order. A card moves by dragging (mouse, or keyboard: Space picks it up, arrows move it,
 * Space drops, Esc cancels), by Alt+←/→ (another stage) and Alt+↑/↓ (up or down its column), or
 * by its menu's "Move to". Every way sends deals.move.
 */
import { useCallback, useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import {
  closestCorners,
  DndContext,
  DragOverlay,
  KeyboardSensor,
  PointerSensor,
  useDroppable,
  useSensor,
  useSensors,
  type Announcements,
  type DragEndEvent,
  type DragOverEvent,
  type DragStartEvent,
  type UniqueIdentifier,
} from '@dnd-kit/core';
import {
  arrayMove,
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import {
  CalendarClock,
  Ellipsis,
  ExternalLink,
  Pencil,
  Plus,
  Trash2,
  Trophy,
  ThumbsDown,
} from 'lucide-react';
import type { Board as BoardData, BoardColumn, DealRow } from '../../../shared/domain/pipeline.ts';
import { useNow } from '../../lib/clock.tsx';
import { useFormat } from '../../lib/format.context.tsx';
import { useCache } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { Avatar } from '../../ui/Avatar.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { Menu, type MenuEntry } from '../../ui/Menu.tsx';
import { LoseDialog, useDealActions } from './deal-actions.tsx';
import { customerText, isoDay, percentText, useSalesDialogs } from './pipeline-words.ts';

type Order = Record<string, string[]>;
const MORE_PAGE = 100;

interface Extra {
  rows: DealRow[];
  nextCursor: string | null;
}

function orderOf(columns: readonly { stageId: string; cards: DealRow[] }[]): Order {
  return Object.fromEntries(columns.map((c) => [c.stageId, c.cards.map((d) => d.id)]));
}

function ColumnTotals({ column }: { column: BoardColumn }) {
  const fmt = useFormat();
  if (column.totals.length === 0) {
    return <div className="board-col__totals board-col__totals--none">No deals</div>;
  }
  return (
    <div className="board-col__totals">
      {column.totals.map((t) => (
        <div
          key={t.currency}
          className="board-col__total"
          aria-label={`${column.name} total ${fmt.moneyIn(t.value, t.currency)}, weighted ${fmt.moneyIn(t.weighted, t.currency)}`}
          role="group"
        >
          <span className="num board-col__value" data-testid="column-total">
            {fmt.moneyIn(t.value, t.currency)}
          </span>
          <span
            className="num board-col__weighted"
            title={`Weighted at ${percentText(column.probabilityBp)}`}
          >
            {fmt.moneyIn(t.weighted, t.currency)} weighted
          </span>
        </div>
      ))}
    </div>
  );
}

function CardBody({ deal, today }: { deal: DealRow; today: string }) {
  const fmt = useFormat();
  const now = useNow(60_000);
  const late = deal.expectedClose !== null && deal.expectedClose < today;
  return (
    <>
      <span className="deal-card__title">{deal.title}</span>
      <span className="deal-card__customer">{customerText(deal)}</span>
      <span className="deal-card__meta">
        <span className="num deal-card__value">{fmt.moneyIn(deal.value, deal.currency)}</span>
        {deal.expectedClose ? (
          <span
            className={`deal-card__close num${late ? ' deal-card__close--late' : ''}`}
            title={late ? `Expected to close ${fmt.day(deal.expectedClose, now)}: overdue` : 'Expected close'}
          >
            <CalendarClock size={ICON.small} strokeWidth={2} aria-hidden />
            {fmt.day(deal.expectedClose, now)}
          </span>
        ) : null}
        {deal.ownerName ? (
          <span className="deal-card__owner" title={`Owner: ${deal.ownerName}`}>
            <Avatar name={deal.ownerName} size="sm" />
          </span>
        ) : null}
      </span>
    </>
  );
}

function cardLabel(deal: DealRow, money: string, today: string, day: (iso: string) => string): string {
  const parts = [deal.title, customerText(deal), money];
  if (deal.expectedClose) {
    parts.push(`closes ${day(deal.expectedClose)}${deal.expectedClose < today ? ', overdue' : ''}`);
  }
  if (deal.ownerName) parts.push(`owner ${deal.ownerName}`);
  return parts.join(', ');
}

interface CardProps {
  deal: DealRow;
  stageId: string;
  today: string;
  stages: readonly BoardColumn[];
  onKeyMove(deal: DealRow, event: KeyboardEvent<HTMLButtonElement>): boolean;
  onMoveTo(deal: DealRow, stageId: string): void;
  onLose(deal: DealRow): void;
  clickBlocked(): boolean;
}

function SortableCard({
  deal,
  stageId,
  today,
  stages,
  onKeyMove,
  onMoveTo,
  onLose,
  clickBlocked,
}: CardProps) {
  const fmt = useFormat();
  const now = useNow(60_000);
  const ui = useUiStore();
  const actions = useDealActions();
  const { attributes, listeners, setNodeRef, setActivatorNodeRef, transform, transition, isDragging } =
    useSortable({ id: deal.id, data: { stageId } });
  const open = () => ui.getState().navigate(`deals/${deal.id}`);
  const entries: MenuEntry[] = [
    {
      id: 'open',
      label: 'Open',
      icon: <ExternalLink size={ICON.inline} strokeWidth={STROKE} />,
      onSelect: open,
    },
    {
      id: 'edit',
      label: 'Edit…',
      icon: <Pencil size={ICON.inline} strokeWidth={STROKE} />,
      onSelect: () => useSalesDialogs.getState().openDeal(deal.id),
    },
    { kind: 'separator', id: 's1' },
    { kind: 'heading', id: 'h', label: 'Move to' },
    ...stages.map((s) => ({
      id: `move-${s.stageId}`,
      label: s.name,
      checked: s.stageId === stageId,
      onSelect: () => {
        if (s.stageId !== stageId) onMoveTo(deal, s.stageId);
      },
    })),
    { kind: 'separator', id: 's2' },
    {
      id: 'win',
      label: 'Mark as won',
      icon: <Trophy size={ICON.inline} strokeWidth={STROKE} />,
      onSelect: () => void actions.win(deal),
    },
    {
      id: 'lose',
      label: 'Mark as lost…',
      icon: <ThumbsDown size={ICON.inline} strokeWidth={STROKE} />,
      onSelect: () => onLose(deal),
    },
    { kind: 'separator', id: 's3' },
    {
      id: 'trash',
      label: 'Move to Trash',
      tone: 'danger',
      icon: <Trash2 size={ICON.inline} strokeWidth={STROKE} />,
      onSelect: () => void actions.remove(deal),
    },
  ];
  return (
    <li
      ref={setNodeRef}
      className={`deal-card${isDragging ? ' deal-card--dragging' : ''}`}
      style={{ transform: CSS.Translate.toString(transform), transition }}
      data-deal-id={deal.id}
      {...listeners}
    >
      <button
        ref={setActivatorNodeRef}
        type="button"
        className="deal-card__main"
        {...attributes}
        aria-label={cardLabel(deal, fmt.moneyIn(deal.value, deal.currency), today, (d) => fmt.day(d, now))}
        aria-keyshortcuts="Space Alt+ArrowLeft Alt+ArrowRight Alt+ArrowUp Alt+ArrowDown"
        onKeyDown={(e) => {
          if (onKeyMove(deal, e)) {
            e.preventDefault();
            e.stopPropagation();
          }
        }}
        onClick={() => {
          if (!clickBlocked()) open();
        }}
      >
        <CardBody deal={deal} today={today} />
      </button>
      <Menu
        label={`Actions for ${deal.title}`}
        entries={entries}
        className="deal-card__menu"
        trigger={(props) => (
          <button
            {...props}
            type="button"
            className="btn btn--ghost btn--icon deal-card__more"
            aria-label={`Actions for ${deal.title}`}
            onPointerDown={(e) => e.stopPropagation()}
          >
            <Ellipsis size={ICON.inline} strokeWidth={STROKE} aria-hidden />
          </button>
        )}
      />
    </li>
  );
}

function ColumnBody({
  stageId,
  ids,
  children,
}: {
  stageId: string;
  ids: string[];
  children: React.ReactNode;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: stageId });
  return (
    <SortableContext id={stageId} items={ids} strategy={verticalListSortingStrategy}>
      <ul ref={setNodeRef} className={`board-col__cards${isOver ? ' board-col__cards--over' : ''}`}>
        {children}
        {ids.length === 0 ? (
          <li className="board-col__empty" aria-hidden>
            Drop a deal here
          </li>
        ) : null}
      </ul>
    </SortableContext>
  );
}

export function Board({ board, ownerId }: { board: BoardData; ownerId: string | undefined }) {
  const cache = useCache();
  const now = useNow(60_000);
  const today = isoDay(now);
  const actions = useDealActions();
  const [extra, setExtra] = useState<Record<string, Extra>>({});
  const [drag, setDrag] = useState<Order | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [losing, setLosing] = useState<DealRow | null>(null);
  const [announce, setAnnounce] = useState('');
  const focusId = useRef<string | null>(null);
  const blockClickUntil = useRef(0);
  const dragging = useRef(false);
  const dragStart = useRef<{ stageId: string; index: number } | null>(null);

  // Columns with their cards: the board's first ones and any loaded with "Show more".
  const columns = useMemo(
    () =>
      board.columns.map((c) => {
        const more = c.nextCursor ? (extra[c.stageId]?.rows ?? []) : [];
        const seen = new Set(c.deals.map((d) => d.id));
        return {
          ...c,
          cards: [...c.deals, ...more.filter((d) => !seen.has(d.id))],
          next: extra[c.stageId] ? extra[c.stageId]!.nextCursor : c.nextCursor,
        };
      }),
    [board, extra],
  );
  const byId = useMemo(
    () => new Map(columns.flatMap((c) => c.cards.map((d) => [d.id, d] as const))),
    [columns],
  );
  const order = drag ?? orderOf(columns);

  // After the board is read again, the extra cards are read again too (from the new cursor).
  const extraCounts = useRef<Record<string, number>>({});
  useEffect(() => {
    extraCounts.current = Object.fromEntries(Object.entries(extra).map(([k, v]) => [k, v.rows.length]));
  });
  useEffect(() => {
    let live = true;
    for (const c of board.columns) {
      const count = extraCounts.current[c.stageId];
      if (!count) continue;
      if (!c.nextCursor) continue;
      cache.client
        .call('deals.column', {
          stageId: c.stageId,
          cursor: c.nextCursor,
          limit: Math.min(500, count),
          ...(ownerId ? { ownerId } : {}),
        })
        .then(
          (page) =>
            live &&
            setExtra((x) => ({ ...x, [c.stageId]: { rows: page.rows, nextCursor: page.nextCursor } })),
        )
        .catch(() => {});
    }
    return () => {
      live = false;
    };
  }, [board, cache, ownerId]);

  // A card that moved to another column is a new element: give it the focus back.
  useEffect(() => {
    const id = focusId.current;
    if (!id) return;
    const el = document.querySelector<HTMLElement>(`[data-deal-id="${id}"] .deal-card__main`);
    if (!el) return;
    if (document.activeElement !== el) el.focus();
    focusId.current = null;
  }, [board]);

  function showMore(column: (typeof columns)[number]) {
    if (!column.next) return;
    cache.client
      .call('deals.column', {
        stageId: column.stageId,
        cursor: column.next,
        limit: MORE_PAGE,
        ...(ownerId ? { ownerId } : {}),
      })
      .then((page) =>
        setExtra((x) => ({
          ...x,
          [column.stageId]: {
            rows: [...(x[column.stageId]?.rows ?? []), ...page.rows],
            nextCursor: page.nextCursor,
          },
        })),
      )
      .catch(() => {});
  }

  const stageName = useCallback(
    (id: string) => board.columns.find((c) => c.stageId === id)?.name ?? '',
    [board],
  );

  async function send(deal: DealRow, stageId: string, list: string[]) {
    const at = list.indexOf(deal.id);
    const beforeId = list[at + 1];
    const afterId = list[at - 1];
    const moved = await actions.move(deal, stageId, beforeId ? { beforeId } : afterId ? { afterId } : {});
    if (moved) {
      setAnnounce(`Moved “${deal.title}” to ${stageName(stageId)}, position ${at + 1} of ${list.length}.`);
    }
    return moved;
  }

  /** Alt+arrows on a focused card. */
  function onKeyMove(deal: DealRow, event: KeyboardEvent<HTMLButtonElement>): boolean {
    // While a card is being dragged, the arrows belong to the drag.
    if (dragging.current || event.ctrlKey || event.metaKey || event.shiftKey) return false;
    const colIndex = columns.findIndex((c) => c.cards.some((d) => d.id === deal.id));
    const column = columns[colIndex];
    if (!column) return false;
    const ids = column.cards.map((d) => d.id);
    const at = ids.indexOf(deal.id);
    if (!event.altKey) {
      // Plain arrows go from card to card: up and down a column, across to the next one.
      let target: string | undefined;
      if (event.key === 'ArrowUp') target = ids[at - 1];
      else if (event.key === 'ArrowDown') target = ids[at + 1];
      else if (event.key === 'ArrowLeft' || event.key === 'ArrowRight') {
        const step = event.key === 'ArrowLeft' ? -1 : 1;
        for (let i = colIndex + step; i >= 0 && i < columns.length && !target; i += step) {
          const cards = columns[i]!.cards;
          target = cards[Math.min(at, cards.length - 1)]?.id;
        }
      } else return false;
      if (target) document.querySelector<HTMLElement>(`[data-deal-id="${target}"] .deal-card__main`)?.focus();
      return true;
    }
    focusId.current = deal.id;
    switch (event.key) {
      case 'ArrowLeft':
      case 'ArrowRight': {
        const target = columns[colIndex + (event.key === 'ArrowLeft' ? -1 : 1)];
        if (!target) return true;
        const list = [...target.cards.map((d) => d.id), deal.id];
        void send(deal, target.stageId, list);
        return true;
      }
      case 'ArrowUp':
      case 'ArrowDown': {
        const to = at + (event.key === 'ArrowUp' ? -1 : 1);
        if (to < 0 || to >= ids.length) return true;
        void send(deal, column.stageId, arrayMove(ids, at, to));
        return true;
      }
      default:
        return false;
    }
  }

  function containerOf(id: UniqueIdentifier, from: Order): string | null {
    const key = String(id);
    if (key in from) return key;
    return Object.keys(from).find((s) => from[s]!.includes(key)) ?? null;
  }

  function onDragStart(event: DragStartEvent) {
    const start = orderOf(columns);
    const id = String(event.active.id);
    const stageId = containerOf(id, start);
    dragStart.current = stageId ? { stageId, index: start[stageId]!.indexOf(id) } : null;
    setDrag(start);
    setActiveId(id);
    dragging.current = true;
  }

  function onDragOver({ active, over }: DragOverEvent) {
    if (!over) return;
    setDrag((current) => {
      if (!current) return current;
      const from = containerOf(active.id, current);
      const to = containerOf(over.id, current);
      if (!from || !to || from === to) return current;
      const id = String(active.id);
      const target = current[to]!.filter((x) => x !== id);
      const overIndex = target.indexOf(String(over.id));
      target.splice(overIndex >= 0 ? overIndex : target.length, 0, id);
      return { ...current, [from]: current[from]!.filter((x) => x !== id), [to]: target };
    });
  }

  function onDragEnd({ active, over }: DragEndEvent) {
    blockClickUntil.current = Date.now() + 250;
    dragging.current = false;
    setActiveId(null);
    const current = drag;
    const deal = byId.get(String(active.id));
    if (!over || !current || !deal) {
      setDrag(null);
      return;
    }
    const to = containerOf(over.id, current);
    if (!to) {
      setDrag(null);
      return;
    }
    let list = current[to]!;
    const oldIndex = list.indexOf(deal.id);
    const overIndex = list.indexOf(String(over.id));
    if (overIndex >= 0 && oldIndex >= 0 && overIndex !== oldIndex)
      list = arrayMove(list, oldIndex, overIndex);
    const start = dragStart.current;
    if (start && start.stageId === to && start.index === list.indexOf(deal.id)) {
      setDrag(null);
      return;
    }
    const settled = { ...current, [to]: list };
    setDrag(settled);
    focusId.current = null;
    void send(deal, to, list).finally(() => {
      // Keep the card where it was dropped until the board has been read again.
      void cache
        .fetch('deals.board', ownerId ? { ownerId, limit: 50 } : { limit: 50 })
        .finally(() => setDrag(null));
    });
  }

  const sensors = useSensors(
    useSensor(PointerSensor, { activationConstraint: { distance: 5 } }),
    useSensor(KeyboardSensor, {
      coordinateGetter: sortableKeyboardCoordinates,
      keyboardCodes: { start: ['Space'], cancel: ['Escape'], end: ['Space', 'Enter'] },
    }),
  );

  const titleOf = (id: UniqueIdentifier) => byId.get(String(id))?.title ?? 'The deal';
  const placeOf = (id: UniqueIdentifier | undefined) => {
    if (id === undefined || !drag) return '';
    const stage = containerOf(id, drag);
    return stage ? stageName(stage) : '';
  };
  const announcements: Announcements = {
    onDragStart: ({ active }) =>
      `Picked up “${titleOf(active.id)}”. Use the arrow keys to move it, Space to drop it, Escape to cancel.`,
    onDragOver: ({ active, over }) =>
      over
        ? `“${titleOf(active.id)}” is over ${placeOf(over.id)}.`
        : `“${titleOf(active.id)}” is not over a stage.`,
    onDragEnd: ({ active, over }) =>
      over ? `Dropped “${titleOf(active.id)}” in ${placeOf(over.id)}.` : `Put “${titleOf(active.id)}” back.`,
    onDragCancel: ({ active }) => `Cancelled. “${titleOf(active.id)}” is back where it was.`,
  };

  const active = activeId ? byId.get(activeId) : undefined;
  return (
    <>
      <DndContext
        sensors={sensors}
        collisionDetection={closestCorners}
        onDragStart={onDragStart}
        onDragOver={onDragOver}
        onDragEnd={onDragEnd}
        onDragCancel={() => {
          dragging.current = false;
          blockClickUntil.current = Date.now() + 250;
          setDrag(null);
          setActiveId(null);
        }}
        accessibility={{
          announcements,
          screenReaderInstructions: {
            draggable:
              'Press Space to pick the deal up, the arrow keys to move it, and Space again to drop it. Or press Alt with an arrow key to move it a stage or a place at once.',
          },
        }}
      >
        <div className="board" role="list" aria-label="Pipeline">
          {columns.map((column) => {
            const ids = order[column.stageId] ?? [];
            return (
              <section
                key={column.stageId}
                className="board-col"
                role="listitem"
                aria-labelledby={`col-${column.stageId}`}
              >
                <header className="board-col__head">
                  <div className="board-col__title">
                    <h2 id={`col-${column.stageId}`}>{column.name}</h2>
                    <span className="board-col__count num" aria-label={`${column.count} deals`}>
                      {column.count}
                    </span>
                    <span className="board-col__prob num" title="Probability of closing at this stage">
                      {percentText(column.probabilityBp)}
                    </span>
                    <button
                      type="button"
                      className="btn btn--ghost btn--icon board-col__add"
                      aria-label={`New deal in ${column.name}`}
                      onClick={() => useSalesDialogs.getState().openDeal(null, column.stageId)}
                    >
                      <Plus size={ICON.inline} strokeWidth={STROKE} aria-hidden />
                    </button>
                  </div>
                  <ColumnTotals column={column} />
                </header>
                <ColumnBody stageId={column.stageId} ids={ids}>
                  {ids.map((id) => {
                    const deal = byId.get(id);
                    return deal ? (
                      <SortableCard
                        key={id}
                        deal={deal}
                        stageId={column.stageId}
                        today={today}
                        stages={board.columns}
                        onKeyMove={onKeyMove}
                        onMoveTo={(d, s) => {
                          focusId.current = d.id;
                          const target = columns.find((c) => c.stageId === s);
                          void send(d, s, [...(target?.cards.map((x) => x.id) ?? []), d.id]);
                        }}
                        onLose={setLosing}
                        clickBlocked={() => Date.now() < blockClickUntil.current}
                      />
                    ) : null;
                  })}
                </ColumnBody>
                {column.next && column.count > column.cards.length ? (
                  <button type="button" className="board-col__more" onClick={() => showMore(column)}>
                    Show more ({column.count - column.cards.length} more)
                  </button>
                ) : null}
              </section>
            );
          })}
        </div>
        <DragOverlay dropAnimation={null}>
          {active ? (
            <div className="deal-card deal-card--overlay">
              <div className="deal-card__main">
                <CardBody deal={active} today={today} />
              </div>
            </div>
          ) : null}
        </DragOverlay>
      </DndContext>
      <div role="status" className="visually-hidden">
        {announce}
      </div>
      {losing ? <LoseDialog deal={losing} onClose={() => setLosing(null)} /> : null}
    </>
  );
}
