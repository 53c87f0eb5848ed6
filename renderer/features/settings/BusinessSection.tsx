import { useId, useState, type FormEvent } from 'react';
import {
  CURRENCIES,
  LOCALES,
  type CurrencyCode,
  type LocaleTag,
  type Settings,
} from '../../../shared/domain/settings.ts';
import { formErrors } from '../../api/errors.ts';
import { useNow } from '../../lib/clock.tsx';
import { useFormat } from '../../lib/format.context.tsx';
import { useMutation } from '../../stores/query.hooks.tsx';
import { Button } from '../../ui/Button.tsx';
import { FieldError, Select } from '../../ui/Field.tsx';
import { SavedNote, SettingsGroup, SettingsRow } from './SettingsRow.tsx';
import { useSavedFlash } from './useSavedFlash.ts';

const FIELDS = ['businessName', 'currency', 'locale'] as const;

export function BusinessSection({ settings }: { settings: Settings }) {
  const id = useId();
  const update = useMutation('settings.update');
  const fmt = useFormat();
  const now = useNow(60_000);
  const [draft, setDraft] = useState<string | null>(null);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [savedName, flashName] = useSavedFlash();
  const [savedFormat, flashFormat] = useSavedFlash();
  const name = draft ?? settings.businessName;
  const dirty = draft !== null && draft !== settings.businessName;

  async function save(patch: { businessName?: string; currency?: CurrencyCode; locale?: LocaleTag }) {
    try {
      await update.mutate(patch);
      setErrors({});
      return true;
    } catch (err) {
      const e = formErrors(err, FIELDS);
      const key = Object.keys(patch)[0] ?? 'businessName';
      setErrors(e.form ? { ...e.fields, [key]: e.fields[key] ?? e.form } : e.fields);
      return false;
    }
  }

  async function saveName(event: FormEvent) {
    event.preventDefault();
    if (!dirty) return;
    if (await save({ businessName: name })) {
      setDraft(null);
      flashName();
    }
  }

  return (
    <SettingsGroup
      id="settings-business"
      title="Business"
      description="Shown in the sidebar and used for money."
    >
      <SettingsRow label="Business name" labelFor={`${id}-name`}>
        <form className="settings__inline-form" onSubmit={saveName} noValidate>
          <div className="settings__inline-field">
            <input
              id={`${id}-name`}
              className="input"
              value={name}
              aria-invalid={errors.businessName ? true : undefined}
              aria-describedby={errors.businessName ? `${id}-name-error` : undefined}
              onChange={(e) => {
                setDraft(e.target.value);
                if (errors.businessName) setErrors({});
              }}
              onKeyDown={(e) => {
                if (e.key === 'Escape' && draft !== null) {
                  e.preventDefault();
                  setDraft(null);
                  setErrors({});
                }
              }}
            />
            {errors.businessName ? (
              <FieldError id={`${id}-name-error`} message={errors.businessName} />
            ) : null}
          </div>
          <Button type="submit" disabled={!dirty || update.pending}>
            Save
          </Button>
          <SavedNote show={savedName} />
        </form>
      </SettingsRow>
      <SettingsRow label="Currency" labelFor={`${id}-currency`} hint={`For example ${fmt.money(125_000)}`}>
        <div className="settings__inline-field">
          <Select
            id={`${id}-currency`}
            value={settings.currency}
            invalid={Boolean(errors.currency)}
            onChange={async (e) => {
              if (await save({ currency: e.target.value as CurrencyCode })) flashFormat();
            }}
          >
            {CURRENCIES.map((c) => (
              <option key={c.code} value={c.code}>
                {c.code} — {c.label}
              </option>
            ))}
          </Select>
          {errors.currency ? <FieldError message={errors.currency} /> : null}
        </div>
      </SettingsRow>
      <SettingsRow
        label="Language and region"
        labelFor={`${id}-locale`}
        hint={`Dates look like ${fmt.dateTime(now)}; numbers like ${fmt.number(1234567.89)}`}
      >
        <div className="settings__inline-field">
          <Select
            id={`${id}-locale`}
            value={settings.locale}
            invalid={Boolean(errors.locale)}
            onChange={async (e) => {
              if (await save({ locale: e.target.value as LocaleTag })) flashFormat();
            }}
          >
            {LOCALES.map((l) => (
              <option key={l.tag} value={l.tag}>
                {l.label}
              </option>
            ))}
          </Select>
          {errors.locale ? <FieldError message={errors.locale} /> : null}
        </div>
        <SavedNote show={savedFormat} />
      </SettingsRow>
    </SettingsGroup>
  );
}
