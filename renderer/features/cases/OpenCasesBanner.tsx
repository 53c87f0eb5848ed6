/**
 * On a person's or a company's page: their open cases, so whoever answers the phone sees them at
 * once (how many, how many overdue, the most urgent), with a link to it and to all of them.
 */
import { AlertTriangle, LifeBuoy } from 'lucide-react';
import { isOverdue } from '../../../shared/domain/pipeline.ts';
import { useNow } from '../../lib/clock.tsx';
import { useFormat } from '../../lib/format.context.tsx';
import { useQuery } from '../../stores/query.hooks.tsx';
import { useUi } from '../../stores/ui.store.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { isoDay, useSalesDialogs } from '../pipeline/pipeline-words.ts';
import { PRIORITY_LABELS } from './case-words.ts';
import './cases.css';

export function OpenCasesBanner({
  personId,
  companyId,
  name,
}: {
  personId?: string;
  companyId?: string;
  name: string;
}) {
  const now = useNow(60_000);
  const today = isoDay(now);
  const fmt = useFormat();
  const navigate = useUi((s) => s.navigate);
  const open = useQuery(
    'cases.openFor',
    personId ? { personId, today } : { companyId: companyId ?? '', today },
  ).data;
  if (!open || open.count === 0 || !open.mostUrgent) return null;
  const top = open.mostUrgent;
  const topLate = isOverdue(top, today);
  const serious = open.overdue > 0 || top.priority === 'urgent' || top.priority === 'high';
  const summary = `${open.count} open ${open.count === 1 ? 'case' : 'cases'}${open.overdue ? `, ${open.overdue} overdue` : ''}`;
  return (
    <div className={`open-cases${serious ? ' open-cases--serious' : ''}`} role="note" aria-label={summary}>
      {serious ? (
        <AlertTriangle size={ICON.inline} strokeWidth={STROKE} aria-hidden />
      ) : (
        <LifeBuoy size={ICON.inline} strokeWidth={STROKE} aria-hidden />
      )}
      <strong>{summary}.</strong>
      <span className="open-cases__top">
        {open.count > 1 ? 'Most urgent: ' : ''}
        <button type="button" className="link-button" onClick={() => navigate(`cases/${top.id}`)}>
          #{top.number} {top.subject}
        </button>
        <span className="open-cases__meta">
          {' '}
          · {PRIORITY_LABELS[top.priority]}
          {top.dueDate ? ` · ${topLate ? 'was due' : 'due'} ${fmt.day(top.dueDate, now)}` : ''}
        </span>
      </span>
      {open.count > 1 ? (
        <button
          type="button"
          className="link-button open-cases__all"
          onClick={() => {
            useSalesDialogs
              .getState()
              .setCasesFor({ ...(personId ? { personId } : { companyId: companyId ?? '' }), name });
            navigate('cases');
          }}
        >
          See all {open.count}
        </button>
      ) : null}
    </div>
  );
}
