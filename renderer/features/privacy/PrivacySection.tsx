/**
 * Settings › Privacy: the consent purposes people are asked about, and the record of erasures.
 *
 * The record lives here, not beside the Trash: the Trash holds what can still come back, while
 * an erasure is final and its record is kept as evidence that a request was honoured (when, by
 * whom, what went and what was kept for the accounts), for as long as the business needs it.
 * Nothing in it names the person; the reference number is what to quote to them.
 */
import { useState } from 'react';
import type { Erasure } from '../../../shared/api/requests/privacy.requests.ts';
import { useFormat } from '../../lib/format.context.tsx';
import { useQuery } from '../../stores/query.hooks.tsx';
import { useUi } from '../../stores/ui.store.tsx';
import { Button } from '../../ui/Button.tsx';
import { SettingsGroup, SettingsRow } from '../settings/SettingsRow.tsx';
import { ConsentPurposesDialog } from './ConsentPurposesDialog.tsx';
import { countLines, erasureSummary } from './privacy-words.ts';
import './privacy.css';

function ErasureItem({ erasure: e }: { erasure: Erasure }) {
  const fmt = useFormat();
  const navigate = useUi((s) => s.navigate);
  const [open, setOpen] = useState(false);
  return (
    <li className="erasures__item">
      <div className="erasures__line">
        <span className="erasures__ref num selectable">{e.reference}</span>
        <span className="erasures__when" title={fmt.exact(e.erasedAt)}>
          {fmt.dateTime(e.erasedAt)}
        </span>
        {e.erasedBy ? <span className="erasures__by">by {e.erasedBy}</span> : null}
      </div>
      <div className="erasures__summary">{erasureSummary(e.counts, fmt.number)}</div>
      {e.ordersKept && e.standIn ? (
        <div className="erasures__kept">
          Kept for the accounts under{' '}
          <button type="button" className="link-button" onClick={() => navigate(`people/${e.standIn!.id}`)}>
            {e.standIn.name}
          </button>
        </div>
      ) : null}
      {e.reason ? <div className="erasures__reason selectable">“{e.reason}”</div> : null}
      <button
        type="button"
        className="link-button erasures__toggle"
        aria-expanded={open}
        onClick={() => setOpen((o) => !o)}
      >
        {open ? 'Hide the details' : 'Show the details'}
      </button>
      {open ? (
        <ul className="erasures__details" aria-label={`What ${e.reference} erased`}>
          {countLines(e.counts.erased, fmt.number).map((l) => (
            <li key={l.key}>{l.key === 'people' ? 'Their details' : l.text}</li>
          ))}
          {e.counts.undoCopies > 0 ? <li>{fmt.number(e.counts.undoCopies)} undo copies</li> : null}
          {e.counts.searchEntries > 0 ? <li>{fmt.number(e.counts.searchEntries)} search entries</li> : null}
          {e.counts.detached > 0 ? (
            <li>
              {fmt.number(e.counts.detached)} link{e.counts.detached === 1 ? '' : 's'} from other people’s
              records cleared
            </li>
          ) : null}
        </ul>
      ) : null}
    </li>
  );
}

export function PrivacySection() {
  const erasures = useQuery('privacy.erasures', {});
  const [editing, setEditing] = useState(false);
  return (
    <SettingsGroup
      id="settings-privacy"
      title="Privacy"
      description="What you ask people to agree to, and the record of everyone erased from the book at their request. The record names no one: quote its reference to the person who asked."
    >
      <SettingsRow label="Consent purposes" hint="Offered on each person’s Consent card.">
        <Button onClick={() => setEditing(true)}>Edit consent purposes…</Button>
      </SettingsRow>
      <SettingsRow label="Erasures" hint="A person’s page › More › Erase all their data.">
        {erasures.data ? (
          erasures.data.length === 0 ? (
            <span className="settings__value">No one has been erased from this book.</span>
          ) : (
            <ul className="erasures" aria-label="Erasures">
              {erasures.data.map((e) => (
                <ErasureItem key={e.id} erasure={e} />
              ))}
            </ul>
          )
        ) : (
          <span className="settings__value">{erasures.error ? erasures.error.message : '\u00a0'}</span>
        )}
      </SettingsRow>
      {editing ? <ConsentPurposesDialog onClose={() => setEditing(false)} /> : null}
    </SettingsGroup>
  );
}
