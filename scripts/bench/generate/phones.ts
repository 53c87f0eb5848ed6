/**
 * British phone numbers, written the many ways people write them ("020 7946 0958",
 * "+44 (0)20 7946 0958", "(020) 7946-0958", "02079460958"...). Each is made from its national
 * significant number, which is exactly the digits form the app stores (normalisePhone), so the
 * generator does not have to parse a million numbers; the tests check that it agrees.
 */
import { weighted, type Rng } from './rng.ts';

interface Area {
  code: string;
  /** Digits after the area code. */
  rest: number;
  /** How the rest is grouped when written. */
  groups: number[];
  first?: string;
}

const AREAS = weighted<Area>([
  [{ code: '20', rest: 8, groups: [4, 4], first: '378' }, 30],
  [{ code: '161', rest: 7, groups: [3, 4] }, 8],
  [{ code: '121', rest: 7, groups: [3, 4] }, 7],
  [{ code: '113', rest: 7, groups: [3, 4] }, 5],
  [{ code: '117', rest: 7, groups: [3, 4] }, 5],
  [{ code: '131', rest: 7, groups: [3, 4] }, 4],
  [{ code: '141', rest: 7, groups: [3, 4] }, 5],
  [{ code: '29', rest: 8, groups: [4, 4], first: '2' }, 3],
  [{ code: '1603', rest: 6, groups: [6] }, 2],
  [{ code: '1904', rest: 6, groups: [6] }, 2],
  // Mobiles: 07700 900123
  [{ code: '7', rest: 9, groups: [3, 6], first: '456789' }, 45],
]);

export interface GeneratedPhone {
  /** The national significant number: the app's `digits`. */
  nsn: string;
  e164: string;
  /** The area code part and the groups after it, for writing it down. */
  area: string;
  groups: string[];
}

export function makePhone(rng: Rng): GeneratedPhone {
  const area = AREAS(rng);
  let rest = area.first ? area.first[rng.int(area.first.length)]! : String(rng.between(2, 9));
  rest += rng.digits(area.rest - 1);
  const groups: string[] = [];
  let at = 0;
  for (const g of area.groups) {
    groups.push(rest.slice(at, at + g));
    at += g;
  }
  // Mobiles are written 07xxx xxxxxx: the area code takes the first group's digits.
  if (area.code === '7') {
    return { nsn: `7${rest}`, e164: `+447${rest}`, area: `7${groups[0]!.slice(0, 3)}`, groups: [groups[1]!] };
  }
  return { nsn: area.code + rest, e164: `+44${area.code}${rest}`, area: area.code, groups };
}

export const PHONE_FORMATS = [
  'national',
  'international',
  'internationalTrunk',
  'zeroZero',
  'compact',
  'brackets',
  'dots',
] as const;
export type PhoneFormat = (typeof PHONE_FORMATS)[number];

export const pickFormat = weighted<PhoneFormat>([
  ['national', 50],
  ['international', 15],
  ['compact', 10],
  ['brackets', 8],
  ['dots', 8],
  ['internationalTrunk', 5],
  ['zeroZero', 4],
]);

export function formatPhone(p: GeneratedPhone, format: PhoneFormat): string {
  const g = p.groups;
  switch (format) {
    case 'national':
      return `0${p.area} ${g.join(' ')}`;
    case 'international':
      return `+44 ${p.area} ${g.join(' ')}`;
    case 'internationalTrunk':
      return `+44 (0)${p.area} ${g.join(' ')}`;
    case 'zeroZero':
      return `0044 ${p.area} ${g.join(' ')}`;
    case 'compact':
      return `0${p.nsn}`;
    case 'brackets':
      return `(0${p.area}) ${g.join('-')}`;
    case 'dots':
      return `0${p.area}.${g.join('.')}`;
  }
}

/** The same number in a different way of writing it (what a caller reads out, say). */
export function otherFormat(p: GeneratedPhone, stored: PhoneFormat): string {
  return formatPhone(p, stored === 'international' ? 'national' : 'international');
}
