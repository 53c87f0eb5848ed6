/**
 * New person: the essentials up front, everything else under "More details". The draft is kept
 * (also across a restart) until it is saved or discarded. Typing an email or phone that someone
 * already has warns at once; saving such a person asks first. Opened from a company's page, the
 * company is filled in already.
 */
import { useEffect, useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { ChevronRight, TriangleAlert } from 'lucide-react';
import type { DuplicateMatch } from '../../../shared/domain/people.ts';
import { useCache, useQuery } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { FieldError } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { Kbd } from '../../ui/Kbd.tsx';
import { useStaff } from './common.tsx';
import {
  blankDraft,
  draftErrors,
  duplicatesOf,
  toInput,
  type PersonDraft,
  type Section,
} from './person-draft.ts';
import { PersonForm, useDuplicateCheck } from './PersonForm.tsx';
import { readStored, writeStored } from './view-state.ts';

const DRAFT_KEY = 'ledgerline.draft.newPerson';
const FIRST: Section[] = ['name', 'work', 'contact'];
const MORE: Section[] = ['about', 'address', 'consent', 'window', 'custom'];
const MORE_FIELDS = /^(birthday|source|address|doNotCall|emailOptIn|callingWindow|custom)/u;

const isDraft = (v: unknown): v is PersonDraft =>
  typeof v === 'object' && v !== null && Array.isArray((v as PersonDraft).phones) && 'callingWindow' in v;

/** The company a dialog was opened for. */
export interface PresetCompany {
  id: string;
  name: string;
}

/** Nothing typed yet; the company the dialog was opened for does not count as typed. */
function isBlank(d: PersonDraft, presetId?: string): boolean {
  return (
    !d.givenName.trim() &&
    !d.familyName.trim() &&
    (!d.companyId || d.companyId === presetId) &&
    !d.jobTitle.trim() &&
    d.tags.length === 0 &&
    d.phones.every((p) => !p.number.trim()) &&
    d.emails.every((e) => !e.email.trim())
  );
}

const withCompany = (d: PersonDraft, company: PresetCompany | undefined): PersonDraft =>
  company ? { ...d, companyId: company.id, companyName: company.name } : d;

function NewPersonForm({ onClose, company }: { onClose(): void; company: PresetCompany | undefined }) {
  const id = useId();
  const cache = useCache();
  const ui = useUiStore();
  const settings = useQuery('settings.get', {}).data;
  const staff = useStaff();
  const fields = (useQuery('customFields.list', {}).data ?? []).filter((f) => f.entity === 'person');
  const [restored] = useState(() => readStored<PersonDraft | null>(DRAFT_KEY, isDraft, null));
  const blank = () => withCompany(blankDraft(settings?.currentStaffId ?? null), company);
  const [draft, setDraft] = useState<PersonDraft>(() =>
    restored ? withCompany(restored, company) : blank(),
  );
  const [more, setMore] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [confirm, setConfirm] = useState<DuplicateMatch[] | null>(null);
  const [saving, setSaving] = useState(false);
  const duplicates = useDuplicateCheck(draft);
  const presetId = company?.id;

  useEffect(() => {
    if (isBlank(draft, presetId)) writeStored(DRAFT_KEY, null);
    else writeStored(DRAFT_KEY, draft);
  }, [draft, presetId]);

  function change(next: PersonDraft) {
    setDraft(next);
    setConfirm(null);
    setFormError(null);
    // An error goes once its field is edited.
    setErrors((e) => (Object.keys(e).length === 0 ? e : {}));
  }

  function discard() {
    writeStored(DRAFT_KEY, null);
    onClose();
  }

  function openPerson(personId: string) {
    onClose();
    ui.getState().navigate(`people/${personId}`);
  }

  async function save(allowDuplicate = false) {
    const sent = toInput(draft, fields);
    setSaving(true);
    try {
      const person = await cache.mutate('people.create', {
        person: sent.input,
        ...(allowDuplicate ? { allowDuplicate: true } : {}),
      });
      writeStored(DRAFT_KEY, null);
      onClose();
      ui.getState().toast(`Added ${person.displayName}.`);
      ui.getState().navigate(`people/${person.id}`);
    } catch (err) {
      setSaving(false);
      const dups = duplicatesOf(err);
      if (dups) {
        setConfirm(dups);
        return;
      }
      const e = draftErrors(err, sent);
      setErrors(e.fields);
      setFormError(e.form);
      if (Object.keys(e.fields).some((k) => MORE_FIELDS.test(k))) setMore(true);
      // Take the cursor to the first field with a problem.
      requestAnimationFrame(() =>
        document.querySelector<HTMLElement>('.new-person [aria-invalid="true"]')?.focus(),
      );
    }
  }

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!saving) void save(false);
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
      event.preventDefault();
      if (!saving) void save(Boolean(confirm));
    }
  }

  return (
    <form
      className="new-person"
      onSubmit={onSubmit}
      onKeyDown={onKeyDown}
      noValidate
      aria-labelledby={`${id}-title`}
    >
      <div className="dialog__header">
        <h2 className="dialog__title" id={`${id}-title`}>
          New person
        </h2>
        {restored && !isBlank(restored, presetId) ? (
          <span className="dialog__header-note">
            Your unsaved draft is back.{' '}
            <button
              type="button"
              className="link-button"
              onClick={() => {
                writeStored(DRAFT_KEY, null);
                setDraft(blank());
              }}
            >
              Start again
            </button>
          </span>
        ) : null}
      </div>
      <div className="dialog__body">
        <PersonForm
          draft={draft}
          onChange={change}
          errors={errors}
          sections={more ? [...FIRST, ...MORE] : FIRST}
          staff={staff.active}
          fields={fields}
          duplicates={duplicates}
          onOpenPerson={openPerson}
          autoFocus
        />
        {!more ? (
          <button type="button" className="disclosure" aria-expanded={false} onClick={() => setMore(true)}>
            <ChevronRight size={ICON.inline} strokeWidth={STROKE} aria-hidden />
            More details
            <span className="disclosure__hint">
              Birthday, address, consent, best time to call{fields.length ? ', more fields' : ''}
            </span>
          </button>
        ) : null}
        {formError ? (
          <div role="alert" className="form-alert">
            <FieldError message={formError} />
          </div>
        ) : null}
      </div>
      {confirm ? (
        <div className="dialog__confirm" role="alert">
          <TriangleAlert size={ICON.inline} strokeWidth={STROKE} aria-hidden />
          <span className="dialog__confirm-text">
            {confirm.map((d) => d.displayName).join(', ')} already {confirm.length === 1 ? 'has' : 'have'}{' '}
            this email or phone. Save a second person anyway?
          </span>
          <Button onClick={() => openPerson(confirm[0]!.personId)}>Open {confirm[0]!.displayName}</Button>
          <Button variant="primary" onClick={() => void save(true)} disabled={saving}>
            Save anyway
          </Button>
        </div>
      ) : (
        <div className="dialog__footer">
          <span className="dialog__footer-hint" aria-hidden>
            <Kbd keys={['Mod', 'Enter']} /> to save
          </span>
          {restored && !isBlank(draft, presetId) ? (
            <Button variant="ghost" onClick={discard}>
              Discard draft
            </Button>
          ) : null}
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={saving}>
            Save person
          </Button>
        </div>
      )}
    </form>
  );
}

export function NewPersonDialog({
  open,
  onClose,
  company,
}: {
  open: boolean;
  onClose(): void;
  /** Fill in this company (the dialog was opened from its page). */
  company?: PresetCompany;
}) {
  if (!open) return null;
  return (
    <Dialog label="New person" onClose={onClose} className="dialog--wide" placement="top">
      <NewPersonForm onClose={onClose} company={company} />
    </Dialog>
  );
}
