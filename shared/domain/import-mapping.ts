/**
 * Mapping the columns of a file to import onto the book's fields.
 *
 * guessMapping() reads a file's headers and proposes a field for each, from the names other tools
 * give their columns: Google Contacts (old and new exports), Outlook, Apple Contacts (as exported
 * by the usual converters), LinkedIn connections, HubSpot, Salesforce, Pipedrive ("Person - Name"
 * and plain), spreadsheets written by hand, and this app's own export. The user corrects the
 * proposal in the wizard; the corrected mapping is remembered per set of headers (headerKey).
 *
 * The converters turn a cell into a field value the way the wizard previews it: a full name split
 * into given and family names ("Lee, Ann" too), a date in the user's locale or ISO, a yes/no.
 */

/** What a column of a people file can fill. */
export const PERSON_FIELDS = [
  'fullName',
  'givenName',
  'familyName',
  'company',
  'jobTitle',
  'email',
  'email2',
  'phone',
  'mobile',
  'phone2',
  'street',
  'city',
  'postcode',
  'country',
  'birthday',
  'stage',
  'source',
  'owner',
  'tags',
  'notes',
  'doNotCall',
  'emailOptIn',
  'externalId',
] as const;
export type PersonField = (typeof PERSON_FIELDS)[number];

export const PERSON_FIELD_LABELS: Record<PersonField, string> = {
  fullName: 'Full name (split into given and family name)',
  givenName: 'Given name',
  familyName: 'Family name',
  company: 'Company',
  jobTitle: 'Job title',
  email: 'Email',
  email2: 'Second email',
  phone: 'Phone',
  mobile: 'Mobile',
  phone2: 'Other phone',
  street: 'Street',
  city: 'Town or city',
  postcode: 'Postcode',
  country: 'Country',
  birthday: 'Birthday',
  stage: 'Lifecycle stage',
  source: 'Source',
  owner: 'Owner (staff name or email)',
  tags: 'Tags (separated by , or ;)',
  notes: 'Notes (added as a note)',
  doNotCall: 'Do not call (yes/no)',
  emailOptIn: 'Agreed to email (yes/no)',
  externalId: 'ID in the other system',
};

/** A header as compared: lower case, without accents, punctuation or spaces ("E-mail 1 - Value" → "email1value"). */
export function headerWords(header: string): string {
  return header
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/gu, '');
}

/**
 * Header names, as headerWords() gives them, per field. The first field that claims a header
 * wins; a field is given to one column only (the first), so "Phone 1 - Value" takes phone and
 * "Phone 2 - Value" falls to phone2.
 */
const SYNONYMS: [PersonField, string[]][] = [
  [
    'fullName',
    [
      'name',
      'fullname',
      'contactname',
      'personname',
      'displayname',
      'fileas',
      'contact',
      'customer',
      'customername',
    ],
  ],
  [
    'givenName',
    ['firstname', 'givenname', 'forename', 'first', 'personfirstname', 'christianname', 'vorname', 'prenom'],
  ],
  ['familyName', ['lastname', 'familyname', 'surname', 'last', 'personlastname', 'nachname', 'nom']],
  [
    'company',
    [
      'company',
      'companyname',
      'organization',
      'organisation',
      'organizationname',
      'organization1name',
      'organisationname',
      'accountname',
      'account',
      'personorganization',
      'organizationorganization',
      'employer',
      'business',
      'firma',
    ],
  ],
  [
    'jobTitle',
    [
      'jobtitle',
      'title',
      'position',
      'organizationtitle',
      'organization1title',
      'role',
      'job',
      'persontitle',
    ],
  ],
  [
    'email',
    [
      'email',
      'emailaddress',
      'email1value',
      'email1',
      'emailaddress1',
      'primaryemail',
      'workemail',
      'personemail',
      'emailwork',
      'mail',
      'personemailwork',
    ],
  ],
  [
    'email2',
    [
      'email2value',
      'email2address',
      'email2',
      'emailaddress2',
      'secondaryemail',
      'homeemail',
      'otheremail',
      'emailhome',
    ],
  ],
  [
    'mobile',
    [
      'mobile',
      'mobilephone',
      'mobilephonenumber',
      'cell',
      'cellphone',
      'mobilenumber',
      'handy',
      'personphonemobile',
      'phonemobile',
    ],
  ],
  [
    'phone',
    [
      'phone',
      'phonenumber',
      'phone1value',
      'telephone',
      'tel',
      'businessphone',
      'workphone',
      'primaryphone',
      'personphone',
      'personphonework',
      'phonework',
      'telefon',
    ],
  ],
  [
    'phone2',
    [
      'phone2value',
      'phone2',
      'homephone',
      'businessphone2',
      'otherphone',
      'phonehome',
      'personphonehome',
      'phone3value',
    ],
  ],
  [
    'street',
    [
      'street',
      'address',
      'streetaddress',
      'address1street',
      'businessstreet',
      'mailingstreet',
      'homestreet',
      'addressline1',
      'address1',
      'strasse',
    ],
  ],
  [
    'city',
    ['city', 'town', 'address1city', 'businesscity', 'mailingcity', 'homecity', 'towncity', 'ort', 'ville'],
  ],
  [
    'postcode',
    [
      'postcode',
      'postalcode',
      'zip',
      'zipcode',
      'address1postalcode',
      'businesspostalcode',
      'mailingzippostalcode',
      'mailingpostalcode',
      'homepostalcode',
      'plz',
    ],
  ],
  [
    'country',
    [
      'country',
      'countryregion',
      'address1country',
      'businesscountryregion',
      'mailingcountry',
      'homecountryregion',
      'land',
      'pays',
    ],
  ],
  ['birthday', ['birthday', 'birthdate', 'dateofbirth', 'dob', 'geburtstag']],
  ['stage', ['stage', 'lifecyclestage', 'leadstatus', 'status', 'contacttype', 'type']],
  ['source', ['source', 'leadsource', 'originalsource', 'howdidyouhearaboutus', 'channel']],
  [
    'owner',
    ['owner', 'personowner', 'contactowner', 'ownername', 'accountowner', 'assignedto', 'salesperson'],
  ],
  ['tags', ['tags', 'personlabel', 'labels', 'categories', 'groupmembership', 'groups', 'label', 'segments']],
  ['notes', ['notes', 'note', 'description', 'comments', 'comment', 'remarks', 'bemerkung']],
  ['doNotCall', ['donotcall', 'dontcall', 'nocalls', 'calloptout', 'donotphone']],
  [
    'emailOptIn',
    ['emailoptin', 'marketingemails', 'newsletter', 'subscribed', 'consenttoemail', 'emailconsent'],
  ],
  [
    'externalId',
    [
      'id',
      'recordid',
      'contactid',
      'externalid',
      'personid',
      'leadid',
      'customerid',
      'uid',
      'customernumber',
      'ledgerlineid',
    ],
  ],
];

const BY_WORDS = wordsTable(SYNONYMS);

/**
 * Headers too vague to outrank a precise one: they take their field only when no other column
 * does (Outlook's "Title" is Mr or Ms, and its "Job Title" the job; a lone "Title" is the job).
 */
const WEAK = new Set([
  'name',
  'title',
  'status',
  'type',
  'id',
  'address',
  'contact',
  'first',
  'last',
  'label',
  'account',
  'job',
  'business',
  'mail',
  'nom',
  'channel',
  'customer',
]);

/** Fields that may repeat onto a second field when the first is taken ("Phone 2" after "Phone 1"). */
const OVERFLOW: Partial<Record<PersonField, PersonField>> = {
  email: 'email2',
  phone: 'phone2',
  mobile: 'phone2',
};

/** Columns the other tools write that say what the next column holds, not data: never mapped. */
const IGNORED =
  /^(email|phone|address)\d+(label|type)$|^(nameprefix|namesuffix|middlename|nickname|phonetic.*|photo|url|website|connectedon)$/u;

/** What guessColumns() needs to know about a kind of file's fields. */
export interface GuessTable<F extends string> {
  /** Field per header word (headerWords()); the first field naming a word wins. */
  byWords: ReadonlyMap<string, F>;
  /** Words that take their field only when no precise header does. */
  weak: ReadonlySet<string>;
  /** Headers that are never data (labels of the next column, photos...). */
  ignored: RegExp;
  /** Where a field spills over when a second column claims it ("Phone 2" after "Phone 1"). */
  overflow: Partial<Record<F, F>>;
  /** A field proposed only when none of these fields has a column (a full name beside its parts). */
  unlessAny?: Partial<Record<F, readonly F[]>>;
}

/** The words of a synonym list, as a lookup (the first field to name a word keeps it). */
export function wordsTable<F extends string>(
  synonyms: readonly (readonly [F, readonly string[]])[],
): Map<string, F> {
  const map = new Map<string, F>();
  for (const [field, words] of synonyms) for (const w of words) if (!map.has(w)) map.set(w, field);
  return map;
}

/** One field (or null: not imported) per header, in the headers' order; each field to one column. */
export function guessColumns<F extends string>(
  table: GuessTable<F>,
  headers: readonly string[],
): (F | null)[] {
  const taken = new Set<F>();
  const words = headers.map(headerWords);
  const present = new Set(words.map((w) => table.byWords.get(w)).filter((f): f is F => f !== undefined));
  const out: (F | null)[] = words.map(() => null);
  const assign = (weak: boolean) =>
    words.forEach((w, i) => {
      if (out[i] !== null || w === '' || table.ignored.test(w) || table.weak.has(w) !== weak) return;
      let field = table.byWords.get(w) ?? null;
      if (field !== null && table.unlessAny?.[field]?.some((f) => present.has(f))) return;
      if (field !== null && taken.has(field)) field = table.overflow[field] ?? null;
      if (field === null || taken.has(field)) return;
      taken.add(field);
      out[i] = field;
    });
  assign(false);
  assign(true);
  return out;
}

const PEOPLE_TABLE: GuessTable<PersonField> = {
  byWords: BY_WORDS,
  weak: WEAK,
  ignored: IGNORED,
  overflow: OVERFLOW,
  unlessAny: { fullName: ['givenName', 'familyName'] },
};

/**
 * One field (or null: not imported) per header of a people file. A full name is only proposed
 * when neither a given nor a family name column exists.
 */
export function guessMapping(headers: readonly string[]): (PersonField | null)[] {
  return guessColumns(PEOPLE_TABLE, headers);
}

/** The key a mapping is remembered under: the headers as compared, in order. */
export function headerKey(headers: readonly string[]): string {
  return headers.map(headerWords).join('|');
}

const NAME_PREFIX = /^(mr|mrs|ms|miss|mx|dr|prof|sir|dame|herr|frau|mme|mlle|m)\.?$/iu;
const NAME_SUFFIX = /^(jr|sr|ii|iii|iv|phd|md|mba|esq|obe|mbe|cbe)\.?,?$/iu;
/** Family-name particles that belong with the family name ("Ludwig van Beethoven"). */
const PARTICLES = new Set([
  'van',
  'von',
  'de',
  'der',
  'den',
  'del',
  'della',
  'di',
  'da',
  'du',
  'la',
  'le',
  'ten',
  'ter',
  'zu',
  'dos',
  'das',
  'bin',
  'al',
]);

/** Splits a full name into given and family names: "Dr Ann Marie Lee", "Lee, Ann", "Ludwig van Beethoven". */
export function splitFullName(full: string): { givenName: string; familyName: string } {
  const text = full.replace(/\s+/gu, ' ').trim();
  if (text === '') return { givenName: '', familyName: '' };
  const comma = text.indexOf(',');
  if (comma > 0) {
    const family = text.slice(0, comma).trim();
    const rest = text.slice(comma + 1).trim();
    // "Lee, Ann" but not "Ann Lee, PhD".
    if (rest !== '' && !NAME_SUFFIX.test(rest)) return { givenName: rest, familyName: family };
  }
  let words = text.split(' ');
  while (words.length > 1 && NAME_PREFIX.test(words[0]!)) words = words.slice(1);
  while (words.length > 1 && NAME_SUFFIX.test(words.at(-1)!.replace(/,$/u, ''))) words = words.slice(0, -1);
  words = words.map((w) => w.replace(/,$/u, ''));
  if (words.length === 1) return { givenName: words[0]!, familyName: '' };
  let start = words.length - 1;
  while (start > 1 && PARTICLES.has(words[start - 1]!.toLowerCase())) start--;
  return { givenName: words.slice(0, start).join(' '), familyName: words.slice(start).join(' ') };
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** Whether the locale writes the month first in numeric dates (en-US: 11/22/2026). */
export function monthFirst(locale: string): boolean {
  try {
    const parts = new Intl.DateTimeFormat(locale, {
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    }).formatToParts(new Date(Date.UTC(2026, 10, 22)));
    const order = parts.filter((p) => p.type === 'day' || p.type === 'month').map((p) => p.type);
    return order[0] === 'month';
  } catch {
    return false;
  }
}

function isoOf(y: number, m: number, d: number): string | null {
  if (!Number.isInteger(y) || !Number.isInteger(m) || !Number.isInteger(d)) return null;
  if (y < 1000 || y > 9999 || m < 1 || m > 12 || d < 1) return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A two-digit year: the nearest century that does not put the date after `thisYear` + 10. */
function fullYear(y: number, digits: number, thisYear: number): number {
  if (digits > 2) return y;
  const century = Math.floor(thisYear / 100) * 100;
  return century + y > thisYear + 10 ? century - 100 + y : century + y;
}

/**
 * A date as people write it, in their locale: ISO (2026-11-22, also with a time after it), the
 * locale's numeric order (22/11/2026 in en-GB, 11/22/2026 in en-US; "/", "." or "-", two-digit
 * years), or with an English month name ("22 Nov 2026", "November 22, 2026"). Null when it is
 * not a real date.
 */
export function parseImportDate(
  text: string,
  locale: string,
  thisYear = new Date().getFullYear(),
): string | null {
  const t = text.trim();
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ].*)?$/u.exec(t);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})$/u.exec(t);
  if (m) return isoOf(Number(m[1]), Number(m[2]), Number(m[3]));
  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})(?:[ T].*)?$/u.exec(t);
  if (m) {
    const [a, b] = [Number(m[1]), Number(m[2])];
    const y = fullYear(Number(m[3]), m[3]!.length, thisYear);
    return monthFirst(locale) ? isoOf(y, a, b) : isoOf(y, b, a);
  }
  const monthOf = (word: string) => {
    const i = MONTHS.indexOf(word.slice(0, 3).toLowerCase());
    return i >= 0 && /^[a-z]+\.?$/iu.test(word) ? i + 1 : 0;
  };
  m = /^(\d{1,2})(?:st|nd|rd|th)?[ -]([A-Za-z]+\.?)[ ,-]*(\d{2}|\d{4})$/u.exec(t);
  if (m && monthOf(m[2]!))
    return isoOf(fullYear(Number(m[3]), m[3]!.length, thisYear), monthOf(m[2]!), Number(m[1]));
  m = /^([A-Za-z]+\.?) (\d{1,2})(?:st|nd|rd|th)?,? (\d{2}|\d{4})$/u.exec(t);
  if (m && monthOf(m[1]!))
    return isoOf(fullYear(Number(m[3]), m[3]!.length, thisYear), monthOf(m[1]!), Number(m[2]));
  return null;
}

/** A lifecycle stage as other tools name it (HubSpot's stages, "Opportunity"...), or null. */
export function parseStage(text: string): 'lead' | 'prospect' | 'customer' | 'former' | null {
  const t = headerWords(text);
  if (
    [
      'lead',
      'subscriber',
      'marketingqualifiedlead',
      'salesqualifiedlead',
      'mql',
      'sql',
      'new',
      'cold',
      'warm',
    ].includes(t)
  )
    return 'lead';
  if (['prospect', 'opportunity', 'qualified', 'hot', 'inprogress'].includes(t)) return 'prospect';
  if (['customer', 'client', 'evangelist', 'won', 'active', 'kunde'].includes(t)) return 'customer';
  if (['former', 'formercustomer', 'lost', 'churned', 'inactive', 'excustomer'].includes(t)) return 'former';
  return null;
}

const YES = new Set([
  'yes',
  'y',
  'true',
  '1',
  'x',
  'ja',
  'oui',
  'si',
  'on',
  'checked',
  'opted in',
  'subscribed',
]);
const NO = new Set([
  'no',
  'n',
  'false',
  '0',
  '',
  'nein',
  'non',
  'off',
  'unchecked',
  'opted out',
  'unsubscribed',
]);

/** A yes/no cell: true, false, or null when it is neither. */
export function parseYesNo(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (YES.has(t)) return true;
  if (NO.has(t)) return false;
  return null;
}

/** Tags in one cell: separated by commas, semicolons or Google's " ::: ", without Google's "* myContacts". */
export function splitTags(text: string): string[] {
  const out = new Set<string>();
  for (const part of text.split(/\s*(?:;|,|:::)\s*/u)) {
    const tag = part.replace(/^\*\s*/u, '').trim();
    if (tag !== '' && !/^mycontacts$/iu.test(tag) && !/^starred$/iu.test(tag)) out.add(tag.slice(0, 60));
  }
  return [...out];
}
