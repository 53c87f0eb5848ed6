/**
 * Where snapshots go (another drive keeps them safe when this one fails) and whether one is taken
 * before every import and merge. The desktop app chooses the folder in the system's dialog; the
 * browser preview has none, so there the path is typed. A folder the backend refuses says why
 * next to it.
 */
import { useId, useState, type FormEvent } from 'react';
import { FolderOpen } from 'lucide-react';
import type { BackupOverview } from '../../../shared/api/requests/backups.requests.ts';
import { formErrors, messageOf } from '../../api/errors.ts';
import { useFormat } from '../../lib/format.context.tsx';
import { useCache, useQuery } from '../../stores/query.hooks.tsx';
import { Button } from '../../ui/Button.tsx';
import { FieldError } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { SavedNote, SettingsGroup, SettingsRow } from '../settings/SettingsRow.tsx';
import { useSavedFlash } from '../settings/useSavedFlash.ts';
import { sizeText } from './backup-words.ts';
import { PathText } from '../../ui/PathText.tsx';
import '../settings/settings.css';

/** Less free space than this many snapshots of the book's size is worth a word. */
const ROOM_FOR = 3;

function FreeSpace({ overview }: { overview: BackupOverview }) {
  const fmt = useFormat();
  if (overview.freeBytes === null) return null;
  const free = sizeText(overview.freeBytes, fmt.locale);
  const tight = overview.freeBytes < overview.book.bytes * ROOM_FOR;
  return tight ? (
    <span className="backups-free backups-free--tight">
      Only {free} free on that drive, and a snapshot takes about {sizeText(overview.book.bytes, fmt.locale)}
    </span>
  ) : (
    <span className="backups-free">{free} free on that drive</span>
  );
}

function FolderRow({ overview }: { overview: BackupOverview }) {
  const cache = useCache();
  const info = useQuery('app.info', {});
  const id = useId();
  const [typing, setTyping] = useState(false);
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, flash] = useSavedFlash();
  const custom = overview.folder !== overview.defaultFolder;

  async function save(folder: string | null): Promise<boolean> {
    setBusy(true);
    setError(null);
    try {
      const next = await cache.mutate('backups.settings', { folder });
      cache.setData('backups.overview', {}, next);
      flash();
      return true;
    } catch (err) {
      const { fields, form } = formErrors(err, ['folder']);
      setError(fields.folder ?? form);
      return false;
    } finally {
      setBusy(false);
    }
  }

  async function choose() {
    setError(null);
    setBusy(true);
    try {
      const chosen = await cache.mutate('backups.chooseFolder', {});
      setBusy(false);
      if (chosen) {
        await save(chosen.folder);
      } else if (info.data?.host !== 'desktop') {
        // No folder dialog here (the browser preview): type the path instead.
        setDraft(overview.folder);
        setTyping(true);
      }
    } catch (err) {
      setBusy(false);
      setError(messageOf(err));
    }
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (await save(draft)) setTyping(false);
  }

  return (
    <SettingsRow
      label="Snapshots folder"
      labelFor={typing ? `${id}-path` : undefined}
      hint={<FreeSpace overview={overview} />}
    >
      <div className="backups-folder">
        {typing ? (
          <form
            className="backups-folder__form"
            onSubmit={(e) => void submit(e)}
            aria-label="Snapshots folder"
          >
            <input
              id={`${id}-path`}
              className="input backups-folder__input"
              value={draft}
              spellCheck={false}
              autoComplete="off"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-error` : `${id}-hint`}
              onChange={(e) => setDraft(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Escape') {
                  e.preventDefault();
                  setTyping(false);
                  setError(null);
                }
              }}
              autoFocus
            />
            <Button type="submit" variant="primary" disabled={busy}>
              Use this folder
            </Button>
            <Button
              onClick={() => {
                setTyping(false);
                setError(null);
              }}
            >
              Cancel
            </Button>
          </form>
        ) : (
          <PathText path={overview.folder} what="snapshots folder" />
        )}
        {error ? <FieldError id={`${id}-error`} message={error} /> : null}
        {typing && !error ? (
          <span className="backups-folder__hint" id={`${id}-hint`}>
            The full path of a folder on this computer or another drive. It is made if it is not there.
          </span>
        ) : typing ? null : (
          <div className="backups-folder__actions">
            <Button
              icon={<FolderOpen size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
              disabled={busy}
              onClick={() => void choose()}
            >
              Change folder…
            </Button>
            {custom ? (
              <button type="button" className="link-button" disabled={busy} onClick={() => void save(null)}>
                Use the default folder
              </button>
            ) : null}
            <SavedNote show={saved} />
          </div>
        )}
      </div>
    </SettingsRow>
  );
}

function BeforeChangesRow({ overview }: { overview: BackupOverview }) {
  const cache = useCache();
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, flash] = useSavedFlash();

  async function change(beforeChanges: boolean) {
    setBusy(true);
    setError(null);
    try {
      const next = await cache.mutate('backups.settings', { beforeChanges });
      cache.setData('backups.overview', {}, next);
      flash();
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <SettingsRow label="Before changes" hint="A copy to go back to if an import or a merge goes wrong.">
      <div className="backups-folder">
        <div className="backups-check-line">
          <label className="backups-check">
            <input
              type="checkbox"
              className="check"
              checked={overview.beforeChanges}
              disabled={busy}
              aria-describedby={error ? `${id}-error` : undefined}
              onChange={(e) => void change(e.target.checked)}
            />
            <span>Take a snapshot before every import and merge</span>
          </label>
          <SavedNote show={saved} />
        </div>
        {error ? <FieldError id={`${id}-error`} message={error} /> : null}
      </div>
    </SettingsRow>
  );
}

export function BackupSettings({ overview }: { overview: BackupOverview }) {
  return (
    <SettingsGroup
      id="backups-settings"
      title="Snapshot settings"
      description="Keep the snapshots on another drive, or in a synced folder, so a failing disk does not take them with the book."
    >
      <FolderRow overview={overview} />
      <BeforeChangesRow overview={overview} />
    </SettingsGroup>
  );
}
