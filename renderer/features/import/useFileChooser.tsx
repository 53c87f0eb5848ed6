/**
 * Choosing the file to import, in either host: the desktop app's Open dialog, or in the browser
 * preview a file input (and a drop) whose file is uploaded. A CSV file is then inspected (encoding,
 * separator, headers, first rows, the mapping to start from); a vCard file (told by its name:
 * .vcf or .vcard) needs nothing more, as each card is a person.
 */
import { useRef, useState, type ReactNode } from 'react';
import type { FileRef, ImportInspection } from '../../../shared/domain/transfer.ts';
import { messageOf } from '../../api/errors.ts';
import { hasNativeDialogs, openWithDialog, uploadFile } from '../../api/files.ts';
import { useCache } from '../../stores/query.hooks.tsx';

/** Workbooks people try first: say how to get a CSV out of them. */
const WORKBOOK = /\.(xlsx|xlsm|xls|ods|numbers)$/iu;

/** A vCard file, by its name. */
export const VCARD_NAME = /\.(vcf|vcard)$/iu;

/** What the file input takes (a drop or the desktop dialog's "All files" can bring others). */
const ACCEPT = '.csv,.txt,.tsv,.tab,.vcf,.vcard';

/** The chosen file: a CSV file as inspected, or a vCard file. */
export type ChosenFile =
  { format: 'csv'; file: FileRef; inspection: ImportInspection } | { format: 'vcard'; file: FileRef };

/** A vCard saved under another name (contacts.txt) reads as a CSV file of one "BEGIN:VCARD" column. */
function looksLikeVCard(inspection: ImportInspection): boolean {
  return inspection.headers.length === 1 && /^begin:vcard$/iu.test(inspection.headers[0]!.trim());
}

export interface FileChooser {
  /** True in the desktop app: the Open dialog; false in the preview: the file input and drops. */
  native: boolean;
  choose(): void;
  take(file: File): void;
  /** Working: uploading (with the fraction sent, when known) or reading the file. */
  busy: { stage: 'upload' | 'read'; fraction: number | null } | null;
  error: string | null;
  clearError(): void;
  /** The hidden file input (preview only); render it anywhere. */
  input: ReactNode;
}

export function useFileChooser(onChosen: (chosen: ChosenFile) => void): FileChooser {
  const cache = useCache();
  const client = cache.client;
  const native = hasNativeDialogs();
  const inputRef = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState<FileChooser['busy']>(null);
  const [error, setError] = useState<string | null>(null);

  async function inspect(file: FileRef) {
    if (VCARD_NAME.test(file.name)) {
      onChosen({ format: 'vcard', file });
      return;
    }
    setBusy({ stage: 'read', fraction: null });
    try {
      const inspection = await client.call('import.inspect', { fileId: file.fileId });
      onChosen(
        looksLikeVCard(inspection)
          ? { format: 'vcard', file: inspection.file }
          : { format: 'csv', file: inspection.file, inspection },
      );
    } catch (err) {
      void client.call('files.release', { fileId: file.fileId }).catch(() => undefined);
      throw err;
    }
  }

  async function fromDialog() {
    setError(null);
    setBusy({ stage: 'read', fraction: null });
    try {
      const ref = await openWithDialog(client, 'csv');
      if (ref) await inspect(ref);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(null);
    }
  }

  async function take(file: File) {
    setError(null);
    if (WORKBOOK.test(file.name)) {
      setError(
        `${file.name} is a spreadsheet workbook, not a CSV file. Open it in Excel or LibreOffice, save it as “CSV”, then choose that file.`,
      );
      return;
    }
    setBusy({ stage: 'upload', fraction: 0 });
    try {
      const ref = await uploadFile(file, (fraction) => setBusy({ stage: 'upload', fraction }));
      await inspect(ref);
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(null);
    }
  }

  return {
    native,
    choose() {
      if (busy) return;
      if (native) void fromDialog();
      else inputRef.current?.click();
    },
    take(file) {
      if (!busy) void take(file);
    },
    busy,
    error,
    clearError: () => setError(null),
    input: native ? null : (
      <input
        ref={inputRef}
        type="file"
        accept={ACCEPT}
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void take(file);
        }}
      />
    ),
  };
}
