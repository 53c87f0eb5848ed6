/**
 * Is the live book somewhere it should not be? The book runs in write-ahead-log mode, which needs
 * shared memory and file locks that work only on a local disk: a sync client (OneDrive, Dropbox,
 * iCloud Drive, Google Drive, Box) copies the book, its -wal and its -shm files separately and at
 * moments of its own choosing, and network file systems do not honour the locks. Either can
 * damage the book or lose changes. Snapshots, being single finished files, are fine there.
 *
 * bookLocation(path, platform, fsType) is pure: the folder names each client uses, a \\server\share
 * path on Windows, and on Linux the file system type statfs reports (NFS, SMB, CIFS, SMB2).
 * macOS is told apart only by folder names: Node's statfs there gives a type number that macOS
 * assigns at run time, not a file system name, so a network volume under /Volumes is not
 * recognised.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { LocationWarning } from '../../../shared/api/requests/backups.requests.ts';

/** statfs f_type magic numbers of network file systems (linux/magic.h and the CIFS client). */
export const NETWORK_FS_TYPES: Readonly<Record<number, string>> = {
  0x6969: 'NFS',
  0x517b: 'SMB',
  0xff534d42: 'CIFS',
  0xfe534d42: 'SMB2',
};

type SyncKind = Exclude<LocationWarning['kind'], 'network'>;

const SYNC_NAMES: Record<SyncKind, string> = {
  onedrive: 'OneDrive',
  dropbox: 'Dropbox',
  icloud: 'iCloud Drive',
  'google-drive': 'Google Drive',
  box: 'Box',
};

/** A folder name that marks a synced folder (Windows, macOS' ~/Library/CloudStorage, older clients). */
const SYNC_FOLDERS: readonly [RegExp, SyncKind][] = [
  [/^onedrive(?:[ -].*)?$/iu, 'onedrive'], // OneDrive, OneDrive - Contoso, OneDrive-Personal
  [/^dropbox(?: \(.+\))?$/iu, 'dropbox'], // Dropbox, Dropbox (Personal)
  [/^icloud ?drive$/iu, 'icloud'], // Windows' iCloudDrive
  [/^(?:google drive|googledrive(?:-.*)?)$/iu, 'google-drive'], // Google Drive, GoogleDrive-a@b.c
  [/^(?:box|box sync|box-box)$/iu, 'box'],
];

function segments(file: string, platform: NodeJS.Platform): string[] {
  const parts = platform === 'win32' ? file.split(/[\\/]+/u) : file.split('/');
  return parts.filter((p) => p !== '');
}

function syncedBy(file: string, platform: NodeJS.Platform): SyncKind | null {
  const parts = segments(file, platform);
  for (const [i, part] of parts.entries()) {
    // macOS: iCloud Drive is ~/Library/Mobile Documents.
    if (part === 'Mobile Documents' && parts[i - 1] === 'Library') return 'icloud';
    for (const [pattern, kind] of SYNC_FOLDERS) if (pattern.test(part)) return kind;
  }
  // Google Drive for desktop on Windows: a drive of its own holding "My Drive".
  if (platform === 'win32' && /^[a-z]:[\\/]+my drive(?:[\\/]|$)/iu.test(file)) return 'google-drive';
  return null;
}

function isUncPath(file: string): boolean {
  // \\server\share\... and \\?\UNC\server\share\..., but not \\?\C:\... (a long local path).
  if (/^[\\/]{2}\?[\\/]unc[\\/]/iu.test(file)) return true;
  return /^[\\/]{2}[^\\/?.][^\\/]*[\\/]+[^\\/]+/u.test(file);
}

const WHY =
  'Ledgerline keeps the book in write-ahead-log mode, which needs shared memory and file locks that';

function syncMessage(kind: SyncKind, file: string): string {
  const name = SYNC_NAMES[kind];
  return `The customer book (${file}) is in a folder that ${name} keeps in sync. ${WHY} sync clients break: ${name} can copy the book while it is being written, or copy it back over newer changes, and the book can be damaged or lose changes. Move the book to a local folder that is not synced, and choose the ${name} folder for the snapshots instead: finished snapshots are safe to sync.`;
}

function networkMessage(file: string, fsName: string | null): string {
  const what = fsName ? `a network drive (${fsName})` : 'a network share';
  return `The customer book (${file}) is on ${what}. ${WHY} network file systems do not keep: the book can be damaged or lose changes, above all when another computer opens it. Move the book to a local folder, and choose the network folder for the snapshots instead.`;
}

/**
 * The warning for a book at `file` (an absolute path) on `platform`, whose folder's file system
 * has the statfs type `fsType` (null when unknown); null when the place is fine.
 */
export function bookLocation(
  file: string,
  platform: NodeJS.Platform,
  fsType: number | null,
): LocationWarning | null {
  if (platform === 'win32' && isUncPath(file))
    return { kind: 'network', message: networkMessage(file, null) };
  const synced = syncedBy(file, platform);
  if (synced) return { kind: synced, message: syncMessage(synced, file) };
  // A 32-bit magic number can come back sign-extended (f_type is a signed long).
  const type = fsType !== null && fsType < 0 ? fsType >>> 0 : fsType;
  if (platform === 'linux' && type !== null && Object.hasOwn(NETWORK_FS_TYPES, type)) {
    return { kind: 'network', message: networkMessage(file, NETWORK_FS_TYPES[type] ?? null) };
  }
  return null;
}

/** bookLocation for the book on this machine (statfs of its folder; unknown when that fails). */
export function bookLocationHere(file: string): LocationWarning | null {
  let fsType: number | null = null;
  try {
    fsType = fs.statfsSync(path.dirname(file)).type;
  } catch {
    // Unknown: judged by the path alone.
  }
  return bookLocation(file, process.platform, fsType);
}
