/**
 * "Read back an export": a zip made with Export everything fills this book again — the way to
 * move to another computer. Only an empty book takes one (the backend refuses otherwise, and
 * says why), so it is offered on the first-run screen and beside Export everything. The file is
 * chosen with the desktop's Open dialog, or uploaded in the browser preview; it is read in one
 * job whose card shows its progress, and a cancel or a damaged file leaves the book untouched.
 */
import { useRef, useState } from 'react';
import { ArchiveRestore } from 'lucide-react';
import type { FileRef } from '../../../shared/domain/transfer.ts';
import { messageOf } from '../../api/errors.ts';
import { hasNativeDialogs, openWithDialog, uploadFile } from '../../api/files.ts';
import { useCache } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { Button } from '../../ui/Button.tsx';
import { ConfirmDialog } from '../../ui/ConfirmDialog.tsx';
import { FieldError } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';

export function ReadBackExport({ variant = 'button' }: { variant?: 'button' | 'link' }) {
  const cache = useCache();
  const ui = useUiStore();
  const input = useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = useState<FileRef | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function choose() {
    setError(null);
    if (!hasNativeDialogs()) {
      input.current?.click();
      return;
    }
    try {
      const file = await openWithDialog(cache.client, 'archive');
      if (file) setChosen(file);
    } catch (err) {
      setError(messageOf(err));
    }
  }

  async function upload(file: File | undefined) {
    if (!file) return;
    setBusy(true);
    try {
      setChosen(await uploadFile(file));
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
      if (input.current) input.current.value = '';
    }
  }

  async function readBack(file: FileRef) {
    setBusy(true);
    setError(null);
    try {
      const done = await cache.mutate('import.archive', { fileId: file.fileId });
      ui.getState().toast(
        `Read back ${new Intl.NumberFormat().format(done.rows)} records from ${file.name}.`,
      );
      setChosen(null);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  const close = () => {
    if (busy) return;
    if (chosen) void cache.client.call('files.release', { fileId: chosen.fileId }).catch(() => undefined);
    setChosen(null);
    setError(null);
  };

  return (
    <>
      <input
        ref={input}
        type="file"
        accept=".zip,application/zip"
        hidden
        aria-label="Export to read back"
        onChange={(e) => void upload(e.target.files?.[0])}
      />
      {variant === 'link' ? (
        <button type="button" className="link-button" onClick={() => void choose()} disabled={busy}>
          Moving from another computer? Read back an export
        </button>
      ) : (
        <Button
          icon={<ArchiveRestore size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
          onClick={() => void choose()}
          disabled={busy}
        >
          Read back an export…
        </Button>
      )}
      {error && !chosen ? (
        <div role="alert">
          <FieldError message={error} />
        </div>
      ) : null}
      {chosen ? (
        <ConfirmDialog
          title={`Read back ${chosen.name}?`}
          text={
            <>
              Everything in the export comes into this book: its people, companies, calls, orders, settings
              and staff. This works only in a new, empty book, so nothing here is mixed with it. If the file
              is damaged or you cancel, this book stays as it is.
            </>
          }
          confirmLabel="Read it back"
          busyLabel="Reading back…"
          busy={busy}
          error={error}
          onConfirm={() => void readBack(chosen)}
          onClose={close}
        />
      ) : null}
    </>
  );
}
