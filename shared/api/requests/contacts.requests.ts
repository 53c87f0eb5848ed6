/** People, companies, tags, custom fields, search, duplicates, merge, Trash and undo. */
import { z } from 'zod';
import {
  CUSTOM_FIELD_TYPES,
  GENDERS,
  STAGES,
  TRASH_KINDS,
  type BatchResult,
  type Company,
  type CompanyRow,
  type CustomField,
  type DuplicateMatch,
  type Page,
  type Person,
  type PersonPhoto,
  type PersonRow,
  type PhotoChange,
  type SearchResult,
  type Tag,
  type TrashItem,
} from '../../domain/people.ts';
import { digitsOnly } from '../../domain/phone.ts';
import { cursor, email, id, isoDate, limit, name, returns, text, type RequestDef } from '../kit.ts';

const label = z.string().trim().min(1).max(40).default('other');
const phoneInput = z.strictObject({
  id: id.optional(),
  label,
  number: z
    .string()
    .trim()
    .max(40, 'A phone number is at most 40 characters.')
    .refine((s) => digitsOnly(s).length >= 3, 'A phone number needs at least three digits.'),
});
const emailInput = z.strictObject({ id: id.optional(), label, email });
const address = z.strictObject({
  street: text(300, 'The street'),
  city: text(120, 'The city'),
  region: text(120, 'The region'),
  postcode: text(20, 'The postcode'),
  country: text(80, 'The country'),
});
const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/u, 'Use a time like 09:30.');
const callingWindow = z
  .strictObject({
    days: z.array(z.number().int().min(1).max(7)).min(1, 'Choose at least one day.').max(7),
    from: hhmm,
    to: hhmm,
    timeZone: z
      .string()
      .min(1)
      .max(64)
      .refine((tz) => {
        try {
          new Intl.DateTimeFormat('en', { timeZone: tz });
          return true;
        } catch {
          return false;
        }
      }, 'Choose a time zone from the list.'),
  })
  .refine((w) => w.from < w.to, { message: 'The window must end after it starts.', path: ['to'] });
const tagName = z.string().trim().min(1, 'A tag needs a name.').max(60, 'Keep tags under 60 characters.');
/** Values are checked against the field definitions by the backend (unknown option -> VALIDATION). */
const customValues = z.record(
  z.string().max(64),
  z.union([
    z.string().max(2000),
    z.number().finite(),
    z.boolean(),
    z.array(z.string().max(200)).max(100),
    z.null(),
  ]),
);

const givenName = z.string().trim().max(100, 'Keep the first name under 100 characters.');
const familyName = z.string().trim().max(100, 'Keep the last name under 100 characters.');
const personFields = {
  givenName: givenName.default(''),
  familyName: familyName.default(''),
  /** Shown name; when empty it is made from the given and family names. */
  displayName: z.string().trim().max(200).optional(),
  companyId: id.nullable().optional(),
  jobTitle: text(120, 'The job title').optional(),
  birthday: isoDate.nullable().optional(),
  gender: z.enum(GENDERS).nullable().optional(),
  stage: z.enum(STAGES, 'Choose lead, prospect, customer or former customer.').optional(),
  source: text(120, 'The source').optional(),
  ownerId: id.nullable().optional(),
  tags: z.array(tagName).max(50).optional(),
  custom: customValues.optional(),
  doNotCall: z.boolean().optional(),
  emailOptIn: z.boolean().optional(),
  callingWindow: callingWindow.nullable().optional(),
  phones: z.array(phoneInput).max(20).optional(),
  emails: z.array(emailInput).max(20).optional(),
  address: address.partial().optional(),
};
export const PersonInput = z
  .strictObject(personFields)
  .refine((p) => Boolean(p.givenName || p.familyName || p.displayName), {
    message: 'Enter a name.',
    path: ['givenName'],
  });
/** Only what is given changes (no defaults here: zod applies them even to omitted optional keys). */
export const PersonPatch = z.strictObject({ ...personFields, givenName, familyName }).partial();

export const PEOPLE_SORTS = ['name', 'lastContact', 'nextCall', 'created'] as const;
export const PeopleFilter = z.strictObject({
  tag: tagName.optional(),
  stage: z.enum(STAGES).optional(),
  ownerId: id.optional(),
  companyId: id.optional(),
  city: z.string().trim().min(1).max(120).optional(),
  /** Not contacted (no connected call) for at least this many days, or never. */
  notContactedDays: z.number().int().min(1).max(36500).optional(),
  /** Has a next call planned on or before the end of today. */
  callDue: z.boolean().optional(),
  custom: z
    .strictObject({ key: z.string().min(1).max(64), value: z.union([z.string(), z.number(), z.boolean()]) })
    .optional(),
});
export type PeopleFilterInput = z.input<typeof PeopleFilter>;

const companyFields = {
  name,
  domain: text(253, 'The domain').optional(),
  industry: text(120, 'The industry').optional(),
  size: text(40, 'The size').optional(),
  /** Lifecycle stage (a company can be a lead too); null: not set. */
  stage: z.enum(STAGES, 'Choose lead, prospect, customer or former customer.').nullable().optional(),
  source: text(120, 'The source').optional(),
  phones: z.array(phoneInput).max(20).optional(),
  address: address.partial().optional(),
  tags: z.array(tagName).max(50).optional(),
  custom: customValues.optional(),
};
const ids = z.array(id).min(1, 'Choose at least one.').max(100_000);
const bulkTarget = z.union([z.strictObject({ ids }), z.strictObject({ filter: PeopleFilter })]);

/** The companies list's filter: a tag, and a name prefix (as typed in "Find a company"). */
export const CompaniesFilter = z.strictObject({
  tag: tagName.optional(),
  query: z.string().max(200).optional(),
});
export type CompaniesFilterInput = z.input<typeof CompaniesFilter>;
const companiesTarget = z.union([z.strictObject({ ids }), z.strictObject({ filter: CompaniesFilter })]);
const trashKind = z.enum(TRASH_KINDS);

export const contactsRequests = {
  'people.create': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ person: PersonInput, allowDuplicate: z.boolean().optional() }),
    output: returns<Person>(),
  },
  'people.get': {
    kind: 'query',
    reads: ['people', 'companies', 'tags', 'custom_fields'],
    input: z.strictObject({ id }),
    output: returns<Person>(),
  },
  'people.update': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ id, patch: PersonPatch, expectedUpdatedAt: z.number().int().optional() }),
    output: returns<Person>(),
  },
  'people.delete': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ ids }),
    output: returns<BatchResult>(),
  },
  'people.list': {
    kind: 'query',
    reads: ['people', 'companies', 'tags'],
    // The list asks for a page every few rows scrolled: its rows travel packed (packed.ts).
    packed: true,
    input: z.strictObject({
      sort: z.enum(PEOPLE_SORTS).default('name'),
      direction: z.enum(['asc', 'desc']).default('asc'),
      filter: PeopleFilter.default({}),
      cursor,
      limit: limit(500, 100),
      /** "Today" for the callDue filter: the end of the user's local day (epoch ms). */
      now: z.number().int().min(0).optional(),
    }),
    output: returns<Page<PersonRow>>(),
  },
  'people.count': {
    kind: 'query',
    reads: ['people', 'tags'],
    input: z.strictObject({ filter: PeopleFilter.default({}), now: z.number().int().min(0).optional() }),
    output: returns<{ count: number }>(),
  },
  /**
   * Where every `every`-th row of the list starts: anchors[k] is the people.list cursor of row
   * k·every ('' for the start), so any row is one list call away. One ordered scan of the
   * list's index, no OFFSET.
   */
  'people.anchors': {
    kind: 'query',
    reads: ['people', 'tags'],
    input: z.strictObject({
      sort: z.enum(PEOPLE_SORTS).default('name'),
      direction: z.enum(['asc', 'desc']).default('asc'),
      filter: PeopleFilter.default({}),
      now: z.number().int().min(0).optional(),
      every: z.number().int().min(100).max(100_000).default(1000),
    }),
    output: returns<{ total: number; anchors: string[] }>(),
  },
  'people.bulk': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({
      target: bulkTarget,
      action: z.discriminatedUnion('type', [
        z.strictObject({ type: z.literal('tag'), tag: tagName }),
        z.strictObject({ type: z.literal('untag'), tag: tagName }),
        z.strictObject({ type: z.literal('owner'), ownerId: id.nullable() }),
        z.strictObject({ type: z.literal('stage'), stage: z.enum(STAGES) }),
        z.strictObject({ type: z.literal('delete') }),
      ]),
      /** As in people.list: "today" for a filter target's callDue / notContactedDays. */
      now: z.number().int().min(0).optional(),
    }),
    output: returns<BatchResult>(),
  },
  'people.duplicates': {
    kind: 'query',
    reads: ['people'],
    input: z.strictObject({
      emails: z.array(z.string().max(320)).max(20).default([]),
      phones: z.array(z.string().max(40)).max(20).default([]),
      excludeId: id.optional(),
    }),
    output: returns<DuplicateMatch[]>(),
  },
  'people.merge': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({
      keepId: id,
      mergeId: id,
      /** Per field, which person's value wins; fields not named keep the kept person's value. */
      take: z.record(z.string().max(64), z.enum(['keep', 'merge'])).default({}),
    }),
    output: returns<{ person: Person; batchId: string }>(),
  },
  /** A person's photo (null when they have none), as a data: URL the page can show. */
  'people.getPhoto': {
    kind: 'query',
    reads: ['people'],
    input: z.strictObject({ id }),
    output: returns<PersonPhoto | null>(),
  },
  /**
   * Gives a person the photo in a chosen file (files.open with purpose 'image', or an upload):
   * JPEG, PNG, GIF or WebP as its bytes say, at most 5 MB. One undoable change; the file is
   * released either way.
   */
  'people.setPhoto': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ id, fileId: z.string().min(1, 'Choose a picture first.').max(64) }),
    output: returns<PhotoChange>(),
  },
  /** Removes a person's photo: one undoable change. */
  'people.removePhoto': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ id }),
    output: returns<PhotoChange>(),
  },

  'companies.create': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject(companyFields),
    output: returns<Company>(),
  },
  'companies.get': {
    kind: 'query',
    reads: ['companies', 'people', 'tags', 'custom_fields'],
    input: z.strictObject({ id }),
    output: returns<Company>(),
  },
  'companies.update': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ id, patch: z.strictObject(companyFields).partial() }),
    output: returns<Company>(),
  },
  'companies.delete': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ ids }),
    output: returns<BatchResult>(),
  },
  'companies.list': {
    kind: 'query',
    reads: ['companies', 'people', 'tags'],
    input: z.strictObject({
      sort: z.enum(['name', 'created']).default('name'),
      direction: z.enum(['asc', 'desc']).default('asc'),
      filter: CompaniesFilter.default({}),
      cursor,
      limit: limit(500, 100),
    }),
    output: returns<Page<CompanyRow>>(),
  },
  'companies.count': {
    kind: 'query',
    reads: ['companies', 'tags'],
    input: z.strictObject({ filter: CompaniesFilter.default({}) }),
    output: returns<{ count: number }>(),
  },
  /** Tag, untag, set the industry of, or delete (to the Trash) many companies: one undoable batch. */
  'companies.bulk': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({
      target: companiesTarget,
      action: z.discriminatedUnion('type', [
        z.strictObject({ type: z.literal('tag'), tag: tagName }),
        z.strictObject({ type: z.literal('untag'), tag: tagName }),
        /** null (or empty) clears it. */
        z.strictObject({ type: z.literal('industry'), industry: text(120, 'The industry') }),
        z.strictObject({ type: z.literal('delete') }),
      ]),
    }),
    output: returns<BatchResult>(),
  },

  'tags.list': { kind: 'query', reads: ['tags'], input: z.strictObject({}), output: returns<Tag[]>() },

  'customFields.list': {
    kind: 'query',
    reads: ['custom_fields'],
    input: z.strictObject({}),
    output: returns<CustomField[]>(),
  },
  'customFields.create': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({
      entity: z.enum(['person', 'company']),
      label: z.string().trim().min(1, 'Give the field a name.').max(60),
      type: z.enum(CUSTOM_FIELD_TYPES),
      options: z.array(z.string().trim().min(1).max(100)).max(100).default([]),
    }),
    output: returns<CustomField>(),
  },
  'customFields.update': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({
      id,
      label: z.string().trim().min(1).max(60).optional(),
      options: z.array(z.string().trim().min(1).max(100)).max(100).optional(),
      position: z.number().int().min(0).optional(),
    }),
    output: returns<CustomField>(),
  },
  'customFields.delete': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ id }),
    output: returns<{ ok: true }>(),
  },

  'search.global': {
    kind: 'query',
    reads: ['people', 'companies', 'notes', 'calls'],
    input: z.strictObject({ query: z.string().max(200), limit: limit(50, 20) }),
    output: returns<SearchResult>(),
  },

  'trash.list': {
    kind: 'query',
    reads: ['people', 'companies', 'calls', 'tasks', 'notes', 'orders', 'products', 'deals', 'cases'],
    input: z.strictObject({ kind: trashKind.optional(), cursor, limit: limit(500, 100) }),
    output: returns<Page<TrashItem>>(),
  },
  'trash.restore': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({
      items: z
        .array(z.strictObject({ kind: trashKind, id }))
        .min(1)
        .max(10_000),
    }),
    output: returns<{ count: number }>(),
  },
  /**
   * Deletes for good what is in the Trash (of one kind, and deleted before `olderThan`, when given).
   * A person or company that live calls, tasks or notes still need stays in the Trash: `kept` counts them.
   */
  'trash.empty': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ kind: trashKind.optional(), olderThan: z.number().int().min(0).optional() }),
    output: returns<{ count: number; kept: number }>(),
  },
  'batches.undo': {
    kind: 'mutation',
    reads: [],
    input: z.strictObject({ batchId: id }),
    output: returns<{ count: number }>(),
  },
} as const satisfies Record<string, RequestDef>;
