/**
 * A person's photo on their page: the round avatar in the header shows it (or their initials), and
 * is itself the button to add one, or to change or remove it; the page's More menu offers the same.
 *
 * The picture is chosen as any file is: the desktop app's Open dialog (files.open, purpose
 * 'image'), or in the browser preview a file input whose file is uploaded (renderer/api/files.ts).
 * The backend tells the picture's type from its bytes and refuses anything but JPEG, PNG, GIF and
 * WebP up to 5 MB; the size is checked here first too, so a huge file is not sent for nothing.
 * Adding, changing and removing each raise a note with Undo. Lists never show photos.
 */
import { useRef, useState, type ReactNode } from 'react';
import { Camera, ImageMinus, ImagePlus, LoaderCircle } from 'lucide-react';
import { photoSizeProblem, type Person, type PersonPhoto } from '../../../shared/domain/people.ts';
import type { FileRef } from '../../../shared/domain/transfer.ts';
import { messageOf, toneOf } from '../../api/errors.ts';
import { hasNativeDialogs, openWithDialog, uploadFile } from '../../api/files.ts';
import { useCache, useQuery } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { Avatar } from '../../ui/Avatar.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { Menu, type MenuEntry } from '../../ui/Menu.tsx';
import { undoBatchToast } from './common.tsx';

/** What the file input offers (the backend decides by the bytes). */
const ACCEPT = 'image/jpeg,image/png,image/gif,image/webp,.jpg,.jpeg,.png,.gif,.webp';

export interface PersonPhotoControls {
  /** The photo, once loaded (null: none). */
  photo: PersonPhoto | null | undefined;
  /** Choosing, sending or saving a picture, or removing one. */
  busy: boolean;
  /** Opens the Open dialog, or (preview) the file input. Call it from a click. */
  choose(): void;
  remove(): void;
  /** The More menu's entries for the photo. */
  entries: MenuEntry[];
  /** The hidden file input (preview only); render it once, anywhere. */
  input: ReactNode;
}

export function usePersonPhoto(person: Person): PersonPhotoControls {
  const cache = useCache();
  const ui = useUiStore();
  const photo = useQuery('people.getPhoto', { id: person.id }).data;
  const native = hasNativeDialogs();
  const inputRef = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const name = person.displayName;

  const fail = (err: unknown) => ui.getState().toast(messageOf(err), toneOf(err));

  async function save(file: FileRef) {
    const had = Boolean(photo);
    const change = await cache.mutate('people.setPhoto', { id: person.id, fileId: file.fileId });
    cache.setData('people.getPhoto', { id: person.id }, change.photo);
    undoBatchToast(
      cache,
      ui,
      had ? `Changed the photo of ${name}.` : `Added a photo of ${name}.`,
      change.batchId,
      had ? 'The earlier photo is back.' : 'The photo is removed.',
    );
  }

  async function run(work: () => Promise<void>) {
    setBusy(true);
    try {
      await work();
    } catch (err) {
      fail(err);
    } finally {
      setBusy(false);
    }
  }

  function take(file: File) {
    const tooBig = photoSizeProblem(file.name, file.size);
    if (tooBig) {
      ui.getState().toast(tooBig, 'error');
      return;
    }
    void run(async () => save(await uploadFile(file)));
  }

  function choose() {
    if (busy) return;
    if (!native) {
      inputRef.current?.click();
      return;
    }
    void run(async () => {
      const file = await openWithDialog(cache.client, 'image');
      if (file) await save(file);
    });
  }

  function remove() {
    if (busy) return;
    void run(async () => {
      const change = await cache.mutate('people.removePhoto', { id: person.id });
      cache.setData('people.getPhoto', { id: person.id }, null);
      undoBatchToast(cache, ui, `Removed the photo of ${name}.`, change.batchId, 'The photo is back.');
    });
  }

  const entries: MenuEntry[] = [
    {
      id: 'photo',
      label: photo ? 'Change photo…' : 'Add photo…',
      icon: <ImagePlus size={ICON.inline} strokeWidth={STROKE} />,
      onSelect: choose,
    },
    ...(photo
      ? [
          {
            id: 'remove-photo',
            label: 'Remove photo',
            icon: <ImageMinus size={ICON.inline} strokeWidth={STROKE} />,
            onSelect: remove,
          },
        ]
      : []),
  ];

  return {
    photo,
    busy,
    choose,
    remove,
    entries,
    input: native ? null : (
      <input
        ref={inputRef}
        type="file"
        accept={ACCEPT}
        className="visually-hidden"
        tabIndex={-1}
        aria-hidden
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) take(file);
        }}
      />
    ),
  };
}

/**
 * The header's avatar: the photo, round, or the initials. Without a photo it is the button that
 * adds one; with one, it opens a small menu to change or remove it.
 */
export function HeroPhoto({ person, controls }: { person: Person; controls: PersonPhotoControls }) {
  const { photo, busy } = controls;
  const name = person.displayName;
  // A photo a vCard brought may be of a type no browser shows (HEIC): the initials stand in.
  const [unshowable, setUnshowable] = useState<string | null>(null);
  const showable = photo && photo.dataUrl !== unshowable ? photo : null;

  const face = (
    <>
      {showable ? (
        <img
          className="avatar avatar--photo"
          src={showable.dataUrl}
          alt=""
          draggable={false}
          onError={() => setUnshowable(showable.dataUrl)}
        />
      ) : (
        <Avatar name={name} size="lg" />
      )}
      <span className="hero__photo-badge" aria-hidden>
        {busy ? (
          <LoaderCircle className="spinner" size={ICON.small} strokeWidth={STROKE} />
        ) : (
          <Camera size={ICON.small} strokeWidth={STROKE} />
        )}
      </span>
    </>
  );

  if (!photo) {
    return (
      <span className="hero__photo-anchor">
        <button
          type="button"
          className="hero__photo"
          aria-label={`Add a photo of ${name}`}
          title="Add a photo"
          aria-busy={busy || undefined}
          onClick={controls.choose}
        >
          {face}
        </button>
        {controls.input}
      </span>
    );
  }
  const title =
    showable === null ? `This photo (${photo.mime}) cannot be shown here. Change or remove it.` : undefined;
  return (
    <span className="hero__photo-anchor">
      <Menu
        label="Photo"
        placement="bottom-start"
        entries={controls.entries}
        trigger={(props) => (
          <button
            type="button"
            className="hero__photo hero__photo--set"
            aria-label={`Photo of ${name}`}
            title={title ?? 'Change or remove the photo'}
            aria-busy={busy || undefined}
            {...props}
          >
            {face}
          </button>
        )}
      />
      {controls.input}
    </span>
  );
}
