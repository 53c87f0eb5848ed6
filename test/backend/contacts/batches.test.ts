import { describe, expect, it } from 'vitest';
import {
  addPerson,
  book,
  changeCount,
  fkProblems,
  insertCall,
  insertNote,
  insertTask,
  lastChanged,
  snapshot,
} from './contacts.helpers.ts';

describe('people.bulk', () => {
  it('tags, untags, sets owner and stage, deletes; each is one batch that undo reverses exactly', async () => {
    const b = await book();
    const other = (await b.client.call('staff.create', { name: 'Priya' })).id;
    const people = [];
    for (const name of ['Ann', 'Bob', 'Cat', 'Dan'])
      people.push(await addPerson(b, { givenName: name, tags: name === 'Ann' ? ['hot'] : [] }));
    const ids = people.map((p) => p.id);
    const start = snapshot(b);

    const tagged = await b.client.call('people.bulk', {
      target: { ids },
      action: { type: 'tag', tag: 'Hot' },
    });
    expect(tagged.count).toBe(4);
    expect(lastChanged(b)?.tables.sort()).toEqual(['batches', 'people', 'tags']);
    expect((await b.client.call('people.count', { filter: { tag: 'hot' } })).count).toBe(4);
    const staged = await b.client.call('people.bulk', {
      target: { filter: { tag: 'hot' } },
      action: { type: 'stage', stage: 'customer' },
    });
    const owned = await b.client.call('people.bulk', {
      target: { ids: ids.slice(0, 2) },
      action: { type: 'owner', ownerId: other },
    });
    const untagged = await b.client.call('people.bulk', {
      target: { ids: ids.slice(1) },
      action: { type: 'untag', tag: 'HOT' },
    });
    expect((await b.client.call('people.count', { filter: { stage: 'customer' } })).count).toBe(4);
    expect((await b.client.call('people.count', { filter: { ownerId: other } })).count).toBe(2);
    expect((await b.client.call('people.count', { filter: { tag: 'hot' } })).count).toBe(1);
    const deleted = await b.client.call('people.bulk', {
      target: { ids: [ids[3]!] },
      action: { type: 'delete' },
    });
    expect((await b.client.call('people.count', {})).count).toBe(3);

    for (const batch of [deleted, untagged, owned, staged, tagged]) {
      await b.client.call('batches.undo', { batchId: batch.batchId });
    }
    expect(snapshot(b)).toEqual(start);
    expect(lastChanged(b)?.tables).toContain('people');
    await expect(b.client.call('batches.undo', { batchId: tagged.batchId })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
  });

  it('refuses an unknown owner or tag, and an empty target, writing nothing', async () => {
    const b = await book();
    const p = await addPerson(b, { givenName: 'Ann' });
    const n = changeCount(b);
    await expect(
      b.client.call('people.bulk', { target: { ids: [p.id] }, action: { type: 'owner', ownerId: 'nobody' } }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
    await expect(
      b.client.call('people.bulk', { target: { ids: [p.id] }, action: { type: 'untag', tag: 'none' } }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      b.client.call('people.bulk', { target: { ids: ['ghost'] }, action: { type: 'stage', stage: 'lead' } }),
    ).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      b.client.call('people.bulk', { target: { ids: [] }, action: { type: 'delete' } }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(changeCount(b)).toBe(n);
  });

  it('handles 10,000 people in one transaction, and undoes them', async () => {
    const b = await book();
    const db = b.book.sqlite;
    const insert = db.prepare(
      `INSERT INTO people (id, display_name, sort_key, stage, created_at, updated_at) VALUES (?, ?, ?, 'lead', 0, 0)`,
    );
    db.transaction(() => {
      for (let i = 0; i < 10_000; i++)
        insert.run(`bulk-${String(i).padStart(5, '0')}`, `Person ${i}`, `person ${i}`);
    })();
    const before = snapshot(b, ['people', 'person_tags']);
    const changed = () => b.events.filter((e) => e.event === 'db.changed').length;
    const events = changed();
    const tagged = await b.client.call('people.bulk', {
      target: { filter: {} },
      action: { type: 'tag', tag: 'Everyone' },
    });
    expect(tagged.count).toBe(10_000);
    // One commit, one event.
    expect(changed()).toBe(events + 1);
    const staged = await b.client.call('people.bulk', {
      target: { filter: { tag: 'everyone' } },
      action: { type: 'stage', stage: 'prospect' },
    });
    expect(staged.count).toBe(10_000);
    expect(db.prepare(`SELECT count(*) FROM batch_rows WHERE batch_id = ?`).pluck().get(staged.batchId)).toBe(
      10_000,
    );
    expect(
      (await b.client.call('people.count', { filter: { stage: 'prospect', tag: 'everyone' } })).count,
    ).toBe(10_000);
    await b.client.call('batches.undo', { batchId: staged.batchId });
    await b.client.call('batches.undo', { batchId: tagged.batchId });
    expect(snapshot(b, ['people', 'person_tags'])).toEqual(before);
  });
});

describe('people.merge', () => {
  async function twins() {
    const b = await book();
    const other = (await b.client.call('staff.create', { name: 'Priya' })).id;
    const acme = await b.client.call('companies.create', { name: 'Acme' });
    await b.client.call('customFields.create', {
      entity: 'person',
      label: 'Region',
      type: 'select',
      options: ['North', 'South'],
    });
    await b.client.call('customFields.create', { entity: 'person', label: 'Size', type: 'number' });
    const keep = await addPerson(b, {
      givenName: 'Ada',
      familyName: 'Lovelace',
      stage: 'lead',
      tags: ['a', 'shared'],
      phones: [{ label: 'work', number: '020 7946 0958' }],
      emails: [{ label: 'work', email: 'ada@engines.co.uk' }],
      custom: { region: 'North', size: 1 },
      address: { city: 'London' },
    });
    const dupe = await addPerson(b, {
      givenName: 'Augusta Ada',
      familyName: 'King',
      stage: 'customer',
      companyId: acme.id,
      ownerId: other,
      tags: ['b', 'Shared'],
      phones: [
        { label: 'mobile', number: '+44 20 7946 0958' },
        { label: 'home', number: '07700 900123' },
      ],
      emails: [
        { label: 'work', email: 'ADA@engines.co.uk' },
        { label: 'home', email: 'ada@home.test' },
      ],
      custom: { region: 'South', size: 2 },
      callingWindow: { days: [2], from: '10:00', to: '12:00', timeZone: 'Europe/Paris' },
      emailOptIn: true,
      address: { city: 'Paris', country: 'France' },
    });
    b.clock.advance(60_000);
    insertCall(b, {
      id: 'call-1',
      personId: dupe.id,
      startedAt: b.clock() - 1000,
      summary: 'Asked about engines',
    });
    insertCall(b, {
      id: 'call-2',
      personId: dupe.id,
      startedAt: b.clock() - 500,
      outcome: 'no answer',
      deletedAt: b.clock(),
    });
    insertTask(b, {
      id: 'task-1',
      personId: dupe.id,
      title: 'Call back',
      type: 'call',
      dueAt: b.clock() + 86_400_000,
    });
    insertNote(b, { id: 'note-1', personId: dupe.id, body: 'Prefers mornings' });
    insertCall(b, { id: 'call-3', personId: keep.id, startedAt: b.clock() - 5000 });
    b.clock.advance(60_000);
    return { b, other, acme, keep, dupe };
  }

  it('takes the chosen fields, unions phones, emails and tags, moves activity, and undo restores exactly', async () => {
    const { b, other, acme, keep, dupe } = await twins();
    const before = snapshot(b);
    const { person, batchId } = await b.client.call('people.merge', {
      keepId: keep.id,
      mergeId: dupe.id,
      take: {
        companyId: 'merge',
        ownerId: 'merge',
        stage: 'merge',
        callingWindow: 'merge',
        emailOptIn: 'merge',
        address: 'merge',
        'custom.region': 'merge',
        familyName: 'keep',
      },
    });
    expect(person).toMatchObject({
      id: keep.id,
      displayName: 'Ada Lovelace',
      companyId: acme.id,
      companyName: 'Acme',
      ownerId: other,
      stage: 'customer',
      tags: ['a', 'b', 'shared'],
      custom: { region: 'South', size: 1 },
      callingWindow: { days: [2], from: '10:00', to: '12:00', timeZone: 'Europe/Paris' },
      emailOptIn: true,
      emailOptInAt: dupe.emailOptInAt,
      address: { city: 'Paris', country: 'France' },
      lastContactAt: b.clock() - 60_000 - 1000,
      nextCallAt: b.clock() - 60_000 + 86_400_000,
    });
    expect(person.phones.map((p) => p.number)).toEqual(['020 7946 0958', '07700 900123']);
    expect(person.emails.map((e) => e.email)).toEqual(['ada@engines.co.uk', 'ada@home.test']);
    const db = b.book.sqlite;
    for (const [table, id] of [
      ['calls', 'call-1'],
      ['calls', 'call-2'],
      ['tasks', 'task-1'],
      ['notes', 'note-1'],
    ] as const) {
      expect(db.prepare(`SELECT person_id FROM ${table} WHERE id = ?`).pluck().get(id)).toBe(keep.id);
    }
    expect((await b.client.call('people.get', { id: dupe.id })).deletedAt).toBe(b.clock());
    expect((await b.client.call('people.list', {})).rows.map((r) => r.id)).toEqual([keep.id]);
    const changed = lastChanged(b);
    expect(changed?.tables.sort()).toEqual(['batches', 'calls', 'notes', 'people', 'tags', 'tasks']);
    expect(fkProblems(b)).toEqual([]);

    // The note now shows under the kept person.
    const found = await b.client.call('search.global', { query: 'mornings' });
    expect(found.groups[0]?.hits[0]).toMatchObject({
      kind: 'note',
      personId: keep.id,
      title: 'Ada Lovelace',
    });

    b.clock.advance(1000);
    const undone = await b.client.call('batches.undo', { batchId });
    expect(undone.count).toBeGreaterThan(8);
    expect(snapshot(b)).toEqual(before);
    expect((await b.client.call('search.global', { query: 'augusta' })).groups[0]?.hits[0]?.id).toBe(dupe.id);
    await expect(b.client.call('batches.undo', { batchId })).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('moves the merged person’s orders and their purchase history, and undo moves them back', async () => {
    const { b, keep, dupe } = await twins();
    const order = await b.client.call('orders.create', {
      personId: dupe.id,
      orderDate: '2026-11-20',
      status: 'confirmed',
      lines: [{ description: 'Difference engine service', quantity: 1000, unitPrice: 12_000 }],
    });
    expect((await b.client.call('purchases.person', { personId: dupe.id })).orders).toBe(1);
    const { batchId } = await b.client.call('people.merge', { keepId: keep.id, mergeId: dupe.id });
    const kept = await b.client.call('purchases.person', { personId: keep.id });
    expect(kept.orders).toBe(1);
    expect(kept.totals[0]).toMatchObject({ currency: 'GBP', net: 12_000 });
    // The merged person is in the Trash now; their summary row went with their orders.
    const summaryOf = (id: string) =>
      b.book.sqlite
        .prepare(`SELECT orders FROM customer_sales WHERE party = 'person' AND party_id = ?`)
        .pluck()
        .get(id);
    expect(summaryOf(dupe.id)).toBeUndefined();
    expect((await b.client.call('orders.get', { id: order.id })).personId).toBe(keep.id);

    await b.client.call('batches.undo', { batchId });
    expect((await b.client.call('orders.get', { id: order.id })).personId).toBe(dupe.id);
    expect((await b.client.call('purchases.person', { personId: dupe.id })).orders).toBe(1);
    expect((await b.client.call('purchases.person', { personId: keep.id })).orders).toBe(0);
  });

  it('refuses merging a person with themselves, a person in the Trash and unknown fields, writing nothing', async () => {
    const { b, keep, dupe } = await twins();
    const n = changeCount(b);
    await expect(b.client.call('people.merge', { keepId: keep.id, mergeId: keep.id })).rejects.toMatchObject({
      code: 'CONFLICT',
    });
    await expect(b.client.call('people.merge', { keepId: keep.id, mergeId: 'ghost' })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
    await expect(
      b.client.call('people.merge', { keepId: keep.id, mergeId: dupe.id, take: { shoeSize: 'merge' } }),
    ).rejects.toMatchObject({ code: 'VALIDATION', details: { issues: [{ path: 'take.shoeSize' }] } });
    expect(changeCount(b)).toBe(n);
    await b.client.call('people.delete', { ids: [dupe.id] });
    await expect(b.client.call('people.merge', { keepId: keep.id, mergeId: dupe.id })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('refuses to undo a batch whose records were since deleted for good', async () => {
    const b = await book();
    const p = await addPerson(b, { givenName: 'Ann', phones: [{ label: 'work', number: '020 7946 0958' }] });
    const { batchId } = await b.client.call('people.delete', { ids: [p.id] });
    await b.client.call('trash.empty', {});
    const n = changeCount(b);
    await expect(b.client.call('batches.undo', { batchId })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect(changeCount(b)).toBe(n);
    expect(b.book.sqlite.prepare(`SELECT count(*) FROM people`).pluck().get()).toBe(0);
  });
});
