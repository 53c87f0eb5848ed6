/**
 * Log a call (Ctrl/⌘+L from anywhere): who, how long (a timer, or typed as mm:ss or minutes),
 * which way, why, how it went, a summary, and the next call, which becomes a task in the same save.
 * Everything is reachable by keyboard; Ctrl/⌘+Enter saves from any field.
 */
import { useEffect, useId, useReducer, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { addDays, format, parseISO } from 'date-fns';
import { PhoneIncoming, PhoneOutgoing, Play, Square } from 'lucide-react';
import {
  CALL_RESPONSES,
  type CallDirection,
  type CallResponse,
  type ListValue,
} from '../../../shared/domain/activity.ts';
import { formErrors } from '../../api/errors.ts';
import { useClock } from '../../lib/clock.tsx';
import { useFormat } from '../../lib/format.context.tsx';
import { ariaKeyShortcuts } from '../../lib/platform.ts';
import { useCache, useQuery } from '../../stores/query.hooks.tsx';
import { detailId, useUiStore } from '../../stores/ui.store.tsx';
import { DialogHeader, SaveFooter } from '../../ui/DialogParts.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { CardNumberNotice, cardNumberNoticeFor } from '../../ui/CardNumberNotice.tsx';
import { FieldError, SelectField, TextField } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { Segmented } from '../../ui/Segmented.tsx';
import { PersonPicker, type PickedPerson } from '../search/PersonPicker.tsx';
import { clearDraft, readDraft, writeDraft } from './call-draft.ts';
import { choiceLabel, clockText, parseDuration, RESPONSE_LABELS } from './call-words.ts';
import './calls.css';

const FIELDS = [
  'call.personId',
  'call.durationS',
  'call.startedAt',
  'call.direction',
  'call.purpose',
  'call.outcome',
  'call.response',
  'call.summary',
  'followUp',
  'followUp.inDays',
  'followUp.date',
  'today',
] as const;
type FieldPath = (typeof FIELDS)[number];

type NextMode = 'none' | 'days' | 'date';
const DAY = 86_400_000;

/** The outcome a new call starts with: "connected" when the list has it, else the first choice. */
export function defaultOutcome(values: readonly ListValue[] | undefined): string {
  const active = (values ?? []).filter((v) => v.active);
  return (
    (active.find((v) => v.value === 'connected') ?? active.find((v) => v.connected) ?? active[0])?.value ?? ''
  );
}

function useTicker(running: boolean, everyMs = 250) {
  const [, tick] = useReducer((n: number) => n + 1, 0);
  useEffect(() => {
    if (!running) return;
    const t = setInterval(tick, everyMs);
    return () => clearInterval(t);
  }, [running, everyMs]);
}

export function LogCallDialog({ personId, onClose }: { personId: string | null; onClose(): void }) {
  const cache = useCache();
  const ui = useUiStore();
  const clock = useClock();
  const fmt = useFormat();
  const titleId = useId();
  // A draft kept from a window that closed mid-call comes back, timer and all.
  const [draft] = useState(() => readDraft(personId));
  const [restored, setRestored] = useState(draft !== null);
  const [person, setPerson] = useState<PickedPerson | null>(draft?.person ?? null);
  const personTouched = useRef(Boolean(draft?.person));
  const [timerStart, setTimerStart] = useState<number | null>(draft?.timerStart ?? null);
  const [timerStop, setTimerStop] = useState<number | null>(draft?.timerStop ?? null);
  const [durationText, setDurationText] = useState(draft?.durationText ?? '');
  const [direction, setDirection] = useState<CallDirection>(draft?.direction ?? 'out');
  const [purpose, setPurpose] = useState(draft?.purpose ?? '');
  const [outcomeChoice, setOutcome] = useState<string | null>(draft?.outcome ?? null);
  const [response, setResponse] = useState<CallResponse | 'none'>(draft?.response ?? 'none');
  const [summary, setSummary] = useState(draft?.summary ?? '');
  const [next, setNext] = useState<NextMode>(draft?.next ?? 'none');
  const [nextDays, setNextDays] = useState(draft?.nextDays ?? '7');
  const [nextDate, setNextDate] = useState(
    () => draft?.nextDate ?? format(addDays(clock(), 7), 'yyyy-MM-dd'),
  );
  const [when, setWhen] = useState<string | null>(draft?.when ?? null);
  const [errors, setErrors] = useState<Partial<Record<FieldPath, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const firstField = useRef<HTMLElement | null>(null);
  const startButton = useRef<HTMLButtonElement>(null);
  const durationRef = useRef<HTMLInputElement>(null);
  const daysRef = useRef<HTMLInputElement>(null);
  const dateRef = useRef<HTMLInputElement>(null);
  const whenRef = useRef<HTMLInputElement>(null);

  const purposes = useQuery('lists.get', { list: 'call_purpose' }).data;
  const outcomes = useQuery('lists.get', { list: 'call_outcome' }).data;
  const outcome = outcomeChoice ?? defaultOutcome(outcomes);
  const running = timerStart !== null && timerStop === null;
  useTicker(running);

  useEffect(() => {
    writeDraft({
      person,
      timerStart,
      timerStop,
      durationText,
      direction,
      purpose,
      outcome: outcomeChoice,
      response,
      summary,
      next,
      nextDays,
      nextDate,
      when,
    });
  }, [
    person,
    timerStart,
    timerStop,
    durationText,
    direction,
    purpose,
    outcomeChoice,
    response,
    summary,
    next,
    nextDays,
    nextDate,
    when,
  ]);

  /** Closing on purpose (Esc, ×, Cancel) drops the draft; a window that closes keeps it. */
  function close() {
    clearDraft();
    onClose();
  }

  function startOver() {
    clearDraft();
    setRestored(false);
    personTouched.current = false;
    setPerson(null);
    setTimerStart(null);
    setTimerStop(null);
    setDurationText('');
    setDirection('out');
    setPurpose('');
    setOutcome(null);
    setResponse('none');
    setSummary('');
    setNext('none');
    setWhen(null);
    setErrors({});
    setFormError(null);
    requestAnimationFrame(() => firstField.current?.focus());
  }

  // Filled in from the page the dialog was opened on, unless the user has already chosen someone.
  useEffect(() => {
    if (!personId) return;
    let live = true;
    cache.client
      .call('people.get', { id: personId })
      .then((p) => {
        if (live && !personTouched.current) {
          setPerson({ id: p.id, name: p.displayName, detail: p.companyName });
        }
      })
      .catch(() => {
        // Gone or in the Trash: the user picks someone instead.
      });
    return () => {
      live = false;
    };
  }, [cache, personId]);

  const elapsedS =
    timerStart === null ? 0 : Math.max(0, Math.round(((timerStop ?? clock()) - timerStart) / 1000));

  function clearError(...paths: FieldPath[]) {
    if (paths.some((p) => errors[p])) {
      setErrors((e) => {
        const copy = { ...e };
        for (const p of paths) delete copy[p];
        return copy;
      });
    }
  }

  function startTimer() {
    setTimerStart(clock());
    setTimerStop(null);
    setWhen(null);
    clearError('call.durationS');
  }

  function stopTimer(): number {
    const stop = clock();
    const start = timerStart ?? stop;
    setTimerStop(stop);
    const seconds = Math.max(0, Math.round((stop - start) / 1000));
    setDurationText(clockText(seconds));
    return seconds;
  }

  const focusField: Partial<Record<FieldPath, () => void>> = {
    'call.personId': () => firstField.current?.focus(),
    'call.durationS': () => durationRef.current?.focus(),
    'call.startedAt': () => whenRef.current?.focus(),
    'followUp.inDays': () => daysRef.current?.focus(),
    'followUp.date': () => dateRef.current?.focus(),
    followUp: () => (next === 'date' ? dateRef : daysRef).current?.focus(),
  };

  function showErrors(found: Partial<Record<FieldPath, string>>, form: string | null = null) {
    setErrors(found);
    setFormError(form);
    const first = FIELDS.find((f) => found[f]);
    if (first) focusField[first]?.();
  }

  async function save(event?: FormEvent) {
    event?.preventDefault();
    if (saving) return;
    // A running timer stops at the moment of saving; it keeps running if the form has a mistake.
    const stopAt = clock();
    const stoppedNow =
      running && timerStart !== null ? Math.max(0, Math.round((stopAt - timerStart) / 1000)) : null;
    const found: Partial<Record<FieldPath, string>> = {};
    if (!person) found['call.personId'] = 'Choose who the call was with.';
    const parsed =
      stoppedNow !== null ? { ok: true as const, seconds: stoppedNow } : parseDuration(durationText);
    if (!parsed.ok) found['call.durationS'] = parsed.message;
    const days = Number(nextDays);
    if (next === 'days' && (nextDays.trim() === '' || !Number.isInteger(days) || days < 0)) {
      found['followUp.inDays'] = 'Enter a whole number of days, like 7.';
    }
    if (next === 'date' && nextDate === '') found['followUp.date'] = 'Choose the day of the next call.';
    let startedAt: number;
    if (timerStart !== null) startedAt = timerStart;
    else if (when !== null) {
      startedAt = parseISO(when).getTime();
      if (!Number.isFinite(startedAt)) found['call.startedAt'] = 'Choose when the call started.';
    } else startedAt = clock() - (parsed.ok ? Math.max(0, parsed.seconds) : 0) * 1000;
    if (Object.keys(found).length > 0 || !person || !parsed.ok) {
      showErrors(found);
      return;
    }
    if (stoppedNow !== null) {
      setTimerStop(stopAt);
      setDurationText(clockText(stoppedNow));
    }
    const now = stopAt;
    setSaving(true);
    try {
      const out = await cache.mutate('calls.log', {
        call: {
          personId: person.id,
          direction,
          startedAt: Math.max(0, startedAt),
          durationS: parsed.seconds,
          purpose: purpose || null,
          outcome,
          response: response === 'none' ? null : response,
          summary,
        },
        ...(next === 'days' ? { followUp: { inDays: days } } : {}),
        ...(next === 'date' ? { followUp: { date: nextDate } } : {}),
        today: format(now, 'yyyy-MM-dd'),
      });
      clearDraft();
      onClose();
      const followUp = out.followUp?.dueDate ? ` Next call ${fmt.day(out.followUp.dueDate, now)}.` : '';
      const state = ui.getState();
      const onPage = detailId(state.route, 'people') === person.id;
      state.toast(
        `Call with ${person.name} logged.${followUp}`,
        'info',
        onPage ? {} : { action: { label: 'Open', run: () => ui.getState().navigate(`people/${person.id}`) } },
      );
    } catch (err) {
      setSaving(false);
      const e = formErrors(err, FIELDS);
      showErrors(e.fields, e.form);
    }
  }

  function onKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void save();
    }
  }

  const durationShown = running ? clockText(elapsedS) : durationText;
  const nextDue =
    next === 'days' && /^\d+$/u.test(nextDays.trim())
      ? format(addDays(clock(), Number(nextDays)), 'yyyy-MM-dd')
      : next === 'date' && nextDate
        ? nextDate
        : null;
  const activePurposes = (purposes ?? []).filter((v) => v.active || v.value === purpose);
  const activeOutcomes = (outcomes ?? []).filter((v) => v.active || v.value === outcome);

  return (
    <Dialog
      labelledBy={titleId}
      onClose={close}
      initialFocus={personId ? startButton : firstField}
      className="logcall"
    >
      <form
        className="logcall__form"
        onSubmit={save}
        onKeyDown={onKeyDown}
        noValidate
        aria-labelledby={titleId}
      >
        <DialogHeader titleId={titleId} onClose={close}>
          Log a call
        </DialogHeader>

        <div className="dialog__body logcall__body">
          {restored ? (
            <p className="logcall__restored" role="status">
              Your unsaved call was kept and is back.
              <button type="button" className="link-button" onClick={startOver}>
                Start over
              </button>
            </p>
          ) : null}
          <PersonPicker
            label="Contact"
            value={person}
            focusRef={firstField}
            error={errors['call.personId']}
            onChange={(p) => {
              personTouched.current = true;
              setPerson(p);
              clearError('call.personId');
            }}
          />

          <div className="logcall__timing">
            <div className="field logcall__duration">
              <label className="field__label" htmlFor={`${titleId}-duration`}>
                Duration
              </label>
              <div className={`logcall__duration-box${running ? ' logcall__duration-box--running' : ''}`}>
                <input
                  ref={durationRef}
                  id={`${titleId}-duration`}
                  className="input num logcall__duration-input"
                  inputMode="decimal"
                  placeholder="mm:ss or minutes"
                  autoComplete="off"
                  value={durationShown}
                  readOnly={running}
                  aria-invalid={errors['call.durationS'] ? true : undefined}
                  aria-describedby={`${titleId}-duration-note`}
                  onChange={(e) => {
                    setDurationText(e.target.value);
                    if (timerStart !== null) {
                      setTimerStart(null);
                      setTimerStop(null);
                    }
                    clearError('call.durationS');
                  }}
                />
                <button
                  ref={startButton}
                  type="button"
                  className={`btn logcall__timer-button${running ? ' logcall__timer-button--stop' : ''}`}
                  aria-label={
                    running
                      ? `Stop the timer at ${clockText(elapsedS)}`
                      : timerStart === null
                        ? 'Start the timer'
                        : 'Start the timer again'
                  }
                  onClick={() => (running ? stopTimer() : startTimer())}
                >
                  {running ? (
                    <Square size={ICON.small} strokeWidth={2.5} aria-hidden />
                  ) : (
                    <Play size={ICON.small} strokeWidth={2.5} aria-hidden />
                  )}
                  {running ? 'Stop' : timerStart === null ? 'Start timer' : 'Restart'}
                </button>
              </div>
              {errors['call.durationS'] ? (
                <FieldError id={`${titleId}-duration-note`} message={errors['call.durationS']} />
              ) : (
                <div className="field__hint logcall__when" id={`${titleId}-duration-note`}>
                  {timerStart !== null ? (
                    <span>
                      {running ? 'Timing the call' : 'Timed'} from {fmt.time(timerStart)}
                    </span>
                  ) : when === null ? (
                    <>
                      <span>Started just now</span>
                      <button
                        type="button"
                        className="link-button"
                        aria-label="Change when the call started"
                        onClick={() => {
                          const parsed = parseDuration(durationText);
                          const seconds = parsed.ok ? Math.max(0, parsed.seconds) : 0;
                          setWhen(format(clock() - seconds * 1000, "yyyy-MM-dd'T'HH:mm"));
                          requestAnimationFrame(() => whenRef.current?.focus());
                        }}
                      >
                        Change
                      </button>
                    </>
                  ) : (
                    <span>Started at the time below</span>
                  )}
                </div>
              )}
            </div>
            <div className="field logcall__direction">
              <span className="field__label" aria-hidden>
                Direction
              </span>
              <Segmented<CallDirection>
                label="Direction"
                value={direction}
                onChange={setDirection}
                options={[
                  {
                    value: 'out',
                    label: 'Out',
                    icon: <PhoneOutgoing size={ICON.small} strokeWidth={STROKE} aria-hidden />,
                  },
                  {
                    value: 'in',
                    label: 'In',
                    icon: <PhoneIncoming size={ICON.small} strokeWidth={STROKE} aria-hidden />,
                  },
                ]}
              />
            </div>
          </div>

          <div className="logcall__pair">
            <SelectField label="Purpose" value={purpose} onChange={(e) => setPurpose(e.target.value)}>
              <option value="">No purpose</option>
              {activePurposes.map((v) => (
                <option key={v.value} value={v.value}>
                  {choiceLabel(v.value)}
                </option>
              ))}
            </SelectField>
            <SelectField
              label="Outcome"
              value={outcome}
              error={errors['call.outcome']}
              onChange={(e) => {
                setOutcome(e.target.value);
                clearError('call.outcome');
              }}
            >
              {activeOutcomes.length === 0 ? <option value="">Loading…</option> : null}
              {activeOutcomes.map((v) => (
                <option key={v.value} value={v.value}>
                  {choiceLabel(v.value)}
                </option>
              ))}
            </SelectField>
          </div>

          <div className="field">
            <span className="field__label" aria-hidden>
              Response
            </span>
            <Segmented<CallResponse | 'none'>
              label="Response"
              value={response}
              onChange={setResponse}
              options={[
                { value: 'none', label: 'Not noted' },
                ...CALL_RESPONSES.map((r) => ({ value: r, label: RESPONSE_LABELS[r] })),
              ]}
            />
          </div>

          <div className="field">
            <label className="field__label" htmlFor={`${titleId}-summary`}>
              Summary
            </label>
            <textarea
              id={`${titleId}-summary`}
              className="input logcall__summary"
              rows={3}
              placeholder="What was said, what was agreed"
              value={summary}
              aria-describedby={cardNumberNoticeFor(summary) ? `${titleId}-summary-card` : undefined}
              onChange={(e) => setSummary(e.target.value)}
            />
            <CardNumberNotice id={`${titleId}-summary-card`} text={summary} />
          </div>

          <div className="logcall__next">
            <div className="field">
              <span className="field__label" aria-hidden>
                Next call
              </span>
              <Segmented<NextMode>
                label="Next call"
                value={next}
                onChange={(m) => {
                  setNext(m);
                  clearError('followUp', 'followUp.inDays', 'followUp.date', 'today');
                }}
                options={[
                  { value: 'none', label: 'None' },
                  { value: 'days', label: 'In days' },
                  { value: 'date', label: 'On a date' },
                ]}
              />
            </div>
            {next === 'days' ? (
              <TextField
                ref={daysRef}
                label="Days until the next call"
                className="logcall__days"
                inputMode="numeric"
                value={nextDays}
                error={errors['followUp.inDays'] ?? errors.followUp ?? errors.today}
                onChange={(e) => {
                  setNextDays(e.target.value);
                  clearError('followUp', 'followUp.inDays', 'today');
                }}
              />
            ) : null}
            {next === 'date' ? (
              <TextField
                ref={dateRef}
                type="date"
                label="Next call on"
                className="logcall__date"
                value={nextDate}
                error={errors['followUp.date'] ?? errors.followUp}
                onChange={(e) => {
                  setNextDate(e.target.value);
                  clearError('followUp', 'followUp.date');
                }}
              />
            ) : null}
            {nextDue && next !== 'none' ? (
              <p className="logcall__next-note" aria-live="polite">
                A call task for {fmt.day(nextDue, clock())} is added
              </p>
            ) : null}
          </div>

          {when !== null && timerStart === null ? (
            <TextField
              ref={whenRef}
              type="datetime-local"
              label="Started at"
              className="logcall__when-field"
              value={when}
              max={format(clock() + DAY, "yyyy-MM-dd'T'HH:mm")}
              error={errors['call.startedAt']}
              onChange={(e) => {
                setWhen(e.target.value);
                clearError('call.startedAt');
              }}
            />
          ) : null}

          {formError ? <FieldError message={formError} /> : null}
        </div>

        <SaveFooter onCancel={close} saving={saving} keyShortcuts={ariaKeyShortcuts(['Mod', 'Enter'])}>
          {running ? 'Stop and log call' : 'Log call'}
        </SaveFooter>
      </form>
    </Dialog>
  );
}
