/** Bulk actions on the selected companies: tag, set the industry, delete — each with an Undo note. */
import { useId, useState, type FormEvent } from 'react';
import { Factory, Tag as TagIcon, Trash2 } from 'lucide-react';
import type { CompaniesFilterInput } from '../../../shared/api/requests/contacts.requests.ts';
import { formErrors } from '../../api/errors.ts';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { FieldError } from '../../ui/Field.tsx';
import {
  BulkBarFrame,
  bulkIcon,
  tagDone,
  TagDialog,
  useBulkRun,
  type Noun,
  type TagAction,
} from '../contacts/BulkBar.tsx';
import { plural } from '../contacts/common.tsx';

export type CompaniesTarget = { ids: string[] } | { filter: CompaniesFilterInput };

const COMPANIES: Noun = { one: 'company', many: 'companies' };
const say = (n: number) => plural(n, COMPANIES.one, COMPANIES.many);

type Action = TagAction | { type: 'industry'; industry: string | null } | { type: 'delete' };

/** Sets (or, left empty, clears) the industry of every selected company. */
function IndustryDialog({
  count,
  onClose,
  onApply,
}: {
  count: number;
  onClose(): void;
  onApply(industry: string | null): Promise<void>;
}) {
  const id = useId();
  const [industry, setIndustry] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function apply(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      await onApply(industry.trim() || null);
      onClose();
    } catch (err) {
      const e = formErrors(err, ['action.industry']);
      setError(e.fields['action.industry'] ?? e.form);
      setBusy(false);
    }
  }

  return (
    <Dialog labelledBy={`${id}-title`} onClose={onClose} className="dialog--narrow">
      <form onSubmit={(e) => void apply(e)} noValidate>
        <div className="dialog__header">
          <h2 className="dialog__title" id={`${id}-title`}>
            Set the industry of {say(count)}
          </h2>
        </div>
        <div className="dialog__body">
          <div className="field">
            <label className="field__label" htmlFor={`${id}-industry`}>
              Industry
            </label>
            <input
              id={`${id}-industry`}
              className="input"
              value={industry}
              autoFocus
              placeholder="Retail"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : `${id}-hint`}
              onChange={(e) => {
                setIndustry(e.target.value);
                setError(null);
              }}
            />
            {error ? (
              <FieldError id={`${id}-error`} message={error} />
            ) : (
              <div className="field__hint" id={`${id}-hint`}>
                Leave it empty to clear the industry.
              </div>
            )}
          </div>
        </div>
        <div className="dialog__footer">
          <span className="dialog__footer-spacer" />
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={busy}>
            {industry.trim() ? 'Set industry' : 'Clear industry'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}

export function CompanyBulkBar({
  count,
  target,
  onDone,
  onClear,
}: {
  count: number;
  target: CompaniesTarget;
  onDone(): void;
  onClear(): void;
}) {
  const { cache, busy, run, runOrSay } = useBulkRun(onDone);
  const [dialog, setDialog] = useState<'tag' | 'industry' | null>(null);
  const close = () => setDialog(null);

  const send = (action: Action) => cache.mutate('companies.bulk', { target, action });
  const done = (action: Action) => (count: number) => {
    const n = say(count);
    switch (action.type) {
      case 'tag':
      case 'untag':
        return { message: tagDone(action, n) };
      case 'industry':
        return {
          message: action.industry
            ? `Set the industry of ${n} to “${action.industry}”.`
            : `Cleared the industry of ${n}.`,
        };
      case 'delete':
        return { message: `Moved ${n} to the Trash.`, undone: `Restored ${n}.` };
    }
  };
  const apply = (action: Action) => run(() => send(action), done(action));

  return (
    <BulkBarFrame count={count} noun={COMPANIES} busy={busy} onClear={onClear}>
      <Button variant="ghost" icon={bulkIcon(TagIcon)} onClick={() => setDialog('tag')} disabled={busy}>
        Tag…
      </Button>
      <Button variant="ghost" icon={bulkIcon(Factory)} onClick={() => setDialog('industry')} disabled={busy}>
        Set industry…
      </Button>
      <Button
        variant="ghost"
        className="btn--danger"
        icon={bulkIcon(Trash2)}
        disabled={busy}
        onClick={() => runOrSay(() => send({ type: 'delete' }), done({ type: 'delete' }))}
      >
        Delete
      </Button>
      {dialog === 'tag' ? <TagDialog count={count} noun={COMPANIES} onClose={close} onApply={apply} /> : null}
      {dialog === 'industry' ? (
        <IndustryDialog
          count={count}
          onClose={close}
          onApply={(industry) => apply({ type: 'industry', industry })}
        />
      ) : null}
    </BulkBarFrame>
  );
}
