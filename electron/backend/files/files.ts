/**
 * Files the user has chosen to import, and files the app has written for them to save.
 *
 * The renderer never names a path: it could otherwise read or overwrite any file. A file reaches
 * the backend by the user's own choice, in the desktop app's Open dialog (files.open) or, in the
 * browser preview, by uploading it (POST /api/upload, see preview.server.ts). Either way it is
 * registered here and the renderer gets an opaque fileId to refer to it. An export is written to
 * the path the Save dialog gave, or (preview) to a temporary file the page then downloads.
 * Temporary files are removed when the book closes.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AppError } from '../../../shared/api/errors.ts';

export interface FileRef {
  fileId: string;
  /** The file's own name, without its folder. */
  name: string;
  bytes: number;
}

interface Entry extends FileRef {
  path: string;
  temporary: boolean;
}

/** The native file dialogs (the desktop shell passes Electron's; elsewhere there are none). */
export interface FileDialogs {
  open(options: { title: string; filters: { name: string; extensions: string[] }[] }): Promise<string | null>;
  save(options: {
    title: string;
    defaultName: string;
    filters: { name: string; extensions: string[] }[];
  }): Promise<string | null>;
  /** A folder (the snapshots folder); null when cancelled. */
  chooseFolder?(options: { title: string; defaultPath?: string }): Promise<string | null>;
}

export interface Files {
  /** Registers a file the user chose (or uploaded, `temporary`: removed on close). */
  register(file: string, options?: { name?: string; temporary?: boolean }): FileRef;
  /** The registered file's path; NOT_FOUND when the id is unknown or the file has gone. */
  path(fileId: string): string;
  ref(fileId: string): FileRef;
  /** A new path in this session's temporary folder, for an upload or an export to download. */
  tempPath(name: string): string;
  /** A temporary file (an upload, or an export made for the preview to download) to send. */
  download(fileId: string): { path: string; name: string };
  /** Forgets a file, removing it when it was temporary. */
  release(fileId: string): void;
  close(): void;
}

/** A file name safe to use in a folder: no separators, no control characters, not empty. */
export function safeFileName(name: string): string {
  const base = path.basename(name.replaceAll('\\', '/'));
  // eslint-disable-next-line no-control-regex
  const clean = base.replace(/[\u0000-\u001f<>:"/\\|?*]+/gu, '_').trim();
  return clean === '' || clean === '.' || clean === '..' ? 'file' : clean.slice(0, 200);
}

export function createFiles(tempRoot: string = os.tmpdir()): Files {
  const entries = new Map<string, Entry>();
  let tempDir: string | null = null;
  const get = (fileId: string): Entry => {
    const entry = entries.get(fileId);
    if (!entry || !fs.existsSync(entry.path)) {
      throw new AppError('NOT_FOUND', 'That file is no longer available. Choose it again.', { fileId });
    }
    return entry;
  };
  return {
    register(file, options = {}) {
      let stat: fs.Stats;
      try {
        stat = fs.statSync(file);
      } catch {
        throw new AppError('NOT_FOUND', 'That file cannot be found or opened.', { path: 'file' });
      }
      if (!stat.isFile()) throw new AppError('VALIDATION', 'That is a folder, not a file.', { path: 'file' });
      const fileId = crypto.randomUUID();
      const entry: Entry = {
        fileId,
        name: safeFileName(options.name ?? path.basename(file)),
        bytes: stat.size,
        path: file,
        temporary: options.temporary ?? false,
      };
      entries.set(fileId, entry);
      return { fileId, name: entry.name, bytes: entry.bytes };
    },
    path: (fileId) => get(fileId).path,
    ref(fileId) {
      const { name, bytes } = get(fileId);
      return { fileId, name, bytes: fs.statSync(get(fileId).path).size || bytes };
    },
    download(fileId) {
      const entry = get(fileId);
      if (!entry.temporary) throw new AppError('NOT_FOUND', 'That file is not one to download.', { fileId });
      return { path: entry.path, name: entry.name };
    },
    tempPath(name) {
      tempDir ??= fs.mkdtempSync(path.join(tempRoot, 'ledgerline-files-'));
      return path.join(tempDir, `${crypto.randomUUID().slice(0, 8)}-${safeFileName(name)}`);
    },
    release(fileId) {
      const entry = entries.get(fileId);
      if (!entry) return;
      entries.delete(fileId);
      if (entry.temporary) fs.rmSync(entry.path, { force: true });
    },
    close() {
      for (const id of [...entries.keys()]) this.release(id);
      if (tempDir) fs.rmSync(tempDir, { recursive: true, force: true });
      tempDir = null;
    },
  };
}
