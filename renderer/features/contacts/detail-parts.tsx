/**
 * The pieces a person's page and a company's page share: fact rows, a card that edits in place,
 * the edit form's frame, the detail bar's buttons, and moving the record to the Trash with Undo.
 */
import {
  useId,
  useRef,
  useState,
  type ComponentType,
  type KeyboardEvent,
  type ReactNode,
  type RefObject,
} from 'react';
import { ArrowLeft, Ellipsis, Pencil, Phone, StickyNote } from 'lucide-react';
import type { Address } from '../../../shared/domain/people.ts';
import { messageOf } from '../../api/errors.ts';
import { useCache } from '../../stores/query.hooks.tsx';
import { useUi, useUiStore, type Route } from '../../stores/ui.store.tsx';
import { Button } from '../../ui/Button.tsx';
import { FieldError } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { Menu, type MenuEntry } from '../../ui/Menu.tsx';
import { undoToast } from './common.tsx';

export const cap = (s: string) => (s ? s[0]!.toUpperCase() + s.slice(1) : s);

export const telHref = (number: string) => `tel:${number.replace(/[^\d+]/gu, '')}`;

export function Fact({ label, children }: { label: string; children: ReactNode }) {
  const empty = children === null || children === undefined || children === '' || children === false;
  return (
    <div className="fact">
      <dt className="fact__label">{label}</dt>
      <dd className={`fact__value${empty ? ' fact__value--empty' : ''}`}>{empty ? '—' : children}</dd>
    </div>
  );
}

/** The Address fact: street, postcode and city, region, country, one line each. */
export function AddressFact({ address: a }: { address: Address }) {
  const lines = [a.street, [a.postcode, a.city].filter(Boolean).join(' '), a.region, a.country].filter(
    (x): x is string => Boolean(x),
  );
  return (
    <Fact label="Address">
      {lines.length ? (
        <span className="fact__address selectable">
          {lines.map((l) => (
            <span key={l}>{l}</span>
          ))}
        </span>
      ) : null}
    </Fact>
  );
}

export function PhoneReachLink({ phone }: { phone: { number: string; label: string } }) {
  return (
    <a className="reach__link" href={telHref(phone.number)}>
      <Phone size={ICON.inline} strokeWidth={STROKE} aria-hidden />
      <span className="num">{phone.number}</span>
      <span className="reach__label">{cap(phone.label)}</span>
    </a>
  );
}

export function PhoneFact({ phone }: { phone: { number: string; label: string } }) {
  return (
    <Fact label={cap(phone.label)}>
      <a className="fact__link num" href={telHref(phone.number)}>
        {phone.number}
      </a>
    </Fact>
  );
}

/** A card of fields with its own Edit button; editing happens in place. */
export function EditableCard<P extends object>({
  title,
  editor: Editor,
  editorProps,
  children,
}: {
  title: string;
  /** The form shown while editing; it gets the card's title and is told when editing is done. */
  editor: ComponentType<P & { title: string; onDone(): void }>;
  editorProps: P;
  children: ReactNode;
}) {
  const id = useId();
  const [editing, setEditing] = useState(false);
  const editButton = useRef<HTMLButtonElement>(null);
  return (
    <section className="card" aria-labelledby={`${id}-title`}>
      <header className="card__header">
        <h2 className="card__title" id={`${id}-title`}>
          {title}
        </h2>
        {!editing ? (
          <button
            ref={editButton}
            type="button"
            className="btn btn--ghost btn--icon card__edit"
            aria-label={`Edit ${title.toLowerCase()}`}
            title="Edit"
            onClick={() => setEditing(true)}
          >
            <Pencil size={ICON.inline} strokeWidth={STROKE} aria-hidden />
          </button>
        ) : null}
      </header>
      {editing ? (
        <Editor
          {...editorProps}
          title={title}
          onDone={() => {
            setEditing(false);
            requestAnimationFrame(() => editButton.current?.focus());
          }}
        />
      ) : (
        <dl className="facts">{children}</dl>
      )}
    </section>
  );
}

/** The frame of a card's edit form: Escape cancels, Mod+Enter saves, the form's error, Cancel and Save. */
export function CardEditForm({
  title,
  saving,
  formError,
  onSave,
  onDone,
  children,
}: {
  title: string;
  saving: boolean;
  formError: string | null;
  onSave(): Promise<void>;
  onDone(): void;
  children: ReactNode;
}) {
  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Escape') {
      event.preventDefault();
      event.stopPropagation();
      onDone();
    } else if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
      event.preventDefault();
      void onSave();
    }
  }

  return (
    <form
      className="card__form"
      onSubmit={(event) => {
        event.preventDefault();
        void onSave();
      }}
      onKeyDown={onKeyDown}
      noValidate
      aria-label={`Edit ${title.toLowerCase()}`}
    >
      {children}
      {formError ? (
        <div role="alert" className="form-alert">
          <FieldError message={formError} />
        </div>
      ) : null}
      <div className="card__actions">
        <Button onClick={onDone}>Cancel</Button>
        <Button type="submit" variant="primary" disabled={saving}>
          Save
        </Button>
      </div>
    </form>
  );
}

export function BackButton({ to, children }: { to: Route; children: ReactNode }) {
  const navigate = useUi((s) => s.navigate);
  return (
    <button type="button" className="btn btn--ghost detail-bar__back" onClick={() => navigate(to)}>
      <ArrowLeft size={ICON.inline} strokeWidth={STROKE} aria-hidden />
      {children}
    </button>
  );
}

/** Puts the cursor in the history's note box. */
export function AddNoteButton({ noteRef }: { noteRef: RefObject<HTMLTextAreaElement | null> }) {
  return (
    <Button
      icon={<StickyNote size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
      onClick={() => {
        noteRef.current?.focus();
        noteRef.current?.scrollIntoView({ block: 'center' });
      }}
    >
      Add note
    </Button>
  );
}

export function MoreActions({ name, entries }: { name: string; entries: MenuEntry[] }) {
  return (
    <Menu
      label={`More actions for ${name}`}
      entries={entries}
      trigger={(props) => (
        <button
          type="button"
          className="btn btn--icon"
          aria-label={`More actions for ${name}`}
          title="More"
          {...props}
        >
          <Ellipsis size={ICON.nav} strokeWidth={STROKE} aria-hidden />
        </button>
      )}
    />
  );
}

/** Moves a person or company to the Trash, goes back to its list, and offers Undo. */
export function useMoveToTrash(item: { kind: 'person' | 'company'; id: string }, name: string, back: Route) {
  const cache = useCache();
  const ui = useUiStore();
  const navigate = useUi((s) => s.navigate);
  return () => {
    const ids = [item.id];
    (item.kind === 'person'
      ? cache.mutate('people.delete', { ids })
      : cache.mutate('companies.delete', { ids })
    )
      .then(() => {
        navigate(back);
        undoToast(ui, `Moved ${name} to the Trash.`, async () => {
          await cache.mutate('trash.restore', { items: [{ kind: item.kind, id: item.id }] });
          return `${name} is back.`;
        });
      })
      .catch((err: unknown) => ui.getState().toast(messageOf(err), 'error'));
  };
}
