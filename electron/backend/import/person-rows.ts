/**
 * One record of a people file, read through the user's column mapping, as the person it would
 * become (issue 5: the import's preview and its rows).
 *
 * Cells are trimmed; the converters of shared/domain/import-mapping.ts split full names, read
 * dates in the user's locale, yes/no, tags and lifecycle stages. The result is checked with the
 * very schema people.create uses (PersonInput), so an imported person obeys every rule a typed one
 * does. Whatever is wrong is reported as problems naming the file's line, the column (its header),
 * the value and the reason; a record with a problem is skipped as a whole, never half imported.
 * What needs the book (the company by name, the owner by name or email, matching an existing
 * person) is left to the import job: the company, owner, notes and external id travel beside the
 * person.
 */
import type { z } from 'zod';
import { PersonInput, PersonPatch } from '../../../shared/api/requests/contacts.requests.ts';
import {
  parseImportDate,
  parseStage,
  parseYesNo,
  splitFullName,
  splitTags,
  type PersonField,
} from '../../../shared/domain/import-mapping.ts';

export interface RowProblem {
  /** The line of the file the record starts on. */
  line: number;
  /** The header of the column at fault ("" when the record as a whole is). */
  column: string;
  value: string;
  reason: string;
}

export interface ImportedPerson {
  person: z.input<typeof PersonInput>;
  companyName: string | null;
  owner: string | null;
  notes: string | null;
  externalId: string | null;
}

export type PersonRow =
  | {
      ok: true;
      value: ImportedPerson;
      /** The person as the schema gave it back (trimmed, defaults applied), when already checked. */
      parsed?: z.output<typeof PersonPatch>;
      /** False when the row has no name (allowed with `nameOptional`: it can only update someone). */
      named?: boolean;
    }
  | { ok: false; problems: RowProblem[] };

/** Which schema path a field's value lands on, to name the column of a schema error. */
const PATH_OF: Partial<Record<string, PersonField[]>> = {
  givenName: ['givenName', 'fullName'],
  familyName: ['familyName', 'fullName'],
  jobTitle: ['jobTitle'],
  birthday: ['birthday'],
  source: ['source'],
  tags: ['tags'],
  emails: ['email', 'email2'],
  phones: ['phone', 'mobile', 'phone2'],
  address: ['street', 'city', 'postcode', 'country'],
};

export function personFromRecord(
  headers: readonly string[],
  mapping: readonly (PersonField | null)[],
  fields: readonly string[],
  line: number,
  locale: string,
  options: { nameOptional?: boolean } = {},
): PersonRow {
  const problems: RowProblem[] = [];
  const cell = new Map<PersonField, { value: string; column: string }>();
  mapping.forEach((field, i) => {
    if (!field) return;
    const value = (fields[i] ?? '').trim();
    if (value !== '') cell.set(field, { value, column: headers[i] ?? `Column ${i + 1}` });
  });
  const get = (field: PersonField) => cell.get(field)?.value;
  const problem = (field: PersonField, reason: string) => {
    const c = cell.get(field);
    problems.push({ line, column: c?.column ?? '', value: c?.value ?? '', reason });
  };

  const person: z.input<typeof PersonInput> = {};
  let given = get('givenName');
  let family = get('familyName');
  const full = get('fullName');
  if (full && !given && !family) ({ givenName: given, familyName: family } = splitFullName(full));
  if (given) person.givenName = given;
  if (family) person.familyName = family;
  const named = Boolean(given || family);
  if (!named && !options.nameOptional) {
    problems.push({
      line,
      column: '',
      value: '',
      reason: 'No name: the row has no given, family or full name.',
    });
  }
  const jobTitle = get('jobTitle');
  if (jobTitle) person.jobTitle = jobTitle;
  const source = get('source');
  if (source) person.source = source;

  const emails = (['email', 'email2'] as const).flatMap((f, i) => {
    const email = get(f);
    return email ? [{ label: i === 0 ? 'work' : 'home', email }] : [];
  });
  if (emails.length > 0) person.emails = emails;
  const phones = (
    [
      ['phone', 'work'],
      ['mobile', 'mobile'],
      ['phone2', 'other'],
    ] as const
  ).flatMap(([f, label]) => {
    const number = get(f);
    return number ? [{ label, number }] : [];
  });
  if (phones.length > 0) person.phones = phones;
  const address = {
    street: get('street'),
    city: get('city'),
    postcode: get('postcode'),
    country: get('country'),
  };
  if (Object.values(address).some(Boolean)) {
    person.address = Object.fromEntries(
      Object.entries(address).filter(([, v]) => v),
    ) as typeof person.address;
  }

  const birthday = get('birthday');
  if (birthday) {
    const iso = parseImportDate(birthday, locale);
    if (iso) person.birthday = iso;
    else
      problem('birthday', `Not a date this import can read. Write it as ${example(locale)} or 1986-03-31.`);
  }
  const stage = get('stage');
  if (stage) {
    const s = parseStage(stage);
    if (s) person.stage = s;
    else problem('stage', 'Not a lifecycle stage: use lead, prospect, customer or former customer.');
  }
  for (const f of ['doNotCall', 'emailOptIn'] as const) {
    const v = get(f);
    if (!v) continue;
    const yes = parseYesNo(v);
    if (yes === null) problem(f, 'Write yes or no (or leave it empty).');
    else person[f] = yes;
  }
  const tags = get('tags');
  if (tags) person.tags = splitTags(tags);

  // Everything people.create checks, reported against the column it came from.
  // A row without a name is checked as an update would be (every field optional).
  const checked = named ? PersonInput.safeParse(person) : PersonPatch.safeParse(person);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const [head, index] = issue.path as (string | number)[];
      if (head === 'givenName' && issue.message === 'Enter a name.') continue; // reported above
      const candidates = PATH_OF[String(head)] ?? [];
      // For a list (emails, phones), the item's index picks which of the fields it came from.
      const present = candidates.filter((f) => cell.has(f));
      const field = typeof index === 'number' && present[index] ? present[index] : present[0];
      if (field) problem(field, issue.message);
      else problems.push({ line, column: '', value: '', reason: issue.message });
    }
  }
  if (problems.length > 0 || !checked.success) return { ok: false, problems };
  return {
    ok: true,
    parsed: checked.data,
    named,
    value: {
      person,
      companyName: get('company') ?? null,
      owner: get('owner') ?? null,
      notes: get('notes') ?? null,
      externalId: get('externalId') ?? null,
    },
  };
}

/** 31/03/1986 in en-GB, 03/31/1986 in en-US: the locale's own way, for an error message. */
function example(locale: string): string {
  try {
    return new Intl.DateTimeFormat(locale, {
      timeZone: 'UTC',
      day: '2-digit',
      month: '2-digit',
      year: 'numeric',
    }).format(new Date(Date.UTC(1986, 2, 31)));
  } catch {
    return '31/03/1986';
  }
}
