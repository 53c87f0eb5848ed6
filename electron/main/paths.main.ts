/** Where the built bundles live relative to the main bundle (out/main/index.js). */
import path from 'node:path';

export interface AppPaths {
  /** The sandboxed preload, built as CommonJS. */
  preload: string;
  /** The built renderer, served over app://. */
  renderer: string;
}

export function appPaths(mainDir: string): AppPaths {
  return {
    preload: path.join(mainDir, '..', 'preload', 'index.cjs'),
    renderer: path.join(mainDir, '..', 'renderer'),
  };
}

/** The customer book's folder inside Electron's userData folder. */
export function bookDirIn(userData: string): string {
  return path.join(userData, 'book');
}

export function windowStateFileIn(userData: string): string {
  return path.join(userData, 'window-state.json');
}
