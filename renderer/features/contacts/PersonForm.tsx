/**
 * The fields of a person, for the new-person dialog and for editing on the person's page.
 * Each section can be shown on its own; every error from the backend sits under its own field.
 */
import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import { Plus, TriangleAlert, X } from 'lucide-react';
import {
  EMAIL_LABELS,
  PHONE_LABELS,
  STAGES,
  STAGE_LABELS,
  type CustomField,
  type DuplicateMatch,
  type Stage,
} from '../../../shared/domain/people.ts';
import type { Staff } from '../../../shared/domain/staff.ts';
import { useQuery } from '../../stores/query.hooks.tsx';
import { Combobox } from '../../ui/Combobox.tsx';
import { FieldError, Select, SelectField, TextField } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { AddressFields } from './AddressFields.tsx';
import {
  rowKey,
  sameEmail,
  samePhone,
  type EmailRow,
  type PersonDraft,
  type PhoneRow,
  type Section,
} from './person-draft.ts';
import { TagsField } from './TagsField.tsx';

const DAYS: { n: number; short: string; long: string }[] = [
  { n: 1, short: 'Mon', long: 'Monday' },
  { n: 2, short: 'Tue', long: 'Tuesday' },
  { n: 3, short: 'Wed', long: 'Wednesday' },
  { n: 4, short: 'Thu', long: 'Thursday' },
  { n: 5, short: 'Fri', long: 'Friday' },
  { n: 6, short: 'Sat', long: 'Saturday' },
  { n: 7, short: 'Sun', long: 'Sunday' },
];

let zones: string[] | null = null;
export function timeZones(): string[] {
  if (!zones) {
    try {
      zones = (Intl as unknown as { supportedValuesOf(key: string): string[] }).supportedValuesOf('timeZone');
    } catch {
      zones = [];
    }
    if (!zones.includes('UTC')) zones = ['UTC', ...zones];
  }
  return zones;
}

const cap = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

/** Who else has an email or phone being typed, asked a moment after typing stops. */
export function useDuplicateCheck(draft: PersonDraft, excludeId?: string): DuplicateMatch[] {
  const emails = draft.emails.map((e) => e.email.trim()).filter((e) => /.+@.+\..+/u.test(e));
  const phones = draft.phones.map((p) => p.number.trim()).filter((p) => p.replace(/\D/gu, '').length >= 6);
  const wanted = JSON.stringify({ emails, phones });
  const [settled, setSettled] = useState(wanted);
  useEffect(() => {
    const t = setTimeout(() => setSettled(wanted), 300);
    return () => clearTimeout(t);
  }, [wanted]);
  const asked = JSON.parse(settled) as { emails: string[]; phones: string[] };
  const none = asked.emails.length === 0 && asked.phones.length === 0;
  const result = useQuery('people.duplicates', {
    emails: none ? [] : asked.emails,
    phones: none ? [] : asked.phones,
    ...(excludeId ? { excludeId } : {}),
  });
  return none ? [] : (result.data ?? []);
}

function DuplicateNote({
  matches,
  kind,
  onOpen,
}: {
  matches: DuplicateMatch[];
  kind: 'email' | 'phone';
  onOpen(personId: string): void;
}) {
  if (matches.length === 0) return null;
  return (
    <div className="dup-note" role="status">
      <TriangleAlert size={ICON.small} strokeWidth={2} aria-hidden />
      <span>
        {matches.map((m, i) => (
          <span key={m.personId}>
            {i > 0 ? ' ' : ''}
            <strong>{m.displayName}</strong>
            {m.companyName ? ` (${m.companyName})` : ''} already has this{' '}
            {kind === 'email' ? 'email' : 'phone number'} —{' '}
            <button type="button" className="link-button" onClick={() => onOpen(m.personId)}>
              open {m.displayName}
            </button>
          </span>
        ))}
      </span>
    </div>
  );
}

function FormSection({ title, children, id }: { title?: string; children: ReactNode; id?: string }) {
  return (
    <fieldset className="form-section" aria-labelledby={title ? id : undefined}>
      {title ? (
        <legend className="form-section__title" id={id}>
          {title}
        </legend>
      ) : null}
      {children}
    </fieldset>
  );
}

function ContactRows<R extends PhoneRow | EmailRow>({
  kind,
  rows,
  onChange,
  errors,
  duplicates,
  onOpenPerson,
}: {
  kind: 'phone' | 'email';
  rows: R[];
  onChange(rows: R[]): void;
  errors: Record<string, string>;
  duplicates: DuplicateMatch[];
  onOpenPerson(personId: string): void;
}) {
  const id = useId();
  const labels: readonly string[] = kind === 'phone' ? PHONE_LABELS : EMAIL_LABELS;
  const word = kind === 'phone' ? 'Phone' : 'Email';
  const listKey = kind === 'phone' ? 'phones' : 'emails';
  const valueOf = (r: R) => (kind === 'phone' ? (r as PhoneRow).number : (r as EmailRow).email);
  const listError = errors[listKey];
  return (
    <div className="contact-rows">
      {rows.map((r, i) => {
        const name = i === 0 ? word : `${word} ${i + 1}`;
        const error =
          errors[`${listKey}.${r.key}.${kind === 'phone' ? 'number' : 'email'}`] ??
          errors[`${listKey}.${r.key}.label`];
        const value = valueOf(r);
        const matches = value.trim()
          ? duplicates.filter((d) =>
              d.matchedOn.some(
                (m) =>
                  m.kind === kind &&
                  (kind === 'email' ? sameEmail(m.value, value) : samePhone(m.value, value)),
              ),
            )
          : [];
        const errId = `${id}-${r.key}-error`;
        return (
          <div key={r.key} className="contact-row">
            <div className="contact-row__line">
              <Select
                aria-label={`Label for ${name.toLowerCase()}`}
                value={labels.includes(r.label) ? r.label : 'other'}
                onChange={(e) =>
                  onChange(rows.map((x) => (x.key === r.key ? { ...x, label: e.target.value } : x)))
                }
              >
                {labels.map((l) => (
                  <option key={l} value={l}>
                    {cap(l)}
                  </option>
                ))}
              </Select>
              <input
                className="input"
                aria-label={name}
                type={kind === 'phone' ? 'tel' : 'email'}
                inputMode={kind === 'phone' ? 'tel' : 'email'}
                placeholder={kind === 'phone' ? '020 7946 0958' : 'name@example.com'}
                value={value}
                autoComplete="off"
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? errId : undefined}
                onChange={(e) =>
                  onChange(
                    rows.map((x) =>
                      x.key === r.key
                        ? ({ ...x, [kind === 'phone' ? 'number' : 'email']: e.target.value } as R)
                        : x,
                    ),
                  )
                }
              />
              <button
                type="button"
                className="btn btn--ghost btn--icon"
                aria-label={`Remove ${name.toLowerCase()}`}
                title={`Remove ${name.toLowerCase()}`}
                onClick={() => onChange(rows.filter((x) => x.key !== r.key))}
              >
                <X size={ICON.inline} strokeWidth={STROKE} aria-hidden />
              </button>
            </div>
            {error ? <FieldError id={errId} message={error} /> : null}
            <DuplicateNote matches={matches} kind={kind} onOpen={onOpenPerson} />
          </div>
        );
      })}
      {listError ? <FieldError message={listError} /> : null}
      <button
        type="button"
        className="add-row"
        onClick={() =>
          onChange([
            ...rows,
            (kind === 'phone'
              ? { key: rowKey(), label: rows.length === 0 ? 'mobile' : 'work', number: '' }
              : { key: rowKey(), label: rows.length === 0 ? 'work' : 'home', email: '' }) as R,
          ])
        }
      >
        <Plus size={ICON.inline} strokeWidth={STROKE} aria-hidden />
        Add {kind === 'phone' ? 'phone' : 'email'}
      </button>
    </div>
  );
}

function CompanyField({
  draft,
  set,
  error,
}: {
  draft: PersonDraft;
  set(patch: Partial<PersonDraft>): void;
  error: string | undefined;
}) {
  const [text, setText] = useState(draft.companyName);
  const query = text.trim();
  const matches = useQuery('companies.list', { filter: query ? { query } : {}, limit: 8 });
  const errId = useId();
  return (
    <div className="field">
      <Combobox
        label="Company"
        labelVisible
        text={text}
        placeholder="Type to find a company"
        loading={matches.fetching}
        invalid={Boolean(error)}
        describedBy={error ? errId : undefined}
        emptyText="No company by that name"
        options={(matches.data?.rows ?? []).map((c) => ({
          id: c.id,
          label: c.name,
          detail: c.city ?? c.domain,
        }))}
        onText={(t) => {
          setText(t);
          // Typing changes the company only once one is chosen; clearing the box removes it.
          if (t.trim() === '') set({ companyId: null, companyName: '' });
        }}
        onChoose={(o) => {
          setText(o.label);
          set({ companyId: o.id, companyName: o.label });
        }}
      />
      {error ? <FieldError id={errId} message={error} /> : null}
      {text.trim() && text !== draft.companyName ? (
        <div className="field__hint">Choose a company from the list to link it.</div>
      ) : null}
    </div>
  );
}

function CustomFieldInput({
  field,
  value,
  onChange,
  error,
}: {
  field: CustomField;
  value: PersonDraft['custom'][string] | undefined;
  onChange(value: PersonDraft['custom'][string]): void;
  error: string | undefined;
}) {
  const id = useId();
  switch (field.type) {
    case 'select':
      return (
        <SelectField
          label={field.label}
          error={error}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value || null)}
        >
          <option value="">—</option>
          {field.options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
          {typeof value === 'string' && value && !field.options.includes(value) ? (
            <option value={value}>{value}</option>
          ) : null}
        </SelectField>
      );
    case 'multiselect': {
      const chosen = Array.isArray(value) ? value : [];
      return (
        <fieldset className="field check-group" aria-describedby={error ? `${id}-error` : undefined}>
          <legend className="field__label">{field.label}</legend>
          <div className="check-group__items">
            {field.options.map((o) => (
              <label key={o} className="check-label">
                <input
                  type="checkbox"
                  className="check"
                  checked={chosen.includes(o)}
                  onChange={(e) =>
                    onChange(e.target.checked ? [...chosen, o] : chosen.filter((x) => x !== o))
                  }
                />
                {o}
              </label>
            ))}
          </div>
          {error ? <FieldError id={`${id}-error`} message={error} /> : null}
        </fieldset>
      );
    }
    case 'checkbox':
      return (
        <div className="field">
          <label className="check-label check-label--field">
            <input
              type="checkbox"
              className="check"
              checked={value === true}
              aria-invalid={error ? true : undefined}
              onChange={(e) => onChange(e.target.checked)}
            />
            {field.label}
          </label>
          {error ? <FieldError message={error} /> : null}
        </div>
      );
    case 'number':
      return (
        <TextField
          label={field.label}
          error={error}
          inputMode="decimal"
          value={value === null || value === undefined ? '' : String(value)}
          onChange={(e) => {
            const t = e.target.value;
            const n = Number(t);
            onChange(t.trim() === '' ? null : Number.isFinite(n) && /^-?\d*\.?\d+$/u.test(t.trim()) ? n : t);
          }}
        />
      );
    case 'date':
      return (
        <TextField
          label={field.label}
          error={error}
          type="date"
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.target.value || null)}
        />
      );
    default:
      return (
        <TextField
          label={field.label}
          error={error}
          value={
            typeof value === 'string' ? value : value === null || value === undefined ? '' : String(value)
          }
          onChange={(e) => onChange(e.target.value)}
        />
      );
  }
}

export function PersonForm({
  draft,
  onChange,
  errors,
  sections,
  staff,
  fields,
  duplicates,
  onOpenPerson,
  autoFocus = false,
}: {
  draft: PersonDraft;
  onChange(draft: PersonDraft): void;
  errors: Record<string, string>;
  sections: readonly Section[];
  staff: Staff[];
  fields: CustomField[];
  duplicates: DuplicateMatch[];
  onOpenPerson(personId: string): void;
  autoFocus?: boolean;
}) {
  const id = useId();
  const set = (patch: Partial<PersonDraft>) => onChange({ ...draft, ...patch });
  const show = (s: Section) => sections.includes(s);
  const zoneList = useMemo(() => timeZones(), []);
  const w = draft.callingWindow;
  const setWindow = (patch: Partial<PersonDraft['callingWindow']>) =>
    set({ callingWindow: { ...w, ...patch } });
  const setAddress = (patch: Partial<PersonDraft['address']>) =>
    set({ address: { ...draft.address, ...patch } });
  const windowError =
    errors['callingWindow.days'] ?? errors['callingWindow.from'] ?? errors['callingWindow.timeZone'] ?? null;

  return (
    <div className="person-form">
      {show('name') ? (
        <div className="form-grid">
          <TextField
            label="First name"
            value={draft.givenName}
            error={errors.givenName}
            autoFocus={autoFocus}
            autoComplete="off"
            onChange={(e) => set({ givenName: e.target.value })}
          />
          <TextField
            label="Last name"
            value={draft.familyName}
            error={errors.familyName}
            autoComplete="off"
            onChange={(e) => set({ familyName: e.target.value })}
          />
        </div>
      ) : null}

      {show('work') ? (
        <>
          <div className="form-grid">
            <CompanyField draft={draft} set={set} error={errors.companyId} />
            <TextField
              label="Job title"
              value={draft.jobTitle}
              error={errors.jobTitle}
              onChange={(e) => set({ jobTitle: e.target.value })}
            />
            <SelectField
              label="Stage"
              value={draft.stage}
              error={errors.stage}
              onChange={(e) => set({ stage: e.target.value as Stage })}
            >
              {STAGES.map((s) => (
                <option key={s} value={s}>
                  {STAGE_LABELS[s]}
                </option>
              ))}
            </SelectField>
            <SelectField
              label="Owner"
              value={draft.ownerId ?? ''}
              error={errors.ownerId}
              onChange={(e) => set({ ownerId: e.target.value || null })}
            >
              <option value="">No owner</option>
              {staff.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </SelectField>
          </div>
          <TagsField
            tags={draft.tags}
            error={errors.tags}
            labelId={`${id}-tags`}
            onChange={(t) => set({ tags: t })}
          />
        </>
      ) : null}

      {show('contact') ? (
        <div className="form-grid form-grid--contact">
          <FormSection title="Phones" id={`${id}-phones`}>
            <ContactRows
              kind="phone"
              rows={draft.phones}
              onChange={(phones) => set({ phones })}
              errors={errors}
              duplicates={duplicates}
              onOpenPerson={onOpenPerson}
            />
          </FormSection>
          <FormSection title="Emails" id={`${id}-emails`}>
            <ContactRows
              kind="email"
              rows={draft.emails}
              onChange={(emails) => set({ emails })}
              errors={errors}
              duplicates={duplicates}
              onOpenPerson={onOpenPerson}
            />
          </FormSection>
        </div>
      ) : null}

      {show('about') ? (
        <div className="form-grid">
          <TextField
            label="Birthday"
            type="date"
            value={draft.birthday}
            error={errors.birthday}
            onChange={(e) => set({ birthday: e.target.value })}
          />
          <TextField
            label="Source"
            placeholder="Website, referral…"
            value={draft.source}
            error={errors.source}
            onChange={(e) => set({ source: e.target.value })}
          />
        </div>
      ) : null}

      {show('address') ? (
        <FormSection title="Address" id={`${id}-address`}>
          <AddressFields address={draft.address} errors={errors} onChange={setAddress} />
        </FormSection>
      ) : null}

      {show('consent') ? (
        <FormSection title="Consent" id={`${id}-consent`}>
          <div className="check-row">
            <label className="check-label">
              <input
                type="checkbox"
                className="check"
                checked={draft.doNotCall}
                onChange={(e) => set({ doNotCall: e.target.checked })}
              />
              Do not call
            </label>
            <label className="check-label">
              <input
                type="checkbox"
                className="check"
                checked={draft.emailOptIn}
                onChange={(e) => set({ emailOptIn: e.target.checked })}
              />
              Agreed to receive emails
            </label>
          </div>
        </FormSection>
      ) : null}

      {show('window') ? (
        <FormSection title="Best time to call" id={`${id}-window`}>
          <label className="check-label">
            <input
              type="checkbox"
              className="check"
              checked={w.enabled}
              onChange={(e) => setWindow({ enabled: e.target.checked })}
            />
            Only call at certain times
          </label>
          {w.enabled ? (
            <div className="window-editor">
              <div className="day-toggles" role="group" aria-label="Days to call">
                {DAYS.map((d) => {
                  const on = w.days.includes(d.n);
                  return (
                    <button
                      key={d.n}
                      type="button"
                      className="day-toggle"
                      aria-pressed={on}
                      aria-label={d.long}
                      onClick={() =>
                        setWindow({ days: on ? w.days.filter((x) => x !== d.n) : [...w.days, d.n] })
                      }
                    >
                      {d.short}
                    </button>
                  );
                })}
              </div>
              <div className="window-editor__times">
                <TextField
                  label="From"
                  type="time"
                  value={w.from}
                  error={errors['callingWindow.from']}
                  onChange={(e) => setWindow({ from: e.target.value })}
                />
                <TextField
                  label="To"
                  type="time"
                  value={w.to}
                  error={errors['callingWindow.to']}
                  onChange={(e) => setWindow({ to: e.target.value })}
                />
                <SelectField
                  label="Time zone"
                  className="window-editor__zone"
                  value={w.timeZone}
                  error={errors['callingWindow.timeZone']}
                  onChange={(e) => setWindow({ timeZone: e.target.value })}
                >
                  {(zoneList.includes(w.timeZone) ? zoneList : [w.timeZone, ...zoneList]).map((z) => (
                    <option key={z} value={z}>
                      {z.replace(/_/gu, ' ')}
                    </option>
                  ))}
                </SelectField>
              </div>
              {windowError && !errors['callingWindow.from'] && !errors['callingWindow.timeZone'] ? (
                <FieldError message={windowError} />
              ) : null}
            </div>
          ) : null}
        </FormSection>
      ) : null}

      {show('custom') && fields.length > 0 ? (
        <FormSection title="More fields" id={`${id}-custom`}>
          <div className="form-grid">
            {fields.map((f) => (
              <CustomFieldInput
                key={f.key}
                field={f}
                value={draft.custom[f.key]}
                error={errors[`custom.${f.key}`]}
                onChange={(v) => set({ custom: { ...draft.custom, [f.key]: v } })}
              />
            ))}
          </div>
        </FormSection>
      ) : null}
    </div>
  );
}
