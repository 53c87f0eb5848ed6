import { describe, expect, it } from 'vitest';
import { logLine } from '../../electron/backend/log-line.ts';

describe('logLine', () => {
  it('says what went wrong when there was an error, and nothing more when there was none', () => {
    expect(logLine('request people.list held the main thread for 65 ms')).toBe(
      'request people.list held the main thread for 65 ms\n',
    );
    expect(logLine('the daily snapshot could not be taken', new Error('disk full'))).toBe(
      'the daily snapshot could not be taken: disk full\n',
    );
    expect(logLine('a worker stopped', 3)).toBe('a worker stopped: 3\n');
    expect(logLine('a worker stopped', null)).toBe('a worker stopped: null\n');
  });
});
