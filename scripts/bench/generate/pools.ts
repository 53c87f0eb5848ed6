/**
 * Pools of realistic values, drawn once from @faker-js/faker with the run's seed: British names
 * and addresses for most people, European names (with their diacritics: Müller, Dvořák, Łukasz)
 * for a few, company names, job titles, products, and the sentences of call summaries, notes and
 * task titles. The generator's hot loop then picks from these with a fast seeded PRNG.
 */
import {
  Faker,
  base,
  cs_CZ,
  da,
  de,
  en,
  en_GB,
  es,
  fr,
  hu,
  pl,
  pt_PT,
  sv,
  type LocaleDefinition,
} from '@faker-js/faker';

export interface Pools {
  givenNames: string[];
  familyNames: string[];
  /** Names from other European locales (German, French, Spanish, Polish, Czech...), per locale. */
  intlNames: { given: string[]; family: string[] }[];
  jobTitles: string[];
  streets: string[];
  postcodes: string[];
  products: string[];
  productNames: string[];
  summaries: string[];
  /** Short summaries of calls that did not connect. */
  missedSummaries: string[];
  notes: string[];
  companyNotes: string[];
}

/** Real towns with rough weights (London is big), so the city filter and column look real. */
export const CITIES: readonly (readonly [string, number])[] = [
  ['London', 160],
  ['Birmingham', 40],
  ['Manchester', 35],
  ['Leeds', 25],
  ['Glasgow', 22],
  ['Liverpool', 20],
  ['Bristol', 20],
  ['Sheffield', 18],
  ['Edinburgh', 18],
  ['Leicester', 12],
  ['Cardiff', 12],
  ['Nottingham', 12],
  ['Newcastle upon Tyne', 11],
  ['Southampton', 9],
  ['Brighton', 9],
  ['Norwich', 7],
  ['York', 7],
  ['Oxford', 7],
  ['Cambridge', 7],
  ['Exeter', 5],
  ['Bath', 5],
  ['Aberdeen', 5],
  ['Belfast', 9],
  ['Swansea', 5],
  ['Plymouth', 6],
  ['Reading', 7],
  ['Milton Keynes', 6],
  ['Derby', 6],
  ['Stoke-on-Trent', 5],
  ['Dundee', 4],
  ['Inverness', 2],
  ['Truro', 1],
];

export const INDUSTRIES = [
  'Hospitality',
  'Retail',
  'Construction',
  'Healthcare',
  'Education',
  'Manufacturing',
  'Logistics',
  'Agriculture',
  'Legal services',
  'Accountancy',
  'Property',
  'Printing',
];
export const COMPANY_SIZES = ['1–9', '10–49', '50–249', '250+'];
export const SOURCES = ['Website', 'Referral', 'Trade show', 'Phone-in', 'Walk-in', 'Newsletter'];
export const TAG_NAMES = [
  'VIP',
  'Wholesale',
  'Newsletter',
  'Trade show 2026',
  'Referral',
  'Slow payer',
  'Café owners',
  'Key account',
  'Do not email',
  'Christmas card',
  'Price sensitive',
  'Export',
  'Repeat buyer',
  'Prospect list Q3',
];
export const FREE_MAIL = [
  'gmail.com',
  'outlook.com',
  'hotmail.co.uk',
  'yahoo.co.uk',
  'btinternet.com',
  'icloud.com',
  'sky.com',
];

function unique(draw: () => string, count: number, tries = count * 6): string[] {
  const seen = new Set<string>();
  for (let i = 0; i < tries && seen.size < count; i++) {
    const v = draw().trim();
    if (v) seen.add(v);
  }
  return [...seen];
}

function makeFaker(locale: LocaleDefinition, seed: number): Faker {
  const f = new Faker({ locale: [locale, en, base] });
  f.seed(seed);
  return f;
}

const hasMarks = (s: string) => s.normalize('NFKD') !== s;

export function buildPools(seed: number): Pools {
  const gb = makeFaker(en_GB, seed);
  const intl = [de, fr, es, pl, cs_CZ, sv, pt_PT, hu, da].map((locale, i) =>
    makeFaker(locale, seed + 17 * (i + 1)),
  );

  const givenNames = unique(() => gb.person.firstName(), 1500);
  const familyNames = unique(() => gb.person.lastName(), 2500);
  // Foreign names: those with diacritics first (they are the point, and picks favour the front).
  const byMarks = (names: string[]) => [...names.filter(hasMarks), ...names.filter((n) => !hasMarks(n))];
  const intlNames = intl.map((f) => ({
    given: byMarks(unique(() => f.person.firstName(), 120)),
    family: byMarks(unique(() => f.person.lastName(), 200)),
  }));

  const products = unique(() => gb.commerce.product().toLowerCase(), 60);
  const productNames = unique(() => gb.commerce.productName(), 600);
  const when = [
    'today',
    'tomorrow',
    'on Monday',
    'next week',
    'by Friday',
    'after the holidays',
    'this month',
  ];
  const summaryTemplates: (() => string)[] = [
    () =>
      `Discussed the ${gb.helpers.arrayElement(products)} order; wants ${gb.number.int({ min: 2, max: 40 })} more ${gb.helpers.arrayElement(when)}.`,
    () =>
      `Asked for a quote on the ${gb.helpers.arrayElement(productNames)}. Sending it ${gb.helpers.arrayElement(when)}.`,
    () =>
      `Invoice INV-${gb.string.numeric(5)} queried: ${gb.helpers.arrayElement(['paid', 'will pay', 'disputes the delivery charge', 'needs a copy'])}.`,
    () =>
      `Complaint about the late delivery of ${gb.helpers.arrayElement(productNames)}; offered ${gb.number.int({ min: 5, max: 20 })}% off the next order.`,
    () =>
      `${gb.person.firstName()} from accounts will call back about the ${gb.helpers.arrayElement(products)} renewal.`,
    () =>
      `Interested in upgrading to the ${gb.helpers.arrayElement(productNames)}. Sent the brochure and the price list.`,
    () =>
      `Happy with the last ${gb.helpers.arrayElement(products)} delivery. Mentioned a friend who runs a ${gb.helpers.arrayElement(['café', 'garage', 'bakery', 'salon', 'hotel', 'surgery'])}.`,
    () =>
      `Wants samples of the ${gb.helpers.arrayElement(productNames)} before committing. Posting them ${gb.helpers.arrayElement(when)}.`,
    () => `Budget is frozen until ${gb.date.month()}; call again then.`,
    () => `Confirmed the delivery address: ${gb.location.streetAddress()}, ${gb.location.zipCode()}.`,
    () =>
      `Moving to a new supplier unless we match £${gb.number.int({ min: 2, max: 90 })}0 a month. Checking with ${gb.person.firstName()}.`,
    () => `Booked a site visit for ${gb.date.weekday()} at ${gb.number.int({ min: 9, max: 16 })}:00.`,
    () => `Renewal agreed for another ${gb.number.int({ min: 1, max: 3 })} years; paperwork by email.`,
    () =>
      `Payment reminder for order ${gb.string.numeric(6)}; promised to pay ${gb.helpers.arrayElement(when)}.`,
  ];
  const summaries = unique(() => gb.helpers.arrayElement(summaryTemplates)(), 6000, 30000);
  const missedSummaries = unique(
    () =>
      gb.helpers.arrayElement([
        `Left a voicemail about the ${gb.helpers.arrayElement(products)} quote.`,
        `No answer; try again ${gb.helpers.arrayElement(when)}.`,
        `Receptionist says ${gb.person.firstName()} is out until ${gb.date.weekday()}.`,
        `Line busy. Will call back.`,
        `Number rang out; check the number on the website.`,
      ]),
    600,
    6000,
  );
  const noteTemplates: (() => string)[] = [
    () =>
      `Prefers a call in the ${gb.helpers.arrayElement(['morning', 'afternoon', 'early evening'])}; the office is quiet before ${gb.number.int({ min: 9, max: 11 })}.`,
    () =>
      `Asked for the new price list and the delivery schedule for ${gb.helpers.arrayElement(['spring', 'summer', 'autumn', 'winter'])}.`,
    () =>
      `Unhappy with the last delivery: ${gb.number.int({ min: 2, max: 9 })} boxes of ${gb.helpers.arrayElement(products)} arrived damaged. Sent replacements.`,
    () =>
      `Interested in the annual service plan. Follow up after the budget meeting on ${gb.date.weekday()}.`,
    () =>
      `New contact after the trade show in ${gb.helpers.arrayElement(CITIES)[0]}. Runs ${gb.number.int({ min: 2, max: 7 })} shops in the area.`,
    () => `Paid the overdue invoice. Wants invoices by email from now on.`,
    () =>
      `Their buyer ${gb.person.fullName()} signs off orders over £${gb.number.int({ min: 1, max: 9 })},000.`,
    () =>
      `Uses ${gb.company.name()} for ${gb.helpers.arrayElement(products)} at the moment; contract ends in ${gb.date.month()}.`,
    () => `Allergic to cold calls before ten. Very loyal once won over. ${gb.company.catchPhrase()}.`,
  ];
  const notes = unique(
    () =>
      Array.from({ length: gb.number.int({ min: 1, max: 3 }) }, () =>
        gb.helpers.arrayElement(noteTemplates)(),
      ).join(' '),
    4000,
    20000,
  );
  const companyNotes = unique(
    () =>
      `${gb.company.catchPhrase()}. Head office moved to ${gb.location.streetAddress()}. ${gb.helpers.arrayElement(noteTemplates)()}`,
    800,
    4000,
  );

  return {
    givenNames,
    familyNames,
    intlNames,
    jobTitles: unique(() => gb.person.jobTitle(), 400),
    streets: unique(() => gb.location.streetAddress(), 5000),
    postcodes: unique(() => gb.location.zipCode(), 5000),
    products,
    productNames,
    summaries,
    missedSummaries,
    notes,
    companyNotes,
  };
}

/** A company name, drawn from faker directly (the generator asks for one per company). */
export function companyNameFaker(seed: number): () => string {
  const gb = makeFaker(en_GB, seed + 99);
  const suffixes = ['Ltd', 'Ltd', 'Ltd', '& Sons', 'Group', 'Partners', 'Trading', 'Supplies', 'plc', 'LLP'];
  return () => {
    const name = gb.company.name();
    return gb.datatype.boolean(0.5)
      ? `${name.replace(/ (LLC|Inc|Group|and Sons)$/u, '')} ${gb.helpers.arrayElement(suffixes)}`
      : name;
  };
}
