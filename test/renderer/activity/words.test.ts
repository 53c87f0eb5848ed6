/** How typed durations are read, how timers read, and which part of a search hit is marked. */
import { describe, expect, it } from 'vitest';
import { clockText, parseDuration } from '../../../renderer/features/calls/call-words.ts';
import { rangeOf } from '../../../renderer/features/calls/date-ranges.ts';
import { highlight } from '../../../renderer/features/search/search-hits.ts';

describe('durations', () => {
  it.each([
    ['2:30', 150],
    ['0:45', 45],
    ['1:02:03', 3723],
    ['4', 240],
    ['2.5', 150],
    ['2,5', 150],
    ['90s', 90],
    ['3 min', 180],
    ['1h', 3600],
    ['', 0],
    ['-2', -120],
  ])('reads %j as %i seconds', (text, seconds) => {
    expect(parseDuration(text)).toEqual({ ok: true, seconds });
  });

  it.each(['ten', '2:75', '1:2', 'abc', '2::30'])('says what to type for %j', (text) => {
    expect(parseDuration(text)).toEqual({
      ok: false,
      message: 'Type minutes, or minutes and seconds like 2:30.',
    });
  });

  it('draws a timer as m:ss, with hours when it runs that long', () => {
    expect(clockText(0)).toBe('0:00');
    expect(clockText(150)).toBe('2:30');
    expect(clockText(3723)).toBe('1:02:03');
  });
});

describe('date ranges', () => {
  it('ends each range at the first instant after its last day (the filter’s end is exclusive)', () => {
    const now = new Date(2026, 10, 22, 15, 0).getTime();
    expect(rangeOf('today', now)).toEqual({
      from: new Date(2026, 10, 22).getTime(),
      to: new Date(2026, 10, 23).getTime(),
    });
    expect(rangeOf('7d', now).from).toBe(new Date(2026, 10, 16).getTime());
    expect(rangeOf('lastMonth', now)).toEqual({
      from: new Date(2026, 9, 1).getTime(),
      to: new Date(2026, 10, 1).getTime(),
    });
    expect(rangeOf('custom', now, '2026-11-01', '')).toEqual({ from: new Date(2026, 10, 1).getTime() });
    expect(rangeOf('any', now)).toEqual({});
  });
});

describe('search highlights', () => {
  it('marks word starts that match, ignoring case and accents', () => {
    expect(highlight('Jürgen Müller', 'mul')).toEqual([
      { text: 'Jürgen ', match: false },
      { text: 'Mül', match: true },
      { text: 'ler', match: false },
    ]);
    expect(highlight('Ann Lee', 'ann le')).toEqual([
      { text: 'Ann', match: true },
      { text: ' ', match: false },
      { text: 'Le', match: true },
      { text: 'e', match: false },
    ]);
    expect(highlight('Acme Ltd', 'cme')).toEqual([{ text: 'Acme Ltd', match: false }]);
  });
});
