/** Search hits in display order, where each one opens, and which parts of a title matched. */
import type { SearchHit, SearchKind, SearchResult } from '../../../shared/domain/people.ts';
import { fold } from '../../../shared/domain/text.ts';
import type { Route } from '../../stores/ui.store.tsx';

export const KIND_ORDER: readonly SearchKind[] = ['person', 'company', 'note', 'call'];
export const KIND_LABELS: Record<SearchKind, string> = {
  person: 'People',
  company: 'Companies',
  note: 'Notes',
  call: 'Calls',
};

export interface HitGroup {
  kind: SearchKind;
  label: string;
  hits: SearchHit[];
}

export function groupsOf(result: SearchResult | null): HitGroup[] {
  if (!result) return [];
  return KIND_ORDER.flatMap((kind) => {
    const hits = result.groups.find((g) => g.kind === kind)?.hits ?? [];
    return hits.length > 0 ? [{ kind, label: KIND_LABELS[kind], hits }] : [];
  });
}

/** Where a hit opens: a person or company page; a note or call opens the page it belongs to. */
export function routeOfHit(hit: SearchHit): Route | null {
  if (hit.kind === 'person') return `people/${hit.id}`;
  if (hit.kind === 'company') return `companies/${hit.id}`;
  if (hit.personId) return `people/${hit.personId}`;
  if (hit.companyId) return `companies/${hit.companyId}`;
  return null;
}

/** What a screen reader says for a hit: "Ann Lee, Acme Ltd · ann@acme.example". */
export function hitLabel(hit: SearchHit): string {
  return hit.detail ? `${hit.title}, ${hit.detail}` : hit.title;
}

export function hitKey(hit: SearchHit): string {
  return `${hit.kind}-${hit.id}`;
}

/**
 * Splits a title into matched and unmatched parts: every word of the title that starts with a word
 * of the query (ignoring case and accents, as the search does) has that start marked.
 */
export function highlight(title: string, query: string): { text: string; match: boolean }[] {
  const terms = fold(query)
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
  if (terms.length === 0) return [{ text: title, match: false }];
  const chars = [...title];
  const marks = new Array<boolean>(chars.length).fill(false);
  let i = 0;
  while (i < chars.length) {
    if (!/[\p{L}\p{N}]/u.test(chars[i]!)) {
      i++;
      continue;
    }
    let end = i;
    while (end < chars.length && /[\p{L}\p{N}]/u.test(chars[end]!)) end++;
    const folded = chars.slice(i, end).map((c) => fold(c));
    const word = folded.join('');
    const best = terms.filter((t) => word.startsWith(t)).sort((a, b) => b.length - a.length)[0];
    if (best) {
      let covered = 0;
      for (let k = 0; k < folded.length && covered < best.length; k++) {
        marks[i + k] = true;
        covered += folded[k]!.length;
      }
    }
    i = end;
  }
  const parts: { text: string; match: boolean }[] = [];
  chars.forEach((c, k) => {
    const last = parts[parts.length - 1];
    if (last && last.match === marks[k]) last.text += c;
    else parts.push({ text: c, match: marks[k]! });
  });
  return parts;
}
