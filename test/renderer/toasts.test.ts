/** Toasts in the UI store: at most three, timed, and a keyed toast replaced or taken down by its key. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createUiStore } from '../../renderer/stores/ui.store.tsx';

afterEach(() => vi.useRealTimers());

describe('toasts', () => {
  it('keeps the newest three and takes each down after its time', () => {
    vi.useFakeTimers();
    const ui = createUiStore().getState;
    for (const m of ['one', 'two', 'three', 'four']) ui().toast(m);
    expect(ui().toasts.map((t) => t.message)).toEqual(['two', 'three', 'four']);
    vi.advanceTimersByTime(4001);
    expect(ui().toasts).toEqual([]);
  });

  it('replaces a keyed toast with the next of the same key, and takes it down by its key alone', () => {
    const ui = createUiStore().getState;
    const run = () => {};
    ui().toast('“Desks” is won.', 'info', { key: 'deal-won:a', action: { label: 'Make an order', run } });
    ui().toast('“Chairs” is won.', 'info', { key: 'deal-won:b', action: { label: 'Make an order', run } });
    ui().toast('Saved.');
    ui().toast('“Desks” is won.', 'info', { key: 'deal-won:a', action: { label: 'Make an order', run } });
    expect(ui().toasts.map((t) => t.message)).toEqual(['“Chairs” is won.', 'Saved.', '“Desks” is won.']);
    ui().dismissKeyed('deal-won:b');
    expect(ui().toasts.map((t) => t.message)).toEqual(['Saved.', '“Desks” is won.']);
    ui().dismissKeyed('deal-won:none');
    expect(ui().toasts).toHaveLength(2);
  });
});
