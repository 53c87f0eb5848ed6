import { describe, expect, it } from 'vitest';
import { DEFAULT_OUTCOMES, DEFAULT_PURPOSES } from '../../../shared/domain/activity.ts';
import {
  HOUR,
  activityBook,
  addPerson,
  changeCount,
  personFacts,
  tablesChangedBy,
} from './activity.fixtures.ts';

describe('lists.get', () => {
  it('returns the default choices in order, outcomes flagged when they are a conversation', async () => {
    const b = await activityBook();
    const outcomes = await b.client.call('lists.get', { list: 'call_outcome' });
    expect(outcomes.map((v) => v.value)).toEqual(DEFAULT_OUTCOMES);
    expect(outcomes.filter((v) => v.connected).map((v) => v.value)).toEqual(['connected']);
    expect(outcomes.every((v, i) => v.active && v.position === i)).toBe(true);
    const purposes = await b.client.call('lists.get', { list: 'call_purpose' });
    expect(purposes.map((v) => v.value)).toEqual(DEFAULT_PURPOSES);
  });
});

describe('lists.set', () => {
  it('replaces a list in order, adding, reordering and deleting unused values', async () => {
    const b = await activityBook();
    const tables = await tablesChangedBy(b, () =>
      b.client.call('lists.set', {
        list: 'call_purpose',
        values: [{ value: 'Renewal' }, { value: 'Complaint' }, { value: 'Quote', active: false }],
      }),
    );
    expect(tables).toEqual(['list_values']);
    expect(await b.client.call('lists.get', { list: 'call_purpose' })).toEqual([
      { value: 'Renewal', position: 0, active: true, connected: false },
      { value: 'Complaint', position: 1, active: true, connected: false },
      { value: 'Quote', position: 2, active: false, connected: false },
    ]);
  });

  it('keeps a value that calls use as inactive, after the others, with its conversation flag', async () => {
    const b = await activityBook();
    addPerson(b, 'ann', 'Ann');
    await b.client.call('calls.log', {
      call: {
        personId: 'ann',
        direction: 'out',
        startedAt: b.clock() - HOUR,
        durationS: 60,
        outcome: 'connected',
        purpose: 'Support',
      },
    });
    await b.client.call('calls.log', {
      call: {
        personId: 'ann',
        direction: 'out',
        startedAt: b.clock() - 2 * HOUR,
        durationS: 0,
        outcome: 'busy',
      },
    });
    const result = await b.client.call('lists.set', {
      list: 'call_outcome',
      values: [{ value: 'Spoke to them', connected: true }, { value: 'No reply' }],
    });
    expect(result).toEqual([
      { value: 'Spoke to them', position: 0, active: true, connected: true },
      { value: 'No reply', position: 1, active: true, connected: false },
      { value: 'connected', position: 2, active: false, connected: true },
      { value: 'busy', position: 3, active: false, connected: false },
    ]);
    // History keeps its meaning: the old call still counts as a conversation.
    const [first] = (await b.client.call('calls.list', {})).rows;
    expect(first).toMatchObject({ outcome: 'connected', connected: true });
    expect(personFacts(b, 'ann').last_contact_at).toBe(b.clock() - HOUR);
    // Purposes too.
    const purposes = await b.client.call('lists.set', { list: 'call_purpose', values: [{ value: 'Quote' }] });
    expect(purposes.map((v) => [v.value, v.active])).toEqual([
      ['Quote', true],
      ['Support', false],
    ]);
    // A kept value can be made active again by listing it.
    const again = await b.client.call('lists.set', {
      list: 'call_outcome',
      values: [{ value: 'connected', connected: true }, { value: 'busy' }],
    });
    expect(again.map((v) => v.value)).toEqual(['connected', 'busy']);
  });

  it('needs an active outcome that counts as a conversation (CONFLICT) and writes nothing otherwise', async () => {
    const b = await activityBook();
    const before = changeCount(b);
    await expect(
      b.client.call('lists.set', {
        list: 'call_outcome',
        values: [{ value: 'busy' }, { value: 'voicemail' }],
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(
      b.client.call('lists.set', {
        list: 'call_outcome',
        values: [{ value: 'connected', connected: true, active: false }, { value: 'busy' }],
      }),
    ).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(changeCount(b)).toBe(before);
    expect((await b.client.call('lists.get', { list: 'call_outcome' })).map((v) => v.value)).toEqual(
      DEFAULT_OUTCOMES,
    );
  });

  it('refuses the same choice twice (ignoring case), an empty list and an empty value', async () => {
    const b = await activityBook();
    await expect(
      b.client.call('lists.set', { list: 'call_purpose', values: [{ value: 'Quote' }, { value: 'quote' }] }),
    ).rejects.toMatchObject({ code: 'VALIDATION', details: { issues: [{ path: 'values.1.value' }] } });
    await expect(b.client.call('lists.set', { list: 'call_purpose', values: [] })).rejects.toMatchObject({
      code: 'VALIDATION',
    });
    await expect(
      b.client.call('lists.set', { list: 'call_purpose', values: [{ value: '  ' }] }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('moves people’s last contact when an outcome starts or stops counting as a conversation', async () => {
    const b = await activityBook();
    addPerson(b, 'ann', 'Ann');
    const at = b.clock() - HOUR;
    await b.client.call('calls.log', {
      call: { personId: 'ann', direction: 'out', startedAt: at, durationS: 60, outcome: 'call back later' },
    });
    expect(personFacts(b, 'ann').last_contact_at).toBeNull();
    const values = (await b.client.call('lists.get', { list: 'call_outcome' })).map(
      ({ value, connected }) => ({
        value,
        connected: connected || value === 'call back later',
      }),
    );
    const tables = await tablesChangedBy(b, () =>
      b.client.call('lists.set', { list: 'call_outcome', values }),
    );
    expect(tables).toEqual(['list_values', 'people']);
    expect(personFacts(b, 'ann').last_contact_at).toBe(at);
  });
});
