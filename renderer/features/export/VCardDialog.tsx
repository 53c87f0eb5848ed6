/**
 * "Export vCard…": one person (their page's More menu) or the people picked in the contacts
 * list, as a .vcf file a phone or address book imports. 3.0 by default: Outlook, Apple Contacts
 * and Google all read it; 4.0 for the apps that want the newer standard.
 */
import { useId, useState, type FormEvent } from 'react';
import { Contact } from 'lucide-react';
import { useFormat } from '../../lib/format.context.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { DialogHeader } from '../../ui/DialogParts.tsx';
import { FieldError } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { ExportProgress } from './ExportProgress.tsx';
import { useExportRun } from './useExportRun.ts';
import './export.css';

type Version = '4.0' | '3.0';

const VERSIONS: { value: Version; label: string; hint: string }[] = [
  {
    value: '3.0',
    label: 'vCard 3.0',
    hint: 'Read by Outlook, Apple Contacts, Google and nearly every phone.',
  },
  { value: '4.0', label: 'vCard 4.0', hint: 'The newer standard, for the apps that ask for it.' },
];

export function VCardDialog({
  ids,
  name,
  onClose,
}: {
  ids: readonly string[];
  /** The person's name, when there is one. */
  name?: string;
  onClose(): void;
}) {
  const id = useId();
  const fmt = useFormat();
  const run = useExportRun();
  const [version, setVersion] = useState<Version>('3.0');
  const who =
    ids.length === 1 && name ? name : `${fmt.number(ids.length)} ${ids.length === 1 ? 'person' : 'people'}`;

  function submit(event: FormEvent) {
    event.preventDefault();
    if (run.running) return;
    void run
      .start('export.vcard', { ids: [...ids], version }, (n) =>
        ids.length === 1 && name ? `${name}’s vCard` : `${fmt.number(n)} ${n === 1 ? 'vCard' : 'vCards'}`,
      )
      .then((result) => {
        if (result?.saved) onClose();
      });
  }

  return (
    <Dialog labelledBy={`${id}-title`} onClose={onClose} className="export-dialog export-dialog--narrow">
      <form onSubmit={submit} noValidate className="export-dialog__form">
        <DialogHeader titleId={`${id}-title`} onClose={onClose}>
          Export {ids.length === 1 ? 'vCard' : 'vCards'}
        </DialogHeader>
        <div className="dialog__body export-dialog__body">
          <p className="export-dialog__what">
            {ids.length === 1
              ? `A .vcf file with ${who}’s name, company, job title, phones, emails, address, birthday and tags, for a phone or address book.`
              : `One .vcf file with a card for each of the ${who}, for a phone or address book.`}
          </p>
          <fieldset className="export-dialog__columns">
            <legend className="export-dialog__legend">Version</legend>
            {VERSIONS.map((v) => (
              <label key={v.value} className="export-choice">
                <input
                  type="radio"
                  name={`${id}-version`}
                  value={v.value}
                  checked={version === v.value}
                  onChange={() => setVersion(v.value)}
                  aria-describedby={`${id}-${v.value}-hint`}
                />
                <span className="export-choice__text">
                  <span className="export-choice__label">{v.label}</span>
                  <span className="export-choice__hint" id={`${id}-${v.value}-hint`}>
                    {v.hint}
                  </span>
                </span>
              </label>
            ))}
          </fieldset>
          {run.error ? <FieldError message={run.error} /> : null}
        </div>
        <div className="dialog__footer">
          {run.running ? (
            <div className="export-dialog__progress">
              <ExportProgress run={run} label="Writing vCards" />
            </div>
          ) : (
            <Button onClick={onClose}>Cancel</Button>
          )}
          <Button
            type="submit"
            variant="primary"
            disabled={run.running}
            icon={<Contact size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
          >
            {run.running ? 'Exporting…' : 'Export'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
