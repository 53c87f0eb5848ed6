/**
 * The recovery key, shown once after the book is encrypted: in large groups to read and copy by
 * hand, with Copy and Print. Printing prints only a sheet with the key, the book's name and path,
 * the date and what to do with it (security.css hides everything else on paper).
 */
import { useEffect, useState } from 'react';
import { createPortal } from 'react-dom';
import { Check, Copy, Printer } from 'lucide-react';
import { useFormat } from '../../lib/format.context.tsx';
import { Button } from '../../ui/Button.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { formatRecoveryKey, recoveryKeyGroups } from './recovery-key.ts';

function KeyGroups({ recoveryKey, className }: { recoveryKey: string; className: string }) {
  const groups = recoveryKeyGroups(recoveryKey);
  return (
    // Read out once, whole, by the visually hidden line next to it.
    <div className={className} aria-hidden>
      {groups.map((g, i) => (
        // The dash between groups is copied with a selection, but not shown.
        <span key={i} className="recovery-key__group">
          {g}
          {i < groups.length - 1 ? <span className="recovery-key__dash">-</span> : null}
        </span>
      ))}
    </div>
  );
}

/** The printed sheet: only this reaches the paper. */
function PrintSheet({
  recoveryKey,
  businessName,
  bookPath,
  madeAt,
}: {
  recoveryKey: string;
  businessName: string;
  bookPath: string | undefined;
  madeAt: number;
}) {
  const fmt = useFormat();
  return createPortal(
    <div className="recovery-print" aria-hidden>
      <p className="recovery-print__app">Ledgerline</p>
      <h1 className="recovery-print__title">Recovery key</h1>
      <dl className="recovery-print__facts">
        <dt>Customer book of</dt>
        <dd>{businessName}</dd>
        <dt>Made on</dt>
        <dd>{fmt.exact(madeAt)}</dd>
        {bookPath ? (
          <>
            <dt>Book file</dt>
            <dd className="recovery-print__path">{bookPath}</dd>
          </>
        ) : null}
      </dl>
      <KeyGroups recoveryKey={recoveryKey} className="recovery-print__key" />
      <h2 className="recovery-print__heading">What this is for</h2>
      <p>
        The customer book is encrypted. If Ledgerline ever asks for the recovery key — the book was moved or
        restored to another computer, the computer’s keychain was reset, or the passphrase was forgotten —
        type these 36 letters and digits. Capitals, spaces and dashes don’t matter. It also opens every
        snapshot of the book.
      </p>
      <h2 className="recovery-print__heading">Keep it safe</h2>
      <ul>
        <li>Keep this sheet somewhere safe and away from the computer, such as a locked drawer or a safe.</li>
        <li>Anyone with this key and a copy of the book can read it, so don’t keep the two together.</li>
        <li>
          If both this key and the way the computer unlocks the book are lost, nobody can open the book.
        </li>
        <li>If the book is decrypted and encrypted again, a new key replaces this one.</li>
      </ul>
    </div>,
    document.body,
  );
}

export function RecoveryKeyCard({
  recoveryKey,
  businessName,
  bookPath,
  madeAt,
}: {
  recoveryKey: string;
  businessName: string;
  bookPath: string | undefined;
  madeAt: number;
}) {
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);
  const canCopy = typeof navigator !== 'undefined' && Boolean(navigator.clipboard);

  useEffect(() => {
    if (copied !== 'yes') return;
    const t = setTimeout(() => setCopied(null), 4000);
    return () => clearTimeout(t);
  }, [copied]);

  return (
    <div className="recovery-key">
      <KeyGroups recoveryKey={recoveryKey} className="recovery-key__groups selectable" />
      <span className="visually-hidden">Recovery key: {formatRecoveryKey(recoveryKey)}</span>
      <div className="recovery-key__actions">
        <span />
        <div className="recovery-key__buttons">
          {canCopy ? (
            <Button
              icon={<Copy size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
              onClick={() =>
                navigator.clipboard
                  .writeText(formatRecoveryKey(recoveryKey))
                  .then(() => setCopied('yes'))
                  .catch(() => setCopied('failed'))
              }
            >
              Copy
            </Button>
          ) : null}
          <Button
            icon={<Printer size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
            onClick={() => window.print()}
          >
            Print…
          </Button>
        </div>
        <span className="recovery-key__copied" role="status">
          {copied === 'yes' ? (
            <span className="status-note">
              <Check size={ICON.small} strokeWidth={2.25} aria-hidden />
              Copied
            </span>
          ) : copied === 'failed' ? (
            <span className="inline-error">Could not copy. Select the key instead.</span>
          ) : null}
        </span>
      </div>
      <PrintSheet recoveryKey={recoveryKey} businessName={businessName} bookPath={bookPath} madeAt={madeAt} />
    </div>
  );
}
