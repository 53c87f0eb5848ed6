/** Staff profiles: who uses this book. Add, rename, switch off and on, make owner, use a profile. */
import { useId, useRef, useState, type FormEvent } from 'react';
import {
  Ellipsis,
  Pencil,
  Power,
  PowerOff,
  ShieldCheck,
  ShieldOff,
  UserPlus,
  UserRoundCheck,
} from 'lucide-react';
import type { Settings } from '../../../shared/domain/settings.ts';
import type { Staff } from '../../../shared/domain/staff.ts';
import { formErrors, messageOf } from '../../api/errors.ts';
import { useCache, useMutation, useQuery } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { Avatar } from '../../ui/Avatar.tsx';
import { Button } from '../../ui/Button.tsx';
import { FieldError } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { Menu, type MenuEntry } from '../../ui/Menu.tsx';
import { ErrorState } from '../../ui/States.tsx';
import { SettingsGroup } from './SettingsRow.tsx';

const icon = (Icon: typeof Pencil) => <Icon size={ICON.inline} strokeWidth={STROKE} />;

function RenameForm({ person, onDone }: { person: Staff; onDone(): void }) {
  const id = useId();
  const update = useMutation('staff.update');
  const [name, setName] = useState(person.name);
  const [error, setError] = useState<string | null>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (name === person.name) return onDone();
    try {
      await update.mutate({ id: person.id, name });
      onDone();
    } catch (err) {
      const e = formErrors(err, ['name']);
      setError(e.fields.name ?? e.form);
    }
  }

  return (
    <form className="staff__rename" onSubmit={submit} noValidate>
      <div className="settings__inline-field">
        <input
          id={id}
          className="input"
          aria-label={`New name for ${person.name}`}
          value={name}
          autoFocus
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => {
            setName(e.target.value);
            setError(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              onDone();
            }
          }}
        />
        {error ? <FieldError id={`${id}-error`} message={error} /> : null}
      </div>
      <Button type="submit" variant="primary" disabled={update.pending}>
        Save
      </Button>
      <Button onClick={onDone}>Cancel</Button>
    </form>
  );
}

function StaffRow({
  person,
  settings,
  ownerCount,
}: {
  person: Staff;
  settings: Settings;
  ownerCount: number;
}) {
  const cache = useCache();
  const ui = useUiStore();
  const [renaming, setRenaming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const menuButton = useRef<HTMLButtonElement | null>(null);
  const isMe = person.id === settings.currentStaffId;

  function run(promise: Promise<unknown>, done?: string) {
    setError(null);
    promise
      .then(() => {
        if (done) ui.getState().toast(done);
      })
      .catch((err: unknown) => setError(messageOf(err)));
  }

  const entries: MenuEntry[] = [];
  if (person.active && !isMe) {
    entries.push({
      id: 'use',
      label: 'Use this profile',
      icon: icon(UserRoundCheck),
      onSelect: () =>
        run(cache.mutate('staff.switch', { id: person.id }), `You are now using ${person.name}’s profile.`),
    });
  }
  entries.push({ id: 'rename', label: 'Rename…', icon: icon(Pencil), onSelect: () => setRenaming(true) });
  if (person.role === 'owner') {
    if (ownerCount > 1) {
      entries.push({
        id: 'role',
        label: 'Make regular staff',
        icon: icon(ShieldOff),
        onSelect: () => run(cache.mutate('staff.update', { id: person.id, role: 'staff' })),
      });
    }
  } else {
    entries.push({
      id: 'role',
      label: 'Make owner',
      icon: icon(ShieldCheck),
      onSelect: () => run(cache.mutate('staff.update', { id: person.id, role: 'owner' })),
    });
  }
  if (!isMe) {
    entries.push(
      person.active
        ? {
            id: 'active',
            label: 'Switch off',
            icon: icon(PowerOff),
            tone: 'danger',
            onSelect: () => run(cache.mutate('staff.update', { id: person.id, active: false })),
          }
        : {
            id: 'active',
            label: 'Switch on',
            icon: icon(Power),
            onSelect: () => run(cache.mutate('staff.update', { id: person.id, active: true })),
          },
    );
  }

  return (
    <li className={`staff__row${person.active ? '' : ' staff__row--off'}`} aria-label={person.name}>
      <div className="staff__line">
        <Avatar name={person.name} size="lg" off={!person.active} />
        {renaming ? (
          <RenameForm
            person={person}
            onDone={() => {
              setRenaming(false);
              menuButton.current?.focus();
            }}
          />
        ) : (
          <>
            <div className="staff__who">
              <span className="staff__name">
                {person.name}
                {isMe ? <span className="badge badge--accent">You</span> : null}
                {person.role === 'owner' ? <span className="badge">Owner</span> : null}
                {person.active ? null : <span className="badge">Switched off</span>}
              </span>
              {person.email ? <span className="staff__email">{person.email}</span> : null}
            </div>
            <Menu
              label={`Actions for ${person.name}`}
              entries={entries}
              trigger={({ ref, ...props }) => (
                <button
                  type="button"
                  className="btn btn--ghost btn--icon"
                  aria-label={`Actions for ${person.name}`}
                  title="Actions"
                  ref={(el) => {
                    menuButton.current = el;
                    if (typeof ref === 'function') ref(el);
                    else if (ref) ref.current = el;
                  }}
                  {...props}
                >
                  <Ellipsis size={ICON.nav} strokeWidth={STROKE} aria-hidden />
                </button>
              )}
            />
          </>
        )}
      </div>
      {error ? (
        <div className="staff__error" role="alert">
          <FieldError message={error} />
        </div>
      ) : null}
    </li>
  );
}

function AddStaffForm() {
  const id = useId();
  const create = useMutation('staff.create');
  const ui = useUiStore();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const nameRef = useRef<HTMLInputElement>(null);

  async function submit(event: FormEvent) {
    event.preventDefault();
    try {
      const created = await create.mutate({ name, ...(email.trim() ? { email: email.trim() } : {}) });
      setName('');
      setEmail('');
      setErrors({});
      ui.getState().toast(`Added ${created.name}.`);
      nameRef.current?.focus();
    } catch (err) {
      const e = formErrors(err, ['name', 'email']);
      setErrors(e.form ? { ...e.fields, name: e.fields.name ?? e.form } : e.fields);
    }
  }

  return (
    <form className="staff__add" onSubmit={submit} noValidate aria-label="Add a staff profile">
      <div className="field staff__add-field">
        <label className="field__label" htmlFor={`${id}-name`}>
          Name
        </label>
        <input
          ref={nameRef}
          id={`${id}-name`}
          className="input"
          placeholder="Priya Shah"
          value={name}
          aria-invalid={errors.name ? true : undefined}
          aria-describedby={errors.name ? `${id}-name-error` : undefined}
          onChange={(e) => {
            setName(e.target.value);
            setErrors((x) => ({ ...x, name: '' }));
          }}
        />
        {errors.name ? <FieldError id={`${id}-name-error`} message={errors.name} /> : null}
      </div>
      <div className="field staff__add-field">
        <label className="field__label" htmlFor={`${id}-email`}>
          Email <span className="field__optional">(optional)</span>
        </label>
        <input
          id={`${id}-email`}
          className="input"
          type="email"
          placeholder="priya@example.com"
          value={email}
          aria-invalid={errors.email ? true : undefined}
          aria-describedby={errors.email ? `${id}-email-error` : undefined}
          onChange={(e) => {
            setEmail(e.target.value);
            setErrors((x) => ({ ...x, email: '' }));
          }}
        />
        {errors.email ? <FieldError id={`${id}-email-error`} message={errors.email} /> : null}
      </div>
      <Button
        type="submit"
        className="staff__add-button"
        disabled={create.pending}
        icon={<UserPlus size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
      >
        Add profile
      </Button>
    </form>
  );
}

export function StaffSection({ settings }: { settings: Settings }) {
  const staff = useQuery('staff.list', { includeInactive: true });
  const list = staff.data ?? [];
  const ownerCount = list.filter((s) => s.role === 'owner' && s.active).length;
  return (
    <SettingsGroup
      id="settings-staff"
      title="Staff profiles"
      description="Everyone who uses this book on this computer. Calls and tasks record who made them."
    >
      {staff.status === 'error' && !staff.data ? (
        <ErrorState
          title="Could not load the staff profiles"
          message={staff.error?.message ?? 'Try again.'}
          onRetry={() => void staff.refetch()}
        />
      ) : (
        <ul className="staff__list" aria-label="Staff profiles" aria-busy={!staff.data}>
          {list.map((person) => (
            <StaffRow key={person.id} person={person} settings={settings} ownerCount={ownerCount} />
          ))}
        </ul>
      )}
      <AddStaffForm />
    </SettingsGroup>
  );
}
