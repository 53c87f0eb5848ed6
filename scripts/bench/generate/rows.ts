/**
 * The rows of a benchmark book: tags, companies, and people with their phones, emails, tags, calls,
 * tasks and notes, written with batched raw statements (the caller holds the connection, its
 * pragmas and the dropped indexes). Each person's call facts (last contact, last attempt, next
 * call) are computed here as person-stats.ts computes them, and the primary phone and email and
 * the sort keys are written with the row.
 */
import type Database from 'better-sqlite3-multiple-ciphers';
import { composeDisplayName, companySortKey, fold, personSortKey } from '../../../shared/domain/text.ts';
import { normalisePhone } from '../../../shared/domain/phone.ts';
import { BatchInsert } from './batch-insert.ts';
import { CITIES, COMPANY_SIZES, FREE_MAIL, INDUSTRIES, SOURCES, TAG_NAMES, type Pools } from './pools.ts';
import {
  formatPhone,
  makePhone,
  otherFormat,
  pickFormat,
  type GeneratedPhone,
  type PhoneFormat,
} from './phones.ts';
import type { ProbePerson, Probes } from './probes.ts';
import { uuid7, weighted, type Rng } from './rng.ts';

export const DAY = 86_400_000;
/** "Now" inside every generated book (data is dated before it), so a book is the same whenever built. */
export const BOOK_NOW = Date.UTC(2026, 10, 22, 9, 0, 0);
export const HISTORY_DAYS = 6 * 365;
export interface RowsContext {
  db: Database.Database;
  contacts: number;
  rng: Rng;
  idRng: Rng;
  sampleRng: Rng;
  pools: Pools;
  companyName: () => string;
  staffIds: string[];
  /** Outcomes whose calls count as a conversation (list_values.connected). */
  connected: Set<string>;
  purposes: string[];
  counts: Record<string, number>;
  log: (message: string) => void;
  step: (name: string) => void;
}

/** Column names, space-separated. */
const cols = (names: string) => names.split(' ');
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const midnight = (date: string) => Date.parse(`${date}T00:00:00Z`);

const pickStage = weighted([
  ['lead', 25],
  ['prospect', 20],
  ['customer', 45],
  ['former', 10],
] as const);
const pickOutcome = weighted([
  ['connected', 45],
  ['no answer', 20],
  ['voicemail', 15],
  ['busy', 8],
  ['call back later', 8],
  ['wrong number', 4],
] as const);
const pickNotes = weighted([
  [0, 45],
  [1, 30],
  [2, 15],
  [3, 7],
  [4, 3],
] as const);
const pickResponse = weighted([
  ['positive', 50],
  ['neutral', 35],
  ['negative', 15],
] as const);
const pickDoneTaskType = weighted([
  ['call', 55],
  ['email', 25],
  ['todo', 12],
  ['meeting', 8],
] as const);
const pickOtherTaskType = weighted([
  ['email', 40],
  ['todo', 40],
  ['meeting', 20],
] as const);
const pickCity = weighted(CITIES);

/** Keeps a uniform sample of `size` items from a stream (reservoir sampling, seeded). */
class Reservoir<T> {
  readonly items: T[] = [];
  private seen = 0;
  private readonly size: number;
  private readonly rng: Rng;
  constructor(size: number, rng: Rng) {
    this.size = size;
    this.rng = rng;
  }
  offer(make: () => T): void {
    this.seen++;
    if (this.items.length < this.size) this.items.push(make());
    else {
      const j = this.rng.int(this.seen);
      if (j < this.size) this.items[j] = make();
    }
  }
}

function slug(value: string): string {
  return fold(value).replace(/[^a-z0-9]+/gu, '');
}

/** Writes every row; returns the people recorded to measure with. */
export function insertRows(ctx: RowsContext): Omit<Probes, 'buyers'> {
  const { db, rng, idRng, sampleRng, pools, companyName, connected, purposes, counts, log } = ctx;
  const N = ctx.contacts;
  const start = BOOK_NOW - HISTORY_DAYS * DAY;
  const pickStaff = weighted(ctx.staffIds.map((id, i) => [id, i === 0 ? 3 : 2] as const));
  const ins = {
    tag: db.prepare(`INSERT INTO tags (id, name, created_at) VALUES (?, ?, ?)`),
    company: new BatchInsert(
      db,
      'companies',
      cols(
        'id name domain industry size street city postcode country sort_key created_at updated_at created_by updated_by',
      ),
    ),
    companyTag: new BatchInsert(db, 'company_tags', cols('company_id tag_id')),
    phone: new BatchInsert(db, 'phones', cols('id person_id company_id label number digits e164 position')),
    email: new BatchInsert(db, 'emails', cols('id person_id label email email_lower position')),
    person: new BatchInsert(
      db,
      'people',
      cols(
        'id given_name family_name display_name company_id job_title stage owner_id birthday gender source street city postcode country do_not_call email_opt_in email_opt_in_at call_days call_from call_to time_zone last_contact_at last_attempt_at next_call_at sort_key primary_phone primary_email created_at updated_at created_by updated_by',
      ),
    ),
    personTag: new BatchInsert(db, 'person_tags', cols('person_id tag_id')),
    call: new BatchInsert(
      db,
      'calls',
      cols(
        'id person_id company_id staff_id direction started_at duration_s purpose outcome response summary created_at updated_at created_by updated_by',
      ),
      { sorted: true },
    ),
    task: new BatchInsert(
      db,
      'tasks',
      cols(
        'id type title due_date priority person_id company_id assignee_id done_at reminder_at reminded_at call_id created_at updated_at created_by updated_by',
      ),
      { sorted: true },
    ),
    note: new BatchInsert(
      db,
      'notes',
      cols('id person_id company_id body created_at updated_at created_by updated_by'),
      { sorted: true },
    ),
  };
  const flushAll = () => {
    for (const inserter of Object.values(ins)) if (inserter instanceof BatchInsert) inserter.flush();
  };
  const checkPhone = (p: GeneratedPhone, number: string) => {
    // Every few hundredth number is checked against the app's own normalisation.
    if (counts.phones! % 397 !== 0) return;
    const n = normalisePhone(number, 'GB');
    if (n.digits !== p.nsn || n.e164 !== p.e164) {
      throw new Error(
        `Generated phone ${number} normalises to ${n.digits}/${n.e164}, not ${p.nsn}/${p.e164}`,
      );
    }
  };

  db.exec('BEGIN');
  const tagIds = TAG_NAMES.map((name, i) => {
    const at = start - 20 * DAY + i * 3_600_000;
    const id = uuid7(at, idRng);
    ins.tag.run(id, name, at);
    return id;
  });
  const pickTagCount = weighted([
    [0, 35],
    [1, 35],
    [2, 20],
    [3, 10],
  ] as const);

  // Companies: one per five people, created over the six years.
  const C = Math.max(1, Math.round(N / 5));
  const companies: { id: string; name: string; domain: string; city: string }[] = [];
  for (let i = 0; i < C; i++) {
    const created = start + Math.floor(((i + rng.float()) / C) * (HISTORY_DAYS - 30) * DAY);
    const id = uuid7(created, idRng);
    const name = companyName();
    const domain = `${slug(name).slice(0, 40) || 'company'}${rng.pick(['.co.uk', '.co.uk', '.com', '.uk'])}`;
    const city = pickCity(rng);
    const by = pickStaff(rng);
    ins.company.add(
      id,
      name,
      domain,
      rng.pick(INDUSTRIES),
      rng.pick(COMPANY_SIZES),
      rng.pick(pools.streets),
      city,
      rng.pick(pools.postcodes),
      'United Kingdom',
      companySortKey(name),
      created,
      created,
      by,
      by,
    );
    const phone = makePhone(rng);
    const number = formatPhone(phone, pickFormat(rng));
    counts.phones!++;
    checkPhone(phone, number);
    ins.phone.add(uuid7(created, idRng), null, id, 'work', number, phone.nsn, phone.e164, 0);
    if (rng.chance(0.1)) ins.companyTag.add(id, rng.pick(tagIds));
    if (rng.chance(0.2)) {
      const at = created + rng.int(Math.max(1, BOOK_NOW - created - DAY));
      ins.note.add(uuid7(at, idRng), null, id, rng.pick(pools.companyNotes), at, at, by, by);
      counts.notes!++;
    }
    companies.push({ id, name, domain, city });
  }
  counts.companies = C;
  flushAll();
  db.exec('COMMIT');
  ctx.step(`companies (${C})`);

  const probes = new Reservoir<ProbePerson>(200, sampleRng);
  const diacritic = new Reservoir<ProbePerson>(60, sampleRng);
  db.exec('BEGIN');
  for (let i = 0; i < N; i++) {
    if (i > 0 && i % 50_000 === 0) {
      flushAll();
      db.exec('COMMIT');
      db.exec('BEGIN');
      if (i % 200_000 === 0) log(`  people: ${i.toLocaleString('en')}`);
    }
    // People were added one after another over six years (the last ones a day before "now").
    const created = start + Math.floor(((i + rng.float()) / N) * (HISTORY_DAYS - 1) * DAY);
    const id = uuid7(created, idRng);
    const foreign = rng.chance(0.03) ? rng.pick(pools.intlNames) : null;
    const given = foreign ? rng.skewed(foreign.given, 1.5) : rng.skewed(pools.givenNames);
    const family = foreign ? rng.skewed(foreign.family, 1.5) : rng.skewed(pools.familyNames);
    const display = composeDisplayName(given, family);
    const company = rng.chance(0.7) ? companies[Math.floor(C * rng.float() ** 1.5)]! : null;
    const ownerId = pickStaff(rng);
    const by = rng.chance(0.8) ? ownerId : pickStaff(rng);
    const city = company && rng.chance(0.7) ? company.city : pickCity(rng);
    const optIn = rng.chance(0.45);
    const window = rng.chance(0.4);

    // Phones and emails.
    const phones: { phone: GeneratedPhone; number: string; format: PhoneFormat }[] = [];
    if (rng.chance(0.94)) {
      const count = rng.chance(0.25) ? 2 : 1;
      for (let k = 0; k < count; k++) {
        const phone = makePhone(rng);
        const format = pickFormat(rng);
        phones.push({ phone, number: formatPhone(phone, format), format });
      }
    }
    const emails: string[] = [];
    if (rng.chance(0.92)) {
      const local = `${slug(given)}${rng.pick(['.', '', '_', '.'])}${slug(family)}${rng.chance(0.15) ? rng.between(1, 99) : ''}`;
      const domain = company && rng.chance(0.7) ? company.domain : rng.pick(FREE_MAIL);
      emails.push(`${local || 'info'}@${domain}`);
      if (rng.chance(0.1)) emails.push(`${slug(given) || 'me'}${rng.between(1, 999)}@${rng.pick(FREE_MAIL)}`);
    }

    // Calls, oldest first, spread between being added and "now".
    const callCount = Math.min(60, Math.floor(-Math.log(1 - rng.float()) * 10));
    const span = BOOK_NOW - 3_600_000 - created;
    const starts: number[] = [];
    for (let k = 0; k < callCount; k++) starts.push(created + Math.floor(rng.float() * span));
    starts.sort((a, b) => a - b);
    let lastAttempt: number | null = null;
    let lastContact: number | null = null;
    let lastCall: { id: string; created: number } | null = null;
    const companyId = company?.id ?? null;
    for (const startedAt of starts) {
      const outcome = pickOutcome(rng);
      const isConnected = connected.has(outcome);
      const duration = isConnected ? rng.between(45, 1800) : rng.between(0, 40);
      const loggedAt = startedAt + duration * 1000 + rng.between(5, 300) * 1000;
      const callId = uuid7(loggedAt, idRng);
      const staff = pickStaff(rng);
      const summary = isConnected
        ? rng.chance(0.85)
          ? rng.pick(pools.summaries)
          : ''
        : rng.chance(0.3)
          ? rng.pick(pools.missedSummaries)
          : '';
      ins.call.add(
        callId,
        id,
        companyId,
        staff,
        rng.chance(0.6) ? 'out' : 'in',
        startedAt,
        duration,
        rng.chance(0.85) ? rng.pick(purposes) : null,
        outcome,
        isConnected ? pickResponse(rng) : null,
        summary,
        loggedAt,
        loggedAt,
        staff,
        staff,
      );
      counts.calls!++;
      lastAttempt = startedAt;
      if (isConnected) lastContact = startedAt;
      // Some calls had a follow-up, long since done.
      if (lastCall && rng.chance(0.12)) {
        const due = isoDate(startedAt + rng.between(1, 14) * DAY);
        const dueMs = midnight(due);
        const doneAt = Math.min(dueMs + rng.between(8, 18) * 3_600_000, BOOK_NOW - 3_600_000);
        const reminder = rng.chance(0.2) ? dueMs + 8 * 3_600_000 : null;
        const type = pickDoneTaskType(rng);
        ins.task.add(
          uuid7(loggedAt + 1000, idRng),
          type,
          taskTitle(type, given, rng, pools.products),
          due,
          rng.between(1, 3),
          id,
          companyId,
          staff,
          doneAt,
          reminder,
          reminder,
          callId,
          loggedAt + 1000,
          doneAt,
          staff,
          staff,
        );
        counts.tasks!++;
      }
      lastCall = { id: callId, created: loggedAt };
    }

    // Open tasks: a next call for many, something else for a few.
    let nextCall: number | null = null;
    if (rng.chance(0.4)) {
      const due = isoDate(BOOK_NOW + rng.between(-20, 30) * DAY);
      const createdAt = Math.min(lastCall?.created ?? created + 1000, BOOK_NOW - 60_000) + 1000;
      ins.task.add(
        uuid7(createdAt, idRng),
        'call',
        taskTitle('call', given, rng, pools.products),
        due,
        rng.between(1, 3),
        id,
        companyId,
        ownerId,
        null,
        null,
        null,
        lastCall?.id ?? null,
        createdAt,
        createdAt,
        by,
        by,
      );
      counts.tasks!++;
      nextCall = midnight(due);
    }
    if (rng.chance(0.12)) {
      const type = pickOtherTaskType(rng);
      const createdAt = created + rng.int(Math.max(1, BOOK_NOW - created - 60_000));
      ins.task.add(
        uuid7(createdAt, idRng),
        type,
        taskTitle(type, given, rng, pools.products),
        isoDate(BOOK_NOW + rng.between(-10, 30) * DAY),
        rng.between(1, 3),
        id,
        companyId,
        ownerId,
        null,
        null,
        null,
        null,
        createdAt,
        createdAt,
        by,
        by,
      );
      counts.tasks!++;
    }
    for (let k = pickNotes(rng); k > 0; k--) {
      const at = created + rng.int(Math.max(1, BOOK_NOW - created - 60_000));
      const author = pickStaff(rng);
      ins.note.add(uuid7(at, idRng), id, null, rng.pick(pools.notes), at, at, author, author);
      counts.notes!++;
    }

    ins.person.add(
      id,
      given,
      family,
      display,
      companyId,
      company && rng.chance(0.8) ? rng.pick(pools.jobTitles) : null,
      pickStage(rng),
      ownerId,
      rng.chance(0.25) ? isoDate(BOOK_NOW - rng.between(18 * 365, 80 * 365) * DAY) : null,
      rng.chance(0.3) ? rng.pick(['female', 'male', 'nonbinary', 'unspecified']) : null,
      rng.pick(SOURCES),
      rng.pick(pools.streets),
      city,
      rng.pick(pools.postcodes),
      'United Kingdom',
      rng.chance(0.03) ? 1 : 0,
      optIn ? 1 : 0,
      optIn ? created : null,
      window ? 31 : null,
      window ? rng.pick([480, 540, 600]) : null,
      window ? rng.pick([720, 1020, 1080]) : null,
      window ? 'Europe/London' : null,
      lastContact,
      lastAttempt,
      nextCall,
      personSortKey(given, family, display),
      phones[0]?.number ?? null,
      emails[0] ?? null,
      created,
      created,
      by,
      by,
    );
    counts.people!++;
    for (const [position, p] of phones.entries()) {
      counts.phones!++;
      checkPhone(p.phone, p.number);
      ins.phone.add(
        uuid7(created, idRng),
        id,
        null,
        position === 0 ? 'mobile' : 'work',
        p.number,
        p.phone.nsn,
        p.phone.e164,
        position,
      );
    }
    for (const [position, email] of emails.entries()) {
      counts.emails!++;
      ins.email.add(
        uuid7(created, idRng),
        id,
        position === 0 ? 'work' : 'home',
        email,
        email.toLowerCase(),
        position,
      );
    }
    const tagCount = pickTagCount(rng);
    if (tagCount > 0) {
      const chosen = new Set<string>();
      for (let k = 0; k < tagCount; k++) chosen.add(rng.skewed(tagIds, 1.3));
      for (const tag of chosen) {
        ins.personTag.add(id, tag);
        counts.person_tags!++;
      }
    }

    const probe = (): ProbePerson => ({
      id,
      givenName: given,
      familyName: family,
      displayName: display,
      phone: phones[0]?.number ?? null,
      phoneOther: phones[0] ? otherFormat(phones[0].phone, phones[0].format) : null,
      calls: callCount,
    });
    probes.offer(probe);
    if (fold(family) !== family.toLowerCase()) diacritic.offer(probe);
  }
  flushAll();
  db.exec('COMMIT');
  return { people: probes.items, diacritic: diacritic.items };
}

function taskTitle(type: string, given: string, rng: Rng, products: readonly string[]): string {
  switch (type) {
    case 'call':
      return rng.pick([
        `Call ${given} about the ${rng.pick(products)} quote`,
        `Call ${given} back`,
        `Follow up with ${given}`,
        `Chase ${given} for the order`,
      ]);
    case 'email':
      return rng.pick(['Send the price list', 'Email a copy of the invoice', `Send ${given} the brochure`]);
    case 'meeting':
      return rng.pick(['Site visit', 'Demo at their office', 'Annual review']);
    default:
      return rng.pick(['Update the delivery address', 'Check the credit limit', 'Post samples']);
  }
}
