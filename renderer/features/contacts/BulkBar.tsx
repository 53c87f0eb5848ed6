/**
 * Bulk actions on a list's selection, each with an Undo note. The pieces every list shares (the
 * selection itself, the bar, the tag dialog, running an action) come first; the people's bar
 * (tag, owner, stage, delete) is built from them, and so is the companies' bar.
 */
import { useId, useState, type FormEvent, type ReactNode } from 'react';
import { ChartNoAxesColumn, Contact, Tag as TagIcon, Trash2, UserRound, X } from 'lucide-react';
import type { PeopleFilterInput } from '../../../shared/api/requests/contacts.requests.ts';
import { STAGES, STAGE_LABELS, type BatchResult, type Stage } from '../../../shared/domain/people.ts';
import type { Staff } from '../../../shared/domain/staff.ts';
import { formErrors, messageOf, toneOf } from '../../api/errors.ts';
import { useCache, useQuery } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { Button } from '../../ui/Button.tsx';
import type { GridSelection } from '../../ui/DataGrid.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { FieldError } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { Menu, type MenuEntry } from '../../ui/Menu.tsx';
import { plural, undoBatchToast } from './common.tsx';
import { VCardDialog } from '../export/VCardDialog.tsx';

/** What the selected things are called: "1 person", "3 people". */
export interface Noun {
  one: string;
  many: string;
}
const PEOPLE: Noun = { one: 'person', many: 'people' };
const say = (n: number, noun: Noun) => plural(n, noun.one, noun.many);

export const bulkIcon = (Icon: typeof TagIcon) => (
  <Icon size={ICON.inline} strokeWidth={STROKE} aria-hidden />
);

/**
 * A list's selection: rows picked one by one (checkbox, Ctrl/⌘-click, Space), a range (Shift),
 * or every row matching the list's filter (the header box, Ctrl/⌘+A). It is cleared when
 * `resetKey` (the filter) changes, since the rows picked may no longer be listed.
 */
export function useListSelection(
  loadedRows: () => { index: number; row: { id: string } }[],
  resetKey: string,
) {
  interface Picked {
    all: boolean;
    ids: Set<string>;
    anchor: number | null;
  }
  const none: Picked = { all: false, ids: new Set(), anchor: null };
  const [state, setState] = useState<{ key: string; picked: Picked }>({ key: resetKey, picked: none });
  const picked = state.key === resetKey ? state.picked : none;
  const update = (fn: (p: Picked) => Picked) =>
    setState((s) => ({ key: resetKey, picked: fn(s.key === resetKey ? s.picked : none) }));

  const grid: GridSelection = {
    isSelected: (_i, id) => picked.all || picked.ids.has(id),
    toggle(index, id, range) {
      update((p) => {
        const ids = p.all ? new Set(loadedRows().map((r) => r.row.id)) : new Set(p.ids);
        if (range && p.anchor !== null) {
          const [a, b] = p.anchor < index ? [p.anchor, index] : [index, p.anchor];
          for (const { index: i, row } of loadedRows()) if (i >= a && i <= b) ids.add(row.id);
          return { all: false, ids, anchor: p.anchor };
        }
        if (ids.has(id)) ids.delete(id);
        else ids.add(id);
        return { all: false, ids, anchor: index };
      });
    },
    header: picked.all ? 'all' : picked.ids.size > 0 ? 'some' : 'none',
    toggleAll() {
      update((p) => (p.all || p.ids.size > 0 ? none : { all: true, ids: new Set(), anchor: null }));
    },
  };
  return {
    grid,
    /** Every row matching the filter is selected (the count is then the list's total). */
    all: picked.all,
    ids: picked.ids,
    clear: () => update(() => none),
    /** What a bulk request acts on: the ids picked, or everything the filter matches. */
    target: <F,>(filter: F): { ids: string[] } | { filter: F } =>
      picked.all ? { filter } : { ids: [...picked.ids] },
  };
}

/**
 * Runs one bulk request: while it runs the bar is busy; then an "Undo" note names what was done,
 * and the selection is cleared. A refusal is said in an error note.
 */
export function useBulkRun(onDone: () => void) {
  const cache = useCache();
  const ui = useUiStore();
  const [busy, setBusy] = useState(false);

  async function run(
    send: () => Promise<BatchResult>,
    done: (count: number) => { message: string; undone?: string },
  ): Promise<void> {
    setBusy(true);
    try {
      const result = await send();
      const { message, undone } = done(result.count);
      undoBatchToast(cache, ui, message, result.batchId, undone);
      onDone();
    } finally {
      setBusy(false);
    }
  }

  /** For menus and buttons, which have nowhere to show an error: say it in a note. */
  function runOrSay(...args: Parameters<typeof run>) {
    run(...args).catch((err: unknown) => ui.getState().toast(messageOf(err), toneOf(err)));
  }

  return { cache, busy, run, runOrSay };
}

export type TagAction = { type: 'tag' | 'untag'; tag: string };

/** Adds a tag to the selection, or removes one ("Remove tag"). */
export function TagDialog({
  count,
  noun = PEOPLE,
  onClose,
  onApply,
}: {
  count: number;
  noun?: Noun;
  onClose(): void;
  onApply(action: TagAction): Promise<void>;
}) {
  const id = useId();
  const tags = useQuery('tags.list', {}).data ?? [];
  const [tag, setTag] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function apply(type: 'tag' | 'untag', event?: FormEvent) {
    event?.preventDefault();
    setBusy(true);
    try {
      await onApply({ type, tag: tag.trim() });
      onClose();
    } catch (err) {
      const e = formErrors(err, ['action.tag']);
      setError(e.fields['action.tag'] ?? e.form);
      setBusy(false);
    }
  }

  return (
    <Dialog labelledBy={`${id}-title`} onClose={onClose} className="dialog--narrow">
      <form onSubmit={(e) => void apply('tag', e)} noValidate>
        <div className="dialog__header">
          <h2 className="dialog__title" id={`${id}-title`}>
            Tag {say(count, noun)}
          </h2>
        </div>
        <div className="dialog__body">
          <div className="field">
            <label className="field__label" htmlFor={`${id}-tag`}>
              Tag
            </label>
            <input
              id={`${id}-tag`}
              className="input"
              list={`${id}-tags`}
              value={tag}
              autoFocus
              placeholder="VIP"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : undefined}
              onChange={(e) => {
                setTag(e.target.value);
                setError(null);
              }}
            />
            <datalist id={`${id}-tags`}>
              {tags.map((t) => (
                <option key={t.id} value={t.name} />
              ))}
            </datalist>
            {error ? <FieldError id={`${id}-error`} message={error} /> : null}
          </div>
        </div>
        <div className="dialog__footer">
          <Button onClick={() => void apply('untag')} disabled={busy || !tag.trim()}>
            Remove tag
          </Button>
          <span className="dialog__footer-spacer" />
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={busy}>
            Add tag
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

/** What a tag action says once done. */
export function tagDone(action: TagAction, n: string): string {
  return action.type === 'tag' ? `Tagged ${n} “${action.tag}”.` : `Removed “${action.tag}” from ${n}.`;
}

/** The bar that stands in for a list's filters while rows are selected: the count, actions, clear. */
export function BulkBarFrame({
  count,
  noun,
  busy,
  onClear,
  children,
}: {
  count: number;
  noun: Noun;
  busy: boolean;
  onClear(): void;
  children: ReactNode;
}) {
  return (
    <div
      className="bulk-bar"
      role="toolbar"
      aria-label={`Actions for ${say(count, noun)}`}
      aria-busy={busy || undefined}
    >
      <span className="bulk-bar__count num" aria-live="polite">
        {count.toLocaleString()} selected
      </span>
      <span className="bulk-bar__sep" aria-hidden />
      {children}
      <span className="filter-bar__spacer" />
      <Button variant="ghost" icon={bulkIcon(X)} onClick={onClear}>
        Clear selection
      </Button>
    </div>
  );
}

export type BulkTarget = { ids: string[] } | { filter: PeopleFilterInput };

type Action =
  | TagAction
  | { type: 'owner'; ownerId: string | null }
  | { type: 'stage'; stage: Stage }
  | { type: 'delete' };

/** Bulk actions on the selected people: tag, owner, stage, delete. */
export function BulkBar({
  count,
  target,
  now,
  staff,
  onDone,
  onClear,
}: {
  count: number;
  target: BulkTarget;
  /** The end of the user's day, for a filter target's "call due" and "not contacted". */
  now: number;
  staff: Staff[];
  onDone(): void;
  onClear(): void;
}) {
  const { cache, busy, run, runOrSay } = useBulkRun(onDone);
  const [tagging, setTagging] = useState(false);
  const [exportingVCards, setExportingVCards] = useState(false);

  const send = (action: Action) =>
    cache.mutate('people.bulk', { target, action, ...('filter' in target ? { now } : {}) });
  const done = (action: Action) => (count: number) => {
    const n = say(count, PEOPLE);
    switch (action.type) {
      case 'tag':
      case 'untag':
        return { message: tagDone(action, n) };
      case 'owner':
        return {
          message: action.ownerId
            ? `${staff.find((s) => s.id === action.ownerId)?.name ?? 'The new owner'} now owns ${n}.`
            : `${n} now have no owner.`,
        };
      case 'stage':
        return { message: `Moved ${n} to ${STAGE_LABELS[action.stage]}.` };
      case 'delete':
        return { message: `Moved ${n} to the Trash.`, undone: `Restored ${n}.` };
    }
  };
  const act = (action: Action) => runOrSay(() => send(action), done(action));

  const ownerEntries: MenuEntry[] = [
    ...staff.map((s) => ({
      id: s.id,
      label: s.name,
      onSelect: () => act({ type: 'owner', ownerId: s.id }),
    })),
    { kind: 'separator' as const, id: 'sep' },
    { id: 'none', label: 'No owner', onSelect: () => act({ type: 'owner', ownerId: null }) },
  ];
  const stageEntries: MenuEntry[] = STAGES.map((s) => ({
    id: s,
    label: STAGE_LABELS[s],
    onSelect: () => act({ type: 'stage', stage: s }),
  }));

  return (
    <BulkBarFrame count={count} noun={PEOPLE} busy={busy} onClear={onClear}>
      <Button variant="ghost" icon={bulkIcon(TagIcon)} onClick={() => setTagging(true)} disabled={busy}>
        Tag…
      </Button>
      <Menu
        label="Set owner"
        entries={ownerEntries}
        placement="bottom-start"
        trigger={(props) => (
          <button type="button" className="btn btn--ghost" disabled={busy} {...props}>
            {bulkIcon(UserRound)}
            Set owner
          </button>
        )}
      />
      <Menu
        label="Set stage"
        entries={stageEntries}
        placement="bottom-start"
        trigger={(props) => (
          <button type="button" className="btn btn--ghost" disabled={busy} {...props}>
            {bulkIcon(ChartNoAxesColumn)}
            Set stage
          </button>
        )}
      />
      {'ids' in target ? (
        // Rows picked one by one; "every row of the filter" exports from the header's Export… instead.
        <Button
          variant="ghost"
          icon={bulkIcon(Contact)}
          disabled={busy}
          onClick={() => setExportingVCards(true)}
        >
          Export vCards…
        </Button>
      ) : null}
      <Button
        variant="ghost"
        className="btn--danger"
        icon={bulkIcon(Trash2)}
        disabled={busy}
        onClick={() => act({ type: 'delete' })}
      >
        Delete
      </Button>
      {exportingVCards && 'ids' in target ? (
        <VCardDialog ids={target.ids} onClose={() => setExportingVCards(false)} />
      ) : null}
      {tagging ? (
        <TagDialog
          count={count}
          onClose={() => setTagging(false)}
          onApply={(action) => run(() => send(action), done(action))}
        />
      ) : null}
    </BulkBarFrame>
  );
}
