/**
 * Edit what people are asked to agree to (the consent purposes): rename, reorder, hide, add and
 * remove. A purpose someone has already answered about is kept, hidden, with its history.
 */
import { useId, useState, type FormEvent } from 'react';
import type { ListValue } from '../../../shared/domain/activity.ts';
import { useCache, useQuery } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { DialogHeader } from '../../ui/DialogParts.tsx';
import { FieldError } from '../../ui/Field.tsx';
import { DelayedSpinner } from '../../ui/States.tsx';
import { ValueListEditor } from '../../ui/ValueListEditor.tsx';
import { listErrors, newDraft, toDrafts, toValues, type ListErrors } from '../lists/list-drafts.ts';
import './privacy.css';

const CLASSES = {
  rows: 'purposes__rows',
  row: 'purposes__row',
  hidden: 'purposes__row--hidden',
  value: 'purposes__value',
  add: 'purposes__add',
};

function Editor({ values, onClose }: { values: ListValue[]; onClose(): void }) {
  const id = useId();
  const cache = useCache();
  const ui = useUiStore();
  const [drafts, setDrafts] = useState(() => toDrafts(values));
  const [errors, setErrors] = useState<ListErrors | null>(null);
  const [saving, setSaving] = useState(false);

  async function save(event: FormEvent) {
    event.preventDefault();
    setSaving(true);
    setErrors(null);
    try {
      await cache.mutate('lists.set', { list: 'consent_purpose', values: toValues(drafts) });
      onClose();
      ui.getState().toast('The consent purposes are saved.');
    } catch (err) {
      setSaving(false);
      setErrors(listErrors(err));
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
          <ValueListEditor
            rows={drafts}
            onChange={setDrafts}
            newRow={newDraft}
            label="Consent purposes"
            one="Purpose"
            unnamed="this purpose"
            classes={CLASSES}
            errors={errors?.rows}
            offerable
            maxLength={60}
            placeholder="New purpose, e.g. Event invitations"
          />
          {errors?.list ? <FieldError message={errors.list} /> : null}
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
