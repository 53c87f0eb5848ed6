/**
 * A person's page: a header with their photo (PersonPhoto.tsx), how to reach them (tel: and
 * mailto: links), their local time and whether now is a good time to call; quick actions (log a
 * call, add a note, add a task); their details in cards that edit in place; and their history,
 * newest first.
 */
import { format, parseISO } from 'date-fns';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import {
  Clock,
  Combine,
  Contact,
  FileArchive,
  LifeBuoy,
  ListTodo,
  Mail,
  Phone,
  PhoneOff,
  Trash2,
  UserX,
} from 'lucide-react';
import { STAGE_LABELS, type CustomField, type Person } from '../../../shared/domain/people.ts';
import { useNow } from '../../lib/clock.tsx';
import { useFormat } from '../../lib/format.context.tsx';
import { dateLocale } from '../../lib/locales.ts';
import { ariaKeyShortcuts, shortcutText } from '../../lib/platform.ts';
import { useCache, useQuery } from '../../stores/query.hooks.tsx';
import { useUi, useUiStore } from '../../stores/ui.store.tsx';
import { Button } from '../../ui/Button.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { type MenuEntry } from '../../ui/Menu.tsx';
import { DelayedSpinner, ErrorState } from '../../ui/States.tsx';
import { insideWindow, localTimeText, offsetFromHere, windowText } from './calling-window.ts';
import { RelTime, StageBadge, TagList, useStaff } from './common.tsx';
import { WithContactsPane } from './ContactsPane.tsx';
import {
  AddNoteButton,
  AddressFact,
  BackButton,
  cap,
  CardEditForm,
  EditableCard,
  Fact,
  MoreActions,
  PhoneFact,
  PhoneReachLink,
  useMoveToTrash,
} from './detail-parts.tsx';
import { MergeDialog } from './MergeDialog.tsx';
import { draftErrors, draftOf, toInput, type PersonDraft, type Section } from './person-draft.ts';
import { PersonForm, useDuplicateCheck } from './PersonForm.tsx';
import { HeroPhoto, usePersonPhoto } from './PersonPhoto.tsx';
import { Timeline } from './Timeline.tsx';
import { PurchaseHistoryCard } from '../orders/PurchaseHistoryCard.tsx';
import { useSalesDialogs } from '../pipeline/pipeline-words.ts';
import { OpenCasesBanner } from '../cases/OpenCasesBanner.tsx';
import { VCardDialog } from '../export/VCardDialog.tsx';
import { useExportRun } from '../export/useExportRun.ts';
import { historyEntry } from '../audit/history-entry.tsx';
import { ConsentCard } from '../privacy/ConsentCard.tsx';
import { EraseDialog } from '../privacy/EraseDialog.tsx';

function hoursText(minutes: number): string {
  if (minutes === 0) return 'same time as you';
  const abs = Math.abs(minutes);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  const amount = m === 0 ? `${h} h` : h === 0 ? `${m} min` : `${h} h ${m} min`;
  return `${amount} ${minutes > 0 ? 'ahead of' : 'behind'} you`;
}

export function LocalTime({ person, now }: { person: Person; now: number }) {
  const fmt = useFormat();
  const w = person.callingWindow;
  if (!w) return null;
  const inside = insideWindow(w, now);
  const offset = offsetFromHere(now, w.timeZone);
  return (
    <div className="local-time" role="group" aria-label="Their local time">
      <Clock size={ICON.inline} strokeWidth={STROKE} aria-hidden />
      <span>
        <span className="num local-time__clock">{localTimeText(now, w.timeZone, fmt.locale)}</span>
        <span className="local-time__zone" title={w.timeZone}>
          {' '}
          their time · {hoursText(offset)}
        </span>
      </span>
      <span
        className={`badge ${inside ? 'badge--success' : 'badge--warning'}`}
        title={`Best time to call: ${windowText(w)} (${w.timeZone.replace(/_/gu, ' ')})`}
      >
        {inside ? 'Good time to call' : 'Outside calling hours'}
      </span>
      <span className="local-time__window">{windowText(w)}</span>
    </div>
  );
}

function FieldCard({
  title,
  person,
  sections,
  fields,
  children,
}: {
  title: string;
  person: Person;
  sections: Section[];
  fields: CustomField[];
  children: ReactNode;
}) {
  return (
    <EditableCard title={title} editor={EditFields} editorProps={{ person, sections, fields }}>
      {children}
    </EditableCard>
  );
}

function EditFields({
  title,
  person,
  sections,
  fields,
  onDone,
}: {
  title: string;
  person: Person;
  sections: Section[];
  fields: CustomField[];
  onDone(): void;
}) {
  const cache = useCache();
  const ui = useUiStore();
  const staff = useStaff();
  const [draft, setDraft] = useState<PersonDraft>(() => draftOf(person));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const duplicates = useDuplicateCheck(
    sections.includes('contact') ? draft : { ...draft, phones: [], emails: [] },
    person.id,
  );

  async function save() {
    const sent = toInput(draft, fields, sections);
    setSaving(true);
    try {
      await cache.mutate('people.update', {
        id: person.id,
        patch: sent.input,
        expectedUpdatedAt: person.updatedAt,
      });
      await cache.fetch('people.get', { id: person.id });
      onDone();
    } catch (err) {
      setSaving(false);
      const e = draftErrors(err, sent);
      setErrors(e.fields);
      setFormError(e.form);
      focusFault.current = true;
    }
  }

  // The cursor goes to the field at fault once the errors are on screen (an effect after that
  // render; a frame callback could run before it under load, find nothing and leave focus behind).
  const focusFault = useRef(false);
  useEffect(() => {
    if (!focusFault.current) return;
    focusFault.current = false;
    document.querySelector<HTMLElement>('.card__form [aria-invalid="true"]')?.focus();
  }, [errors]);

  return (
    <CardEditForm title={title} saving={saving} formError={formError} onSave={save} onDone={onDone}>
      <PersonForm
        draft={draft}
        onChange={(d) => {
          setDraft(d);
          setFormError(null);
        }}
        errors={errors}
        sections={sections}
        staff={staff.active}
        fields={fields}
        duplicates={duplicates}
        onOpenPerson={(pid) => ui.getState().navigate(`people/${pid}`)}
        autoFocus
      />
    </CardEditForm>
  );
}

function customText(field: CustomField, value: unknown, fmtDate: (iso: string) => string): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (Array.isArray(value)) return value.length ? value.join(', ') : null;
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (field.type === 'date' && typeof value === 'string') return fmtDate(value);
  return String(value);
}

function PersonBody({ person }: { person: Person }) {
  const ui = useUiStore();
  const navigate = useUi((s) => s.navigate);
  const fmt = useFormat();
  const now = useNow(30_000);
  const staff = useStaff();
  const fields = (useQuery('customFields.list', {}).data ?? []).filter((f) => f.entity === 'person');
  const [merging, setMerging] = useState(false);
  const [exportingVCard, setExportingVCard] = useState(false);
  const [erasing, setErasing] = useState(false);
  const noteRef = useRef<HTMLTextAreaElement>(null);
  const owner = staff.nameOf(person.ownerId);
  const openLogCall = () => ui.getState().openLogCall(person.id);
  const openNewTask = () => ui.getState().openNewTask(person.id);
  const date = (iso: string) => format(parseISO(iso), 'PPP', { locale: dateLocale(fmt.locale) });

  const moveToTrash = useMoveToTrash({ kind: 'person', id: person.id }, person.displayName, 'contacts');
  // Their request to see what is held about them: a zip of every table's rows about them.
  const dataExport = useExportRun();
  const { error: dataError, clearError: clearDataError } = dataExport;
  useEffect(() => {
    if (!dataError) return;
    ui.getState().toast(dataError, 'error');
    clearDataError();
  }, [dataError, clearDataError, ui]);
  const photo = usePersonPhoto(person);

  const more: MenuEntry[] = [
    {
      // A complaint or question on the phone: the case is for this person from the start.
      id: 'case',
      label: 'Open a case…',
      icon: <LifeBuoy size={ICON.inline} strokeWidth={STROKE} />,
      onSelect: () => useSalesDialogs.getState().openCase(null, { personId: person.id }),
    },
    {
      id: 'merge',
      label: 'Merge with…',
      icon: <Combine size={ICON.inline} strokeWidth={STROKE} />,
      onSelect: () => setMerging(true),
    },
    {
      id: 'vcard',
      label: 'Export vCard…',
      icon: <Contact size={ICON.inline} strokeWidth={STROKE} />,
      onSelect: () => setExportingVCard(true),
    },
    {
      id: 'data',
      label: 'Export all their data…',
      icon: <FileArchive size={ICON.inline} strokeWidth={STROKE} />,
      onSelect: () => {
        if (dataExport.running) return;
        void dataExport.start(
          'export.person',
          { personId: person.id },
          () => `everything the book holds about ${person.displayName}`,
        );
      },
    },
    // Who changed what about them, and when: the Audit trail, filtered to them.
    historyEntry(ui, { table: 'people', id: person.id, label: person.displayName }),
    { kind: 'separator', id: 'sep-photo' },
    ...photo.entries,
    { kind: 'separator', id: 'sep' },
    {
      id: 'delete',
      label: 'Move to Trash',
      tone: 'danger',
      icon: <Trash2 size={ICON.inline} strokeWidth={STROKE} />,
      onSelect: moveToTrash,
    },
    {
      // Their request to be forgotten: everything about them, for good (privacy/EraseDialog.tsx).
      id: 'erase',
      label: 'Erase all their data…',
      tone: 'danger',
      icon: <UserX size={ICON.inline} strokeWidth={STROKE} />,
      onSelect: () => setErasing(true),
    },
  ];

  return (
    <>
      <div className="detail-bar">
        <BackButton to="contacts">Contacts</BackButton>
        <div className="detail-bar__actions">
          <Button
            variant="primary"
            icon={<Phone size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
            onClick={openLogCall}
            aria-keyshortcuts={ariaKeyShortcuts(['Mod', 'L'])}
            title={`Log a call (${shortcutText(['Mod', 'L'])})`}
          >
            Log a call
          </Button>
          <AddNoteButton noteRef={noteRef} />
          <Button
            icon={<ListTodo size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
            onClick={openNewTask}
          >
            Add task
          </Button>
          <MoreActions name={person.displayName} entries={more} />
        </div>
      </div>

      <div className="page detail">
        <div className="detail__inner">
          <header className="hero">
            <HeroPhoto person={person} controls={photo} />
            <div className="hero__text">
              <h1 className="hero__name selectable">{person.displayName}</h1>
              <p className="hero__sub">
                {person.jobTitle ? <span>{person.jobTitle}</span> : null}
                {person.jobTitle && person.companyName ? <span className="hero__at"> at </span> : null}
                {person.companyName && person.companyId ? (
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => navigate(`companies/${person.companyId}`)}
                  >
                    {person.companyName}
                  </button>
                ) : null}
                {!person.jobTitle && !person.companyName ? <span className="muted">No company</span> : null}
              </p>
              <div className="hero__badges">
                <StageBadge stage={person.stage} />
                {owner ? (
                  <span className="badge">Owner: {owner}</span>
                ) : (
                  <span className="badge">No owner</span>
                )}
                <TagList tags={person.tags} max={6} />
              </div>
            </div>
          </header>
          <OpenCasesBanner personId={person.id} name={person.displayName} />

          {person.doNotCall ? (
            <div className="dnc" role="note">
              <PhoneOff size={ICON.inline} strokeWidth={STROKE} aria-hidden />
              <span>
                <strong>Do not call.</strong> {person.displayName} asked not to be called. Log incoming calls
                only.
              </span>
            </div>
          ) : null}

          <div className="reach">
            {person.phones.map((p) => (
              <PhoneReachLink key={p.id} phone={p} />
            ))}
            {person.emails.map((e) => (
              <a key={e.id} className="reach__link" href={`mailto:${e.email}`}>
                <Mail size={ICON.inline} strokeWidth={STROKE} aria-hidden />
                <span>{e.email}</span>
                <span className="reach__label">{cap(e.label)}</span>
              </a>
            ))}
            {person.phones.length === 0 && person.emails.length === 0 ? (
              <span className="muted">No phone or email yet.</span>
            ) : null}
          </div>
          <LocalTime person={person} now={now} />

          <div className="detail__columns">
            <div className="detail__fields">
              <FieldCard title="Details" person={person} sections={['name', 'work']} fields={fields}>
                <Fact label="Name">{person.displayName}</Fact>
                <Fact label="Company">{person.companyName}</Fact>
                <Fact label="Job title">{person.jobTitle}</Fact>
                <Fact label="Stage">{STAGE_LABELS[person.stage]}</Fact>
                <Fact label="Owner">{owner}</Fact>
                <Fact label="Tags">
                  {person.tags.length ? <TagList tags={person.tags} max={20} /> : null}
                </Fact>
              </FieldCard>
              <PurchaseHistoryCard
                person={{
                  id: person.id,
                  name: person.displayName,
                  companyId: person.companyId,
                  companyName: person.companyName,
                }}
              />
              <FieldCard title="Phones and emails" person={person} sections={['contact']} fields={fields}>
                {person.phones.map((p) => (
                  <PhoneFact key={p.id} phone={p} />
                ))}
                {person.emails.map((e) => (
                  <Fact key={e.id} label={cap(e.label)}>
                    <a className="fact__link" href={`mailto:${e.email}`}>
                      {e.email}
                    </a>
                  </Fact>
                ))}
                {person.phones.length + person.emails.length === 0 ? <Fact label="Phone">{null}</Fact> : null}
              </FieldCard>
              <FieldCard title="Personal" person={person} sections={['about', 'address']} fields={fields}>
                <Fact label="Birthday">{person.birthday ? date(person.birthday) : null}</Fact>
                <Fact label="Source">{person.source}</Fact>
                <AddressFact address={person.address} />
              </FieldCard>
              <FieldCard
                title="Calling and consent"
                person={person}
                sections={['consent', 'window']}
                fields={fields}
              >
                <Fact label="Best time">
                  {person.callingWindow
                    ? `${windowText(person.callingWindow)} (${person.callingWindow.timeZone.replace(/_/gu, ' ')})`
                    : 'Any time'}
                </Fact>
                <Fact label="Calls">{person.doNotCall ? 'Do not call' : 'May be called'}</Fact>
                <Fact label="Emails">
                  {person.emailOptIn
                    ? person.emailOptInAt
                      ? `Agreed on ${format(person.emailOptInAt, 'PP', { locale: dateLocale(fmt.locale) })}`
                      : 'Agreed'
                    : 'Not agreed'}
                </Fact>
              </FieldCard>
              <ConsentCard personId={person.id} name={person.displayName} live={person.deletedAt === null} />
              {fields.length > 0 ? (
                <FieldCard title="More fields" person={person} sections={['custom']} fields={fields}>
                  {fields.map((f) => (
                    <Fact key={f.key} label={f.label}>
                      {customText(f, person.custom[f.key], date)}
                    </Fact>
                  ))}
                </FieldCard>
              ) : null}
              <p className="detail__stamp">
                Added <RelTime at={person.createdAt} now={now} /> · changed{' '}
                <RelTime at={person.updatedAt} now={now} />
                {person.lastContactAt ? (
                  <>
                    {' '}
                    · last spoke <RelTime at={person.lastContactAt} now={now} />
                  </>
                ) : null}
              </p>
            </div>
            <Timeline of={{ personId: person.id }} now={now} noteRef={noteRef} />
          </div>
        </div>
      </div>
      {merging ? <MergeDialog person={person} onClose={() => setMerging(false)} /> : null}
      {exportingVCard ? (
        <VCardDialog ids={[person.id]} name={person.displayName} onClose={() => setExportingVCard(false)} />
      ) : null}
      {erasing ? (
        <EraseDialog personId={person.id} name={person.displayName} onClose={() => setErasing(false)} />
      ) : null}
    </>
  );
}

function PersonState({ personId }: { personId: string }) {
  const person = useQuery('people.get', { id: personId });
  const navigate = useUi((s) => s.navigate);

  useEffect(() => {
    if (person.data) document.title = `${person.data.displayName} — Ledgerline`;
  }, [person.data]);

  if (person.data) return <PersonBody person={person.data} />;
  if (person.status === 'error') {
    const inTrash = /Trash/u.test(person.error?.message ?? '');
    return (
      <div className="page detail detail--state">
        <ErrorState
          title={inTrash ? 'This person is in the Trash' : 'This person could not be opened'}
          message={person.error?.message ?? 'Try again in a moment.'}
          {...(inTrash ? {} : { onRetry: () => void person.refetch() })}
        />
        <div className="detail__state-actions">
          {inTrash ? <Button onClick={() => navigate('trash')}>Open the Trash</Button> : null}
          <Button variant="ghost" onClick={() => navigate('contacts')}>
            Back to Contacts
          </Button>
        </div>
      </div>
    );
  }
  return (
    <div className="page detail detail--state" aria-busy="true">
      <DelayedSpinner label="Opening…" />
    </div>
  );
}

export function PersonScreen({ personId }: { personId: string }) {
  return (
    <WithContactsPane personId={personId}>
      <PersonState personId={personId} />
    </WithContactsPane>
  );
}
