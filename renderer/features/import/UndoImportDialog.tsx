/** "Undo import", asked first: what will happen to what the import added and changed. */
import type { ImportKind } from '../../../shared/domain/import-kinds.ts';
import type { ImportCounts } from '../../../shared/domain/transfer.ts';
import { useCache } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { ConfirmDialog, useConfirmAction } from '../../ui/ConfirmDialog.tsx';
import { kindCount, plural } from './import-words.ts';

export interface UndoTarget extends Pick<
  ImportCounts,
  'created' | 'updated' | 'companiesCreated' | 'categoriesCreated'
> {
  batchId: string;
  fileName: string;
  kind: ImportKind;
}

/** What happens to records the import added that have been used since, per kind. */
const KEPT_WORDS: Partial<Record<ImportKind, string>> = {
  people:
    'Anyone it added who has since had a call or an order logged is moved to the Trash instead, so nothing about them is lost.',
  companies:
    'Any company it added that has since had a call or an order logged is moved to the Trash instead, so nothing about it is lost.',
  products:
    'Any product it added that has since been put on an order, a deal or a case is moved to the Trash instead, so nothing about it is lost.',
  orders:
    'Any order it added that a deal or a case has since been linked to is moved to the Trash instead, so nothing about it is lost.',
};

/** The sentence that says what undoing does. */
export function undoText(t: UndoTarget): string {
  const is = (n: number) => (n === 1 ? 'is' : 'are');
  const made = [
    t.companiesCreated > 0 ? plural(t.companiesCreated, 'company', 'companies') : null,
    t.categoriesCreated > 0 ? plural(t.categoriesCreated, 'category', 'categories') : null,
  ].filter((m): m is string => m !== null);
  const parts: string[] = [];
  if (t.created > 0) {
    const also = made.length > 0 ? `, with the ${made.join(' and the ')} it added for them` : '';
    parts.push(`The ${kindCount(t.kind, t.created)} it added ${is(t.created)} removed${also}`);
  } else if (made.length > 0) {
    parts.push(
      `The ${made.join(' and the ')} it added ${is(t.companiesCreated + t.categoriesCreated)} removed`,
    );
  }
  if (t.updated > 0) {
    parts.push(
      `the ${kindCount(t.kind, t.updated)} it changed ${is(t.updated)} put back as ${t.updated === 1 && t.kind !== 'people' ? 'it was' : 'they were'}`,
    );
  }
  const first = parts.length > 0 ? parts.join(', and ') : 'Everything it changed is put back';
  const lead = first.charAt(0).toUpperCase() + first.slice(1);
  const kept = KEPT_WORDS[t.kind];
  return kept ? `${lead}. ${kept}` : `${lead}.`;
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
  const { busy, error, run } = useConfirmAction();

  const undo = () =>
    run(async () => {
      await cache.mutate('batches.undo', { batchId: target.batchId });
      ui.getState().toast(`Undid the import of ${target.fileName}.`);
      onUndone?.();
      onClose();
    });

  return (
    <ConfirmDialog
      title={`Undo the import of ${target.fileName}?`}
      text={undoText(target)}
      confirmLabel="Undo import"
      busyLabel="Undoing…"
      busy={busy}
      error={error}
      onConfirm={() => void undo()}
      onClose={onClose}
      errorClassName="import-undo__error"
    />
  );
}
