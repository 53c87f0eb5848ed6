/**
 * The backend's file dialogs, from Electron's: Open for an import, Save for an export, and a
 * folder for the snapshots. They are attached to the app's window (a sheet on macOS) and start
 * in the Documents folder (the folder dialog where it is asked to). A cancelled dialog answers
 * null. Only the path the user chose ever reaches the backend (files/files.ts).
 */
import type { BrowserWindow, Dialog } from 'electron';
import type { FileDialogs } from '../backend/files/files.ts';

export function fileDialogs(
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog'>,
  parent: () => BrowserWindow | undefined,
  documents: () => string,
): FileDialogs {
  return {
    async open(options) {
      const win = parent();
      const settings = {
        title: options.title,
        defaultPath: documents(),
        filters: options.filters,
        properties: ['openFile' as const],
      };
      const result = win ? await dialog.showOpenDialog(win, settings) : await dialog.showOpenDialog(settings);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
    async save(options) {
      const win = parent();
      const settings = {
        title: options.title,
        defaultPath: `${documents()}/${options.defaultName}`,
        filters: options.filters,
        properties: ['createDirectory' as const, 'showOverwriteConfirmation' as const],
      };
      const result = win ? await dialog.showSaveDialog(win, settings) : await dialog.showSaveDialog(settings);
      return result.canceled || !result.filePath ? null : result.filePath;
    },
    async chooseFolder(options) {
      const win = parent();
      const settings = {
        title: options.title,
        defaultPath: options.defaultPath ?? documents(),
        buttonLabel: 'Choose',
        properties: ['openDirectory' as const, 'createDirectory' as const],
      };
      const result = win ? await dialog.showOpenDialog(win, settings) : await dialog.showOpenDialog(settings);
      return result.canceled ? null : (result.filePaths[0] ?? null);
    },
  };
}
