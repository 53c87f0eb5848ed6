/**
 * The Consent card on a person's page: where each purpose stands now (given, refused, withdrawn,
 * never asked) with the day and how, a button to record an answer and one to withdraw a consent
 * that was given, and the full history below, nothing ever edited away.
 */
import { format } from 'date-fns';
import { useId, useState } from 'react';
import { ChevronDown, ChevronRight, Plus } from 'lucide-react';
import type { ConsentEntry, ConsentStatus } from '../../../shared/api/requests/privacy.requests.ts';
import { useFormat } from '../../lib/format.context.tsx';
import { dateLocale } from '../../lib/locales.ts';
import { useQuery } from '../../stores/query.hooks.tsx';
import { Button } from '../../ui/Button.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { RecordConsentDialog, WithdrawConsentDialog } from './ConsentDialogs.tsx';
import { METHOD_WORDS, STATE_WORDS } from './privacy-words.ts';
import './privacy.css';

function useDay() {
  const fmt = useFormat();
  return (ms: number) => format(ms, 'PP', { locale: dateLocale(fmt.locale) });
}

function StatusRow({ status, onWithdraw }: { status: ConsentStatus; onWithdraw(): void }) {
  const day = useDay();
  const words = STATE_WORDS[status.state];
  const since =
    status.since === null || status.method === null
      ? null
      : `${status.state === 'given' ? 'Since' : 'On'} ${day(status.since)}, ${METHOD_WORDS[status.method]}`;
  return (
    <li className="consent__row">
      <div className="consent__purpose">
        <span className="consent__name">{status.purpose}</span>
        {!status.offered ? <span className="consent__old">No longer offered</span> : null}
        {since ? <span className="consent__since">{since}</span> : null}
      </div>
      <div className="consent__state">
        <span className={`badge ${words.tone}`}>{words.label}</span>
        {status.state === 'given' ? (
          <button
            type="button"
            className="link-button consent__withdraw"
            onClick={onWithdraw}
            aria-label={`Withdraw consent to ${status.purpose}`}
          >
            Withdraw…
          </button>
        ) : null}
      </div>
    </li>
  );
}

function HistoryEntry({ entry }: { entry: ConsentEntry }) {
  const day = useDay();
  const w = entry.withdrawal;
  return (
    <li className="consent__entry">
      <div className="consent__entry-what">
        <strong>{entry.purpose}</strong>: {entry.decision === 'granted' ? 'agreed' : 'refused'} on{' '}
        {day(entry.decidedAt)}, {METHOD_WORDS[entry.method]}
      </div>
      <div className="consent__entry-meta">
        Recorded {entry.recordedBy ? `by ${entry.recordedBy} ` : ''}on {day(entry.recordedAt)}
        {entry.note ? <span className="consent__note selectable"> · “{entry.note}”</span> : null}
      </div>
      {w ? (
        <div className="consent__entry-withdrawn">
          <span className="badge badge--warning">Withdrawn</span> on {day(w.withdrawnAt)},{' '}
          {METHOD_WORDS[w.method]}
          <span className="consent__entry-meta">
            {' '}
            · recorded {w.recordedBy ? `by ${w.recordedBy} ` : ''}on {day(w.recordedAt)}
            {w.note ? <span className="consent__note selectable"> · “{w.note}”</span> : null}
          </span>
        </div>
      ) : null}
    </li>
  );
}

export function ConsentCard({ personId, name, live }: { personId: string; name: string; live: boolean }) {
  const id = useId();
  const consents = useQuery('consents.list', { personId });
  const [recording, setRecording] = useState(false);
  const [withdrawing, setWithdrawing] = useState<ConsentEntry | null>(null);
  const [open, setOpen] = useState(false);
  const data = consents.data;
  const history = data?.history ?? [];
  const shown = (data?.statuses ?? []).filter((s) => s.offered || s.state !== 'never');

  return (
    <section className="card consent" aria-labelledby={`${id}-title`}>
      <header className="card__header">
        <h2 className="card__title" id={`${id}-title`}>
          Consent
        </h2>
        {live ? (
          <Button
            variant="ghost"
            icon={<Plus size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
            onClick={() => setRecording(true)}
            aria-label={`Record consent for ${name}`}
          >
            Record
          </Button>
        ) : null}
      </header>
      {!data ? (
        <p className="card__loading">{consents.error ? consents.error.message : 'Loading…'}</p>
      ) : (
        <>
          <ul className="consent__rows" aria-label={`What ${name} agreed to`}>
            {shown.map((s) => (
              <StatusRow
                key={s.purpose}
                status={s}
                onWithdraw={() => setWithdrawing(history.find((e) => e.id === s.entryId) ?? null)}
              />
            ))}
          </ul>
          {history.length === 0 ? (
            <p className="card__empty">
              Nothing recorded yet. When they tell you what they agree to, or refuse, record it here with how
              they told you.
            </p>
          ) : (
            <div className="consent__history">
              <button
                type="button"
                className="link-button consent__toggle"
                aria-expanded={open}
                aria-controls={`${id}-history`}
                onClick={() => setOpen((o) => !o)}
              >
                {open ? (
                  <ChevronDown size={ICON.small} strokeWidth={STROKE} aria-hidden />
                ) : (
                  <ChevronRight size={ICON.small} strokeWidth={STROKE} aria-hidden />
                )}
                History ({history.length})
              </button>
              {open ? (
                <ol
                  className="consent__entries"
                  id={`${id}-history`}
                  aria-label={`Consent history of ${name}`}
                >
                  {history.map((e) => (
                    <HistoryEntry key={e.id} entry={e} />
                  ))}
                </ol>
              ) : null}
            </div>
          )}
        </>
      )}
      {recording ? (
        <RecordConsentDialog personId={personId} name={name} onClose={() => setRecording(false)} />
      ) : null}
      {withdrawing ? (
        <WithdrawConsentDialog entry={withdrawing} name={name} onClose={() => setWithdrawing(null)} />
      ) : null}
    </section>
  );
}
