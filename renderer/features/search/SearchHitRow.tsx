/** One search hit as an option: an icon for its kind, the title with the matched part marked, a detail. */
import { Building2, NotebookText, Phone, UserRound } from 'lucide-react';
import type { SearchHit, SearchKind } from '../../../shared/domain/people.ts';
import { ICON, STROKE } from '../../ui/icons.ts';
import { highlight } from './search-hits.ts';

const KIND_ICONS: Record<SearchKind, typeof Phone> = {
  person: UserRound,
  company: Building2,
  note: NotebookText,
  call: Phone,
};

export function HitText({ hit, query }: { hit: SearchHit; query: string }) {
  const Icon = KIND_ICONS[hit.kind];
  return (
    <>
      <span className={`hit__icon hit__icon--${hit.kind}`} aria-hidden>
        <Icon size={ICON.inline} strokeWidth={STROKE} />
      </span>
      <span className="hit__text">
        <span className="hit__title">
          {highlight(hit.title, query).map((part, i) =>
            part.match ? (
              <mark key={i} className="hit__mark">
                {part.text}
              </mark>
            ) : (
              <span key={i}>{part.text}</span>
            ),
          )}
        </span>
        {hit.detail ? <span className="hit__detail">{hit.detail}</span> : null}
      </span>
    </>
  );
}
