/**
 * Is the live book somewhere it should not be? The book runs in write-ahead-log mode, which needs
 * shared memory and file locks that work only on a local disk: a sync client (OneDrive, Dropbox,
 * iCloud Drive, Google Drive, Box) copies the book, its -wal and its -shm files separately and at
 * moments of its own choosing, and network file systems do not honour the locks. Either can
 * damage the book or lose changes. Snapshots, being single finished files, are fine there.
 *
 * bookLocation(path, platform, fsType, mounts) is pure: the folder names each client uses, a
 * \\server\share path on Windows, on Linux the file system type statfs reports (NFS, SMB, CIFS,
 * SMB2), and what the system says is mounted where:
 *  - macOS: `mount` lists each volume with its file system by name (smbfs, afpfs, nfs, webdav);
 *    Node's statfs there gives only a type number that macOS assigns at run time;
 *  - Windows: `net use` lists the drive letters mapped to network shares (Z: is \\server\share).
 * bookLocationHere asks the system (at most every minute) and judges the book's path with that.
 */
import { execFile } from 'node:child_process';
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

/** macOS file systems (as `mount` names them) that reach another computer. */
const MAC_NETWORK_FS = new Set(['smbfs', 'afpfs', 'nfs', 'webdav', 'cifs', 'ftp']);

/** A mounted network volume: where it is mounted, and what (file system, or the share). */
export interface NetworkMount {
  /** The mount point (macOS) or drive letter with its colon (Windows: "Z:"). */
  at: string;
  what: string;
}

/** The network volumes in macOS' `mount` output ("//ada@nas/crm on /Volumes/crm (smbfs, ...)"). */
export function parseMacMounts(output: string): NetworkMount[] {
  const out: NetworkMount[] = [];
  for (const line of output.split('\n')) {
    const m = /^(.+?) on (\/.*?) \(([^,)]+)/u.exec(line.trim());
    if (m && MAC_NETWORK_FS.has(m[3]!.toLowerCase())) out.push({ at: m[2]!, what: m[3]!.toUpperCase() });
  }
  return out;
}

/** The drive letters `net use` says are mapped ("OK           Z:        \\nas\crm   ..."). */
export function parseNetUse(output: string): NetworkMount[] {
  const out: NetworkMount[] = [];
  for (const line of output.split(/\r?\n/u)) {
    const m = /(?:^|\s)([A-Za-z]:)\s+(\\\\[^\s]+)/u.exec(line);
    if (m) out.push({ at: m[1]!.toUpperCase(), what: m[2]! });
  }
  return out;
}

/** The network volume holding `file`, if one of `mounts` does. */
function mountOf(
  file: string,
  platform: NodeJS.Platform,
  mounts: readonly NetworkMount[],
): NetworkMount | null {
  if (platform === 'win32') {
    const drive = /^([a-z]:)/iu.exec(file)?.[1]?.toUpperCase();
    return mounts.find((m) => m.at === drive) ?? null;
  }
  const inside = mounts.filter(
    (m) => file === m.at || file.startsWith(m.at.endsWith('/') ? m.at : `${m.at}/`),
  );
  return inside.sort((a, b) => b.at.length - a.at.length)[0] ?? null;
}

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
  mounts: readonly NetworkMount[] = [],
): LocationWarning | null {
  if (platform === 'win32' && isUncPath(file))
    return { kind: 'network', message: networkMessage(file, null) };
  const mounted = mountOf(file, platform, mounts);
  if (mounted) {
    return {
      kind: 'network',
      message: networkMessage(file, platform === 'win32' ? `${mounted.at} is ${mounted.what}` : mounted.what),
    };
  }
  const synced = syncedBy(file, platform);
  if (synced) return { kind: synced, message: syncMessage(synced, file) };
  // A 32-bit magic number can come back sign-extended (f_type is a signed long).
  const type = fsType !== null && fsType < 0 ? fsType >>> 0 : fsType;
  if (platform === 'linux' && type !== null && Object.hasOwn(NETWORK_FS_TYPES, type)) {
    return { kind: 'network', message: networkMessage(file, NETWORK_FS_TYPES[type] ?? null) };
  }
  return null;
}

/** What the system says is mounted, asked at most this often (it changes rarely). */
const MOUNTS_TTL_MS = 60_000;
let mountsSeen: { at: number; mounts: Promise<NetworkMount[]> } | null = null;

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(command, args, { encoding: 'utf8', timeout: 5000, windowsHide: true }, (err, stdout) =>
      err ? reject(err) : resolve(stdout),
    );
  });
}

/** The network volumes on this machine: macOS' `mount`, Windows' `net use`; none elsewhere. */
function networkMountsHere(): Promise<NetworkMount[]> {
  if (mountsSeen && Date.now() - mountsSeen.at < MOUNTS_TTL_MS) return mountsSeen.mounts;
  const asked =
    process.platform === 'darwin'
      ? run('/sbin/mount', []).then(parseMacMounts)
      : process.platform === 'win32'
        ? run('net', ['use']).then(parseNetUse)
        : Promise.resolve([]);
  // Unknown when the command fails: judged by the path and statfs alone.
  const mounts = asked.catch((): NetworkMount[] => []);
  mountsSeen = { at: Date.now(), mounts };
  return mounts;
}

/** bookLocation for the book on this machine (statfs of its folder; unknown when that fails). */
export async function bookLocationHere(file: string): Promise<LocationWarning | null> {
  let fsType: number | null = null;
  try {
    fsType = fs.statfsSync(path.dirname(file)).type;
  } catch {
    // Unknown: judged by the path alone.
  }
  return bookLocation(file, process.platform, fsType, await networkMountsHere());
}
