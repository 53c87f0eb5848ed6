/**
 * Edit the call purposes and outcomes people choose from: rename, reorder, hide, add and remove
 * choices, and say which outcomes count as a conversation (they set "last contact").
 * Calls already logged keep the words they were logged with.
 */
import { useId, useState, type FormEvent } from 'react';
// The call lists only: consent purposes are edited from Settings › Privacy.
import type { CallListName as ListName, ListValue } from '../../../shared/domain/activity.ts';
import { useCache, useQuery } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { Button } from '../../ui/Button.tsx';
import { DialogHeader } from '../../ui/DialogParts.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { FieldError } from '../../ui/Field.tsx';
import { Segmented } from '../../ui/Segmented.tsx';
import { DelayedSpinner } from '../../ui/States.tsx';
import { ValueListEditor } from '../../ui/ValueListEditor.tsx';
import {
  listErrors,
  newDraft,
  sameAs,
  toDrafts,
  toValues,
  type ListDraft,
  type ListErrors,
} from './list-drafts.ts';
import '../calls/calls.css';

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

const CLASSES = {
  rows: 'lists-editor__rows',
  row: 'lists-editor__row',
  hidden: 'lists-editor__row--hidden',
  add: 'lists-editor__add',
};

function ListEditor({
  list,
  drafts,
  onChange,
  errors,
}: {
  list: ListName;
  drafts: ListDraft[];
  onChange(next: ListDraft[]): void;
  errors: ListErrors | null;
}) {
  const words = WORDS[list];
  return (
    <>
      <p className="field__hint">{words.hint}</p>
      <ValueListEditor
        rows={drafts}
        onChange={onChange}
        newRow={newDraft}
        label={words.title}
        one={words.one}
        unnamed="this choice"
        classes={CLASSES}
        errors={errors?.rows}
        error={errors?.list}
        offerable
        extra={(d, change) =>
          list === 'call_outcome' ? (
            <label className="check-label" title="A call with this outcome sets the contact’s last contact">
              <input
                type="checkbox"
                checked={d.connected}
                onChange={(e) => change({ ...d, connected: e.target.checked })}
              />
              Conversation
            </label>
          ) : null
        }
      />
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
  const [drafts, setDrafts] = useState<Record<ListName, ListDraft[]>>(() => ({
    call_purpose: toDrafts(purposes),
    call_outcome: toDrafts(outcomes),
  }));
  const [errors, setErrors] = useState<Partial<Record<ListName, ListErrors>>>({});
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
          values: toValues(drafts[list]),
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
