/**
 * Files the user picks to import and files the app writes for them, in both hosts.
 *
 * The desktop app asks the backend to show its native Open dialog (files.open) and writes exports
 * where its Save dialog says. The browser preview has no native dialogs: a picked file is uploaded
 * to the preview server (POST /api/upload, which registers it like the Open dialog would) and an
 * export is downloaded from it (GET /api/download/ID). Either way the page only ever holds a
 * fileId, never a path.
 */
import type { Client } from '../../shared/api/transport.ts';
import type { FileRef } from '../../shared/domain/transfer.ts';
import { AppError, isApiErrorData } from '../../shared/api/errors.ts';

/** True in the desktop app (the preload's bridge is there); false in the browser preview. */
export function hasNativeDialogs(win: Window = window): boolean {
  return Boolean((win as unknown as { crm?: unknown }).crm);
}

export type FilePurpose = 'csv' | 'vcard' | 'archive' | 'image';

/** The desktop Open dialog, through the backend; null when the user cancels it. */
export function openWithDialog(client: Client, purpose: FilePurpose): Promise<FileRef | null> {
  return client.call('files.open', { purpose });
}

/** Uploads a file picked in the browser preview; onProgress hears the fraction sent (0–1). */
export function uploadFile(file: File, onProgress?: (fraction: number) => void): Promise<FileRef> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/upload?name=${encodeURIComponent(file.name)}`);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () =>
      reject(new AppError('INTERNAL', 'The file could not be sent to Ledgerline. Try again.'));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        reject(new AppError('INTERNAL', 'The file could not be sent to Ledgerline. Try again.'));
        return;
      }
      const envelope = body as { ok?: boolean; value?: FileRef; error?: unknown };
      if (envelope.ok && envelope.value) resolve(envelope.value);
      else if (isApiErrorData(envelope.error)) reject(AppError.fromData(envelope.error));
      else reject(new AppError('INTERNAL', 'The file could not be sent to Ledgerline. Try again.'));
    };
    xhr.send(file);
  });
}

/** Saves a file an export wrote for the preview: the browser's own download. */
export function downloadFile(file: { fileId: string; name: string }, doc: Document = document): void {
  const a = doc.createElement('a');
  a.href = `/api/download/${encodeURIComponent(file.fileId)}`;
  a.download = file.name;
  a.rel = 'noopener';
  doc.body.append(a);
  a.click();
  a.remove();
}
