/** Every activity request refuses malformed input at the field, before anything is written. */
import { describe, expect, it } from 'vitest';
import { activityBook, addPerson, changeCount, tablesChangedBy } from './activity.fixtures.ts';

const bad: [name: string, input: unknown, path: string][] = [
  [
    'calls.log',
    { call: { direction: 'sideways', startedAt: 0, durationS: 1, outcome: 'busy' } },
    'call.direction',
  ],
  [
    'calls.log',
    { call: { direction: 'in', startedAt: -1, durationS: 1, outcome: 'busy' } },
    'call.startedAt',
  ],
  [
    'calls.log',
    { call: { direction: 'in', startedAt: 0, durationS: 1.5, outcome: 'busy' } },
    'call.durationS',
  ],
  [
    'calls.log',
    { call: { direction: 'in', startedAt: 0, durationS: 90_000, outcome: 'busy' } },
    'call.durationS',
  ],
  ['calls.log', { call: { direction: 'in', startedAt: 0, durationS: 1, outcome: '' } }, 'call.outcome'],
  [
    'calls.log',
    { call: { direction: 'in', startedAt: 0, durationS: 1, outcome: 'busy', response: 'meh' } },
    'call.response',
  ],
  [
    'calls.log',
    { call: { direction: 'in', startedAt: 0, durationS: 1, outcome: 'busy' }, followUp: {} },
    'followUp',
  ],
  ['calls.get', {}, 'id'],
  ['calls.update', { id: 'x', patch: { durationS: -1 } }, 'patch.durationS'],
  ['calls.update', { id: 'x', patch: { colour: 'red' } }, 'patch'],
  ['calls.delete', { id: '' }, 'id'],
  ['calls.list', { limit: 0 }, 'limit'],
  ['calls.list', { filter: { direction: 'up' } }, 'filter.direction'],
  ['calls.totals', { filter: { from: 'yesterday' } }, 'filter.from'],
  ['lists.get', { list: 'colours' }, 'list'],
  ['lists.set', { list: 'call_outcome', values: [{ value: 'x', connected: 'yes' }] }, 'values.0.connected'],
  ['tasks.create', { title: 'x', type: 'party' }, 'type'],
  ['tasks.create', { title: 'x', dueDate: '22/11/2026' }, 'dueDate'],
  ['tasks.create', { title: 'x', reminderAt: 'soon' }, 'reminderAt'],
  ['tasks.get', { id: 5 }, 'id'],
  ['tasks.update', { id: 'x', patch: { dueDate: '2026-11-31' } }, 'patch.dueDate'],
  ['tasks.complete', { id: 'x' }, 'done'],
  ['tasks.snooze', { id: 'x', until: -5 }, 'until'],
  ['tasks.delete', {}, 'id'],
  ['tasks.agenda', { date: 'today' }, 'date'],
  ['tasks.agenda', { date: '2026-11-22', days: 0 }, 'days'],
  ['tasks.list', { open: 'yes' }, 'open'],
  ['reminders.due', { now: -1 }, 'now'],
  ['reminders.ack', { taskIds: [''] }, 'taskIds.0'],
  ['notes.create', { personId: 'p', body: '' }, 'body'],
  ['notes.update', { id: 'x', body: ' ' }, 'body'],
  ['notes.delete', { id: 'x', extra: 1 }, ''],
  ['timeline.person', { personId: 'p', limit: 1000 }, 'limit'],
  ['timeline.company', { companyId: 'c', cursor: 5 }, 'cursor'],
];

describe('malformed input', () => {
  it.each(bad)('%s refuses %j at %s and writes nothing', async (name, input, path) => {
    const b = await activityBook();
    addPerson(b, 'p', 'P');
    const before = changeCount(b);
    const tables = await tablesChangedBy(b, async () => {
      const env = await b.backend.invoke(name, input);
      expect(env).toMatchObject({
        ok: false,
        error: {
          code: 'VALIDATION',
          details: { issues: expect.arrayContaining([expect.objectContaining({ path })]) },
        },
      });
    });
    expect(tables).toEqual([]);
    expect(changeCount(b)).toBe(before);
  });

  it('answers NOT_FOUND for things that do not exist', async () => {
    const b = await activityBook();
    for (const [name, input] of [
      ['calls.get', { id: 'x' }],
      ['calls.update', { id: 'x', patch: { durationS: 1 } }],
      ['calls.delete', { id: 'x' }],
      ['tasks.get', { id: 'x' }],
      ['tasks.update', { id: 'x', patch: { title: 'y' } }],
      ['tasks.complete', { id: 'x', done: true }],
      ['tasks.snooze', { id: 'x', until: 1 }],
      ['tasks.delete', { id: 'x' }],
      ['notes.update', { id: 'x', body: 'y' }],
      ['notes.delete', { id: 'x' }],
      ['timeline.person', { personId: 'x' }],
      ['timeline.company', { companyId: 'x' }],
    ] as const) {
      expect(await b.backend.invoke(name, input), name).toMatchObject({
        ok: false,
        error: { code: 'NOT_FOUND' },
      });
    }
  });
});
