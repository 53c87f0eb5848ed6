/**
 * Where the live book should not be (issue 6): folders that OneDrive, Dropbox, iCloud Drive,
 * Google Drive or Box keep in sync, and network shares, told from the path, the platform and the
 * file system type statfs reports. Pure: no file is looked at.
 */
import { describe, expect, it } from 'vitest';
import { bookLocation, parseMacMounts, parseNetUse } from '../../../electron/backend/backups/location.ts';

const EXT4 = 0xef53;
const NFS = 0x6969;
const SMB = 0x517b;
const CIFS = 0xff534d42;
const SMB2 = 0xfe534d42;

describe('bookLocation', () => {
  it('says nothing of a book in an ordinary local folder', () => {
    expect(
      bookLocation('C:\\Users\\ada\\AppData\\Roaming\\Ledgerline\\customer-book.sqlite', 'win32', null),
    ).toBeNull();
    expect(bookLocation('/home/ada/.config/Ledgerline/customer-book.sqlite', 'linux', EXT4)).toBeNull();
    expect(
      bookLocation('/Users/ada/Library/Application Support/Ledgerline/customer-book.sqlite', 'darwin', 26),
    ).toBeNull();
    // A folder merely called "Boxes" or "Dropboxes" is not a sync client's.
    expect(bookLocation('/home/ada/Boxes/customer-book.sqlite', 'linux', EXT4)).toBeNull();
    expect(bookLocation('\\\\?\\C:\\Users\\ada\\Ledgerline\\customer-book.sqlite', 'win32', null)).toBeNull();
  });

  it('finds OneDrive, personal and business, on Windows and macOS', () => {
    for (const [file, platform] of [
      ['C:\\Users\\ada\\OneDrive\\Documents\\customer-book.sqlite', 'win32'],
      ['C:\\Users\\ada\\OneDrive - Contoso Ltd\\Ledgerline\\customer-book.sqlite', 'win32'],
      ['/Users/ada/Library/CloudStorage/OneDrive-Personal/customer-book.sqlite', 'darwin'],
    ] as const) {
      const w = bookLocation(file, platform, null);
      expect(w?.kind, file).toBe('onedrive');
      expect(w?.message).toMatch(/OneDrive keeps in sync/u);
      expect(w?.message).toMatch(/shared memory and file locks/u);
      expect(w?.message).toMatch(/Move the book to a local folder/u);
      expect(w?.message).toContain(file);
    }
  });

  it('finds Dropbox', () => {
    expect(bookLocation('C:\\Users\\ada\\Dropbox\\customer-book.sqlite', 'win32', null)?.kind).toBe(
      'dropbox',
    );
    expect(bookLocation('/home/ada/Dropbox (Personal)/crm/customer-book.sqlite', 'linux', EXT4)?.kind).toBe(
      'dropbox',
    );
    expect(
      bookLocation('/Users/ada/Library/CloudStorage/Dropbox/customer-book.sqlite', 'darwin', null)?.kind,
    ).toBe('dropbox');
  });

  it('finds iCloud Drive: ~/Library/Mobile Documents on macOS, iCloudDrive on Windows', () => {
    const mac = bookLocation(
      '/Users/ada/Library/Mobile Documents/com~apple~CloudDocs/customer-book.sqlite',
      'darwin',
      null,
    );
    expect(mac?.kind).toBe('icloud');
    expect(mac?.message).toMatch(/iCloud Drive/u);
    expect(bookLocation('C:\\Users\\ada\\iCloudDrive\\customer-book.sqlite', 'win32', null)?.kind).toBe(
      'icloud',
    );
  });

  it('finds Google Drive: its own drive on Windows, CloudStorage on macOS, the old folder', () => {
    expect(bookLocation('G:\\My Drive\\Ledgerline\\customer-book.sqlite', 'win32', null)?.kind).toBe(
      'google-drive',
    );
    expect(
      bookLocation(
        '/Users/ada/Library/CloudStorage/GoogleDrive-ada@example.com/My Drive/customer-book.sqlite',
        'darwin',
        null,
      )?.kind,
    ).toBe('google-drive');
    expect(bookLocation('C:\\Users\\ada\\Google Drive\\customer-book.sqlite', 'win32', null)?.kind).toBe(
      'google-drive',
    );
  });

  it('finds Box', () => {
    expect(bookLocation('C:\\Users\\ada\\Box\\customer-book.sqlite', 'win32', null)?.kind).toBe('box');
    expect(
      bookLocation('/Users/ada/Library/CloudStorage/Box-Box/customer-book.sqlite', 'darwin', null)?.kind,
    ).toBe('box');
  });

  it('finds a \\\\server\\share path on Windows, and only there', () => {
    for (const file of [
      '\\\\nas\\office\\Ledgerline\\customer-book.sqlite',
      '\\\\?\\UNC\\nas\\office\\customer-book.sqlite',
    ]) {
      const w = bookLocation(file, 'win32', null);
      expect(w?.kind, file).toBe('network');
      expect(w?.message).toMatch(/network share/u);
      expect(w?.message).toMatch(/file locks/u);
    }
  });

  it('finds NFS, SMB, CIFS and SMB2 on Linux from the file system type, and names it', () => {
    for (const [type, name] of [
      [NFS, 'NFS'],
      [SMB, 'SMB'],
      [CIFS, 'CIFS'],
      [SMB2, 'SMB2'],
      [CIFS | 0, 'CIFS'], // the magic number sign-extended, as a signed f_type gives it
    ] as const) {
      const w = bookLocation('/mnt/office/customer-book.sqlite', 'linux', type);
      expect(w?.kind, name).toBe('network');
      expect(w?.message).toContain(`a network drive (${name})`);
    }
    // The same type numbers mean nothing on another platform (macOS numbers its file systems itself).
    expect(bookLocation('/Volumes/office/customer-book.sqlite', 'darwin', NFS)).toBeNull();
    expect(bookLocation('/mnt/office/customer-book.sqlite', 'linux', null)).toBeNull();
  });

  it('finds a network volume on macOS from what `mount` lists, and only inside it', () => {
    const mounts = parseMacMounts(
      [
        '/dev/disk3s1s1 on / (apfs, sealed, local, read-only, journaled)',
        '/dev/disk3s5 on /System/Volumes/Data (apfs, local, journaled, nobrowse)',
        '//ada@nas._smb._tcp.local/office on /Volumes/office (smbfs, nodev, nosuid, mounted by ada)',
        'nas:/export/crm on /Volumes/crm (nfs, nodev, nosuid, mounted by ada)',
        'afp_3xQp0z3bB0Vd00@192.168.1.9/Old on /Volumes/Old Share (afpfs, nodev, nosuid, mounted by ada)',
        '/dev/disk5s1 on /Volumes/USB (msdos, local, nodev, nosuid, noowners)',
      ].join('\n'),
    );
    expect(mounts.map((m) => m.at)).toEqual(['/Volumes/office', '/Volumes/crm', '/Volumes/Old Share']);
    const smb = bookLocation('/Volumes/office/Ledgerline/customer-book.sqlite', 'darwin', 26, mounts);
    expect(smb?.kind).toBe('network');
    expect(smb?.message).toContain('a network drive (SMBFS)');
    expect(bookLocation('/Volumes/Old Share/customer-book.sqlite', 'darwin', 27, mounts)?.message).toContain(
      'AFPFS',
    );
    // A local disk, and a folder whose name only starts like the volume's, are fine.
    expect(bookLocation('/Volumes/USB/customer-book.sqlite', 'darwin', 28, mounts)).toBeNull();
    expect(bookLocation('/Volumes/office2/customer-book.sqlite', 'darwin', 26, mounts)).toBeNull();
    expect(bookLocation('/Users/ada/Ledgerline/customer-book.sqlite', 'darwin', 26, mounts)).toBeNull();
  });

  it('finds a mapped network drive on Windows from what `net use` lists', () => {
    const mounts = parseNetUse(
      [
        'New connections will be remembered.',
        '',
        'Status       Local     Remote                    Network',
        '-------------------------------------------------------------------------------',
        'OK           Z:        \\\\nas\\office             Microsoft Windows Network',
        'Unavailable  y:        \\\\old-server\\archive      Microsoft Windows Network',
        '                       \\\\nas\\IPC$                 Microsoft Windows Network',
        'The command completed successfully.',
      ].join('\r\n'),
    );
    expect(mounts).toEqual([
      { at: 'Z:', what: '\\\\nas\\office' },
      { at: 'Y:', what: '\\\\old-server\\archive' },
    ]);
    const w = bookLocation('z:\\Ledgerline\\customer-book.sqlite', 'win32', null, mounts);
    expect(w?.kind).toBe('network');
    expect(w?.message).toContain('Z: is \\\\nas\\office');
    expect(bookLocation('C:\\Users\\ada\\customer-book.sqlite', 'win32', null, mounts)).toBeNull();
  });
});
