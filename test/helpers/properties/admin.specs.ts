/**
 * Specs of the book-wide writes: settings, set-up, staff profiles, jobs, files chosen in the
 * Open dialog, imports (CSV of each kind, vCard, an archive), exports and snapshots.
 */
import fc from 'fast-check';
import { LIST_NAMES } from '../../../shared/api/requests/list-export.schema.ts';
import { PRESET_IDS } from '../../../shared/domain/transfer.ts';
import { chooseFile } from './contacts.specs.ts';
import {
  aim,
  CITIES,
  COMPANY_NAMES,
  DATES,
  FAMILY,
  GIVEN,
  opt,
  PHONES,
  badOf,
  pick,
  TAGS,
  TEXTS,
  UNKNOWN_ID,
  type Target,
} from './pools.ts';
import { spec, type Built, type Spec } from './steps.ts';
import { ids, nth, send, writeFile, type World } from './world.ts';

const settingsUpdate = spec({
  name: 'settings.update',
  arb: fc.record({
    businessName: opt(fc.constantFrom('Analytical Engines Ltd', 'Café Zürich GmbH', '   ')),
    currency: opt(fc.constantFrom('GBP', 'EUR', 'USD', 'XXX')),
    locale: opt(fc.constantFrom('en-GB', 'de-DE', 'fr-FR')),
    theme: opt(fc.constantFrom('light', 'dark', 'system')),
    csv: opt(
      fc.option(
        fc.record({
          delimiter: fc.constantFrom(',', ';'),
          decimal: fc.constantFrom('.', ','),
          dates: fc.constantFrom('iso', 'locale'),
          encoding: fc.constantFrom('utf-8-bom', 'windows-1252'),
          protectFormulas: fc.boolean(),
        }),
        { nil: null },
      ),
    ),
  }),
  build(_w, p): Built {
    const input = Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined));
    const refused = Object.keys(input).length === 0 || p.businessName === '   ' || p.currency === 'XXX';
    return { input, expect: refused ? 'refused' : 'ok' };
  },
});

const setupComplete = spec({
  name: 'setup.complete',
  onlyRefused: 'every world is set up when it opens (its first set-up is the world’s own)',
  arb: fc.constantFrom('GBP', 'EUR'),
  build(_w, currency): Built {
    // The book is set up when a world opens: a second set-up is always refused.
    return {
      input: { userName: 'Another Owner', businessName: 'Other Ltd', currency, locale: 'en-GB' },
      expect: 'refused',
    };
  },
});

const staffCreate = spec({
  name: 'staff.create',
  arb: fc.record({
    name: fc.constantFrom('Katherine Johnson', 'Alan Turing', ''),
    email: opt(fc.option(fc.constantFrom('kj@example.com', 'not an email'), { nil: null })),
    role: opt(fc.constantFrom('owner', 'staff')),
  }),
  build(_w, p): Built {
    const input = Object.fromEntries(Object.entries(p).filter(([, v]) => v !== undefined));
    const refused = p.name === '' || p.email === 'not an email';
    return { input, expect: refused ? 'refused' : 'ok' };
  },
});

function staffTarget(w: World, r: { unknown: boolean; n: number }): string | undefined {
  return r.unknown ? UNKNOWN_ID : nth(ids(w, `SELECT id FROM staff ORDER BY rowid`), r.n);
}

const staffUpdate = spec({
  name: 'staff.update',
  weight: 2,
  arb: fc.record({
    who: fc.record({ unknown: fc.constantFrom(false, false, false, true), n: pick }),
    name: opt(fc.constantFrom('Grace B. Hopper', 'Ada King')),
    role: opt(fc.constantFrom('owner', 'staff')),
    active: opt(fc.boolean()),
  }),
  build(w, p): Built | null {
    const id = staffTarget(w, p.who);
    if (!id) return null;
    const input: Record<string, unknown> = { id };
    if (p.name) input.name = p.name;
    if (p.role) input.role = p.role;
    if (p.active !== undefined) input.active = p.active;
    return { input, expect: p.who.unknown ? 'refused' : 'any' };
  },
});

const staffSwitch = spec({
  name: 'staff.switch',
  weight: 2,
  arb: fc.record({ unknown: fc.constantFrom(false, false, false, true), n: pick }),
  build(w, p): Built | null {
    const id = staffTarget(w, p);
    if (!id) return null;
    return { input: { id }, expect: p.unknown ? 'refused' : 'any' };
  },
});

const jobsCancel = spec({
  name: 'jobs.cancel',
  arb: fc.constantFrom('job-404', '1', 'a-job-that-ended'),
  build(_w, jobId): Built {
    return { input: { jobId }, expect: 'ok' };
  },
});

const filesOpen = spec({
  name: 'files.open',
  arb: fc.record({ purpose: fc.constantFrom('csv', 'vcard', 'archive', 'image'), cancel: fc.boolean() }),
  build(w, p): Built {
    w.dialogs.nextOpen = p.cancel ? null : writeFile(w, `chosen-${w.step}.${p.purpose}`, 'Name\nAda\n');
    return {
      input: { purpose: p.purpose },
      expect: 'ok',
      after: (world, value) => {
        if (value) world.fileIds.push((value as { fileId: string }).fileId);
      },
    };
  },
});

const filesRelease = spec({
  name: 'files.release',
  arb: fc.record({ known: fc.boolean(), n: pick }),
  build(w, p): Built {
    const fileId = p.known ? (nth(w.fileIds, p.n) ?? UNKNOWN_ID) : UNKNOWN_ID;
    return { input: { fileId }, expect: 'ok' };
  },
});

// ---- imports ------------------------------------------------------------------------------------

const cell = (v: string) => (/[",\n]/u.test(v) ? `"${v.replaceAll('"', '""')}"` : v);
const csv = (rows: string[][]) => `${rows.map((r) => r.map(cell).join(',')).join('\r\n')}\r\n`;
const email = (n: number) => `${['ann', 'bob', 'zoe', 'info'][n % 4]}${n % 21}@example.com`;

/** A CSV file of one kind, its header-to-field mapping and the match rules it can use. */
const CSV_KINDS = {
  people: {
    headers: ['Given', 'Family', 'Company', 'Email', 'Phone', 'City', 'Tags', 'Notes'],
    mapping: ['givenName', 'familyName', 'company', 'email', 'phone', 'city', 'tags', 'notes'],
    matches: ['email', 'phone', 'none'],
    row: (n: number) => [
      GIVEN[n % GIVEN.length]!,
      FAMILY[(n >> 2) % FAMILY.length]!,
      n % 3 === 0 ? '' : COMPANY_NAMES[n % COMPANY_NAMES.length]!,
      n % 5 === 0 ? '' : email(n),
      n % 4 === 0 ? '' : PHONES[n % PHONES.length]!,
      CITIES[n % CITIES.length]!,
      TAGS[n % TAGS.length]!,
      n % 2 ? TEXTS[n % TEXTS.length]! : '',
    ],
  },
  companies: {
    headers: ['Company', 'Industry', 'City', 'Tags', 'Notes'],
    mapping: ['name', 'industry', 'city', 'tags', 'notes'],
    matches: ['name', 'none'],
    row: (n: number) => [
      COMPANY_NAMES[n % COMPANY_NAMES.length]!,
      ['Retail', 'Shipping', ''][n % 3]!,
      CITIES[n % CITIES.length]!,
      TAGS[n % TAGS.length]!,
      n % 2 ? TEXTS[n % TEXTS.length]! : '',
    ],
  },
  calls: {
    headers: ['Email', 'Name', 'Date', 'Duration', 'Outcome', 'Summary'],
    mapping: ['personEmail', 'personName', 'startedAt', 'duration', 'outcome', 'summary'],
    matches: ['email', 'name'],
    row: (n: number) => [
      email(n),
      `${GIVEN[n % GIVEN.length]!} ${FAMILY[(n >> 2) % FAMILY.length]!}`,
      `${DATES[n % DATES.length]!} 1${n % 10}:30`,
      String((n * 37) % 4000),
      ['connected', 'no answer', 'voicemail', 'teleported'][n % 4]!,
      TEXTS[n % TEXTS.length]!,
    ],
  },
  products: {
    headers: ['Name', 'SKU', 'Price', 'Tax rate', 'Currency'],
    mapping: ['name', 'sku', 'unitPrice', 'taxRate', 'currency'],
    matches: ['sku', 'name', 'none'],
    row: (n: number) => [
      ['Claw hammer', 'Wall paint 5 l', 'Fitting (per hour)'][n % 3]!,
      ['HAM-1', 'PNT-2', '', 'ham-1'][n % 4]!,
      ['12.99', '1,250.00', '0', 'free'][n % 4]!,
      ['20', '5', '0'][n % 3]!,
      ['GBP', 'EUR', ''][n % 3]!,
    ],
  },
  orders: {
    headers: ['Order', 'Date', 'Status', 'Customer', 'Email', 'Product', 'Description', 'Qty', 'Price'],
    mapping: [
      'orderNumber',
      'orderDate',
      'status',
      'customerName',
      'customerEmail',
      'product',
      'description',
      'quantity',
      'unitPrice',
    ],
    matches: ['reference', 'none'],
    row: (n: number) => [
      `WEB-${100 + (n % 3)}`,
      DATES[n % DATES.length]!,
      ['paid', 'confirmed', 'quote', 'shipped'][n % 4]!,
      `${GIVEN[n % GIVEN.length]!} ${FAMILY[(n >> 2) % FAMILY.length]!}`,
      email(n),
      ['HAM-1', '', 'Claw hammer'][n % 3]!,
      'Imported line',
      ['1', '2.5', '0'][n % 3]!,
      ['12.99', '3', ''][n % 3]!,
    ],
  },
} as const;

const importRun = spec({
  name: 'import.run',
  weight: 3,
  arb: fc.record({
    kind: fc.constantFrom('people', 'people', 'companies', 'calls', 'products', 'orders', 'vcard'),
    rows: fc.array(fc.nat(400), { minLength: 1, maxLength: 5 }),
    match: pick,
    blankOverwrites: fc.boolean(),
    bad: badOf('unknownFile', 'changedFile'),
  }),
  async build(w, p): Promise<Built | null> {
    if (p.kind === 'vcard') {
      const cards = p.rows.map((n) =>
        [
          'BEGIN:VCARD',
          'VERSION:3.0',
          `N:${FAMILY[n % FAMILY.length]!};${GIVEN[n % GIVEN.length]!};;;`,
          `FN:${GIVEN[n % GIVEN.length]!} ${FAMILY[n % FAMILY.length]!}`,
          n % 3 ? `EMAIL;TYPE=work:${email(n)}` : '',
          n % 2 ? `TEL;TYPE=cell:${PHONES[n % PHONES.length]!}` : '',
          n % 4 ? `ORG:${COMPANY_NAMES[n % COMPANY_NAMES.length]!}` : '',
          'END:VCARD',
        ]
          .filter(Boolean)
          .join('\r\n'),
      );
      const file = writeFile(w, `import-${w.step}.vcf`, `${cards.join('\r\n')}\r\n`);
      const fileId = p.bad === 'unknownFile' ? UNKNOWN_ID : ((await chooseFile(w, 'vcard', file)) as string);
      const bytes = Buffer.byteLength(`${cards.join('\r\n')}\r\n`);
      const input = {
        format: 'vcard',
        fileId,
        bytes: p.bad === 'changedFile' ? bytes + 7 : bytes,
        match: ['email', 'phone', 'none'][p.match % 3],
      };
      return { input, expect: p.bad === 'unknownFile' ? 'refused' : 'any' };
    }
    const kind = CSV_KINDS[p.kind];
    const file = writeFile(
      w,
      `import-${w.step}.csv`,
      csv([[...kind.headers], ...p.rows.map((n) => kind.row(n))]),
    );
    const fileId = (await chooseFile(w, 'csv', file)) as string;
    const inspected = await send(w, 'import.inspect', { fileId, kind: p.kind });
    if (!inspected.ok) throw new Error(`import.inspect failed: ${inspected.error.message}`);
    const i = inspected.value as {
      encoding: string;
      delimiter: string;
      headerKey: string;
      file: { bytes: number };
    };
    const input = {
      kind: p.kind,
      fileId: p.bad === 'unknownFile' ? UNKNOWN_ID : fileId,
      encoding: i.encoding,
      delimiter: i.delimiter,
      headerKey: i.headerKey,
      bytes: p.bad === 'changedFile' ? i.file.bytes + 7 : i.file.bytes,
      mapping: [...kind.mapping],
      match: kind.matches[p.match % kind.matches.length],
      blankOverwrites: p.blankOverwrites,
    };
    return { input, expect: p.bad === 'unknownFile' ? 'refused' : 'any' };
  },
});

const importArchive = spec({
  name: 'import.archive',
  // The archive brings its own change log in place of what setting up the empty book wrote.
  replacesBook: true,
  arb: fc.constantFrom('archive', 'archive', 'notAnArchive', 'unknownFile'),
  async build(w, p): Promise<Built | null> {
    if (p === 'unknownFile') return { input: { fileId: UNKNOWN_ID }, expect: 'refused' };
    if (p === 'archive' && !w.archive) return null;
    const file = p === 'archive' ? (w.archive as string) : writeFile(w, `not-a-zip-${w.step}.zip`, 'PK? no.');
    const fileId = await chooseFile(w, 'archive', file);
    return { input: { fileId }, expect: p === 'archive' ? 'any' : 'refused' };
  },
});

// ---- exports ------------------------------------------------------------------------------------

const saved = (w: World, chosen: boolean) => {
  w.dialogs.saveChosen = chosen;
};

const exportList = spec({
  name: 'export.list',
  arb: fc.record({ list: fc.constantFrom(...LIST_NAMES), bogusColumn: fc.boolean(), save: fc.boolean() }),
  build(w, p): Built {
    saved(w, p.save);
    const input: Record<string, unknown> = { list: p.list };
    if (p.bogusColumn) input.columns = ['no_such_column'];
    // A cancelled Save dialog ends the request before the columns are looked at.
    return { input, expect: p.bogusColumn ? (p.save ? 'refused' : 'any') : 'ok' };
  },
});

const exportPreset = spec({
  name: 'export.preset',
  arb: fc.record({
    preset: fc.constantFrom(...PRESET_IDS),
    from: fc.constantFrom(...DATES),
    to: fc.constantFrom(...DATES),
  }),
  build(w, p): Built {
    saved(w, true);
    return { input: p, expect: p.from <= p.to ? 'ok' : 'refused' };
  },
});

const exportEverything = spec({
  name: 'export.everything',
  arb: fc.boolean(),
  build(w, save): Built {
    saved(w, save);
    return { input: {}, expect: 'ok' };
  },
});

const exportVcard = spec({
  name: 'export.vcard',
  arb: fc.record({
    who: fc.array(
      fc.record({ t: fc.constantFrom('live', 'live', 'unknown') as fc.Arbitrary<Target>, n: pick }),
      { minLength: 1, maxLength: 3 },
    ),
    version: fc.constantFrom('3.0', '4.0'),
  }),
  build(w, p): Built | null {
    const chosen = p.who
      .map((r) => aim(w, 'people', r.t, r.n))
      .filter((id): id is string => id !== undefined);
    if (chosen.length === 0) return null;
    saved(w, true);
    return { input: { ids: chosen, version: p.version }, expect: 'any' };
  },
});

const exportPerson = spec({
  name: 'export.person',
  arb: fc.record({
    t: fc.constantFrom('live', 'live', 'trashed', 'unknown') as fc.Arbitrary<Target>,
    n: pick,
  }),
  build(w, p): Built | null {
    const id = aim(w, 'people', p.t, p.n);
    if (!id) return null;
    saved(w, true);
    return { input: { personId: id }, expect: p.t === 'unknown' ? 'refused' : p.t === 'live' ? 'ok' : 'any' };
  },
});

// ---- snapshots ----------------------------------------------------------------------------------

async function snapshotNames(w: World): Promise<string[]> {
  const envelope = await send(w, 'backups.overview', {});
  if (!envelope.ok) throw new Error(`backups.overview failed: ${envelope.error.message}`);
  return (envelope.value as { snapshots: { file: string }[] }).snapshots.map((s) => s.file).sort();
}

const backupsTake = spec({
  name: 'backups.take',
  weight: 2,
  arb: fc.constant(null),
  build(): Built {
    return { input: {}, expect: 'ok' };
  },
});

const snapshotRef = fc.record({ t: fc.constantFrom('known', 'known', 'known', 'unknown', 'path'), n: pick });
async function snapshotFile(w: World, r: { t: string; n: number }): Promise<string | undefined> {
  if (r.t === 'unknown') return 'no-such-snapshot.sqlite';
  if (r.t === 'path') return '../customer-book.sqlite';
  return nth(await snapshotNames(w), r.n);
}

const backupsDelete = spec({
  name: 'backups.delete',
  arb: snapshotRef,
  async build(w, p): Promise<Built | null> {
    const file = await snapshotFile(w, p);
    if (!file) return null;
    return { input: { file }, expect: p.t === 'known' ? 'ok' : 'refused' };
  },
});

const backupsRestore = spec({
  name: 'backups.restore',
  replacesBook: true,
  arb: snapshotRef,
  async build(w, p): Promise<Built | null> {
    const file = await snapshotFile(w, p);
    if (!file) return null;
    return { input: { file }, expect: p.t === 'known' ? 'ok' : 'refused' };
  },
});

const backupsSettings = spec({
  name: 'backups.settings',
  arb: fc.record({
    folder: opt(fc.constantFrom('default', 'own', 'relative')),
    beforeChanges: opt(fc.boolean()),
  }),
  build(w, p): Built {
    const input: Record<string, unknown> = {};
    if (p.folder === 'default') input.folder = null;
    if (p.folder === 'own') input.folder = `${w.files}/snapshots-${p.beforeChanges ? 'a' : 'b'}`;
    if (p.folder === 'relative') input.folder = 'snapshots';
    if (p.beforeChanges !== undefined) input.beforeChanges = p.beforeChanges;
    const refused = Object.keys(input).length === 0 || p.folder === 'relative';
    return { input, expect: refused ? 'refused' : 'ok' };
  },
});

const backupsChooseFolder = spec({
  name: 'backups.chooseFolder',
  arb: fc.boolean(),
  build(w, cancel): Built {
    w.dialogs.nextFolder = cancel ? null : `${w.files}/chosen-folder`;
    return { input: {}, expect: 'ok' };
  },
});

export const ADMIN_SPECS: Spec[] = [
  settingsUpdate,
  setupComplete,
  staffCreate,
  staffUpdate,
  staffSwitch,
  jobsCancel,
  filesOpen,
  filesRelease,
  importRun,
  importArchive,
  exportList,
  exportPreset,
  exportEverything,
  exportVcard,
  exportPerson,
  backupsTake,
  backupsRestore,
  backupsDelete,
  backupsSettings,
  backupsChooseFolder,
] as Spec[];
