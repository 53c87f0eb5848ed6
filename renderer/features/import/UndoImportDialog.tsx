/** "Undo import", asked first: what will happen to the people the import added and changed. */
import { useId, useRef, useState } from 'react';
import type { ImportCounts } from '../../../shared/domain/transfer.ts';
import { messageOf } from '../../api/errors.ts';
import { useCache } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { FieldError } from '../../ui/Field.tsx';
import { plural } from './import-words.ts';

export interface UndoTarget extends Pick<ImportCounts, 'created' | 'updated' | 'companiesCreated'> {
  batchId: string;
  fileName: string;
}

/** The sentence that says what undoing does. */
export function undoText(t: UndoTarget): string {
  const parts: string[] = [];
  if (t.created > 0) {
    parts.push(
      `The ${plural(t.created, 'person', 'people')} it added ${t.created === 1 ? 'is' : 'are'} removed${
        t.companiesCreated > 0
          ? `, with the ${plural(t.companiesCreated, 'company', 'companies')} it added for them`
          : ''
      }`,
    );
  }
  if (t.updated > 0) {
    parts.push(
      `the ${plural(t.updated, 'person', 'people')} it changed ${t.updated === 1 ? 'is' : 'are'} put back as they were`,
    );
  }
  const first = parts.length > 0 ? parts.join(', and ') : 'Everything it changed is put back';
  const lead = first.charAt(0).toUpperCase() + first.slice(1);
  return `${lead}. Anyone it added who has since had a call or an order logged is moved to the Trash instead, so nothing about them is lost.`;
}

export function UndoImportDialog({
  target,
  onClose,
  onUndone,
}: {
  target: UndoTarget;
  onClose(): void;
  onUndone?(): void;
}) {
  const cache = useCache();
  const ui = useUiStore();
  const id = useId();
  const cancel = useRef<HTMLButtonElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function undo() {
    setBusy(true);
    setError(null);
    try {
      await cache.mutate('batches.undo', { batchId: target.batchId });
      ui.getState().toast(`Undid the import of ${target.fileName}.`);
      onUndone?.();
      onClose();
    } catch (err) {
      setBusy(false);
      setError(messageOf(err));
    }
  }

  return (
    <Dialog
      labelledBy={`${id}-t`}
      describedBy={`${id}-d`}
      onClose={() => {
        if (!busy) onClose();
      }}
      initialFocus={cancel}
      className="dialog--narrow"
    >
      <div className="dialog__header">
        <h2 className="dialog__title" id={`${id}-t`}>
          Undo the import of {target.fileName}?
        </h2>
      </div>
      <div className="dialog__body">
        <p id={`${id}-d`} className="confirm__text">
          {undoText(target)}
        </p>
        {error ? (
          <div role="alert" className="import-undo__error">
            <FieldError message={error} />
          </div>
        ) : null}
      </div>
      <div className="dialog__footer">
        <button ref={cancel} type="button" className="btn" onClick={onClose} disabled={busy}>
          Cancel
        </button>
        <Button variant="primary" disabled={busy} onClick={() => void undo()}>
          {busy ? 'Undoing…' : 'Undo import'}
        </Button>
      </div>
    </Dialog>
  );
}
