/**
 * The demo book: a realistic small business, generated with a fixed seed so every run is the same.
 * Later issues add their own data here (products, orders, deals, cases).
 */
import { Faker, base, en, en_GB } from '@faker-js/faker';
import type { Backend } from '../backend.ts';
import { readSettings } from '../settings/settings.store.ts';
import { insertStaff } from '../staff/staff.handlers.ts';

export interface DemoSize {
  companies: number;
  people: number;
  callsPerPerson: number;
  tasks: number;
}

export const DEMO_SIZE: DemoSize = { companies: 60, people: 400, callsPerPerson: 4, tasks: 160 };

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
const TASK_TYPES = ['call', 'email', 'meeting', 'todo'] as const;
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

    const insCompany =
      raw.prepare(`INSERT INTO companies (id, name, domain, created_at, updated_at, created_by, updated_by)
      VALUES (?, ?, ?, ?, ?, ?, ?)`);
    const companyIds: string[] = [];
    for (let i = 0; i < size.companies; i++) {
      const id = ctx.ids();
      const name = faker.company.name();
      const created = now - faker.number.int({ min: 30, max: 720 }) * DAY;
      const domain = `${name.toLowerCase().replace(/[^a-z0-9]+/gu, '')}.co.uk`;
      insCompany.run(id, name, domain, created, created, owner.id, owner.id);
      scope.change('companies', id, 'insert');
      companyIds.push(id);
    }

    const insPerson = raw.prepare(`INSERT INTO people (id, given_name, family_name, display_name, company_id,
      job_title, stage, owner_id, created_at, updated_at, created_by, updated_by)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const insCall =
      raw.prepare(`INSERT INTO calls (id, person_id, company_id, staff_id, direction, started_at,
      duration_s, purpose, outcome, response, summary, created_at, updated_at, created_by, updated_by)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    const people: { id: string; companyId: string | null }[] = [];
    for (let i = 0; i < size.people; i++) {
      const id = ctx.ids();
      const given = faker.person.firstName();
      const family = faker.person.lastName();
      const companyId = faker.datatype.boolean(0.7) ? faker.helpers.arrayElement(companyIds) : null;
      const ownerId = faker.helpers.arrayElement(staff).id;
      const created = now - faker.number.int({ min: 1, max: 700 }) * DAY;
      insPerson.run(
        id,
        given,
        family,
        `${given} ${family}`,
        companyId,
        companyId ? faker.person.jobTitle() : null,
        faker.helpers.arrayElement(STAGES),
        ownerId,
        created,
        created,
        ownerId,
        ownerId,
      );
      scope.change('people', id, 'insert');
      people.push({ id, companyId });

      const calls = faker.number.int({ min: 0, max: size.callsPerPerson * 2 });
      for (let c = 0; c < calls; c++) {
        const callId = ctx.ids();
        // Most calls in the last quarter, a few of them today.
        const started =
          c === 0 && faker.datatype.boolean(0.05)
            ? now - faker.number.int({ min: 5, max: 300 }) * 60_000
            : now - faker.number.int({ min: 1, max: 90 * 24 * 60 }) * 60_000;
        const outcome = faker.helpers.arrayElement(OUTCOMES);
        const connected = outcome === 'connected';
        const by = faker.helpers.arrayElement(staff).id;
        insCall.run(
          callId,
          id,
          companyId,
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
      }
    }

    const insTask =
      raw.prepare(`INSERT INTO tasks (id, type, title, due_date, priority, person_id, company_id,
      assignee_id, done_at, created_at, updated_at, created_by, updated_by)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
    for (let i = 0; i < size.tasks; i++) {
      const id = ctx.ids();
      const person = faker.helpers.arrayElement(people);
      const type = faker.helpers.arrayElement(TASK_TYPES);
      const due = now + faker.number.int({ min: -10, max: 21 }) * DAY;
      const done = due < now && faker.datatype.boolean(0.6) ? due : null;
      const title = {
        call: 'Call back about the quote',
        email: 'Send the price list',
        meeting: 'Site visit',
        todo: 'Update delivery address',
      }[type];
      const by = faker.helpers.arrayElement(staff).id;
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
        now - 20 * DAY,
        now - 20 * DAY,
        by,
        by,
      );
      scope.change('tasks', id, 'insert');
    }
  });
}
