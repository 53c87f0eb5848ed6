/**
 * Edit what people are asked to agree to (the consent purposes): rename, reorder, hide, add and
 * remove. A purpose someone has already answered about is kept, hidden, with its history.
 */
import { useId, useState, type FormEvent } from 'react';
import { ArrowDown, ArrowUp, Plus, Trash2 } from 'lucide-react';
import type { ListValue } from '../../../shared/domain/activity.ts';
import { AppError } from '../../../shared/api/errors.ts';
import { messageOf } from '../../api/errors.ts';
import { useCache, useQuery } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { DialogHeader } from '../../ui/DialogParts.tsx';
import { FieldError } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { DelayedSpinner } from '../../ui/States.tsx';
import './privacy.css';

interface Draft {
  key: number;
  value: string;
  active: boolean;
}

let nextKey = 1;

function Editor({ values, onClose }: { values: ListValue[]; onClose(): void }) {
  const id = useId();
  const cache = useCache();
  const ui = useUiStore();
  const [drafts, setDrafts] = useState<Draft[]>(() =>
    [...values]
      .sort((a, b) => a.position - b.position)
      .map((v) => ({ key: nextKey++, value: v.value, active: v.active })),
  );
  const [adding, setAdding] = useState('');
  const [rowErrors, setRowErrors] = useState<Record<number, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const update = (i: number, patch: Partial<Draft>) =>
    setDrafts((d) => d.map((x, k) => (k === i ? { ...x, ...patch } : x)));
  const move = (i: number, by: number) =>
    setDrafts((d) => {
      const next = [...d];
      const [row] = next.splice(i, 1);
      next.splice(i + by, 0, row!);
      return next;
    });
  function add(event: FormEvent) {
    event.preventDefault();
    const value = adding.trim();
    if (!value) return;
    setDrafts((d) => [...d, { key: nextKey++, value, active: true }]);
    setAdding('');
  }

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setRowErrors({});
    setError(null);
    try {
      await cache.mutate('lists.set', {
        list: 'consent_purpose',
        values: drafts.map((d) => ({ value: d.value, active: d.active })),
      });
      onClose();
      ui.getState().toast('The consent purposes are saved.');
    } catch (err) {
      setSaving(false);
      const rows: Record<number, string> = {};
      const issues =
        err instanceof AppError
          ? (err.details as { issues?: { path: string; message: string }[] })?.issues
          : undefined;
      let other: string | null = null;
      for (const issue of issues ?? []) {
        const m = /^values\.(\d+)/u.exec(issue.path);
        if (m) rows[Number(m[1])] ??= issue.message;
        else other ??= issue.message;
      }
      setRowErrors(rows);
      setError(Object.keys(rows).length > 0 ? other : (other ?? messageOf(err)));
    }
  }

  return (
    <Dialog labelledBy={`${id}-title`} onClose={onClose} className="purposes-dialog">
      <form className="purposes__form" onSubmit={(e) => void save(e)} noValidate>
        <DialogHeader titleId={`${id}-title`} onClose={onClose}>
          Consent purposes
        </DialogHeader>
        <div className="dialog__body purposes__body">
          <p className="field__hint">
            What you ask people to agree to. A purpose that is not offered stays on the answers already
            recorded, but is not offered for new ones.
          </p>
          <ul className="purposes__rows" aria-label="Consent purposes">
            {drafts.map((d, i) => (
              <li key={d.key} className={`purposes__row${d.active ? '' : ' purposes__row--hidden'}`}>
                <div className="field purposes__value">
                  <input
                    className="input"
                    aria-label={`Purpose ${i + 1}`}
                    value={d.value}
                    maxLength={60}
                    aria-invalid={rowErrors[i] ? true : undefined}
                    onChange={(e) => update(i, { value: e.target.value })}
                  />
                  {rowErrors[i] ? <FieldError message={rowErrors[i]} /> : null}
                </div>
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
                  aria-label={`Move ${d.value || 'this purpose'} up`}
                  disabled={i === 0}
                  onClick={() => move(i, -1)}
                  icon={<ArrowUp size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
                />
                <Button
                  variant="ghost"
                  size="icon"
                  aria-label={`Move ${d.value || 'this purpose'} down`}
                  disabled={i === drafts.length - 1}
                  onClick={() => move(i, 1)}
                  icon={<ArrowDown size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
                />
                <Button
                  variant="ghost"
                  size="icon"
                  aria-label={`Remove ${d.value || 'this purpose'}`}
                  onClick={() => setDrafts((all) => all.filter((_, k) => k !== i))}
                  icon={<Trash2 size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
                />
              </li>
            ))}
          </ul>
          <div className="purposes__add" role="group" aria-label="Add a purpose">
            <input
              className="input"
              aria-label="New purpose"
              placeholder="New purpose, e.g. Event invitations"
              maxLength={60}
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
          {error ? <FieldError message={error} /> : null}
        </div>
        <div className="dialog__footer">
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={saving}>
            Save purposes
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

export function ConsentPurposesDialog({ onClose }: { onClose(): void }) {
  const list = useQuery('lists.get', { list: 'consent_purpose' });
  if (!list.data) {
    return (
      <Dialog label="Consent purposes" onClose={onClose} className="purposes-dialog">
        <div className="dialog__body purposes__body">
          {list.error ? (
            <FieldError message={list.error.message} />
          ) : (
            <DelayedSpinner label="Loading the purposes…" />
          )}
        </div>
      </Dialog>
    );
  }
  return <Editor values={list.data} onClose={onClose} />;
}
