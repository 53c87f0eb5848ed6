/**
 * The contract: one map from request name to its input schema, its output type,
 * whether it reads or writes, and which tables it reads (for the renderer's cache).
 * Names are `domain.verb`; every handler takes one object argument.
 */
import { z } from 'zod';
import { CURRENCY_CODES, LOCALE_TAGS, THEMES, type Settings } from '../domain/settings.ts';
import { STAFF_ROLES, type Staff } from '../domain/staff.ts';
import type { TodaySummary } from '../domain/today.ts';
import type { JobProgress } from './events.ts';
import type { PackedPage } from './packed.ts';
import {
  email,
  epochMs,
  id,
  isoDate,
  name,
  returns,
  TABLES,
  type RequestDef,
  type TableName,
} from './kit.ts';

export { TABLES, type RequestDef, type TableName };
import { contactsRequests } from './requests/contacts.requests.ts';
import { activityRequests } from './requests/activity.requests.ts';
import { pipelineRequests } from './requests/pipeline.requests.ts';
import { reportsRequests } from './requests/reports.requests.ts';
import { salesRequests } from './requests/sales.requests.ts';
import { CsvOptionsSchema, transferRequests } from './requests/transfer.requests.ts';
import { backupsRequests } from './requests/backups.requests.ts';
import { auditRequests } from './requests/audit.requests.ts';
import { securityRequests, type LockedBook } from './requests/security.requests.ts';
import { privacyRequests } from './requests/privacy.requests.ts';

export const AppInfoSchema = z.strictObject({});
export interface AppInfo {
  appVersion: string;
  schemaVersion: number;
  bookPath: string;
  backupsDir: string;
  /** Where the app runs: the desktop shell or the browser preview. */
  host: 'desktop' | 'preview' | 'test';
  /** Set while an encrypted book waits to be unlocked: nothing else can be asked until then. */
  locked?: LockedBook;
}

export interface ChangesSince {
  /** The newest change sequence number in the book. */
  seq: number;
  /** Tables that changed after the seq asked for. */
  tables: TableName[];
  /** True when too much changed to list: refetch everything. */
  reset: boolean;
}

export const requests = {
  'app.info': { kind: 'query', reads: [], input: AppInfoSchema, output: returns<AppInfo>() },

  'settings.get': {
    kind: 'query',
    reads: ['settings'],
    input: z.strictObject({}),
    output: returns<Settings>(),
  },
  'settings.update': {
    kind: 'mutation',
    reads: [],
    input: z
      .strictObject({
        businessName: name.optional(),
        currency: z.enum(CURRENCY_CODES, 'Choose a currency from the list.').optional(),
        locale: z.enum(LOCALE_TAGS, 'Choose a language and region from the list.').optional(),
        theme: z.enum(THEMES, 'Choose light, dark or system.').optional(),
        csv: CsvOptionsSchema.nullable().optional(),
      })
      .refine((v) => Object.keys(v).length > 0, 'Change at least one setting.'),
    output: returns<Settings>(),
  },
  'setup.complete': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({
      userName: name,
      email: email.optional(),
      businessName: name,
      currency: z.enum(CURRENCY_CODES, 'Choose a currency from the list.'),
      locale: z.enum(LOCALE_TAGS, 'Choose a language and region from the list.'),
    }),
    output: returns<Settings>(),
  },

  'staff.list': {
    kind: 'query',
    reads: ['staff'],
    input: z.strictObject({ includeInactive: z.boolean().optional() }),
    output: returns<Staff[]>(),
  },
  'staff.create': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({
      name,
      email: email.nullable().optional(),
      role: z.enum(STAFF_ROLES).optional(),
    }),
    output: returns<Staff>(),
  },
  'staff.update': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({
      id,
      name: name.optional(),
      email: email.nullable().optional(),
      role: z.enum(STAFF_ROLES).optional(),
      active: z.boolean().optional(),
    }),
    output: returns<Staff>(),
  },
  'staff.switch': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ id }),
    output: returns<Settings>(),
  },

  'today.summary': {
    kind: 'query',
    // cases: the open and overdue counts (the sidebar's Cases badge follows them).
    reads: ['people', 'companies', 'calls', 'tasks', 'staff', 'list_values', 'cases'],
    input: z
      .strictObject({ date: isoDate, dayStart: epochMs, dayEnd: epochMs })
      .refine((v) => v.dayEnd > v.dayStart, 'The day must end after it starts.'),
    output: returns<TodaySummary>(),
  },

  'changes.since': {
    kind: 'query',
    reads: [],
    input: z.strictObject({ seq: z.number().int().min(0) }),
    output: returns<ChangesSince>(),
  },

  /** Cancels a long job (its id comes with its job.progress events); what it did is rolled back. */
  'jobs.cancel': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ jobId: z.string().min(1).max(64) }),
    output: returns<{ cancelled: boolean }>(),
  },

  /** The long jobs running now, as their last job.progress said: for a window that opens late. */
  'jobs.running': {
    kind: 'query',
    reads: [],
    input: z.strictObject({}),
    output: returns<JobProgress[]>(),
  },

  ...contactsRequests,
  ...activityRequests,
  ...salesRequests,
  ...pipelineRequests,
  ...reportsRequests,
  ...transferRequests,
  ...backupsRequests,
  ...auditRequests,
  ...securityRequests,
  ...privacyRequests,
} as const satisfies Record<string, RequestDef>;

export type Requests = typeof requests;
export type RequestName = keyof Requests;
/** What a caller passes: the schema's input side (before defaults and trimming). */
export type RequestInput<N extends RequestName> = z.input<Requests[N]['input']>;
/** What a handler receives: the schema's parsed output. */
export type ParsedInput<N extends RequestName> = z.output<Requests[N]['input']>;
export type RequestOutput<N extends RequestName> = Requests[N]['output'];
/** What a handler answers and a transport carries: the output, or for a packed request its page packed. */
export type WireOutput<N extends RequestName> = Requests[N] extends { packed: true }
  ? PackedPage<RequestOutput<N>>
  : RequestOutput<N>;

export const REQUEST_NAMES = Object.keys(requests) as RequestName[];

/** True when the request's answer travels with its rows packed (the client unpacks it). */
export function isPacked(name: RequestName): boolean {
  return (requests[name] as RequestDef).packed === true;
}

export function isRequestName(name: unknown): name is RequestName {
  return typeof name === 'string' && Object.hasOwn(requests, name);
}
