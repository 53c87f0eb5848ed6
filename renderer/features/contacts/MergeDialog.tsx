/**
 * Merge two people: pick the other person, choose per field whose value wins, merge. Phones,
 * emails and tags of both are kept; calls, tasks and notes move over; the other person goes to
 * the Trash. An "Undo" note takes it all back.
 */
import { useId, useState, type ReactNode } from 'react';
import { format, parseISO } from 'date-fns';
import { ArrowLeftRight, Combine } from 'lucide-react';
import { STAGE_LABELS, type CustomField, type Person } from '../../../shared/domain/people.ts';
import { messageOf } from '../../api/errors.ts';
import { useFormat } from '../../lib/format.context.tsx';
import { dateLocale } from '../../lib/locales.ts';
import { useCache, useQuery } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { Avatar } from '../../ui/Avatar.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { FieldError } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { DelayedSpinner } from '../../ui/States.tsx';
import { PersonPicker, type PickedPerson } from '../search/PersonPicker.tsx';
import { undoBatchToast, useStaff } from './common.tsx';
import { windowText } from './calling-window.ts';

interface Row {
  /** The key(s) sent in `take`. */
  take: string[];
  label: string;
  value(p: Person): string | null;
}

function rowsFor(
  fields: CustomField[],
  staffName: (id: string | null) => string | null,
  date: (iso: string) => string,
): Row[] {
  const addr = (p: Person) =>
    [p.address.street, p.address.postcode, p.address.city, p.address.region, p.address.country]
      .filter(Boolean)
      .join(', ') || null;
  const rows: Row[] = [
    { take: ['givenName', 'familyName', 'displayName'], label: 'Name', value: (p) => p.displayName },
    { take: ['companyId'], label: 'Company', value: (p) => p.companyName },
    { take: ['jobTitle'], label: 'Job title', value: (p) => p.jobTitle },
    { take: ['stage'], label: 'Stage', value: (p) => STAGE_LABELS[p.stage] },
    { take: ['ownerId'], label: 'Owner', value: (p) => staffName(p.ownerId) },
    { take: ['birthday'], label: 'Birthday', value: (p) => (p.birthday ? date(p.birthday) : null) },
    {
      take: ['gender'],
      label: 'Gender',
      value: (p) => (p.gender ? p.gender[0]!.toUpperCase() + p.gender.slice(1) : null),
    },
    { take: ['source'], label: 'Source', value: (p) => p.source },
    { take: ['address'], label: 'Address', value: addr },
    {
      take: ['callingWindow'],
      label: 'Best time to call',
      value: (p) => (p.callingWindow ? `${windowText(p.callingWindow)} (${p.callingWindow.timeZone})` : null),
    },
    { take: ['doNotCall'], label: 'Do not call', value: (p) => (p.doNotCall ? 'Yes' : 'No') },
    { take: ['emailOptIn'], label: 'Agreed to emails', value: (p) => (p.emailOptIn ? 'Yes' : 'No') },
  ];
  for (const f of fields) {
    rows.push({
      take: [`custom.${f.key}`],
      label: f.label,
      value: (p) => {
        const v = p.custom[f.key];
        if (v === null || v === undefined || v === '') return null;
        if (Array.isArray(v)) return v.join(', ') || null;
        if (typeof v === 'boolean') return v ? 'Yes' : 'No';
        return String(v);
      },
    });
  }
  return rows;
}

function Chooser({
  keep,
  other,
  choice,
  onChoice,
  rows,
}: {
  keep: Person;
  other: Person;
  choice: Record<string, 'keep' | 'merge'>;
  onChoice(label: string, value: 'keep' | 'merge'): void;
  rows: Row[];
}) {
  const id = useId();
  const shown = rows.filter((r) => r.value(keep) !== null || r.value(other) !== null);
  const cell = (text: string | null): ReactNode =>
    text === null ? <span className="muted">Empty</span> : text;
  return (
    <div className="merge-table" role="table" aria-label="Which value to keep">
      <div className="merge-table__row merge-table__row--head" role="row">
        <span role="columnheader">Field</span>
        <span role="columnheader" className="merge-table__who">
          <Avatar name={keep.displayName} size="sm" />
          {keep.displayName}
          <span className="badge badge--accent">Kept</span>
        </span>
        <span role="columnheader" className="merge-table__who">
          <Avatar name={other.displayName} size="sm" />
          {other.displayName}
          <span className="badge">To Trash</span>
        </span>
      </div>
      {shown.map((r) => {
        const a = r.value(keep);
        const b = r.value(other);
        const same = a === b;
        const chosen = choice[r.label] ?? 'keep';
        return (
          <div key={r.label} className="merge-table__row" role="row" aria-label={r.label}>
            <span role="rowheader" className="merge-table__label">
              {r.label}
            </span>
            {same ? (
              <span role="cell" className="merge-table__same">
                {cell(a)} <span className="muted">· the same</span>
              </span>
            ) : (
              <>
                <label role="cell" className={`merge-choice${chosen === 'keep' ? ' merge-choice--on' : ''}`}>
                  <input
                    type="radio"
                    name={`${id}-${r.label}`}
                    checked={chosen === 'keep'}
                    aria-label={`${r.label}: ${a ?? 'empty'} (${keep.displayName})`}
                    onChange={() => onChoice(r.label, 'keep')}
                  />
                  <span>{cell(a)}</span>
                </label>
                <label role="cell" className={`merge-choice${chosen === 'merge' ? ' merge-choice--on' : ''}`}>
                  <input
                    type="radio"
                    name={`${id}-${r.label}`}
                    checked={chosen === 'merge'}
                    aria-label={`${r.label}: ${b ?? 'empty'} (${other.displayName})`}
                    onChange={() => onChoice(r.label, 'merge')}
                  />
                  <span>{cell(b)}</span>
                </label>
              </>
            )}
          </div>
        );
      })}
    </div>
  );
}

function defaults(rows: Row[], keep: Person, other: Person): Record<string, 'keep' | 'merge'> {
  const out: Record<string, 'keep' | 'merge'> = {};
  for (const r of rows) {
    // An empty value gives way to one that is filled in.
    out[r.label] = r.value(keep) === null && r.value(other) !== null ? 'merge' : 'keep';
  }
  return out;
}

function MergeBody({ first, second, onClose }: { first: Person; second: Person; onClose(): void }) {
  const cache = useCache();
  const ui = useUiStore();
  const staff = useStaff();
  const fields = (useQuery('customFields.list', {}).data ?? []).filter((f) => f.entity === 'person');
  const fmt = useFormat();
  const rows = rowsFor(fields, staff.nameOf, (iso) =>
    format(parseISO(iso), 'PPP', { locale: dateLocale(fmt.locale) }),
  );
  const [swapped, setSwapped] = useState(false);
  const keep = swapped ? second : first;
  const other = swapped ? first : second;
  const [choice, setChoice] = useState(() => defaults(rows, keep, other));
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function merge() {
    const take: Record<string, 'keep' | 'merge'> = {};
    for (const r of rows) {
      if (r.value(keep) === r.value(other)) continue;
      if ((choice[r.label] ?? 'keep') === 'merge') for (const k of r.take) take[k] = 'merge';
    }
    setBusy(true);
    try {
      const result = await cache.mutate('people.merge', { keepId: keep.id, mergeId: other.id, take });
      onClose();
      ui.getState().navigate(`people/${result.person.id}`);
      undoBatchToast(
        cache,
        ui,
        `Merged ${other.displayName} into ${result.person.displayName}.`,
        result.batchId,
        'The merge is undone: both people are back as they were.',
      );
    } catch (err) {
      setBusy(false);
      setError(messageOf(err));
    }
  }

  return (
    <>
      <div className="dialog__body merge">
        <p className="merge__intro">
          <strong>{keep.displayName}</strong> stays. Choose which value wins where they differ. Phones, emails
          and tags of both are kept; calls, tasks and notes of <strong>{other.displayName}</strong> move over,
          and {other.displayName} goes to the Trash.
        </p>
        <Button
          variant="ghost"
          className="merge__swap"
          icon={<ArrowLeftRight size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
          onClick={() => {
            setSwapped((s) => !s);
            setChoice(defaults(rows, other, keep));
          }}
        >
          Keep {other.displayName} instead
        </Button>
        <Chooser
          keep={keep}
          other={other}
          rows={rows}
          choice={choice}
          onChoice={(label, v) => setChoice((c) => ({ ...c, [label]: v }))}
        />
        {error ? (
          <div role="alert" className="form-alert">
            <FieldError message={error} />
          </div>
        ) : null}
      </div>
      <div className="dialog__footer">
        <Button onClick={onClose}>Cancel</Button>
        <Button
          variant="primary"
          onClick={() => void merge()}
          disabled={busy}
          icon={<Combine size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
        >
          Merge
        </Button>
      </div>
    </>
  );
}

function Loaded({ person, otherId, onClose }: { person: Person; otherId: string; onClose(): void }) {
  const other = useQuery('people.get', { id: otherId });
  if (!other.data) {
    return (
      <div className="dialog__body merge merge--loading">
        {other.status === 'error' ? (
          <FieldError message={other.error?.message ?? 'That person could not be opened.'} />
        ) : (
          <DelayedSpinner />
        )}
      </div>
    );
  }
  return <MergeBody first={person} second={other.data} onClose={onClose} />;
}

export function MergeDialog({ person, onClose }: { person: Person; onClose(): void }) {
  const id = useId();
  const [picked, setPicked] = useState<PickedPerson | null>(null);
  const self = picked?.id === person.id;
  return (
    <Dialog labelledBy={`${id}-title`} onClose={onClose} className="dialog--wide" placement="top">
      <div className="dialog__header">
        <h2 className="dialog__title" id={`${id}-title`}>
          Merge {person.displayName} with…
        </h2>
      </div>
      <div className="merge__pick">
        <PersonPicker
          label="Merge with"
          value={picked}
          onChange={setPicked}
          error={self ? `Choose someone other than ${person.displayName}.` : null}
          placeholder="Type a name, email or phone"
        />
      </div>
      {picked && !self ? (
        <Loaded key={picked.id} person={person} otherId={picked.id} onClose={onClose} />
      ) : (
        <div className="dialog__footer">
          <Button onClick={onClose}>Cancel</Button>
          <Button variant="primary" disabled>
            Merge
          </Button>
        </div>
      )}
    </Dialog>
  );
}
