/** The backend's Open and Save dialogs over Electron's (mocked): attached to the window, null when cancelled. */
import { describe, expect, it, vi } from 'vitest';
import type { BrowserWindow } from 'electron';
import { fileDialogs } from '../../electron/main/dialogs.main.ts';

const win = { id: 1 } as unknown as BrowserWindow;

function dialog(
  open: { canceled: boolean; filePaths: string[] },
  save: { canceled: boolean; filePath?: string },
) {
  return {
    showOpenDialog: vi.fn(() => Promise.resolve(open)),
    showSaveDialog: vi.fn(() => Promise.resolve(save)),
  };
}

describe('file dialogs', () => {
  it('opens one file, on the window, from Documents', async () => {
    const d = dialog({ canceled: false, filePaths: ['/home/ann/Documents/people.csv'] }, { canceled: true });
    const dialogs = fileDialogs(
      d as never,
      () => win,
      () => '/home/ann/Documents',
    );
    const filters = [{ name: 'CSV', extensions: ['csv'] }];
    expect(await dialogs.open({ title: 'Choose a file to import', filters })).toBe(
      '/home/ann/Documents/people.csv',
    );
    expect(d.showOpenDialog).toHaveBeenCalledWith(win, {
      title: 'Choose a file to import',
      defaultPath: '/home/ann/Documents',
      filters,
      properties: ['openFile'],
    });
  });

  it('answers null when either dialog is cancelled', async () => {
    const d = dialog({ canceled: true, filePaths: [] }, { canceled: true, filePath: '' });
    const dialogs = fileDialogs(
      d as never,
      () => undefined,
      () => '/docs',
    );
    expect(await dialogs.open({ title: 'x', filters: [] })).toBeNull();
    expect(await dialogs.save({ title: 'x', defaultName: 'a.csv', filters: [] })).toBeNull();
    // With no window open, the dialogs stand alone.
    expect(d.showOpenDialog.mock.calls[0]).toHaveLength(1);
  });

  it('saves under the name the user chose, suggesting the export’s own', async () => {
    const d = dialog({ canceled: true, filePaths: [] }, { canceled: false, filePath: '/docs/mine.csv' });
    const dialogs = fileDialogs(
      d as never,
      () => win,
      () => '/docs',
    );
    expect(
      await dialogs.save({ title: 'Save the export', defaultName: 'contacts-2026-11-23.csv', filters: [] }),
    ).toBe('/docs/mine.csv');
    expect(d.showSaveDialog).toHaveBeenCalledWith(
      win,
      expect.objectContaining({ defaultPath: '/docs/contacts-2026-11-23.csv' }),
    );
  });

  it('chooses a folder (creating one if wanted), on the window, from where it is asked to start', async () => {
    const d = dialog({ canceled: false, filePaths: ['/mnt/backup/Ledgerline'] }, { canceled: true });
    const dialogs = fileDialogs(
      d as never,
      () => win,
      () => '/home/ann/Documents',
    );
    expect(
      await dialogs.chooseFolder?.({ title: 'Choose the snapshots folder', defaultPath: '/home/ann/book' }),
    ).toBe('/mnt/backup/Ledgerline');
    expect(d.showOpenDialog).toHaveBeenCalledWith(win, {
      title: 'Choose the snapshots folder',
      defaultPath: '/home/ann/book',
      buttonLabel: 'Choose',
      properties: ['openDirectory', 'createDirectory'],
    });
    // Without a starting place it starts in Documents.
    await dialogs.chooseFolder?.({ title: 'Choose the snapshots folder' });
    expect(d.showOpenDialog).toHaveBeenLastCalledWith(
      win,
      expect.objectContaining({ defaultPath: '/home/ann/Documents' }),
    );
  });

  it('answers null when the folder dialog is cancelled, and stands alone with no window', async () => {
    const d = dialog({ canceled: true, filePaths: [] }, { canceled: true });
    const dialogs = fileDialogs(
      d as never,
      () => undefined,
      () => '/docs',
    );
    expect(await dialogs.chooseFolder?.({ title: 'x' })).toBeNull();
    expect(d.showOpenDialog.mock.calls[0]).toHaveLength(1);
    expect((d.showOpenDialog.mock.calls[0] as unknown[])[0]).toMatchObject({
      properties: ['openDirectory', 'createDirectory'],
    });
  });
});
