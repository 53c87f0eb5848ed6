/**
 * Recording what a person agreed to or refused, and recording that they withdrew a consent: each
 * a short form (what, when, how, and where the proof is). Nothing recorded is edited afterwards;
 * a change of mind is a new answer.
 */
import { format } from 'date-fns';
import { useId, useState } from 'react';
import {
  CONSENT_METHODS,
  CONSENT_METHOD_LABELS,
  type ConsentDecision,
  type ConsentEntry,
  type ConsentMethod,
} from '../../../shared/api/requests/privacy.requests.ts';
import { formErrors } from '../../api/errors.ts';
import { useClock } from '../../lib/clock.tsx';
import { useFormat } from '../../lib/format.context.tsx';
import { dateLocale } from '../../lib/locales.ts';
import { useCache, useQuery } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { FieldError, SelectField, TextField } from '../../ui/Field.tsx';
import { FormDialog, SaveFooter } from '../../ui/DialogParts.tsx';
import { Segmented } from '../../ui/Segmented.tsx';
import { METHOD_WORDS } from './privacy-words.ts';
import './privacy.css';

const FIELDS = ['purpose', 'decision', 'decidedAt', 'withdrawnAt', 'method', 'note'];

/** The local calendar day of an instant, as the date input shows it. */
const dayText = (ms: number) => format(ms, 'yyyy-MM-dd');

/**
 * The instant for a day chosen in the form: now when it is today (so answers on one day keep the
 * order they were given in), else midday that day, local time.
 */
function instantOf(day: string, now: number): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/u.exec(day);
  if (!m) return null;
  if (day === dayText(now)) return now;
  return new Date(Number(m[1]), Number(m[2]) - 1, Number(m[3]), 12).getTime();
}

/**
 * When they told you (a day, not after today) and how: the same pair in both forms. `onDay` is
 * given the day as the date input writes it.
 */
function WhenAndHow({
  label,
  day,
  onDay,
  dayError,
  method,
  onMethod,
  methodError,
}: {
  label: string;
  day: string;
  onDay(day: string): void;
  dayError?: string;
  method: ConsentMethod;
  onMethod(m: ConsentMethod): void;
  methodError?: string;
}) {
  const clock = useClock();
  return (
    <div className="consent-dialog__row">
      <TextField
        label={label}
        type="date"
        value={day}
        max={dayText(clock())}
        error={dayError}
        onChange={(e) => onDay(e.target.value)}
      />
      <SelectField
        label="How"
        value={method}
        error={methodError}
        onChange={(e) => onMethod(e.target.value as ConsentMethod)}
      >
        {CONSENT_METHODS.map((m) => (
          <option key={m} value={m}>
            {CONSENT_METHOD_LABELS[m]}
          </option>
        ))}
      </SelectField>
    </div>
  );
}

function NoteField({
  value,
  onChange,
  error,
  hint,
}: {
  value: string;
  onChange(v: string): void;
  error?: string;
  hint: string;
}) {
  const id = useId();
  return (
    <div className="field">
      <label className="field__label" htmlFor={id}>
        Evidence <span className="erase__optional">(optional)</span>
      </label>
      <textarea
        id={id}
        className="input consent-dialog__note"
        rows={2}
        maxLength={1000}
        value={value}
        placeholder={hint}
        aria-invalid={error ? true : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {error ? <FieldError message={error} /> : null}
    </div>
  );
}

export function RecordConsentDialog({
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
  const clock = useClock();
  const purposes = (useQuery('lists.get', { list: 'consent_purpose' }).data ?? []).filter((p) => p.active);
  const [purpose, setPurpose] = useState('');
  const [decision, setDecision] = useState<ConsentDecision>('granted');
  const [day, setDay] = useState(() => dayText(clock()));
  const [method, setMethod] = useState<ConsentMethod>('call');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const chosen = purpose || purposes[0]?.value || '';

  async function save() {
    if (saving) return;
    const now = clock();
    const decidedAt = instantOf(day, now);
    if (decidedAt === null) {
      setErrors({ decidedAt: 'Choose the day they told you.' });
      return;
    }
    setSaving(true);
    try {
      await cache.mutate('consents.record', {
        personId,
        purpose: chosen,
        decision,
        decidedAt,
        method,
        note: note.trim() || null,
      });
      onClose();
      ui.getState().toast(
        `Recorded: ${name} ${decision === 'granted' ? 'agreed to' : 'refused'} “${chosen}”.`,
      );
    } catch (err) {
      setSaving(false);
      const e = formErrors(err, FIELDS);
      setErrors(e.fields);
      setFormError(e.form);
    }
  }

  return (
    <FormDialog
      titleId={`${id}-title`}
      title={`Record consent for ${name}`}
      onClose={onClose}
      onSave={() => void save()}
      className="dialog--narrow consent-dialog"
    >
      <div className="dialog__body consent-dialog__body">
        <SelectField
          label="What for"
          value={chosen}
          error={errors.purpose}
          onChange={(e) => setPurpose(e.target.value)}
          hint={
            purposes.length === 0 ? 'No purposes are offered: add them under Settings › Privacy.' : undefined
          }
        >
          {purposes.map((p) => (
            <option key={p.value} value={p.value}>
              {p.value}
            </option>
          ))}
        </SelectField>
        <div className="field">
          <span className="field__label" aria-hidden>
            Their answer
          </span>
          <Segmented<ConsentDecision>
            label="Their answer"
            value={decision}
            onChange={setDecision}
            options={[
              { value: 'granted', label: 'Agreed' },
              { value: 'refused', label: 'Refused' },
            ]}
          />
        </div>
        <WhenAndHow
          label="When"
          day={day}
          onDay={(d) => {
            setDay(d);
            setErrors((x) => ({ ...x, decidedAt: '' }));
          }}
          dayError={errors.decidedAt}
          method={method}
          onMethod={setMethod}
          methodError={errors.method}
        />
        <NoteField
          value={note}
          onChange={setNote}
          error={errors.note}
          hint="Where the proof is: the signed form in the blue folder, the email of 3 May…"
        />
        {formError ? <FieldError message={formError} /> : null}
      </div>
      <SaveFooter onCancel={onClose} saving={saving}>
        Record
      </SaveFooter>
    </FormDialog>
  );
}

export function WithdrawConsentDialog({
  entry,
  name,
  onClose,
}: {
  entry: ConsentEntry;
  name: string;
  onClose(): void;
}) {
  const id = useId();
  const cache = useCache();
  const ui = useUiStore();
  const clock = useClock();
  const fmt = useFormat();
  const [day, setDay] = useState(() => dayText(clock()));
  const [method, setMethod] = useState<ConsentMethod>(entry.method);
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const given = format(entry.decidedAt, 'PP', { locale: dateLocale(fmt.locale) });

  async function save() {
    if (saving) return;
    const withdrawnAt = instantOf(day, clock());
    if (withdrawnAt === null) {
      setErrors({ withdrawnAt: 'Choose the day they withdrew it.' });
      return;
    }
    setSaving(true);
    try {
      await cache.mutate('consents.withdraw', {
        consentId: entry.id,
        withdrawnAt,
        method,
        note: note.trim() || null,
      });
      onClose();
      ui.getState().toast(`Recorded: ${name} withdrew consent to “${entry.purpose}”.`);
    } catch (err) {
      setSaving(false);
      const e = formErrors(err, FIELDS);
      setErrors(e.fields);
      setFormError(e.form);
    }
  }

  return (
    <FormDialog
      titleId={`${id}-title`}
      title={`Withdraw consent to “${entry.purpose}”`}
      onClose={onClose}
      onSave={() => void save()}
      className="dialog--narrow consent-dialog"
    >
      <div className="dialog__body consent-dialog__body">
        <p className="confirm__text">
          {name} agreed on {given} {METHOD_WORDS[entry.method]}. That answer stays in their history, marked as
          withdrawn.
        </p>
        <WhenAndHow
          label="When they withdrew it"
          day={day}
          onDay={(d) => {
            setDay(d);
            setErrors((x) => ({ ...x, withdrawnAt: '' }));
          }}
          dayError={errors.withdrawnAt}
          method={method}
          onMethod={setMethod}
          methodError={errors.method}
        />
        <NoteField
          value={note}
          onChange={setNote}
          error={errors.note}
          hint="Their reply, the unsubscribe link, the call…"
        />
        {formError ? <FieldError message={formError} /> : null}
      </div>
      <SaveFooter onCancel={onClose} saving={saving}>
        Record withdrawal
      </SaveFooter>
    </FormDialog>
  );
}
