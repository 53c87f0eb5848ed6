/**
 * "Erase all their data…" (a person's page › More): what erasing them removes, the choice about
 * their orders (kept for the accounts by default), what it cannot reach (snapshots, files already
 * exported), and their name typed to confirm, since nothing brings it back. Once done, the page
 * goes back to Contacts with the erasure's reference number in a toast.
 */
import { format, parseISO } from 'date-fns';
import { useId, useState, type FormEvent } from 'react';
import { OctagonAlert, Scale } from 'lucide-react';
import { foldName, type ErasePreview } from '../../../shared/api/requests/privacy.requests.ts';
import { messageOf } from '../../api/errors.ts';
import { useFormat } from '../../lib/format.context.tsx';
import { dateLocale } from '../../lib/locales.ts';
import { useCache, useQuery } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { DialogHeader } from '../../ui/DialogParts.tsx';
import { FieldError } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { DelayedSpinner } from '../../ui/States.tsx';
import { clearDraft, readDraft } from '../calls/call-draft.ts';
import { countLines } from './privacy-words.ts';
import './privacy.css';

const plural = (n: number, one: string, many: string, num: (n: number) => string) =>
  `${num(n)} ${n === 1 ? one : many}`;

function SnapshotsNote({ preview }: { preview: ErasePreview }) {
  const fmt = useFormat();
  const s = preview.snapshots;
  if (!s) {
    return (
      <li>
        Snapshots of the book taken before now may still hold their details. Automatic ones are deleted by
        rotation within 12 months; snapshots you took yourself stay until you delete them under Backups.
      </li>
    );
  }
  if (s.count === 0) return <li>No snapshot of the book holds their details yet.</li>;
  const automatic = s.count - s.manual;
  return (
    <li>
      {plural(s.count, 'snapshot', 'snapshots', fmt.number)} of the book, taken since they were added, still{' '}
      {s.count === 1 ? 'holds' : 'hold'} their details.{' '}
      {automatic > 0
        ? `${automatic === s.count ? (s.count === 1 ? 'It is' : 'They are') : `${fmt.number(automatic)} ${automatic === 1 ? 'is' : 'are'}`} deleted by rotation within ${s.rotationMonths} months. `
        : ''}
      {s.manual > 0
        ? `${s.manual === s.count ? (s.count === 1 ? 'You took it' : 'You took them') : `You took ${fmt.number(s.manual)}`} yourself: ${s.manual === 1 ? 'it stays' : 'they stay'} until you delete ${s.manual === 1 ? 'it' : 'them'} under Backups.`
        : ''}
    </li>
  );
}

function Body({
  preview,
  keepOrders,
  onKeepOrders,
}: {
  preview: ErasePreview;
  keepOrders: boolean;
  onKeepOrders(keep: boolean): void;
}) {
  const fmt = useFormat();
  const id = useId();
  const plan = keepOrders ? preview.keepOrders : preview.eraseAll;
  const lines = countLines(plan.erased, fmt.number);
  const own = preview.ownOrders;
  const money = own.totals.map((t) => fmt.moneyIn(t.gross, t.currency)).join(' + ');
  const month = (iso: string) => format(parseISO(iso), 'MMM yyyy', { locale: dateLocale(fmt.locale) });
  const span =
    own.from && own.to
      ? own.from === own.to
        ? month(own.from)
        : `${month(own.from)} to ${month(own.to)}`
      : '';
  const name = preview.displayName;
  return (
    <>
      <div className="erase__alert" role="note">
        <OctagonAlert size={ICON.inline} strokeWidth={STROKE} aria-hidden />
        <p>
          <strong>This cannot be undone.</strong> Everything below is deleted at once and for good: it does
          not go to the Trash, and no Undo brings it back.
          {preview.inTrash ? ` ${name} is in the Trash; that makes no difference.` : ''}
        </p>
      </div>

      <section className="erase__section" aria-labelledby={`${id}-goes`}>
        <h3 className="erase__heading" id={`${id}-goes`}>
          What is erased
        </h3>
        <ul className="erase__list">
          {lines.map((l) => (
            <li key={l.key}>{l.text}</li>
          ))}
          {plan.undoCopies > 0 ? (
            <li>{plural(plan.undoCopies, 'copy', 'copies', fmt.number)} in the undo history</li>
          ) : null}
          {plan.searchEntries > 0 ? (
            <li>{plural(plan.searchEntries, 'entry', 'entries', fmt.number)} in the search index</li>
          ) : null}
        </ul>
        {preview.trashEntries > 0 ? (
          <p className="erase__hint">
            Including {plural(preview.trashEntries, 'record', 'records', fmt.number)} of theirs already in the
            Trash.
          </p>
        ) : null}
      </section>

      {own.count > 0 ? (
        <fieldset className="erase__section erase__orders">
          <legend className="erase__heading">
            {own.count === 1 ? 'Their order' : `Their ${fmt.number(own.count)} orders`}
            {money || span ? `: ${[money, span].filter(Boolean).join(', ')}` : ''}
          </legend>
          <div className="erase__law" role="note">
            <Scale size={ICON.inline} strokeWidth={STROKE} aria-hidden />
            <p>
              Tax and accounting law usually requires a business to keep its orders and invoices for years:
              six years in the UK, up to ten in some EU countries. Check with your accountant before erasing
              them.
            </p>
          </div>
          <label className="erase__choice">
            <input
              type="radio"
              name={`${id}-orders`}
              checked={keepOrders}
              onChange={() => onKeepOrders(true)}
              aria-describedby={`${id}-keep-hint`}
            />
            <span>
              <span className="erase__choice-label">
                Keep the {own.count === 1 ? 'order' : 'orders'} for the accounts, without their name
              </span>
              <span className="erase__choice-hint" id={`${id}-keep-hint`}>
                {own.count === 1
                  ? 'It keeps its number, lines and totals'
                  : 'They keep their numbers, lines and totals'}
                , so your reports stay right, under an “Erased customer” record named with this erasure’s
                reference number. Notes written on {own.count === 1 ? 'it are' : 'them are'} cleared.
              </span>
            </span>
          </label>
          <label className="erase__choice">
            <input
              type="radio"
              name={`${id}-orders`}
              checked={!keepOrders}
              onChange={() => onKeepOrders(false)}
              aria-describedby={`${id}-all-hint`}
            />
            <span>
              <span className="erase__choice-label">
                Erase the {own.count === 1 ? 'order' : 'orders'} too
              </span>
              <span className="erase__choice-hint" id={`${id}-all-hint`}>
                Only when you are sure you need not keep {own.count === 1 ? 'it' : 'them'}. Your order numbers
                will have gaps, and your sales reports will no longer count{' '}
                {money || (own.count === 1 ? 'it' : 'them')}.
              </span>
            </span>
          </label>
        </fieldset>
      ) : null}

      <section className="erase__section" aria-labelledby={`${id}-stays`}>
        <h3 className="erase__heading" id={`${id}-stays`}>
          What this does not reach
        </h3>
        <ul className="erase__list erase__list--plain">
          {preview.companies.length > 0 ? (
            <li>
              {preview.companies.join(', ')}’s orders, deals and cases that name {name} stay with the company,
              without their name.
            </li>
          ) : null}
          <SnapshotsNote preview={preview} />
          <li>
            Files you exported before (their data, vCards, lists) are not touched. Delete those yourself.
          </li>
          <li>
            What someone wrote about them in another person’s notes or calls is not found by name. Search for
            their name afterwards and edit what turns up.
          </li>
        </ul>
      </section>
    </>
  );
}

export function EraseDialog({
  personId,
  name,
  onClose,
}: {
  personId: string;
  name: string;
  onClose(): void;
}) {
  const id = useId();
  const cache = useCache();
  const ui = useUiStore();
  const preview = useQuery('privacy.erasePreview', { personId });
  const [keepOrders, setKeepOrders] = useState(true);
  const [typed, setTyped] = useState('');
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const matches = typed !== '' && foldName(typed) === foldName(preview.data?.displayName ?? name);

  async function erase(event: FormEvent) {
    event.preventDefault();
    // The button waits for their name; Enter in a field cannot get round it.
    if (busy || !preview.data || !matches) return;
    setBusy(true);
    setError(null);
    try {
      const done = await cache.mutate('privacy.erase', {
        personId,
        keepOrders,
        confirmName: typed,
        reason: reason.trim() || null,
      });
      // A half-written call log about them, kept for a window that closed, goes too.
      if (readDraft(personId)?.person?.id === personId) clearDraft();
      ui.getState().navigate('contacts');
      onClose();
      ui.getState().toast(
        `Erased ${preview.data.displayName} for good. Reference ${done.erasure.reference}: the record is under Settings › Privacy.`,
        'info',
      );
    } catch (err) {
      setBusy(false);
      setError(messageOf(err));
    }
  }

  return (
    <Dialog
      labelledBy={`${id}-title`}
      onClose={() => {
        if (!busy) onClose();
      }}
      className="dialog--wide erase-dialog"
    >
      <form
        className="erase__form"
        onSubmit={(e) => void erase(e)}
        noValidate
        aria-labelledby={`${id}-title`}
      >
        <DialogHeader titleId={`${id}-title`} onClose={() => (busy ? undefined : onClose())}>
          Erase {name} for good?
        </DialogHeader>
        <div className="dialog__body erase__body">
          {preview.data ? (
            <>
              <Body preview={preview.data} keepOrders={keepOrders} onKeepOrders={setKeepOrders} />
              <div className="field">
                <label className="field__label" htmlFor={`${id}-reason`}>
                  Reason <span className="erase__optional">(optional)</span>
                </label>
                <textarea
                  id={`${id}-reason`}
                  className="input erase__reason"
                  rows={2}
                  maxLength={500}
                  value={reason}
                  placeholder="Asked by email on 20 November"
                  aria-describedby={`${id}-reason-hint`}
                  onChange={(e) => setReason(e.target.value)}
                />
                <div className="field__hint" id={`${id}-reason-hint`}>
                  Kept with the record of this erasure. Do not write their name or details here.
                </div>
              </div>
              <div className="field">
                <label className="field__label" htmlFor={`${id}-confirm`}>
                  To confirm, type their name:{' '}
                  <strong className="erase__name selectable">{preview.data.displayName}</strong>
                </label>
                <input
                  id={`${id}-confirm`}
                  className="input"
                  autoComplete="off"
                  spellCheck={false}
                  value={typed}
                  aria-describedby={`${id}-confirm-hint`}
                  onChange={(e) => setTyped(e.target.value)}
                />
                <div className="field__hint" id={`${id}-confirm-hint`}>
                  {matches ? 'The name matches.' : 'The button below stays off until the name matches.'}
                </div>
              </div>
              {error ? (
                <div role="alert">
                  <FieldError message={error} />
                </div>
              ) : null}
            </>
          ) : preview.error ? (
            <div role="alert" className="erase__error">
              <FieldError message={preview.error.message} />
            </div>
          ) : (
            <div className="erase__loading">
              <DelayedSpinner label={`Finding everything about ${name}…`} />
            </div>
          )}
        </div>
        <div className="dialog__footer">
          {busy ? (
            <span className="erase__progress" role="status">
              Erasing everything about {name}. On a large book this takes a moment.
            </span>
          ) : null}
          <Button onClick={onClose} disabled={busy}>
            Cancel
          </Button>
          <Button
            type="submit"
            variant="primary"
            className="btn--destructive"
            disabled={busy || !preview.data || !matches}
          >
            {busy ? 'Erasing…' : 'Erase for good'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
