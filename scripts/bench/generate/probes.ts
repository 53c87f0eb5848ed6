/** What the generator records beside a book: its sizes, and people to measure with. */

export interface ProbePerson {
  id: string;
  givenName: string;
  familyName: string;
  displayName: string;
  /** The first phone as stored, and the same number written another way (or null: no phone). */
  phone: string | null;
  phoneOther: string | null;
  calls: number;
}

export interface Probes {
  /** A sample of everyone (reservoir sampled with the seed). */
  people: ProbePerson[];
  /** A sample of people whose family name has diacritics (Müller, Dvořák...). */
  diacritic: ProbePerson[];
  /** A sample of the people with at least one order that counts as a sale (ids). */
  buyers: string[];
}

export interface BookMeta {
  seed: number;
  contacts: number;
  /** The cache key's inputs: schema (migration names), faker version, generator version. */
  key: string;
  counts: Record<string, number>;
  /** "Now" inside the book: the newest call is just before it. */
  bookNow: number;
  generatedMs: number;
  steps: Record<string, number>;
}
