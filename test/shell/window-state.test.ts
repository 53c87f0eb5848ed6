import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_WINDOW_STATE,
  isVisibleOnSomeDisplay,
  parseWindowState,
  readWindowState,
  trackWindowState,
  writeWindowState,
  type TrackedWindow,
} from '../../electron/main/window-state.main.ts';
import { FakeBrowserWindow } from './fakes.ts';

const FULL_HD = [{ x: 0, y: 0, width: 1920, height: 1040 }];
const TWO_SCREENS = [...FULL_HD, { x: 1920, y: 0, width: 2560, height: 1400 }];

let dir: string;
let file: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ledgerline-state-'));
  file = path.join(dir, 'window-state.json');
});
afterEach(() => {
  vi.useRealTimers();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('window state file', () => {
  it('round-trips size, position and the maximised flag', () => {
    const state = { width: 1400, height: 900, x: 2000, y: 50, maximized: true };
    writeWindowState(file, state);
    expect(readWindowState(file, TWO_SCREENS)).toEqual(state);
    expect(fs.readdirSync(dir)).toEqual(['window-state.json']);
  });

  it('gives the defaults when the file is missing', () => {
    expect(readWindowState(path.join(dir, 'absent.json'), FULL_HD)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it.each([
    ['not JSON', '{"width": 1400, '],
    ['an array', '[1400, 900]'],
    ['null', 'null'],
    ['a string size', '{"width":"1400","height":900,"maximized":false}'],
    ['a tiny window', '{"width":10,"height":10,"maximized":false}'],
    ['a huge window', '{"width":900000,"height":900,"maximized":false}'],
    ['a fractional size', '{"width":1400.5,"height":900,"maximized":false}'],
    ['no maximised flag', '{"width":1400,"height":900}'],
    ['x without y', '{"width":1400,"height":900,"x":10,"maximized":false}'],
    ['a NaN-ish position', '{"width":1400,"height":900,"x":"a","y":0,"maximized":false}'],
  ])('falls back to the defaults for %s', (_label, text) => {
    fs.writeFileSync(file, text);
    expect(readWindowState(file, FULL_HD)).toEqual(DEFAULT_WINDOW_STATE);
  });

  it('drops a position that no display shows any more (a monitor was unplugged)', () => {
    writeWindowState(file, { width: 1400, height: 900, x: 2200, y: 100, maximized: false });
    expect(readWindowState(file, TWO_SCREENS)).toMatchObject({ x: 2200, y: 100 });
    const state = readWindowState(file, FULL_HD);
    expect(state).toEqual(DEFAULT_WINDOW_STATE);
    expect(state.x).toBeUndefined();
  });

  it('keeps a saved state without a position (the OS centres it)', () => {
    fs.writeFileSync(file, JSON.stringify({ width: 1100, height: 700, maximized: false }));
    expect(readWindowState(file, FULL_HD)).toEqual({ width: 1100, height: 700, maximized: false });
  });

  it('counts a window as visible only when its title bar is on a display', () => {
    expect(isVisibleOnSomeDisplay({ x: 100, y: 100, width: 1200, height: 800 }, FULL_HD)).toBe(true);
    expect(isVisibleOnSomeDisplay({ x: -1190, y: 100, width: 1200, height: 800 }, FULL_HD)).toBe(false);
    expect(isVisibleOnSomeDisplay({ x: 100, y: -790, width: 1200, height: 800 }, FULL_HD)).toBe(false);
    expect(isVisibleOnSomeDisplay({ x: -32000, y: -32000, width: 1200, height: 800 }, FULL_HD)).toBe(false);
  });

  it('parses only plain objects', () => {
    expect(parseWindowState({ width: 1000, height: 700, maximized: false })).not.toBeNull();
    expect(parseWindowState('x')).toBeNull();
  });
});

describe('tracking a window', () => {
  function tracked() {
    const win = new FakeBrowserWindow({});
    trackWindowState(win as unknown as TrackedWindow, { file, delayMs: 300 });
    return win;
  }
  const saved = () => JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;

  it('saves once, after resizing and moving settle', () => {
    vi.useFakeTimers();
    const win = tracked();
    win.bounds = { x: 10, y: 20, width: 1500, height: 950 };
    win.emit('resize');
    win.emit('move');
    vi.advanceTimersByTime(299);
    expect(fs.existsSync(file)).toBe(false);
    win.emit('move');
    vi.advanceTimersByTime(299);
    expect(fs.existsSync(file)).toBe(false);
    vi.advanceTimersByTime(1);
    expect(saved()).toEqual({ x: 10, y: 20, width: 1500, height: 950, maximized: false });
  });

  it('saves at once on close, with the maximised flag and the normal bounds', () => {
    const win = tracked();
    win.bounds = { x: 30, y: 40, width: 1300, height: 850 };
    win.maximized = true;
    win.emit('close');
    expect(saved()).toEqual({ x: 30, y: 40, width: 1300, height: 850, maximized: true });
  });

  it('does not save the bounds of a minimised window', () => {
    const win = tracked();
    win.minimized = true;
    win.emit('close');
    expect(fs.existsSync(file)).toBe(false);
  });
});
