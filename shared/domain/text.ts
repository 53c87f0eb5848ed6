/** Text folding for sorting and matching: lower case, diacritics removed ("Müller" -> "muller"). */
export function fold(value: string): string {
  return value
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .trim();
}

/** The sort key of a person: "family given shown", folded, so lists sort by family name. */
export function personSortKey(givenName: string, familyName: string, displayName: string): string {
  return fold([familyName, givenName, displayName].filter(Boolean).join(' ')).replace(/\s+/gu, ' ');
}

/** The name shown when none is given: "Given Family". */
export function composeDisplayName(givenName: string, familyName: string): string {
  return [givenName.trim(), familyName.trim()].filter(Boolean).join(' ');
}

/** The sort key of a company: its name folded, spaces collapsed. */
export function companySortKey(name: string): string {
  return fold(name).replace(/\s+/gu, ' ');
}
