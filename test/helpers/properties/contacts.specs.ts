/**
 * Specs of the contacts writes: people and companies (create, update, delete, bulk, merge, photo),
 * custom fields, the Trash, undo of batches, and leads.
 */
import fc from 'fast-check';
import { STAGES, TRASH_KINDS } from '../../../shared/domain/people.ts';
import {
  aim,
  aimLink,
  city,
  companyName,
  email,
  expectFor,
  family,
  given,
  link,
  live,
  opt,
  phone,
  pick,
  badOf,
  rarely,
  ref,
  staffPick,
  tag,
  UNKNOWN_ID,
  type Target,
} from './pools.ts';
import { spec, type Built, type Spec } from './steps.ts';
import { ids, nth, send, writeFile, type World } from './world.ts';

const stage = fc.constantFrom(...STAGES);

/** A value right for a live custom field of the entity (or a wrong one), keyed by the field. */
function customValue(w: World, entity: 'person' | 'company', n: number, wrong: boolean) {
  const fields = w.reader
    .prepare(
      `SELECT key, type, options FROM custom_fields WHERE entity = ? AND deleted_at IS NULL ORDER BY rowid`,
    )
    .all(entity) as { key: string; type: string; options: string }[];
  const f = nth(fields, n);
  if (!f) return wrong ? { no_such_field: 'x' } : undefined;
  const options = JSON.parse(f.options) as string[];
  if (wrong) return { [f.key]: f.type === 'number' ? 'not a number' : f.type === 'checkbox' ? 3 : { x: 1 } };
  const value = {
    text: 'Left-handed',
    number: n % 97,
    date: '2026-02-28',
    checkbox: n % 2 === 0,
    select: options[0] ?? null,
    multiselect: options.slice(0, 1 + (n % 2)),
  }[f.type];
  return { [f.key]: value ?? null };
}

const peopleCreate = spec({
  name: 'people.create',
  weight: 4,
  arb: fc.record({
    given,
    family: fc.oneof(family, fc.constant('')),
    display: fc.boolean(),
    emails: fc.array(email, { maxLength: 2 }),
    phones: fc.array(phone, { maxLength: 2 }),
    tags: fc.array(tag, { maxLength: 2 }),
    city: opt(city),
    job: opt(fc.constantFrom('Buyer', 'Head of Purchasing', 'Café owner')),
    company: link,
    owner: pick,
    stage,
    custom: opt(pick),
    window: fc.boolean(),
    dup: fc.boolean(),
    bad: badOf('noName', 'owner', 'customWrong', 'birthday', 'window'),
  }),
  build(w, p): Built {
    const company = aimLink(w, 'companies', p.company);
    const person: Record<string, unknown> = {
      givenName: p.bad === 'noName' ? '  ' : p.given,
      familyName: p.bad === 'noName' ? '' : p.family,
      ...(p.display && p.bad !== 'noName' ? { displayName: `${p.given} ${p.family}`.trim() } : {}),
      emails: p.emails.map((e) => ({ label: 'work', email: e })),
      phones: p.phones.map((number) => ({ label: 'mobile', number })),
      tags: p.tags,
      ...(p.city ? { address: { city: p.city } } : {}),
      ...(p.job ? { jobTitle: p.job } : {}),
      ...(company.id !== undefined ? { companyId: company.id } : {}),
      ownerId: p.bad === 'owner' ? UNKNOWN_ID : staffPick(w, p.owner),
      stage: p.stage,
      ...(p.bad === 'birthday' ? { birthday: '2026-02-30' } : {}),
    };
    if (p.bad === 'customWrong') person.custom = customValue(w, 'person', p.owner, true);
    else if (p.custom !== undefined) {
      const c = customValue(w, 'person', p.custom, false);
      if (c) person.custom = c;
    }
    if (p.window || p.bad === 'window') {
      person.callingWindow = {
        days: [1, 2, 3],
        from: p.bad === 'window' ? '17:00' : '09:00',
        to: '17:00',
        timeZone: 'Europe/London',
      };
    }
    const bad = p.bad !== 'none' || !company.ok;
    return {
      input: { person, allowDuplicate: p.dup },
      expect: bad ? 'refused' : p.dup ? 'ok' : 'any',
    };
  },
});

const peopleUpdate = spec({
  name: 'people.update',
  weight: 4,
  arb: fc.record({
    who: ref,
    given: opt(given),
    family: opt(fc.oneof(family, fc.constant(''))),
    display: opt(fc.constantFrom('', 'The Boss', 'Dr Who')),
    job: opt(fc.option(fc.constantFrom('Buyer', 'Owner'), { nil: null })),
    city: opt(fc.option(city, { nil: null })),
    emails: opt(fc.array(email, { maxLength: 3 })),
    phones: opt(fc.array(phone, { maxLength: 3 })),
    tags: opt(fc.array(tag, { maxLength: 3 })),
    company: link,
    stage: opt(stage),
    optIn: opt(fc.boolean()),
    doNotCall: opt(fc.boolean()),
    window: opt(fc.boolean()),
    custom: opt(pick),
    stale: rarely,
  }),
  build(w, p): Built | null {
    const id = aim(w, 'people', p.who.t, p.who.n);
    if (!id) return null;
    const company = aimLink(w, 'companies', p.company);
    const patch: Record<string, unknown> = {};
    if (p.given !== undefined) patch.givenName = p.given;
    if (p.family !== undefined) patch.familyName = p.family;
    if (p.display !== undefined) patch.displayName = p.display;
    if (p.job !== undefined) patch.jobTitle = p.job;
    if (p.city !== undefined) patch.address = { city: p.city };
    if (p.emails) patch.emails = p.emails.map((e, i) => ({ label: i ? 'home' : 'work', email: e }));
    if (p.phones) patch.phones = p.phones.map((number) => ({ label: 'mobile', number }));
    if (p.tags) patch.tags = p.tags;
    if (company.id !== undefined) patch.companyId = company.id;
    if (p.stage) patch.stage = p.stage;
    if (p.optIn !== undefined) patch.emailOptIn = p.optIn;
    if (p.doNotCall !== undefined) patch.doNotCall = p.doNotCall;
    if (p.window !== undefined) {
      patch.callingWindow = p.window
        ? { days: [1, 5], from: '08:30', to: '12:00', timeZone: 'Europe/Zurich' }
        : null;
    }
    if (p.custom !== undefined) {
      const c = customValue(w, 'person', p.custom, false);
      if (c) patch.custom = c;
    }
    const updatedAt = w.reader.prepare(`SELECT updated_at FROM people WHERE id = ?`).pluck().get(id) as
      number | undefined;
    const input: Record<string, unknown> = { id, patch };
    if (p.stale && updatedAt !== undefined) input.expectedUpdatedAt = updatedAt - 1;
    // Naming the company a person already has is no change, even when it is in the Trash now.
    const current = w.reader.prepare(`SELECT company_id FROM people WHERE id = ?`).pluck().get(id);
    const sameCompany = company.id !== undefined && company.id === current;
    const refused = p.who.t !== 'live' || (!company.ok && !sameCompany) || p.stale;
    return { input, expect: refused ? 'refused' : 'any' };
  },
});

/** Ids for a delete: one or a few targets; refused when none of them is live. */
function targets(w: World, table: string, list: { t: Target; n: number }[]) {
  const chosen = list.map((r) => ({ t: r.t, id: aim(w, table, r.t, r.n) })).filter((r) => r.id !== undefined);
  if (chosen.length === 0) return null;
  return { ids: chosen.map((r) => r.id as string), anyLive: chosen.some((r) => r.t === 'live') };
}

const deleteSpec = (name: 'people.delete' | 'companies.delete', table: string) =>
  spec({
    name,
    weight: 2,
    arb: fc.array(ref, { minLength: 1, maxLength: 3 }),
    build(w, p): Built | null {
      const t = targets(w, table, p);
      if (!t) return null;
      return { input: { ids: t.ids }, expect: t.anyLive ? 'ok' : 'refused' };
    },
  });

const peopleBulk = spec({
  name: 'people.bulk',
  weight: 2,
  arb: fc.record({
    who: fc.array(ref, { minLength: 1, maxLength: 4 }),
    byFilter: opt(fc.constantFrom('tag', 'stage', 'city', 'notContacted')),
    action: fc.constantFrom('tag', 'untag', 'owner', 'stage', 'delete'),
    tag,
    stage,
    owner: pick,
  }),
  build(w, p): Built | null {
    let targetIn: Record<string, unknown>;
    let surelyNone = false;
    if (p.byFilter) {
      const filter = {
        tag: { tag: p.tag },
        stage: { stage: p.stage },
        city: { city: 'Leeds' },
        notContacted: { notContactedDays: 30 },
      }[p.byFilter];
      targetIn = { filter };
    } else {
      const t = targets(w, 'people', p.who);
      if (!t) return null;
      targetIn = { ids: t.ids };
      surelyNone = !t.anyLive;
    }
    const action = {
      tag: { type: 'tag', tag: p.tag },
      untag: { type: 'untag', tag: p.tag },
      owner: { type: 'owner', ownerId: staffPick(w, p.owner) },
      stage: { type: 'stage', stage: p.stage },
      delete: { type: 'delete' },
    }[p.action];
    return {
      input: { target: targetIn, action, now: w.b.clock() },
      expect: surelyNone ? 'refused' : 'any',
    };
  },
});

const MERGE_FIELDS = [
  'givenName',
  'familyName',
  'displayName',
  'companyId',
  'jobTitle',
  'stage',
  'address',
  'emailOptIn',
];

const peopleMerge = spec({
  name: 'people.merge',
  weight: 2,
  arb: fc.record({
    keep: ref,
    merge: ref,
    same: rarely,
    take: fc.subarray(MERGE_FIELDS),
    custom: opt(pick),
    bogus: rarely,
  }),
  build(w, p): Built | null {
    const keep = aim(w, 'people', p.keep.t, p.keep.n);
    const other = p.same ? keep : aim(w, 'people', p.merge.t, p.merge.n, `id IS NOT '${keep ?? ''}'`);
    if (!keep || !other) return null;
    const take: Record<string, string> = Object.fromEntries(p.take.map((f) => [f, 'merge']));
    if (p.custom !== undefined) {
      const c = customValue(w, 'person', p.custom, false);
      if (c) take[`custom.${Object.keys(c)[0]}`] = 'merge';
    }
    if (p.bogus) take.favouriteColour = 'merge';
    const refused = p.keep.t !== 'live' || p.merge.t !== 'live' || keep === other || p.bogus;
    return { input: { keepId: keep, mergeId: other, take }, expect: refused ? 'refused' : 'ok' };
  },
});

/** Bytes that start like each picture type, and a file that is no picture. */
const PICTURES = {
  png: Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(64, 7)]),
  jpeg: Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(80, 3)]),
  text: Buffer.from('This is a letter, not a photo.\n'),
};

/** Chooses a file through the Open dialog stand-in (files.open), as the person's page does. */
async function chooseFile(w: World, purpose: string, file: string | null): Promise<string | null> {
  w.dialogs.nextOpen = file;
  const envelope = await send(w, 'files.open', { purpose });
  if (!envelope.ok) throw new Error(`files.open failed: ${envelope.error.message}`);
  const ref = envelope.value as { fileId: string } | null;
  if (ref) w.fileIds.push(ref.fileId);
  return ref?.fileId ?? null;
}

const setPhoto = spec({
  name: 'people.setPhoto',
  arb: fc.record({ who: ref, picture: fc.constantFrom('png', 'jpeg', 'png', 'text', 'unknownFile') }),
  async build(w, p): Promise<Built | null> {
    const id = aim(w, 'people', p.who.t, p.who.n);
    if (!id) return null;
    let fileId = UNKNOWN_ID;
    if (p.picture !== 'unknownFile') {
      const bytes = PICTURES[p.picture as keyof typeof PICTURES];
      const file = writeFile(w, `photo-${w.step}.${p.picture}`, bytes);
      fileId = (await chooseFile(w, 'image', file)) as string;
    }
    const refused = p.who.t !== 'live' || p.picture === 'text' || p.picture === 'unknownFile';
    return { input: { id, fileId }, expect: refused ? 'refused' : 'ok' };
  },
});

const removePhoto = spec({
  name: 'people.removePhoto',
  arb: fc.record({ who: ref, withPhoto: fc.boolean() }),
  build(w, p): Built | null {
    const id =
      p.withPhoto && p.who.t === 'live'
        ? live(w, 'people', p.who.n, `id IN (SELECT person_id FROM person_photos)`)
        : aim(w, 'people', p.who.t, p.who.n);
    if (!id) return null;
    return { input: { id }, expect: expectFor(p.who.t) };
  },
});

const companiesCreate = spec({
  name: 'companies.create',
  weight: 3,
  arb: fc.record({
    name: companyName,
    domain: opt(fc.constantFrom('acme.example', 'zeta.example')),
    industry: opt(fc.constantFrom('Retail', 'Bäckerei', 'Shipping')),
    city: opt(city),
    phones: fc.array(phone, { maxLength: 2 }),
    tags: fc.array(tag, { maxLength: 2 }),
    stage: opt(fc.option(stage, { nil: null })),
    custom: opt(pick),
    bad: badOf('blankName', 'customWrong'),
  }),
  build(w, p): Built {
    const input: Record<string, unknown> = {
      name: p.bad === 'blankName' ? '   ' : p.name,
      phones: p.phones.map((number) => ({ label: 'office', number })),
      tags: p.tags,
    };
    if (p.domain) input.domain = p.domain;
    if (p.industry) input.industry = p.industry;
    if (p.city) input.address = { city: p.city };
    if (p.stage !== undefined) input.stage = p.stage;
    if (p.bad === 'customWrong') input.custom = customValue(w, 'company', p.tags.length, true);
    else if (p.custom !== undefined) {
      const c = customValue(w, 'company', p.custom, false);
      if (c) input.custom = c;
    }
    return { input, expect: p.bad === 'none' ? 'ok' : 'refused' };
  },
});

const companiesUpdate = spec({
  name: 'companies.update',
  weight: 3,
  arb: fc.record({
    who: ref,
    name: opt(companyName),
    industry: opt(fc.option(fc.constantFrom('Retail', 'Shipping'), { nil: null })),
    city: opt(fc.option(city, { nil: null })),
    domain: opt(fc.option(fc.constantFrom('acme.example', 'noir.example'), { nil: null })),
    tags: opt(fc.array(tag, { maxLength: 3 })),
    phones: opt(fc.array(phone, { maxLength: 2 })),
    stage: opt(fc.option(stage, { nil: null })),
  }),
  build(w, p): Built | null {
    const id = aim(w, 'companies', p.who.t, p.who.n);
    if (!id) return null;
    const patch: Record<string, unknown> = {};
    if (p.name) patch.name = p.name;
    if (p.industry !== undefined) patch.industry = p.industry;
    if (p.domain !== undefined) patch.domain = p.domain;
    if (p.city !== undefined) patch.address = { city: p.city };
    if (p.tags) patch.tags = p.tags;
    if (p.phones) patch.phones = p.phones.map((number) => ({ label: 'office', number }));
    if (p.stage !== undefined) patch.stage = p.stage;
    return { input: { id, patch }, expect: p.who.t === 'live' ? 'ok' : 'refused' };
  },
});

const companiesBulk = spec({
  name: 'companies.bulk',
  weight: 2,
  arb: fc.record({
    who: fc.array(ref, { minLength: 1, maxLength: 3 }),
    byFilter: opt(fc.constantFrom('tag', 'query')),
    action: fc.constantFrom('tag', 'untag', 'industry', 'delete'),
    tag,
    industry: fc.option(fc.constantFrom('Retail', 'Logistics'), { nil: null }),
  }),
  build(w, p): Built | null {
    let targetIn: Record<string, unknown>;
    let surelyNone = false;
    if (p.byFilter) targetIn = { filter: p.byFilter === 'tag' ? { tag: p.tag } : { query: 'ac' } };
    else {
      const t = targets(w, 'companies', p.who);
      if (!t) return null;
      targetIn = { ids: t.ids };
      surelyNone = !t.anyLive;
    }
    const action = {
      tag: { type: 'tag', tag: p.tag },
      untag: { type: 'untag', tag: p.tag },
      industry: { type: 'industry', industry: p.industry },
      delete: { type: 'delete' },
    }[p.action];
    return { input: { target: targetIn, action }, expect: surelyNone ? 'refused' : 'any' };
  },
});

const FIELD_LABELS = ['Shoe size', 'Favourite café', 'Renewal date', 'Tier', 'Interests', 'Newsletter'];

const fieldsCreate = spec({
  name: 'customFields.create',
  weight: 2,
  arb: fc.record({
    entity: fc.constantFrom('person', 'company'),
    label: fc.constantFrom(...FIELD_LABELS),
    type: fc.constantFrom('text', 'number', 'date', 'select', 'multiselect', 'checkbox'),
    options: fc.array(fc.constantFrom('Gold', 'Silver', 'Bronze', 'gold'), { maxLength: 3 }),
  }),
  build(_w, p): Built {
    return { input: p, expect: 'any' };
  },
});

const fieldsUpdate = spec({
  name: 'customFields.update',
  weight: 2,
  arb: fc.record({
    t: fc.constantFrom('live', 'live', 'trashed', 'unknown') as fc.Arbitrary<Target>,
    n: pick,
    label: opt(fc.constantFrom(...FIELD_LABELS)),
    options: opt(fc.array(fc.constantFrom('Gold', 'Platinum', 'Bronze'), { minLength: 1, maxLength: 3 })),
    position: opt(fc.nat(5)),
  }),
  build(w, p): Built | null {
    const id = aim(w, 'custom_fields', p.t, p.n);
    if (!id) return null;
    const input: Record<string, unknown> = { id };
    if (p.label) input.label = p.label;
    if (p.options) input.options = [...new Set(p.options)];
    if (p.position !== undefined) input.position = p.position;
    return { input, expect: expectFor(p.t) };
  },
});

const fieldsDelete = spec({
  name: 'customFields.delete',
  weight: 1,
  arb: ref,
  build(w, p): Built | null {
    const id = aim(w, 'custom_fields', p.t, p.n);
    if (!id) return null;
    return { input: { id }, expect: p.t === 'live' ? 'ok' : 'refused' };
  },
});

const TRASH_TABLES: Record<(typeof TRASH_KINDS)[number], string> = {
  person: 'people',
  company: 'companies',
  call: 'calls',
  task: 'tasks',
  note: 'notes',
  order: 'orders',
  product: 'products',
  deal: 'deals',
  case: 'cases',
};

const trashRestore = spec({
  name: 'trash.restore',
  weight: 2,
  arb: fc.array(
    fc.record({
      kind: fc.constantFrom(...TRASH_KINDS),
      t: fc.constantFrom('trashed', 'trashed', 'trashed', 'live', 'unknown') as fc.Arbitrary<Target>,
      n: pick,
    }),
    { minLength: 1, maxLength: 3 },
  ),
  build(w, p): Built | null {
    const items = p
      .map((i) => ({ kind: i.kind, t: i.t, id: aim(w, TRASH_TABLES[i.kind], i.t, i.n) }))
      .filter((i) => i.id !== undefined);
    if (items.length === 0) return null;
    const unknown = items.some((i) => i.t === 'unknown');
    return {
      input: { items: items.map((i) => ({ kind: i.kind, id: i.id })) },
      expect: unknown ? 'refused' : 'any',
    };
  },
});

const trashEmpty = spec({
  name: 'trash.empty',
  weight: 1,
  arb: fc.record({
    kind: opt(fc.constantFrom(...TRASH_KINDS)),
    olderThan: opt(fc.nat(3 * 86_400_000)),
    bad: badOf('negative', 'kind'),
  }),
  build(w, p): Built {
    const input: Record<string, unknown> = {};
    if (p.kind) input.kind = p.kind;
    if (p.olderThan !== undefined) input.olderThan = Math.max(0, w.b.clock() - p.olderThan);
    if (p.bad === 'negative') input.olderThan = -1;
    if (p.bad === 'kind') input.kind = 'invoice';
    return { input, expect: p.bad === 'none' ? 'ok' : 'refused' };
  },
});

const batchesUndo = spec({
  name: 'batches.undo',
  weight: 2,
  arb: fc.record({ t: fc.constantFrom('open', 'open', 'open', 'undone', 'unknown'), n: pick }),
  build(w, p): Built | null {
    if (p.t === 'unknown') return { input: { batchId: UNKNOWN_ID }, expect: 'refused' };
    const batch = nth(
      ids(w, `SELECT id FROM batches WHERE undone_at IS ${p.t === 'open' ? '' : 'NOT'} NULL ORDER BY rowid`),
      p.n,
    );
    if (!batch) return null;
    return { input: { batchId: batch }, expect: p.t === 'open' ? 'any' : 'refused' };
  },
});

const setCompanyStage = spec({
  name: 'leads.setCompanyStage',
  weight: 2,
  arb: fc.record({
    who: ref,
    stage: fc.option(stage, { nil: null }),
    source: opt(fc.option(fc.constantFrom('Trade show', 'Website'), { nil: null })),
  }),
  build(w, p): Built | null {
    const id = aim(w, 'companies', p.who.t, p.who.n);
    if (!id) return null;
    const input: Record<string, unknown> = { companyId: id, stage: p.stage };
    if (p.source !== undefined) input.source = p.source;
    return { input, expect: p.who.t === 'live' ? 'ok' : 'refused' };
  },
});

const leadsConvert = spec({
  name: 'leads.convert',
  arb: fc.record({
    person: fc.boolean(),
    who: ref,
    company: opt(companyName),
    deal: opt(fc.record({ title: fc.constantFrom('Spring order', 'Fit-out'), value: fc.nat(500_000) })),
    badStage: rarely,
  }),
  build(w, p): Built | null {
    const table = p.person ? 'people' : 'companies';
    const id = aim(w, table, p.who.t, p.who.n, p.who.t === 'live' ? `stage IS NOT 'customer'` : '1');
    if (!id) return null;
    const input: Record<string, unknown> = p.person ? { personId: id } : { companyId: id };
    if (p.company) input.company = { name: p.company };
    if (p.deal) input.deal = { ...p.deal, ...(p.badStage ? { stageId: UNKNOWN_ID } : {}) };
    const refused = p.who.t !== 'live' || (!p.person && p.company !== undefined) || (p.deal && p.badStage);
    return { input, expect: refused ? 'refused' : 'any' };
  },
});

// In an order where each spec finds what it needs made by those before it (the guided tours).
export const CONTACTS_SPECS: Spec[] = [
  peopleCreate,
  peopleUpdate,
  peopleMerge,
  setPhoto,
  removePhoto,
  peopleBulk,
  deleteSpec('people.delete', 'people'),
  companiesCreate,
  companiesUpdate,
  deleteSpec('companies.delete', 'companies'),
  companiesBulk,
  fieldsCreate,
  fieldsUpdate,
  fieldsDelete,
  trashRestore,
  trashEmpty,
  batchesUndo,
  setCompanyStage,
  leadsConvert,
] as Spec[];

export { chooseFile };
