/** A company's fields, for the new-company dialog and for editing on its page. */
import { useId } from 'react';
import { Plus, X } from 'lucide-react';
import { AppError } from '../../../shared/api/errors.ts';
import type { RequestInput } from '../../../shared/api/requests.ts';
import {
  PHONE_LABELS,
  STAGE_LABELS,
  STAGES,
  type Company,
  type Stage,
  type CustomField,
  type CustomValue,
} from '../../../shared/domain/people.ts';
import { FieldError, Select, SelectField, TextField } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { AddressFields, type AddressDraft } from '../contacts/AddressFields.tsx';
import { rowKey, type PhoneRow } from '../contacts/person-draft.ts';
import { TagsField } from '../contacts/TagsField.tsx';

type CompanyInput = RequestInput<'companies.create'>;

export interface CompanyDraft {
  name: string;
  domain: string;
  industry: string;
  size: string;
  /** '' when not set. */
  stage: Stage | '';
  source: string;
  phones: PhoneRow[];
  address: AddressDraft;
  tags: string[];
  custom: Record<string, CustomValue>;
}

export type CompanySection = 'details' | 'phones' | 'address' | 'custom';
export const COMPANY_SECTIONS: readonly CompanySection[] = ['details', 'phones', 'address', 'custom'];
const SECTION_FIELDS: Record<CompanySection, (keyof CompanyInput)[]> = {
  details: ['name', 'domain', 'industry', 'size', 'stage', 'source', 'tags'],
  phones: ['phones'],
  address: ['address'],
  custom: ['custom'],
};

export const COMPANY_SIZES = ['1–9', '10–49', '50–249', '250–999', '1,000+'];

export function blankCompany(): CompanyDraft {
  return {
    name: '',
    domain: '',
    industry: '',
    size: '',
    stage: '',
    source: '',
    phones: [{ key: rowKey(), label: 'work', number: '' }],
    address: { street: '', city: '', region: '', postcode: '', country: '' },
    tags: [],
    custom: {},
  };
}

export function companyDraftOf(c: Company): CompanyDraft {
  return {
    name: c.name,
    domain: c.domain ?? '',
    industry: c.industry ?? '',
    size: c.size ?? '',
    stage: c.stage ?? '',
    source: c.source ?? '',
    phones: c.phones.map((p) => ({ key: rowKey(), id: p.id, label: p.label, number: p.number })),
    address: {
      street: c.address.street ?? '',
      city: c.address.city ?? '',
      region: c.address.region ?? '',
      postcode: c.address.postcode ?? '',
      country: c.address.country ?? '',
    },
    tags: [...c.tags],
    custom: { ...c.custom },
  };
}

export function companyInput(
  d: CompanyDraft,
  fields: readonly CustomField[],
  sections: readonly CompanySection[] = COMPANY_SECTIONS,
): { input: CompanyInput; phoneKeys: string[] } {
  const phones = d.phones.filter((p) => p.number.trim() !== '');
  const custom: Record<string, CustomValue> = {};
  for (const f of fields) {
    const v = d.custom[f.key];
    if (v === undefined) continue;
    custom[f.key] =
      (typeof v === 'string' && v.trim() === '') || (Array.isArray(v) && v.length === 0) ? null : v;
  }
  const all: CompanyInput = {
    name: d.name,
    domain: d.domain,
    industry: d.industry,
    size: d.size,
    stage: d.stage === '' ? null : d.stage,
    source: d.source,
    phones: phones.map((p) => ({ ...(p.id ? { id: p.id } : {}), label: p.label, number: p.number })),
    address: { ...d.address },
    tags: d.tags,
    custom,
  };
  const wanted = new Set(sections.flatMap((s) => SECTION_FIELDS[s]));
  const input = Object.fromEntries(Object.entries(all).filter(([k]) => wanted.has(k as keyof CompanyInput)));
  return { input: input as CompanyInput, phoneKeys: phones.map((p) => p.key) };
}

export function companyErrors(
  err: unknown,
  phoneKeys: string[],
): { fields: Record<string, string>; form: string | null } {
  if (!(err instanceof AppError))
    return { fields: {}, form: 'Something went wrong, so nothing was saved. Try again.' };
  const issues = (err.details as { issues?: { path: string; message: string }[] } | undefined)?.issues;
  if (!Array.isArray(issues) || issues.length === 0) return { fields: {}, form: err.message };
  const fields: Record<string, string> = {};
  let form: string | null = null;
  for (const issue of issues) {
    const parts = issue.path.split('.').filter(Boolean);
    if (parts[0] === 'patch') parts.shift();
    const [head, second] = parts;
    let key: string | null = null;
    if (head === 'phones' && second !== undefined) key = `phones.${phoneKeys[Number(second)] ?? ''}`;
    else if ((head === 'address' || head === 'custom') && second) key = `${head}.${second}`;
    else if (head) key = head;
    if (key) fields[key] ??= issue.message;
    else form ??= issue.message;
  }
  return { fields, form };
}

const cap = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

export function CompanyForm({
  draft,
  onChange,
  errors,
  sections,
  fields,
  autoFocus,
}: {
  draft: CompanyDraft;
  onChange(d: CompanyDraft): void;
  errors: Record<string, string>;
  sections: readonly CompanySection[];
  fields: CustomField[];
  autoFocus?: boolean;
}) {
  const id = useId();
  const set = (p: Partial<CompanyDraft>) => onChange({ ...draft, ...p });
  const setAddress = (p: Partial<CompanyDraft['address']>) => set({ address: { ...draft.address, ...p } });
  const show = (s: CompanySection) => sections.includes(s);
  return (
    <div className="person-form">
      {show('details') ? (
        <>
          <div className="form-grid">
            <TextField
              className="form-grid__wide"
              label="Company name"
              value={draft.name}
              error={errors.name}
              autoFocus={autoFocus}
              autoComplete="off"
              onChange={(e) => set({ name: e.target.value })}
            />
            <TextField
              label="Website"
              placeholder="example.com"
              value={draft.domain}
              error={errors.domain}
              onChange={(e) => set({ domain: e.target.value })}
            />
            <TextField
              label="Industry"
              value={draft.industry}
              error={errors.industry}
              onChange={(e) => set({ industry: e.target.value })}
            />
            <SelectField
              label="Size"
              value={draft.size}
              error={errors.size}
              onChange={(e) => set({ size: e.target.value })}
            >
              <option value="">—</option>
              {[...new Set([...COMPANY_SIZES, ...(draft.size ? [draft.size] : [])])].map((s) => (
                <option key={s} value={s}>
                  {s} people
                </option>
              ))}
            </SelectField>
            <SelectField
              label="Stage"
              value={draft.stage}
              error={errors.stage}
              onChange={(e) => set({ stage: e.target.value as Stage | '' })}
            >
              <option value="">—</option>
              {STAGES.map((s) => (
                <option key={s} value={s}>
                  {STAGE_LABELS[s]}
                </option>
              ))}
            </SelectField>
            <TextField
              label="Source"
              placeholder="Website, referral, trade show…"
              value={draft.source}
              error={errors.source}
              onChange={(e) => set({ source: e.target.value })}
            />
          </div>
          <TagsField tags={draft.tags} error={errors.tags} onChange={(t) => set({ tags: t })} />
        </>
      ) : null}
      {show('phones') ? (
        <fieldset className="form-section">
          <legend className="form-section__title">Phones</legend>
          <div className="contact-rows">
            {draft.phones.map((r, i) => {
              const name = i === 0 ? 'Phone' : `Phone ${i + 1}`;
              const error = errors[`phones.${r.key}`];
              return (
                <div key={r.key} className="contact-row">
                  <div className="contact-row__line">
                    <Select
                      aria-label={`Label for ${name.toLowerCase()}`}
                      value={(PHONE_LABELS as readonly string[]).includes(r.label) ? r.label : 'other'}
                      onChange={(e) =>
                        set({
                          phones: draft.phones.map((x) =>
                            x.key === r.key ? { ...x, label: e.target.value } : x,
                          ),
                        })
                      }
                    >
                      {PHONE_LABELS.map((l) => (
                        <option key={l} value={l}>
                          {cap(l)}
                        </option>
                      ))}
                    </Select>
                    <input
                      className="input"
                      aria-label={name}
                      type="tel"
                      value={r.number}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? `${id}-${r.key}` : undefined}
                      onChange={(e) =>
                        set({
                          phones: draft.phones.map((x) =>
                            x.key === r.key ? { ...x, number: e.target.value } : x,
                          ),
                        })
                      }
                    />
                    <button
                      type="button"
                      className="btn btn--ghost btn--icon"
                      aria-label={`Remove ${name.toLowerCase()}`}
                      onClick={() => set({ phones: draft.phones.filter((x) => x.key !== r.key) })}
                    >
                      <X size={ICON.inline} strokeWidth={STROKE} aria-hidden />
                    </button>
                  </div>
                  {error ? <FieldError id={`${id}-${r.key}`} message={error} /> : null}
                </div>
              );
            })}
            <button
              type="button"
              className="add-row"
              onClick={() => set({ phones: [...draft.phones, { key: rowKey(), label: 'work', number: '' }] })}
            >
              <Plus size={ICON.inline} strokeWidth={STROKE} aria-hidden />
              Add phone
            </button>
          </div>
        </fieldset>
      ) : null}
      {show('address') ? (
        <fieldset className="form-section">
          <legend className="form-section__title">Address</legend>
          <AddressFields address={draft.address} errors={errors} onChange={setAddress} />
        </fieldset>
      ) : null}
      {show('custom') && fields.length > 0 ? (
        <fieldset className="form-section">
          <legend className="form-section__title">More fields</legend>
          <div className="form-grid">
            {fields.map((f) => {
              const v = draft.custom[f.key];
              const error = errors[`custom.${f.key}`];
              if (f.type === 'select') {
                return (
                  <SelectField
                    key={f.key}
                    label={f.label}
                    error={error}
                    value={typeof v === 'string' ? v : ''}
                    onChange={(e) => set({ custom: { ...draft.custom, [f.key]: e.target.value || null } })}
                  >
                    <option value="">—</option>
                    {f.options.map((o) => (
                      <option key={o} value={o}>
                        {o}
                      </option>
                    ))}
                  </SelectField>
                );
              }
              if (f.type === 'checkbox') {
                return (
                  <label key={f.key} className="check-label check-label--field">
                    <input
                      type="checkbox"
                      className="check"
                      checked={v === true}
                      onChange={(e) => set({ custom: { ...draft.custom, [f.key]: e.target.checked } })}
                    />
                    {f.label}
                  </label>
                );
              }
              return (
                <TextField
                  key={f.key}
                  label={f.label}
                  error={error}
                  type={f.type === 'date' ? 'date' : 'text'}
                  value={Array.isArray(v) ? v.join(', ') : v === null || v === undefined ? '' : String(v)}
                  onChange={(e) => {
                    const t = e.target.value;
                    const value: CustomValue =
                      f.type === 'number' && t.trim() !== '' && Number.isFinite(Number(t))
                        ? Number(t)
                        : f.type === 'multiselect'
                          ? t
                              .split(',')
                              .map((x) => x.trim())
                              .filter(Boolean)
                          : t;
                    set({ custom: { ...draft.custom, [f.key]: value } });
                  }}
                />
              );
            })}
          </div>
        </fieldset>
      ) : null}
    </div>
  );
}
