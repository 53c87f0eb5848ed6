/**
 * The demo book: a realistic small business, generated with a fixed seed so every run is the same.
 * A few hundred people and companies with phones, emails, addresses, tags, calling windows,
 * and two years of calls, tasks and notes. Later issues add their own data here.
 */
import { Faker, base, en, en_GB } from '@faker-js/faker';
import { normalisePhone } from '../../../shared/domain/phone.ts';
import { personSortKey } from '../../../shared/domain/text.ts';
import type { Backend } from '../backend.ts';
import { seedSales } from './demo.sales.ts';
import { refreshPersonStats } from '../people/person-stats.ts';
import { reindex } from '../search/search.index.ts';
import { readSettings } from '../settings/settings.store.ts';
import { insertStaff } from '../staff/staff.handlers.ts';

export interface DemoSize {
  companies: number;
  people: number;
  callsPerPerson: number;
  tasks: number;
}

export const DEMO_SIZE: DemoSize = { companies: 80, people: 420, callsPerPerson: 5, tasks: 220 };

const OUTCOMES = [
  'connected',
  'connected',
  'connected',
  'no answer',
  'busy',
  'voicemail',
  'call back later',
  'wrong number',
];
const PURPOSES = ['Follow-up', 'Quote', 'Order query', 'Support', 'Introduction', 'Renewal'];
const STAGES = ['lead', 'prospect', 'customer', 'customer', 'customer', 'former'] as const;
const TASK_TYPES = ['call', 'call', 'email', 'meeting', 'todo'] as const;
const TAGS = ['VIP', 'Wholesale', 'Newsletter', 'Trade show 2026', 'Referral', 'Slow payer'];
const INDUSTRIES = [
  'Hospitality',
  'Retail',
  'Construction',
  'Healthcare',
  'Education',
  'Manufacturing',
  'Logistics',
];
const SOURCES = ['Website', 'Referral', 'Trade show', 'Phone-in', 'Walk-in'];
const CITIES = [
  'London',
  'Manchester',
  'Leeds',
  'Bristol',
  'Glasgow',
  'Cardiff',
  'Norwich',
  'York',
  'Brighton',
];
const NOTES = [
  'Prefers a call in the morning; the office is quiet before ten.',
  'Asked for the new price list and the delivery schedule for spring.',
  'Unhappy with the last delivery: two boxes arrived damaged. Sent replacements.',
  'Interested in the annual service plan. Follow up after the budget meeting.',
  'New contact after the trade show. Runs three shops in the area.',
  'Paid the overdue invoice. Wants invoices by email from now on.',
];
const DAY = 86_400_000;

function isoDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** True when the book has no customers and has not been set up: only such a book gets the demo. */
export function isNewBook(backend: Backend): boolean {
  const { sql, q } = backend.ctx;
  const people = sql.first(q.selectFrom('people').select((eb) => eb.fn.countAll<number>().as('n')))?.n ?? 0;
  return people === 0 && !readSettings(backend.ctx).setupComplete;
}

export function seedDemo(backend: Backend, size: DemoSize = DEMO_SIZE, seed = 20261122): void {
  const ctx = backend.ctx;
  const faker = new Faker({ locale: [en_GB, en, base] });
  faker.seed(seed);
  const now = ctx.clock();
  const raw = ctx.sql.raw;
  const seqBefore = ctx.writer.latestSeq();

  ctx.writer.write((scope) => {
    const owner = insertStaff(ctx, scope, {
      name: 'Sam Taylor',
      email: 'sam@harbourfinch.co.uk',
      role: 'owner',
    });
    scope.staffId = owner.id;
    const staff = [
      owner,
      insertStaff(ctx, scope, { name: 'Priya Shah', email: 'priya@harbourfinch.co.uk', role: 'staff' }),
      insertStaff(ctx, scope, { name: 'Tom Evans', email: 'tom@harbourfinch.co.uk', role: 'staff' }),
    ];
    const setting = raw.prepare(`INSERT INTO settings (key, value) VALUES (?, ?)
      ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
    const settings: Record<string, unknown> = {
      businessName: 'Harbour & Finch Ltd',
      currency: 'GBP',
      locale: 'en-GB',
      currentStaffId: owner.id,
      setupComplete: true,
    };
    for (const [key, value] of Object.entries(settings)) {
      setting.run(key, JSON.stringify(value));
      scope.change('settings', key, 'update');
    }

    const tagIds = TAGS.map((name) => {
      const id = ctx.ids();
      raw.prepare(`INSERT INTO tags (id, name, created_at) VALUES (?, ?, ?)`).run(id, name, now - 700 * DAY);
      scope.change('tags', id, 'insert');
      return id;
    });

    const insPhone =
      raw.prepare(`INSERT INTO phones (id, person_id, company_id, label, number, digits, e164, position)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    const makeNumber = () =>
      faker.helpers.arrayElement([
        () => `020 ${faker.string.numeric(4)} ${faker.string.numeric(4)}`,
        () => `07${faker.string.numeric(3)} ${faker.string.numeric(6)}`,
        () => `0161 ${faker.string.numeric(3)} ${faker.string.numeric(4)}`,
        () => `+44 117 ${faker.string.numeric(3)} ${faker.string.numeric(4)}`,
      ])();
    const phone = (
      personId: string | null,
      companyId: string | null,
      label: string,
      position: number,
      number = makeNumber(),
    ) => {
      const n = normalisePhone(number, 'GB');
      insPhone.run(ctx.ids(), personId, companyId, label, number, n.digits, n.e164, position);
      return number;
    };

    const insCompany =
      raw.prepare(`INSERT INTO companies (id, name, domain, industry, size, street, city, postcode,
      country, sort_key, created_at, updated_at, created_by, updated_by)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'United Kingdom', ?, ?, ?, ?, ?)`);
    const companies: { id: string; domain: string }[] = [];
    for (let i = 0; i < size.companies; i++) {
      const id = ctx.ids();
      const name = faker.company.name();
      const created = now - faker.number.int({ min: 60, max: 730 }) * DAY;
      const domain = `${name.toLowerCase().replace(/[^a-z0-9]+/gu, '')}.co.uk`;
      insCompany.run(
        id,
        name,
        domain,
        faker.helpers.arrayElement(INDUSTRIES),
        faker.helpers.arrayElement(['1–9', '10–49', '50–249', '250+']),
        faker.location.streetAddress(),
        faker.helpers.arrayElement(CITIES),
        faker.location.zipCode(),
        name.toLowerCase(),
        created,
        created,
        owner.id,
        owner.id,
      );
      phone(null, id, 'work', 0);
      if (faker.datatype.boolean(0.3)) {
        raw
          .prepare(`INSERT INTO company_tags (company_id, tag_id) VALUES (?, ?)`)
          .run(id, faker.helpers.arrayElement(tagIds));
      }
      scope.change('companies', id, 'insert');
      companies.push({ id, domain });
    }

    const insPerson = raw.prepare(`INSERT INTO people (id, given_name, family_name, display_name, company_id,
      job_title, stage, owner_id, source, street, city, postcode, country, do_not_call, email_opt_in, email_opt_in_at,
      call_days, call_from, call_to, time_zone, sort_key, primary_phone, primary_email, birthday,
      created_at, updated_at, created_by, updated_by)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'United Kingdom', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insEmail = raw.prepare(`INSERT INTO emails (id, person_id, label, email, email_lower, position)
      VALUES (?, ?, ?, ?, ?, 0)`);
    const insCall =
      raw.prepare(`INSERT INTO calls (id, person_id, company_id, staff_id, direction, started_at,
      duration_s, purpose, outcome, response, summary, created_at, updated_at, created_by, updated_by)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insNote = raw.prepare(`INSERT INTO notes (id, person_id, company_id, body, created_at, updated_at,
      created_by, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`);
    const people: { id: string; name: string; companyId: string | null }[] = [];
    for (let i = 0; i < size.people; i++) {
      const id = ctx.ids();
      const given = faker.person.firstName();
      const family = faker.person.lastName();
      const company = faker.datatype.boolean(0.7) ? faker.helpers.arrayElement(companies) : null;
      const ownerId = faker.helpers.arrayElement(staff).id;
      const created = now - faker.number.int({ min: 1, max: 730 }) * DAY;
      const email =
        `${given}.${family}`.toLowerCase().replace(/[^a-z.]/gu, '') +
        `@${company?.domain ?? 'example.co.uk'}`;
      const optIn = faker.datatype.boolean(0.5);
      const hasWindow = faker.datatype.boolean(0.6);
      const number = makeNumber();
      insPerson.run(
        id,
        given,
        family,
        `${given} ${family}`,
        company?.id ?? null,
        company ? faker.person.jobTitle() : null,
        faker.helpers.arrayElement(STAGES),
        ownerId,
        faker.helpers.arrayElement(SOURCES),
        faker.location.streetAddress(),
        faker.helpers.arrayElement(CITIES),
        faker.location.zipCode(),
        faker.datatype.boolean(0.05) ? 1 : 0,
        optIn ? 1 : 0,
        optIn ? created : null,
        hasWindow ? 31 : null,
        hasWindow ? faker.helpers.arrayElement([480, 540, 600]) : null,
        hasWindow ? faker.helpers.arrayElement([720, 1020, 1080]) : null,
        hasWindow ? 'Europe/London' : null,
        personSortKey(given, family, `${given} ${family}`),
        number,
        email,
        faker.datatype.boolean(0.3)
          ? isoDate(faker.date.birthdate({ min: 20, max: 70, mode: 'age' }).getTime())
          : null,
        created,
        created,
        ownerId,
        ownerId,
      );
      phone(id, null, 'mobile', 0, number);
      if (faker.datatype.boolean(0.3)) phone(id, null, 'work', 1);
      insEmail.run(ctx.ids(), id, 'work', email, email);
      for (const tag of faker.helpers.arrayElements(tagIds, faker.number.int({ min: 0, max: 2 }))) {
        raw.prepare(`INSERT INTO person_tags (person_id, tag_id) VALUES (?, ?)`).run(id, tag);
      }
      scope.change('people', id, 'insert');
      people.push({ id, name: `${given} ${family}`, companyId: company?.id ?? null });

      const calls = faker.number.int({ min: 0, max: size.callsPerPerson * 2 });
      for (let c = 0; c < calls; c++) {
        const callId = ctx.ids();
        // Spread over two years, more of them recent; a few today.
        const started =
          c === 0 && faker.datatype.boolean(0.06)
            ? now - faker.number.int({ min: 5, max: 300 }) * 60_000
            : now -
              Math.floor(Math.pow(faker.number.float({ min: 0, max: 1 }), 2) * 730 * 24 * 60) * 60_000 -
              3_600_000;
        const outcome = faker.helpers.arrayElement(OUTCOMES);
        const connected = outcome === 'connected';
        const by = faker.helpers.arrayElement(staff).id;
        insCall.run(
          callId,
          id,
          company?.id ?? null,
          by,
          faker.datatype.boolean(0.6) ? 'out' : 'in',
          started,
          connected ? faker.number.int({ min: 45, max: 1800 }) : faker.number.int({ min: 0, max: 40 }),
          faker.helpers.arrayElement(PURPOSES),
          outcome,
          connected ? faker.helpers.arrayElement(['positive', 'neutral', 'negative']) : null,
          connected ? faker.lorem.sentence({ min: 6, max: 16 }) : '',
          started,
          started,
          by,
          by,
        );
        scope.change('calls', callId, 'insert');
        reindex(ctx, 'call', callId);
      }
      if (faker.datatype.boolean(0.35)) {
        const noteId = ctx.ids();
        const at = now - faker.number.int({ min: 1, max: 700 }) * DAY;
        insNote.run(noteId, id, null, faker.helpers.arrayElement(NOTES), at, at, ownerId, ownerId);
        scope.change('notes', noteId, 'insert');
        reindex(ctx, 'note', noteId);
      }
    }
    for (const c of companies) reindex(ctx, 'company', c.id);

    const insTask =
      raw.prepare(`INSERT INTO tasks (id, type, title, due_date, priority, person_id, company_id,
      assignee_id, done_at, reminder_at, created_at, updated_at, created_by, updated_by)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (let i = 0; i < size.tasks; i++) {
      const id = ctx.ids();
      const person = faker.helpers.arrayElement(people);
      const type = faker.helpers.arrayElement(TASK_TYPES);
      const due = now + faker.number.int({ min: -12, max: 21 }) * DAY;
      const done = due < now && faker.datatype.boolean(0.6) ? due : null;
      const title = {
        call: `Call ${person.name.split(' ')[0]} about the quote`,
        email: 'Send the price list',
        meeting: 'Site visit',
        todo: 'Update the delivery address',
      }[type];
      const by = faker.helpers.arrayElement(staff).id;
      const reminder = !done && due > now && faker.datatype.boolean(0.3) ? due - 3_600_000 : null;
      insTask.run(
        id,
        type,
        title,
        isoDate(due),
        faker.number.int({ min: 1, max: 3 }),
        person.id,
        person.companyId,
        by,
        done,
        reminder,
        now - 20 * DAY,
        now - 20 * DAY,
        by,
        by,
      );
      scope.change('tasks', id, 'insert');
    }
    for (const p of people) {
      refreshPersonStats(ctx, scope, p.id);
      reindex(ctx, 'person', p.id);
    }
    seedSales(
      ctx,
      scope,
      faker,
      staff.map((s) => s.id),
      now,
    );
    // The demo's records were added over two years: their "added" entries in the change log (which
    // timelines show) are dated when each record was created, not at the moment of seeding.
    for (const table of [
      'people',
      'companies',
      'calls',
      'tasks',
      'notes',
      'orders',
      'deals',
      'cases',
    ] as const) {
      raw
        .prepare(
          `UPDATE changes SET at = coalesce((SELECT t.created_at FROM ${table} t WHERE t.id = changes.row_id), at)
             WHERE tbl = ? AND op = 'insert' AND seq > ?`,
        )
        .run(table, seqBefore);
    }
  });
}
