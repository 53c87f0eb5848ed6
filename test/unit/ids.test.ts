/** Record ids: valid UUIDv7, unique, and in the order they were made, even many in one millisecond. */
import { validate, version } from 'uuid';
import { describe, expect, it } from 'vitest';
import { uuidv7Ids } from '../../electron/backend/ids.ts';

describe('record ids', () => {
  it('are unique version-7 UUIDs that sort in the order they were made', () => {
    let t = Date.UTC(2026, 10, 23, 9);
    const ids = uuidv7Ids(() => t);
    const made: string[] = [];
    // 20,000 in one millisecond (past the 16 KB random pool more than once), then the clock moves on.
    for (let i = 0; i < 20_000; i++) made.push(ids());
    t += 1;
    for (let i = 0; i < 100; i++) made.push(ids());
    expect(made.every((id) => validate(id) && version(id) === 7)).toBe(true);
    expect(new Set(made).size).toBe(made.length);
    expect([...made].sort()).toEqual(made);
    // The time is in the first 48 bits.
    expect(made[0]!.replace(/-/gu, '').slice(0, 12)).toBe(
      Date.UTC(2026, 10, 23, 9).toString(16).padStart(12, '0'),
    );
  });

  it('keep their order when the clock goes back', () => {
    let t = 2_000_000_000_000;
    const ids = uuidv7Ids(() => t);
    const a = ids();
    t -= 5000;
    const b = ids();
    expect(b > a).toBe(true);
  });
});
