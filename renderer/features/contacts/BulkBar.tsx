/** Bulk actions on the selected people: tag, owner, stage, delete — each with an Undo note. */
import { useId, useState, type FormEvent } from 'react';
import { ChartNoAxesColumn, Tag as TagIcon, Trash2, UserRound, X } from 'lucide-react';
import type { PeopleFilterInput } from '../../../shared/api/requests/contacts.requests.ts';
import { STAGES, STAGE_LABELS, type Stage } from '../../../shared/domain/people.ts';
import type { Staff } from '../../../shared/domain/staff.ts';
import { formErrors, messageOf } from '../../api/errors.ts';
import { useCache, useQuery } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { FieldError } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { Menu, type MenuEntry } from '../../ui/Menu.tsx';
import { plural, undoBatchToast } from './common.tsx';

export type BulkTarget = { ids: string[] } | { filter: PeopleFilterInput };

type Action =
  | { type: 'tag'; tag: string }
  | { type: 'untag'; tag: string }
  | { type: 'owner'; ownerId: string | null }
  | { type: 'stage'; stage: Stage }
  | { type: 'delete' };

function TagDialog({
  count,
  onClose,
  onApply,
}: {
  count: number;
  onClose(): void;
  onApply(action: Action): Promise<void>;
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
            Tag {plural(count, 'person', 'people')}
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
  const cache = useCache();
  const ui = useUiStore();
  const [tagging, setTagging] = useState(false);
  const [busy, setBusy] = useState(false);
  const who = plural(count, 'person', 'people');

  async function run(action: Action) {
    setBusy(true);
    try {
      const result = await cache.mutate('people.bulk', {
        target,
        action,
        ...('filter' in target ? { now } : {}),
      });
      const n = plural(result.count, 'person', 'people');
      const message =
        action.type === 'tag'
          ? `Tagged ${n} “${action.tag}”.`
          : action.type === 'untag'
            ? `Removed “${action.tag}” from ${n}.`
            : action.type === 'owner'
              ? action.ownerId
                ? `${staff.find((s) => s.id === action.ownerId)?.name ?? 'The new owner'} now owns ${n}.`
                : `${n} now have no owner.`
              : action.type === 'stage'
                ? `Moved ${n} to ${STAGE_LABELS[action.stage]}.`
                : `Moved ${n} to the Trash.`;
      undoBatchToast(
        cache,
        ui,
        message,
        result.batchId,
        action.type === 'delete' ? `Restored ${n}.` : 'Undone.',
      );
      onDone();
    } finally {
      setBusy(false);
    }
  }

  function runOrSay(action: Action) {
    run(action).catch((err: unknown) => ui.getState().toast(messageOf(err), 'error'));
  }

  const ownerEntries: MenuEntry[] = [
    ...staff.map((s) => ({
      id: s.id,
      label: s.name,
      onSelect: () => runOrSay({ type: 'owner', ownerId: s.id }),
    })),
    { kind: 'separator' as const, id: 'sep' },
    { id: 'none', label: 'No owner', onSelect: () => runOrSay({ type: 'owner', ownerId: null }) },
  ];
  const stageEntries: MenuEntry[] = STAGES.map((s) => ({
    id: s,
    label: STAGE_LABELS[s],
    onSelect: () => runOrSay({ type: 'stage', stage: s }),
  }));
  const icon = (Icon: typeof TagIcon) => <Icon size={ICON.inline} strokeWidth={STROKE} aria-hidden />;

  return (
    <div className="bulk-bar" role="toolbar" aria-label={`Actions for ${who}`} aria-busy={busy || undefined}>
      <span className="bulk-bar__count num" aria-live="polite">
        {count.toLocaleString()} selected
      </span>
      <span className="bulk-bar__sep" aria-hidden />
      <Button variant="ghost" icon={icon(TagIcon)} onClick={() => setTagging(true)} disabled={busy}>
        Tag…
      </Button>
      <Menu
        label="Set owner"
        entries={ownerEntries}
        placement="bottom-start"
        trigger={(props) => (
          <button type="button" className="btn btn--ghost" disabled={busy} {...props}>
            {icon(UserRound)}
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
            {icon(ChartNoAxesColumn)}
            Set stage
          </button>
        )}
      />
      <Button
        variant="ghost"
        className="btn--danger"
        icon={icon(Trash2)}
        disabled={busy}
        onClick={() => runOrSay({ type: 'delete' })}
      >
        Delete
      </Button>
      <span className="filter-bar__spacer" />
      <Button variant="ghost" icon={icon(X)} onClick={onClear}>
        Clear selection
      </Button>
      {tagging ? <TagDialog count={count} onClose={() => setTagging(false)} onApply={run} /> : null}
    </div>
  );
}
