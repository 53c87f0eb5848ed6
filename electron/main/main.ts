/**
 * The Electron main process entry (built to out/main/index.js). Thin on purpose: it hands the
 * real Electron modules to runApp, which holds the logic and is tested with fakes.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  Notification,
  protocol,
  safeStorage,
  screen,
  session,
  shell,
} from 'electron';
import { openGatedBook } from '../backend/security/gate.ts';
import { runApp } from './lifecycle.main.ts';

runApp({
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  protocol,
  workAreas: () => screen.getAllDisplays().map((display) => display.workArea),
  defaultSession: () => session.defaultSession,
  shell,
  openBook: openGatedBook,
  safeStorage,
  mainDir: path.dirname(fileURLToPath(import.meta.url)),
  platform: process.platform,
  notifications: {
    isSupported: () => Notification.isSupported(),
    create: (options) => new Notification(options),
  },
});
