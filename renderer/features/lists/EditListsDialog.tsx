/**
 * Edit the call purposes and outcomes people choose from: rename, reorder, hide, add and remove
 * choices, and say which outcomes count as a conversation (they set "last contact").
 * Calls already logged keep the words they were logged with.
 */
import { useId, useState, type FormEvent } from 'react';
import { ArrowDown, ArrowUp, Plus, Trash2 } from 'lucide-react';
// The call lists only: consent purposes are edited from Settings › Privacy.
import type { CallListName as ListName, ListValue } from '../../../shared/domain/activity.ts';
import { AppError } from '../../../shared/api/errors.ts';
import { messageOf } from '../../api/errors.ts';
import { useCache, useQuery } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { Button } from '../../ui/Button.tsx';
import { DialogHeader } from '../../ui/DialogParts.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { FieldError } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { Segmented } from '../../ui/Segmented.tsx';
import { DelayedSpinner } from '../../ui/States.tsx';
import '../calls/calls.css';

interface Draft {
  key: number;
  value: string;
  active: boolean;
  connected: boolean;
}

const WORDS: Record<ListName, { one: string; title: string; hint: string }> = {
  call_purpose: {
    one: 'Purpose',
    title: 'Call purposes',
    hint: 'Why a call was made. Hidden choices stay on old calls but are not offered for new ones.',
  },
  call_outcome: {
    one: 'Outcome',
    title: 'Call outcomes',
    hint: 'How a call ended. Outcomes that count as a conversation set the contact’s “last contact”.',
  },
};

let nextKey = 1;
const toDrafts = (values: readonly ListValue[]): Draft[] =>
  [...values]
    .sort((a, b) => a.position - b.position)
    .map((v) => ({ key: nextKey++, value: v.value, active: v.active, connected: v.connected }));

function sameAs(drafts: Draft[], values: readonly ListValue[]): boolean {
  const sorted = [...values].sort((a, b) => a.position - b.position);
  return (
    drafts.length === sorted.length &&
    drafts.every(
      (d, i) =>
        d.value.trim() === sorted[i]!.value &&
        d.active === sorted[i]!.active &&
        d.connected === sorted[i]!.connected,
    )
  );
}

/** Errors the book gave for a list: per row ("values.2.value") and for the whole list. */
function listErrors(err: unknown): { rows: Record<number, string>; list: string } {
  const rows: Record<number, string> = {};
  let list = messageOf(err);
  const issues =
    err instanceof AppError
      ? (err.details as { issues?: { path: string; message: string }[] })?.issues
      : undefined;
  for (const issue of issues ?? []) {
    const m = /^values\.(\d+)/u.exec(issue.path);
    if (m) rows[Number(m[1])] ??= issue.message;
    else list = issue.message;
  }
  if (Object.keys(rows).length > 0 && !issues?.some((i) => !i.path.startsWith('values.'))) list = '';
  return { rows, list };
}

function ListEditor({
  list,
  drafts,
  onChange,
  errors,
}: {
  list: ListName;
  drafts: Draft[];
  onChange(next: Draft[]): void;
  errors: { rows: Record<number, string>; list: string } | null;
}) {
  const words = WORDS[list];
  const [adding, setAdding] = useState('');
  const id = useId();
  const update = (i: number, patch: Partial<Draft>) =>
    onChange(drafts.map((d, k) => (k === i ? { ...d, ...patch } : d)));
  const move = (i: number, by: number) => {
    const next = [...drafts];
    const [row] = next.splice(i, 1);
    next.splice(i + by, 0, row!);
    onChange(next);
  };
  function add(event: FormEvent) {
    event.preventDefault();
    const value = adding.trim();
    if (!value) return;
    onChange([...drafts, { key: nextKey++, value, active: true, connected: false }]);
    setAdding('');
  }

  return (
    <>
      <p className="field__hint">{words.hint}</p>
      <ul className="lists-editor__rows" aria-label={words.title}>
        {drafts.map((d, i) => (
          <li key={d.key} className={`lists-editor__row${d.active ? '' : ' lists-editor__row--hidden'}`}>
            <div className="field" style={{ flex: 1 }}>
              <input
                className="input"
                aria-label={`${words.one} ${i + 1}`}
                value={d.value}
                aria-invalid={errors?.rows[i] ? true : undefined}
                aria-describedby={errors?.rows[i] ? `${id}-e${i}` : undefined}
                onChange={(e) => update(i, { value: e.target.value })}
              />
              {errors?.rows[i] ? <FieldError id={`${id}-e${i}`} message={errors.rows[i]} /> : null}
            </div>
            {list === 'call_outcome' ? (
              <label className="check-label" title="A call with this outcome sets the contact’s last contact">
                <input
                  type="checkbox"
                  checked={d.connected}
                  onChange={(e) => update(i, { connected: e.target.checked })}
                />
                Conversation
              </label>
            ) : null}
            <label className="check-label">
              <input
                type="checkbox"
                checked={d.active}
                onChange={(e) => update(i, { active: e.target.checked })}
              />
              Offered
            </label>
            <Button
              variant="ghost"
              size="icon"
              aria-label={`Move ${d.value || 'this choice'} up`}
              disabled={i === 0}
              onClick={() => move(i, -1)}
              icon={<ArrowUp size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
            />
            <Button
              variant="ghost"
              size="icon"
              aria-label={`Move ${d.value || 'this choice'} down`}
              disabled={i === drafts.length - 1}
              onClick={() => move(i, 1)}
              icon={<ArrowDown size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
            />
            <Button
              variant="ghost"
              size="icon"
              aria-label={`Remove ${d.value || 'this choice'}`}
              onClick={() => onChange(drafts.filter((_, k) => k !== i))}
              icon={<Trash2 size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
            />
          </li>
        ))}
      </ul>
      {errors?.list ? <FieldError message={errors.list} /> : null}
      <div className="lists-editor__add" role="group" aria-label={`Add a ${words.one.toLowerCase()}`}>
        <input
          className="input"
          aria-label={`New ${words.one.toLowerCase()}`}
          placeholder={`New ${words.one.toLowerCase()}`}
          value={adding}
          onChange={(e) => setAdding(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') add(e);
          }}
        />
        <Button
          onClick={add}
          disabled={!adding.trim()}
          icon={<Plus size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
        >
          Add
        </Button>
      </div>
    </>
  );
}

function Editors({
  purposes,
  outcomes,
  onClose,
}: {
  purposes: ListValue[];
  outcomes: ListValue[];
  onClose(): void;
}) {
  const cache = useCache();
  const ui = useUiStore();
  const titleId = useId();
  const [tab, setTab] = useState<ListName>('call_purpose');
  const [drafts, setDrafts] = useState<Record<ListName, Draft[]>>(() => ({
    call_purpose: toDrafts(purposes),
    call_outcome: toDrafts(outcomes),
  }));
  const [errors, setErrors] = useState<
    Partial<Record<ListName, { rows: Record<number, string>; list: string }>>
  >({});
  const [saving, setSaving] = useState(false);
  const stored: Record<ListName, ListValue[]> = { call_purpose: purposes, call_outcome: outcomes };

  async function save(event?: FormEvent) {
    event?.preventDefault();
    setSaving(true);
    const found: typeof errors = {};
    for (const list of ['call_purpose', 'call_outcome'] as const) {
      if (sameAs(drafts[list], stored[list])) continue;
      try {
        await cache.mutate('lists.set', {
          list,
          values: drafts[list].map((d) => ({ value: d.value, active: d.active, connected: d.connected })),
        });
      } catch (err) {
        found[list] = listErrors(err);
      }
    }
    setSaving(false);
    setErrors(found);
    const failed = (Object.keys(found) as ListName[])[0];
    if (failed) {
      setTab(failed);
      return;
    }
    onClose();
    ui.getState().toast('The call lists are saved.');
  }

  return (
    <Dialog labelledBy={titleId} onClose={onClose} className="lists-editor">
      <form className="logcall__form" onSubmit={save} noValidate>
        <DialogHeader titleId={titleId} onClose={onClose}>
          Call purposes and outcomes
        </DialogHeader>
        <div className="dialog__body lists-editor__body">
          <Segmented<ListName>
            label="Which list"
            value={tab}
            onChange={setTab}
            options={[
              { value: 'call_purpose', label: `Purposes${errors.call_purpose ? ' (check)' : ''}` },
              { value: 'call_outcome', label: `Outcomes${errors.call_outcome ? ' (check)' : ''}` },
            ]}
          />
          <ListEditor
            key={tab}
            list={tab}
            drafts={drafts[tab]}
            errors={errors[tab] ?? null}
            onChange={(next) => setDrafts((d) => ({ ...d, [tab]: next }))}
          />
        </div>
        <div className="dialog__footer">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={saving}>
            Save lists
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

export function EditListsDialog({ onClose }: { onClose(): void }) {
  const purposes = useQuery('lists.get', { list: 'call_purpose' });
  const outcomes = useQuery('lists.get', { list: 'call_outcome' });
  if (!purposes.data || !outcomes.data) {
    const error = purposes.error ?? outcomes.error;
    return (
      <Dialog label="Call purposes and outcomes" onClose={onClose} className="lists-editor">
        <div className="dialog__body lists-editor__body">
          {error ? <FieldError message={error.message} /> : <DelayedSpinner label="Loading the lists…" />}
        </div>
      </Dialog>
    );
  }
  return <Editors purposes={purposes.data} outcomes={outcomes.data} onClose={onClose} />;
}
