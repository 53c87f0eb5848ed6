/**
 * "Export what the list shows": every row of a list screen that its filter and sort match, as a
 * CSV file, with all the record's columns or the ones chosen, and no row cap.
 *
 * The rows come from the list's own page function (listPeople, listCompanies, calls.list, ...)
 * with its own filter, sort and keyset cursor, so the file can never disagree with the screen.
 * They are read in keyset pages of PAGE_ROWS (never all rows in memory, never OFFSET); the columns
 * a list row lacks (a person's address, all their phones) are read per page by id, and only when a
 * chosen column needs them. All pages are read in one read transaction, so the file is one moment
 * of the book even while others write. The file is written through a CsvWriter: a failed or
 * cancelled export leaves no file behind.
 */
import type { z } from 'zod';
import type { CsvExportOptions } from '../../../shared/domain/csv.ts';
import type { CustomField, CustomValue } from '../../../shared/domain/people.ts';
import { STAGE_LABELS, type Stage } from '../../../shared/domain/people.ts';
import { CASE_STATUS_LABELS } from '../../../shared/domain/pipeline.ts';
import { ORDER_STATUS_LABELS } from '../../../shared/domain/sales.ts';
import { CURRENCIES } from '../../../shared/domain/settings.ts';
import { listCases } from '../cases/cases.list.ts';
import { callsHandlers } from '../calls/calls.handlers.ts';
import { countCompanies } from '../companies/companies.filter.ts';
import { listCompanies } from '../companies/companies.list.ts';
import type { Ctx } from '../context.ts';
import { CsvWriter, type CsvColumnType, type CsvValue, type CsvWriteResult } from '../csv/csv.writer.ts';
import { liveFields, validationFailure } from '../custom-fields/custom-values.ts';
import { listDeals } from '../deals/deal.list.ts';
import type { JobControl } from '../jobs/job.ts';
import { listLeads } from '../leads/leads.list.ts';
import { listOrders } from '../orders/orders.list.ts';
import { readWindow } from '../people/calling-window.ts';
import { countPeople, listPeople } from '../people/people.list.ts';
import { jsonIds, plucked, prepared } from '../people/prepared.ts';
import { listProducts } from '../products/products.list.ts';
import { readSettings } from '../settings/settings.store.ts';

import {
  LIST_NAMES,
  ListExportInput,
  type ListExportParsed,
  type ListName,
} from '../../../shared/api/requests/list-export.schema.ts';

export { LIST_NAMES, ListExportInput, type ListExportParsed, type ListName };
type InputOf<L extends ListName> = Extract<ListExportParsed, { list: L }>;

/** What exportList takes: the request (raw or already parsed) and the CSV options. */
export type ListExportRequest = (z.input<typeof ListExportInput> | ListExportParsed) & {
  options: CsvExportOptions;
};

// ---------------------------------------------------------------------------------------------
// Columns

export interface ListExportColumn {
  key: string;
  header: string;
  type: CsvColumnType;
  /** Decimals of a 'minor' column; left out on money, which takes the book currency's digits. */
  digits?: number;
  /** Shown on the list screen (as it opens). */
  default: boolean;
}

/** What a getter knows beyond its row. */
interface Env {
  /** Decimals of every money column. */
  digits: number;
  decimal: '.' | ',';
}

type Need = 'detail' | 'phones' | 'emails';

interface Col<R> extends ListExportColumn {
  /** A money amount: written with the book currency's digits. */
  money?: boolean;
  /** What must be read per page beyond the list's own rows. */
  need?: Need;
  get(row: R, env: Env): CsvValue;
}

interface Spec<L extends ListName, R> {
  title: string;
  columns: readonly Col<R>[];
  /** Custom fields become columns `custom.<key>` (read with the 'detail' need). */
  custom?: { entity: 'person' | 'company'; of(row: R): Record<string, CustomValue> | undefined };
  /** The table whose rows carry a currency (for the money columns' digits). */
  moneyTable?: 'orders' | 'deals' | 'products';
  total?(ctx: Ctx, input: InputOf<L>, now: number): number;
  pages(ctx: Ctx, input: InputOf<L>, now: number, needs: ReadonlySet<Need>): Iterable<R[]>;
}

/** Rows per keyset page. */
export const PAGE_ROWS = 2000;

const yesNo = (v: boolean | number | null | undefined): string =>
  v === null || v === undefined ? '' : v ? 'Yes' : 'No';
const capital = (s: string | null | undefined): string =>
  s ? `${s.charAt(0).toUpperCase()}${s.slice(1)}` : '';
const joined = (values: readonly string[] | undefined): string => (values ?? []).join('; ');
/** As the screens show a customer: "Ann Lee · Acme Ltd". */
const customer = (r: { personName: string | null; companyName: string | null }): string =>
  [r.personName, r.companyName].filter(Boolean).join(' · ');

const DAY_NAMES = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const DIRECTION_LABELS: Record<string, string> = { in: 'Incoming', out: 'Outgoing' };

function currencyDigits(code: string): number {
  return CURRENCIES.find((c) => c.code === code)?.minor ?? 2;
}
const MOST_DIGITS = Math.max(...CURRENCIES.map((c) => c.minor));

/** An amount in `currency`'s minor units as minor units of the money columns' digits (exact). */
function amount(env: Env, minor: number, currency: string): number {
  return minor * 10 ** Math.max(0, env.digits - currencyDigits(currency));
}

/** Builds a column; `c(key, header, type, get, more)`. */
function c<R>(
  key: string,
  header: string,
  type: CsvColumnType,
  get: (row: R, env: Env) => CsvValue,
  more: Partial<Pick<Col<R>, 'default' | 'digits' | 'money' | 'need'>> = {},
): Col<R> {
  return { key, header, type, default: false, ...more, get };
}

function* keysetPages<T>(
  page: (cursor: string | null) => { rows: T[]; nextCursor: string | null },
): Generator<T[]> {
  let cursor: string | null = null;
  do {
    const p = page(cursor);
    if (p.rows.length > 0) yield p.rows;
    cursor = p.nextCursor;
  } while (cursor !== null);
}

function byId<T extends { id: string }>(rows: readonly T[]): Map<string, T> {
  return new Map(rows.map((r) => [r.id, r]));
}

/** Values in order, grouped by owner id (phones and emails of one page). */
function grouped(
  ctx: Ctx,
  table: 'phones' | 'emails',
  owner: 'person_id' | 'company_id',
  ids: readonly string[],
): Map<string, string[]> {
  const value = table === 'phones' ? 'number' : 'email';
  const rows = prepared(
    ctx,
    `SELECT ${owner} AS owner, ${value} AS value FROM ${table}
      WHERE ${owner} IN (SELECT value FROM json_each(?)) AND ${owner} IS NOT NULL
      ORDER BY ${owner}, position, id`,
  ).all(jsonIds(ids)) as { owner: string; value: string }[];
  const out = new Map<string, string[]>();
  for (const r of rows) {
    const list = out.get(r.owner);
    if (list) list.push(r.value);
    else out.set(r.owner, [r.value]);
  }
  return out;
}

const parseCustom = (json: string): Record<string, CustomValue> =>
  JSON.parse(json || '{}') as Record<string, CustomValue>;

function customColumn<R>(
  field: CustomField,
  of: (row: R) => Record<string, CustomValue> | undefined,
): Col<R> {
  const type: CsvColumnType = field.type === 'date' ? 'date' : 'text';
  return c<R>(
    `custom.${field.key}`,
    field.label,
    type,
    (row, env) => {
      const v = of(row)?.[field.key];
      if (v === null || v === undefined) return null;
      if (Array.isArray(v)) return v.join('; ');
      if (typeof v === 'boolean') return yesNo(v);
      if (typeof v === 'number') return String(v).replace('.', env.decimal);
      return v;
    },
    { need: 'detail' },
  );
}

// ---------------------------------------------------------------------------------------------
// The lists

interface PersonDetail {
  id: string;
  given_name: string;
  family_name: string;
  owner_name: string | null;
  source: string | null;
  street: string | null;
  region: string | null;
  postcode: string | null;
  country: string | null;
  birthday: string | null;
  gender: string | null;
  do_not_call: number;
  email_opt_in: number;
  email_opt_in_at: number | null;
  call_days: number | null;
  call_from: number | null;
  call_to: number | null;
  time_zone: string | null;
  custom: string;
  last_attempt_at: number | null;
  updated_at: number;
}
type PersonRec = {
  row: ReturnType<typeof listPeople>['rows'][number];
  d?: PersonDetail | undefined;
  custom?: Record<string, CustomValue> | undefined;
  phones?: string[] | undefined;
  emails?: string[] | undefined;
};

function callingWindowText(d: PersonDetail | undefined): string {
  const w = d ? readWindow(d) : null;
  if (!w) return '';
  return `${w.days.map((day) => DAY_NAMES[day - 1]).join(', ')} ${w.from}-${w.to} (${w.timeZone})`;
}

const D = { need: 'detail' } as const;

const PEOPLE: Spec<'people', PersonRec> = {
  title: 'Contacts',
  columns: [
    c('name', 'Name', 'text', (r) => r.row.displayName, { default: true }),
    c('givenName', 'Given name', 'text', (r) => r.d?.given_name, D),
    c('familyName', 'Family name', 'text', (r) => r.d?.family_name, D),
    c('company', 'Company', 'text', (r) => r.row.companyName, { default: true }),
    c('jobTitle', 'Job title', 'text', (r) => r.row.jobTitle),
    c('phone', 'Phone', 'text', (r) => r.row.phone, { default: true }),
    c('phones', 'All phones', 'text', (r) => joined(r.phones), { need: 'phones' }),
    c('email', 'Email', 'text', (r) => r.row.email, { default: true }),
    c('emails', 'All emails', 'text', (r) => joined(r.emails), { need: 'emails' }),
    c('stage', 'Stage', 'text', (r) => STAGE_LABELS[r.row.stage], { default: true }),
    c('owner', 'Owner', 'text', (r) => r.d?.owner_name, D),
    c('source', 'Source', 'text', (r) => r.d?.source, D),
    c('street', 'Street', 'text', (r) => r.d?.street, D),
    c('city', 'City', 'text', (r) => r.row.city),
    c('region', 'Region', 'text', (r) => r.d?.region, D),
    c('postcode', 'Postcode', 'text', (r) => r.d?.postcode, D),
    c('country', 'Country', 'text', (r) => r.d?.country, D),
    c('tags', 'Tags', 'text', (r) => joined(r.row.tags), { default: true }),
    c('birthday', 'Birthday', 'date', (r) => r.d?.birthday, D),
    c('gender', 'Gender', 'text', (r) => capital(r.d?.gender), D),
    c('doNotCall', 'Do not call', 'text', (r) => yesNo(r.d?.do_not_call), D),
    c('emailOptIn', 'Email opt-in', 'text', (r) => yesNo(r.d?.email_opt_in), D),
    c('emailOptInAt', 'Email opt-in given', 'datetime', (r) => r.d?.email_opt_in_at, D),
    c('callingWindow', 'Calling window', 'text', (r) => callingWindowText(r.d), D),
    c('lastContact', 'Last contacted', 'datetime', (r) => r.row.lastContactAt, { default: true }),
    c('lastAttempt', 'Last call attempt', 'datetime', (r) => r.d?.last_attempt_at, D),
    c('nextCall', 'Next call', 'datetime', (r) => r.row.nextCallAt, { default: true }),
    c('created', 'Added', 'datetime', (r) => r.row.createdAt),
    c('updated', 'Last changed', 'datetime', (r) => r.d?.updated_at, D),
    c('id', 'Ledgerline id', 'text', (r) => r.row.id),
  ],
  custom: { entity: 'person', of: (r) => r.custom },
  total: (ctx, input, now) => countPeople(ctx, input.filter, now),
  *pages(ctx, input, now, needs) {
    const pages = keysetPages((cursor) => listPeople(ctx, { ...input, now, cursor, limit: PAGE_ROWS }));
    for (const rows of pages) {
      const ids = rows.map((r) => r.id);
      const details = needs.has('detail')
        ? byId(
            prepared(
              ctx,
              `SELECT p.id, p.given_name, p.family_name, s.name AS owner_name, p.source, p.street, p.region,
                 p.postcode, p.country, p.birthday, p.gender, p.do_not_call, p.email_opt_in, p.email_opt_in_at,
                 p.call_days, p.call_from, p.call_to, p.time_zone, p.custom, p.last_attempt_at, p.updated_at
               FROM people p LEFT JOIN staff s ON s.id = p.owner_id
              WHERE p.id IN (SELECT value FROM json_each(?))`,
            ).all(jsonIds(ids)) as PersonDetail[],
          )
        : null;
      const phones = needs.has('phones') ? grouped(ctx, 'phones', 'person_id', ids) : null;
      const emails = needs.has('emails') ? grouped(ctx, 'emails', 'person_id', ids) : null;
      yield rows.map((row) => {
        const d = details?.get(row.id);
        return {
          row,
          d,
          custom: d ? parseCustom(d.custom) : undefined,
          phones: phones?.get(row.id),
          emails: emails?.get(row.id),
        };
      });
    }
  },
};

interface CompanyDetail {
  id: string;
  size: string | null;
  stage: string | null;
  source: string | null;
  street: string | null;
  region: string | null;
  postcode: string | null;
  country: string | null;
  custom: string;
  updated_at: number;
}
type CompanyRec = {
  row: ReturnType<typeof listCompanies>['rows'][number];
  d?: CompanyDetail | undefined;
  custom?: Record<string, CustomValue> | undefined;
  phones?: string[] | undefined;
};

const COMPANIES: Spec<'companies', CompanyRec> = {
  title: 'Companies',
  columns: [
    c('name', 'Name', 'text', (r) => r.row.name, { default: true }),
    c('domain', 'Website', 'text', (r) => r.row.domain, { default: true }),
    c('industry', 'Industry', 'text', (r) => r.row.industry, { default: true }),
    c('size', 'Size', 'text', (r) => r.d?.size, D),
    c('stage', 'Stage', 'text', (r) => (r.d?.stage ? STAGE_LABELS[r.d.stage as Stage] : null), D),
    c('source', 'Source', 'text', (r) => r.d?.source, D),
    c('phone', 'Phone', 'text', (r) => r.phones?.[0], { need: 'phones' }),
    c('phones', 'All phones', 'text', (r) => joined(r.phones), { need: 'phones' }),
    c('street', 'Street', 'text', (r) => r.d?.street, D),
    c('city', 'City', 'text', (r) => r.row.city, { default: true }),
    c('region', 'Region', 'text', (r) => r.d?.region, D),
    c('postcode', 'Postcode', 'text', (r) => r.d?.postcode, D),
    c('country', 'Country', 'text', (r) => r.d?.country, D),
    c('people', 'People', 'integer', (r) => r.row.peopleCount, { default: true }),
    c('tags', 'Tags', 'text', (r) => joined(r.row.tags), { default: true }),
    c('created', 'Added', 'datetime', (r) => r.row.createdAt, { default: true }),
    c('updated', 'Last changed', 'datetime', (r) => r.d?.updated_at, D),
    c('id', 'Ledgerline id', 'text', (r) => r.row.id),
  ],
  custom: { entity: 'company', of: (r) => r.custom },
  total: (ctx, input) => countCompanies(ctx, input.filter),
  *pages(ctx, input, _now, needs) {
    for (const rows of keysetPages((cursor) => listCompanies(ctx, { ...input, cursor, limit: PAGE_ROWS }))) {
      const ids = rows.map((r) => r.id);
      const details = needs.has('detail')
        ? byId(
            prepared(
              ctx,
              `SELECT id, size, stage, source, street, region, postcode, country, custom, updated_at
                 FROM companies WHERE id IN (SELECT value FROM json_each(?))`,
            ).all(jsonIds(ids)) as CompanyDetail[],
          )
        : null;
      const phones = needs.has('phones') ? grouped(ctx, 'phones', 'company_id', ids) : null;
      yield rows.map((row) => {
        const d = details?.get(row.id);
        return { row, d, custom: d ? parseCustom(d.custom) : undefined, phones: phones?.get(row.id) };
      });
    }
  },
};

type CallRec = ReturnType<(typeof callsHandlers)['calls.list']>['rows'][number];

const CALLS: Spec<'calls', CallRec> = {
  title: 'Calls',
  columns: [
    c('when', 'When', 'datetime', (r) => r.startedAt, { default: true }),
    c('direction', 'In/out', 'text', (r) => DIRECTION_LABELS[r.direction], { default: true }),
    c('contact', 'Contact', 'text', (r) => r.personName, { default: true }),
    c('company', 'Company', 'text', (r) => r.companyName, { default: true }),
    c('purpose', 'Purpose', 'text', (r) => r.purpose, { default: true }),
    c('outcome', 'Outcome', 'text', (r) => r.outcome, { default: true }),
    c('connected', 'Connected', 'text', (r) => yesNo(r.connected)),
    c('response', 'Response', 'text', (r) => capital(r.response), { default: true }),
    c('length', 'Length (seconds)', 'integer', (r) => r.durationS, { default: true }),
    c('staff', 'Staff', 'text', (r) => r.staffName, { default: true }),
    c('summary', 'Summary', 'text', (r) => r.summary, { default: true }),
    c('logged', 'Logged', 'datetime', (r) => r.createdAt),
    c('id', 'Ledgerline id', 'text', (r) => r.id),
  ],
  pages: (ctx, input) =>
    keysetPages((cursor) => callsHandlers['calls.list']({ ...input, cursor, limit: PAGE_ROWS }, ctx)),
};

type OrderRec = {
  row: ReturnType<typeof listOrders>['rows'][number];
  d?: { id: string; notes: string | null; created_at: number; updated_at: number } | undefined;
};
const money = <R>(
  key: string,
  header: string,
  get: (row: R) => [number, string],
  more: { default?: boolean } = {},
): Col<R> =>
  c<R>(
    key,
    header,
    'minor',
    (row, env) => {
      const [minor, currency] = get(row);
      return amount(env, minor, currency);
    },
    { ...more, money: true },
  );

const ORDERS: Spec<'orders', OrderRec> = {
  title: 'Orders',
  moneyTable: 'orders',
  columns: [
    c('reference', 'Order', 'text', (r) => r.row.reference, { default: true }),
    c('number', 'Number', 'integer', (r) => r.row.number),
    c('date', 'Date', 'date', (r) => r.row.orderDate, { default: true }),
    c('customer', 'Customer', 'text', (r) => customer(r.row), { default: true }),
    c('person', 'Person', 'text', (r) => r.row.personName),
    c('company', 'Company', 'text', (r) => r.row.companyName),
    c('status', 'Status', 'text', (r) => ORDER_STATUS_LABELS[r.row.status], { default: true }),
    c('statusDate', 'Status date', 'date', (r) => r.row.statusDate),
    c('currency', 'Currency', 'text', (r) => r.row.currency),
    money('net', 'Net', (r) => [r.row.net, r.row.currency], { default: true }),
    money('tax', 'Tax', (r) => [r.row.tax, r.row.currency]),
    money('gross', 'Total', (r) => [r.row.gross, r.row.currency], { default: true }),
    money('cost', 'Cost', (r) => [r.row.cost, r.row.currency]),
    money('margin', 'Margin', (r) => [r.row.margin, r.row.currency]),
    c('owner', 'Owner', 'text', (r) => r.row.ownerName, { default: true }),
    c('notes', 'Notes', 'text', (r) => r.d?.notes, D),
    c('created', 'Added', 'datetime', (r) => r.d?.created_at, D),
    c('updated', 'Last changed', 'datetime', (r) => r.d?.updated_at, D),
    c('id', 'Ledgerline id', 'text', (r) => r.row.id),
  ],
  *pages(ctx, input, _now, needs) {
    for (const rows of keysetPages((cursor) => listOrders(ctx, { ...input, cursor, limit: PAGE_ROWS }))) {
      const details = needs.has('detail')
        ? byId(
            prepared(
              ctx,
              `SELECT id, notes, created_at, updated_at FROM orders WHERE id IN (SELECT value FROM json_each(?))`,
            ).all(jsonIds(rows.map((r) => r.id))) as NonNullable<OrderRec['d']>[],
          )
        : null;
      yield rows.map((row) => ({ row, d: details?.get(row.id) }));
    }
  },
};

type DealRec = ReturnType<typeof listDeals>['rows'][number];

const DEALS: Spec<'deals', DealRec> = {
  title: 'Deals',
  moneyTable: 'deals',
  columns: [
    c('title', 'Deal', 'text', (r) => r.title, { default: true }),
    c('customer', 'Customer', 'text', (r) => customer(r), { default: true }),
    c('person', 'Person', 'text', (r) => r.personName),
    c('company', 'Company', 'text', (r) => r.companyName),
    c('stage', 'Stage', 'text', (r) => r.stageName),
    c('probability', 'Probability (%)', 'minor', (r) => r.probabilityBp, { digits: 2 }),
    c('currency', 'Currency', 'text', (r) => r.currency),
    money('value', 'Value', (r) => [r.value, r.currency], { default: true }),
    money('weighted', 'Weighted value', (r) => [r.weightedValue, r.currency]),
    c('expectedClose', 'Expected close', 'date', (r) => r.expectedClose),
    c('state', 'State', 'text', (r) => capital(r.state), { default: true }),
    c('closedOn', 'Closed on', 'date', (r) => r.closedOn, { default: true }),
    c('lostReason', 'Why lost', 'text', (r) => r.lostReason, { default: true }),
    c('ordered', 'Order made', 'text', (r) => yesNo(r.orderId !== null)),
    c('owner', 'Owner', 'text', (r) => r.ownerName, { default: true }),
    c('created', 'Added', 'datetime', (r) => r.createdAt),
    c('updated', 'Last changed', 'datetime', (r) => r.updatedAt),
    c('id', 'Ledgerline id', 'text', (r) => r.id),
  ],
  pages: (ctx, input) => keysetPages((cursor) => listDeals(ctx, { ...input, cursor, limit: PAGE_ROWS })),
};

type LeadRec = ReturnType<typeof listLeads>['rows'][number];

const LEADS: Spec<'leads', LeadRec> = {
  title: 'Leads',
  columns: [
    c('name', 'Name', 'text', (r) => r.name, { default: true }),
    c('kind', 'Person or company', 'text', (r) => capital(r.kind)),
    c('company', 'Company', 'text', (r) => r.companyName, { default: true }),
    c('source', 'Source', 'text', (r) => r.source, { default: true }),
    c('phone', 'Phone', 'text', (r) => r.phone, { default: true }),
    c('email', 'Email', 'text', (r) => r.email, { default: true }),
    c('owner', 'Owner', 'text', (r) => r.ownerName, { default: true }),
    c('created', 'Added', 'datetime', (r) => r.createdAt, { default: true }),
    c('id', 'Ledgerline id', 'text', (r) => r.id),
  ],
  pages: (ctx, input) => keysetPages((cursor) => listLeads(ctx, { ...input, cursor, limit: PAGE_ROWS })),
};

type CaseRec = ReturnType<typeof listCases>['rows'][number];

const CASES: Spec<'cases', CaseRec> = {
  title: 'Cases',
  columns: [
    c('number', 'Case', 'integer', (r) => r.number, { default: true }),
    c('subject', 'Subject', 'text', (r) => r.subject, { default: true }),
    c('customer', 'Customer', 'text', (r) => customer(r), { default: true }),
    c('person', 'Person', 'text', (r) => r.personName),
    c('company', 'Company', 'text', (r) => r.companyName),
    c('category', 'Category', 'text', (r) => capital(r.category), { default: true }),
    c('priority', 'Priority', 'text', (r) => capital(r.priority), { default: true }),
    c('status', 'Status', 'text', (r) => CASE_STATUS_LABELS[r.status], { default: true }),
    c('due', 'Due', 'date', (r) => r.dueDate, { default: true }),
    c('owner', 'Owner', 'text', (r) => r.ownerName, { default: true }),
    c('opened', 'Opened', 'datetime', (r) => r.openedAt, { default: true }),
    c('product', 'Product', 'text', (r) => r.productName),
    c('order', 'Order', 'text', (r) => r.orderReference),
    c('description', 'Description', 'text', (r) => r.description),
    c('resolution', 'Resolution', 'text', (r) => r.resolution),
    c('resolved', 'Resolved', 'datetime', (r) => r.resolvedAt),
    c('updated', 'Last changed', 'datetime', (r) => r.updatedAt),
    c('id', 'Ledgerline id', 'text', (r) => r.id),
  ],
  pages: (ctx, input) => keysetPages((cursor) => listCases(ctx, { ...input, cursor, limit: PAGE_ROWS })),
};

type ProductRec = ReturnType<typeof listProducts>['rows'][number];

const PRODUCTS: Spec<'products', ProductRec> = {
  title: 'Products',
  moneyTable: 'products',
  columns: [
    c('sku', 'SKU', 'text', (r) => r.sku, { default: true }),
    c('name', 'Name', 'text', (r) => r.name, { default: true }),
    c('category', 'Category', 'text', (r) => r.categoryName, { default: true }),
    c('kind', 'Kind', 'text', (r) => capital(r.kind), { default: true }),
    c('currency', 'Currency', 'text', (r) => r.currency),
    money('unitPrice', 'Unit price', (r) => [r.unitPrice, r.currency], { default: true }),
    c('unit', 'Per', 'text', (r) => r.unit, { default: true }),
    c('taxRate', 'Tax (%)', 'minor', (r) => r.taxRateBp, { default: true, digits: 2 }),
    money('unitCost', 'Unit cost', (r) => [r.unitCost, r.currency], { default: true }),
    c(
      'margin',
      'Margin (%)',
      'minor',
      // As the screen: (price − cost) / price, to one decimal; none for a free product.
      (r) => (r.unitPrice > 0 ? Math.round(((r.unitPrice - r.unitCost) * 1000) / r.unitPrice) : null),
      { default: true, digits: 1 },
    ),
    c('status', 'Status', 'text', (r) => (r.active ? 'Offered' : 'Archived'), { default: true }),
    c('description', 'Description', 'text', (r) => r.description),
    c('created', 'Added', 'datetime', (r) => r.createdAt),
    c('updated', 'Last changed', 'datetime', (r) => r.updatedAt),
    c('id', 'Ledgerline id', 'text', (r) => r.id),
  ],
  pages: (ctx, input) => keysetPages((cursor) => listProducts(ctx, { ...input, cursor, limit: PAGE_ROWS })),
};

// ---------------------------------------------------------------------------------------------
// What the column chooser offers

const SPECS = {
  people: PEOPLE,
  companies: COMPANIES,
  calls: CALLS,
  orders: ORDERS,
  deals: DEALS,
  leads: LEADS,
  cases: CASES,
  products: PRODUCTS,
};

const publicColumn = (col: ListExportColumn): ListExportColumn => ({
  key: col.key,
  header: col.header,
  type: col.type,
  ...(col.digits === undefined ? {} : { digits: col.digits }),
  default: col.default,
});

/**
 * Every list's title and columns (in file order), `default` marking those its screen shows.
 * People and companies also have a column per custom field: see listExportColumns.
 */
export const LIST_EXPORTS: Record<ListName, { title: string; columns: ListExportColumn[] }> =
  Object.fromEntries(
    LIST_NAMES.map((list) => {
      const spec: { title: string; columns: readonly ListExportColumn[] } = SPECS[list];
      return [list, { title: spec.title, columns: spec.columns.map(publicColumn) }];
    }),
  ) as Record<ListName, { title: string; columns: ListExportColumn[] }>;

/** The list's columns in this book: LIST_EXPORTS' plus `custom.<key>` per live custom field. */
export function listExportColumns(ctx: Ctx, list: ListName): ListExportColumn[] {
  const entity = SPECS[list].custom?.entity;
  const custom = entity
    ? liveFields(ctx, entity).map((f) => publicColumn(customColumn(f, () => undefined)))
    : [];
  return [...LIST_EXPORTS[list].columns, ...custom];
}

// ---------------------------------------------------------------------------------------------
// Writing

/**
 * Decimals of the money columns: the book currency's. A book in a currency without minor units
 * (JPY) that holds amounts in one with them gets that many, so no amount is ever rounded.
 */
function moneyDigits(ctx: Ctx, table: 'orders' | 'deals' | 'products', book: string): number {
  const digits = currencyDigits(book);
  if (digits >= MOST_DIGITS) return digits;
  const fits = CURRENCIES.filter((cur) => cur.minor <= digits).map((cur) => cur.code);
  const other = plucked(
    ctx,
    `SELECT 1 FROM ${table} WHERE deleted_at IS NULL AND currency NOT IN (SELECT value FROM json_each(?)) LIMIT 1`,
  ).get(jsonIds(fits));
  return other === undefined ? digits : MOST_DIGITS;
}

function runExport<L extends ListName, R>(
  ctx: Ctx,
  spec: Spec<L, R>,
  input: InputOf<L>,
  options: CsvExportOptions,
  target: string,
  job: JobControl,
): CsvWriteResult {
  const custom = spec.custom;
  const all: Col<R>[] = [
    ...spec.columns,
    ...(custom ? liveFields(ctx, custom.entity).map((f) => customColumn(f, custom.of)) : []),
  ];
  let chosen = all;
  if (input.columns) {
    const byKey = new Map(all.map((col) => [col.key, col]));
    const seen = new Set<string>();
    chosen = input.columns.map((key, i) => {
      const col = byKey.get(key);
      const path = `columns.${i}`;
      if (!col) {
        const message = `Unknown column “${key}”: the ${spec.title.toLowerCase()} export has no such column.`;
        throw validationFailure([{ path, message }]);
      }
      if (seen.has(key)) throw validationFailure([{ path, message: `The column “${key}” is chosen twice.` }]);
      seen.add(key);
      return col;
    });
  }
  const needs = new Set(chosen.flatMap((col) => (col.need ? [col.need] : [])));

  const db = ctx.sql.raw;
  const own = !db.inTransaction;
  // One read transaction: every page sees the same moment of the book.
  if (own) db.exec('BEGIN');
  try {
    const settings = readSettings(ctx);
    const env: Env = {
      digits: spec.moneyTable ? moneyDigits(ctx, spec.moneyTable, settings.currency) : 2,
      decimal: options.decimal,
    };
    const now = ('now' in input ? input.now : undefined) ?? ctx.clock();
    const total = spec.total ? spec.total(ctx, input, now) : null;
    const message = `Exporting ${spec.title.toLowerCase()}`;
    const columns = chosen.map((col) => ({
      header: col.header,
      type: col.type,
      ...(col.money ? { digits: env.digits } : col.digits === undefined ? {} : { digits: col.digits }),
    }));
    job.step(0, total, message);
    const writer = new CsvWriter(target, columns, options, settings.locale);
    try {
      let done = 0;
      for (const rows of spec.pages(ctx, input, now, needs)) {
        for (const row of rows) writer.write(chosen.map((col) => col.get(row, env)));
        done += rows.length;
        job.step(done, total, message);
      }
      return writer.finish();
    } catch (err) {
      writer.abort();
      throw err;
    }
  } finally {
    if (own && db.inTransaction) db.exec('COMMIT');
  }
}

/**
 * Writes every row of a list that its filter and sort match (in its order) to `target` as CSV.
 * Unknown columns are refused (VALIDATION) before anything is written; a cancel (job.step throws
 * CANCELLED) or any failure leaves no file. Returns the rows and bytes written and the characters
 * Windows-1252 could not hold.
 */
export function exportList(
  ctx: Ctx,
  request: ListExportRequest,
  target: string,
  job: JobControl,
): { rows: number; bytes: number; replaced: number } {
  const { options, ...rest } = request;
  const parsed = ListExportInput.safeParse(rest);
  if (!parsed.success) {
    throw validationFailure(
      parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })),
    );
  }
  const input = parsed.data;
  switch (input.list) {
    case 'people':
      return runExport(ctx, PEOPLE, input, options, target, job);
    case 'companies':
      return runExport(ctx, COMPANIES, input, options, target, job);
    case 'calls':
      return runExport(ctx, CALLS, input, options, target, job);
    case 'orders':
      return runExport(ctx, ORDERS, input, options, target, job);
    case 'deals':
      return runExport(ctx, DEALS, input, options, target, job);
    case 'leads':
      return runExport(ctx, LEADS, input, options, target, job);
    case 'cases':
      return runExport(ctx, CASES, input, options, target, job);
    case 'products':
      return runExport(ctx, PRODUCTS, input, options, target, job);
  }
}

/** Whether a value names a list that can be exported. */
export function isListName(value: unknown): value is ListName {
  return typeof value === 'string' && (LIST_NAMES as readonly string[]).includes(value);
}
