/**
 * The main window's size, position and maximised state, kept in userData/window-state.json.
 * A missing or damaged file, or a position that no display shows any more, gives the defaults
 * (centred by the OS).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { BrowserWindow, Rectangle } from 'electron';

export interface WindowState {
  width: number;
  height: number;
  /** Absent: let the OS centre the window. */
  x?: number;
  y?: number;
  maximized: boolean;
}

export const MIN_WIDTH = 960;
export const MIN_HEIGHT = 640;
export const DEFAULT_WINDOW_STATE: Readonly<WindowState> = Object.freeze({
  width: 1280,
  height: 820,
  maximized: false,
});
const MAX_SIDE = 16_384;
const MAX_COORD = 100_000;
/** How much of the window (px) must show on some display for the saved position to count. */
const MIN_VISIBLE = 64;
export const SAVE_DELAY_MS = 400;

function isInt(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

/** Validates what was read from disk; null when it is not a window state. */
export function parseWindowState(raw: unknown): WindowState | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const r = raw as Record<string, unknown>;
  if (!isInt(r.width, MIN_WIDTH, MAX_SIDE) || !isInt(r.height, MIN_HEIGHT, MAX_SIDE)) return null;
  if (typeof r.maximized !== 'boolean') return null;
  const state: WindowState = { width: r.width, height: r.height, maximized: r.maximized };
  if (r.x !== undefined || r.y !== undefined) {
    if (!isInt(r.x, -MAX_COORD, MAX_COORD) || !isInt(r.y, -MAX_COORD, MAX_COORD)) return null;
    state.x = r.x;
    state.y = r.y;
  }
  return state;
}

function overlap(a: Rectangle, b: Rectangle): { w: number; h: number } {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return { w: Math.max(0, w), h: Math.max(0, h) };
}

/** True when a usable part of the window (its top edge, where the title bar is) is on a display. */
export function isVisibleOnSomeDisplay(bounds: Rectangle, workAreas: readonly Rectangle[]): boolean {
  const titleBar: Rectangle = {
    x: bounds.x,
    y: bounds.y,
    width: bounds.width,
    height: Math.min(bounds.height, 48),
  };
  return workAreas.some((area) => {
    const o = overlap(titleBar, area);
    return o.w >= Math.min(MIN_VISIBLE, bounds.width) && o.h >= Math.min(24, titleBar.height);
  });
}

/** Reads and validates the saved state; anything unusable gives the defaults. */
export function readWindowState(file: string, workAreas: readonly Rectangle[]): WindowState {
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return { ...DEFAULT_WINDOW_STATE };
  }
  const state = parseWindowState(raw);
  if (!state) return { ...DEFAULT_WINDOW_STATE };
  if (state.x !== undefined && state.y !== undefined) {
    const bounds = { x: state.x, y: state.y, width: state.width, height: state.height };
    if (!isVisibleOnSomeDisplay(bounds, workAreas)) return { ...DEFAULT_WINDOW_STATE };
  }
  return state;
}

/** Writes atomically (temp file + rename) so a crash never leaves half a file. */
export function writeWindowState(file: string, state: WindowState): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(state, null, 2)}\n`);
  fs.renameSync(tmp, file);
}

export type TrackedWindow = Pick<
  BrowserWindow,
  'on' | 'getNormalBounds' | 'isMaximized' | 'isMinimized' | 'isFullScreen' | 'isDestroyed'
>;

/** The state to save: the normal (unmaximised) bounds plus the maximised flag. */
export function captureWindowState(win: TrackedWindow): WindowState {
  const b = win.getNormalBounds();
  return {
    x: Math.round(b.x),
    y: Math.round(b.y),
    width: Math.max(MIN_WIDTH, Math.round(b.width)),
    height: Math.max(MIN_HEIGHT, Math.round(b.height)),
    maximized: win.isMaximized() || win.isFullScreen(),
  };
}

export interface TrackOptions {
  file: string;
  delayMs?: number;
  onError?: (err: unknown) => void;
}

/** Saves on resize/move (debounced) and at once on close. Returns a function that saves now. */
export function trackWindowState(win: TrackedWindow, options: TrackOptions): () => void {
  const delay = options.delayMs ?? SAVE_DELAY_MS;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const saveNow = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (win.isDestroyed() || win.isMinimized()) return;
    try {
      writeWindowState(options.file, captureWindowState(win));
    } catch (err) {
      options.onError?.(err);
    }
  };
  const schedule = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(saveNow, delay);
  };
  win.on('resize', schedule);
  win.on('move', schedule);
  win.on('maximize', schedule);
  win.on('unmaximize', schedule);
  win.on('close', saveNow);
  return saveNow;
}
