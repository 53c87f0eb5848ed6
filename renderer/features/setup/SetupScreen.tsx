/**
 * First run: who you are and what the business is called, its currency and its language and
 * region. The backend validates; its messages appear next to the fields they are about.
 */
import { ReadBackExport } from '../transfer/ReadBackExport.tsx';
import { useMemo, useRef, useState, type FormEvent } from 'react';
import { BookUser, CircleExclamationPoint, LoaderCircle } from 'lucide-react';
import {
  CURRENCIES,
  LOCALES,
  closestLocale,
  currencyForLocale,
  type CurrencyCode,
  type LocaleTag,
} from '../../../shared/domain/settings.ts';
import { formErrors, type FormErrors } from '../../api/errors.ts';
import { useNow } from '../../lib/clock.tsx';
import { createFormatters } from '../../lib/format.ts';
import { useMutation } from '../../stores/query.hooks.tsx';
import { Button } from '../../ui/Button.tsx';
import { SelectField, TextField } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import './setup.css';

const FIELDS = ['userName', 'businessName', 'currency', 'locale'] as const;
type FieldName = (typeof FIELDS)[number];

function guessLocale(): { locale: LocaleTag; currency: CurrencyCode } {
  const requested = typeof navigator === 'undefined' ? undefined : navigator.language;
  return { locale: closestLocale(requested), currency: currencyForLocale(requested ?? 'en-GB') };
}

export function SetupScreen() {
  const [guess] = useState(guessLocale);
  const [userName, setUserName] = useState('');
  const [businessName, setBusinessName] = useState('');
  const [currency, setCurrency] = useState<CurrencyCode>(guess.currency);
  const [locale, setLocale] = useState<LocaleTag>(guess.locale);
  const [errors, setErrors] = useState<FormErrors>({ fields: {}, form: null });
  const complete = useMutation('setup.complete');
  const userNameRef = useRef<HTMLInputElement>(null);
  const businessNameRef = useRef<HTMLInputElement>(null);
  const currencyRef = useRef<HTMLSelectElement>(null);
  const localeRef = useRef<HTMLSelectElement>(null);
  const now = useNow(60_000);
  const example = useMemo(() => {
    const f = createFormatters(locale, currency);
    return `${f.dateTime(now)} · ${f.money(125_000)}`;
  }, [locale, currency, now]);

  function clearError(field: FieldName) {
    if (errors.fields[field]) setErrors((e) => ({ ...e, fields: { ...e.fields, [field]: '' } }));
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (complete.pending) return;
    try {
      await complete.mutate({ userName, businessName, currency, locale });
      // The cache now holds the set-up settings; the main window replaces this screen.
    } catch (err) {
      const next = formErrors(err, FIELDS);
      setErrors(next);
      const first = FIELDS.find((f) => next.fields[f]);
      const refs = {
        userName: userNameRef,
        businessName: businessNameRef,
        currency: currencyRef,
        locale: localeRef,
      };
      if (first) refs[first].current?.focus();
    }
  }

  return (
    <main className="setup" data-focus-fallback tabIndex={-1}>
      <div className="setup__card">
        <div className="setup__mark" aria-hidden>
          <BookUser size={22} strokeWidth={STROKE} />
        </div>
        <h1 className="setup__title">Welcome to Ledgerline</h1>
        <p className="setup__lead">
          Let’s set up your customer book. It lives on this computer, in one file — no account and no internet
          needed.
        </p>

        <form className="setup__form" onSubmit={submit} noValidate aria-label="Set up your customer book">
          <TextField
            ref={userNameRef}
            large
            label="Your name"
            name="userName"
            autoComplete="name"
            placeholder="Sam Taylor"
            autoFocus
            value={userName}
            error={errors.fields.userName}
            hint="You’ll be the owner of this book. You can add staff profiles later."
            onChange={(e) => {
              setUserName(e.target.value);
              clearError('userName');
            }}
          />
          <TextField
            ref={businessNameRef}
            large
            label="Business name"
            name="businessName"
            autoComplete="organization"
            placeholder="Harbour & Finch Ltd"
            value={businessName}
            error={errors.fields.businessName}
            onChange={(e) => {
              setBusinessName(e.target.value);
              clearError('businessName');
            }}
          />
          <div className="setup__row">
            <SelectField
              ref={currencyRef}
              large
              label="Currency"
              value={currency}
              error={errors.fields.currency}
              onChange={(e) => {
                setCurrency(e.target.value as CurrencyCode);
                clearError('currency');
              }}
            >
              {CURRENCIES.map((c) => (
                <option key={c.code} value={c.code}>
                  {c.code} — {c.label}
                </option>
              ))}
            </SelectField>
            <SelectField
              ref={localeRef}
              large
              label="Language and region"
              value={locale}
              error={errors.fields.locale}
              onChange={(e) => {
                setLocale(e.target.value as LocaleTag);
                clearError('locale');
              }}
            >
              {LOCALES.map((l) => (
                <option key={l.tag} value={l.tag}>
                  {l.label}
                </option>
              ))}
            </SelectField>
          </div>
          <p className="setup__example">
            Dates and money will look like <span className="setup__example-value num">{example}</span>
          </p>

          {errors.form ? (
            <div className="setup__alert" role="alert">
              <CircleExclamationPoint size={ICON.inline} strokeWidth={2} aria-hidden />
              <span>{errors.form}</span>
            </div>
          ) : null}

          <Button
            type="submit"
            variant="primary"
            size="large"
            className="setup__submit"
            disabled={complete.pending}
            icon={
              complete.pending ? (
                <LoaderCircle className="spinner spinner--on-accent" size={ICON.inline} aria-hidden />
              ) : undefined
            }
          >
            {complete.pending ? 'Setting up…' : 'Start using Ledgerline'}
          </Button>
        </form>
        <div className="setup__restore">
          <ReadBackExport variant="link" />
        </div>
      </div>
      <p className="setup__footnote">You can change all of this later in Settings.</p>
    </main>
  );
}
