/** "?": every shortcut in one sheet. */
import { useId } from 'react';
import { X } from 'lucide-react';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { Kbd } from '../../ui/Kbd.tsx';
import { LIST_KEYS, SHORTCUTS } from './shortcuts.ts';

export function ShortcutsDialog({ onClose }: { onClose(): void }) {
  const titleId = useId();
  const groups = [...new Set(SHORTCUTS.map((s) => s.group))];
  return (
    <Dialog labelledBy={titleId} onClose={onClose} className="shortcuts" focusPanel>
      <div className="dialog__header">
        <h2 className="dialog__title" id={titleId}>
          Keyboard shortcuts
        </h2>
        <Button
          variant="ghost"
          size="icon"
          aria-label="Close"
          onClick={onClose}
          icon={<X size={ICON.nav} strokeWidth={STROKE} aria-hidden />}
        />
      </div>
      <div className="dialog__body">
        {groups.map((group) => (
          <section key={group} className="shortcuts__group" aria-label={group}>
            <h3>{group}</h3>
            <ul className="shortcuts__list" role="list">
              {SHORTCUTS.filter((s) => s.group === group).map((s) => (
                <li key={s.command} className="shortcuts__row">
                  <span>{s.label}</span>
                  <span className="shortcuts__keys">
                    <Kbd keys={s.keys} />
                    {s.also ? (
                      <>
                        <span className="shortcuts__or">or</span>
                        <Kbd keys={s.also} />
                      </>
                    ) : null}
                  </span>
                </li>
              ))}
            </ul>
          </section>
        ))}
        <section className="shortcuts__group" aria-label="In lists and dialogs">
          <h3>In lists and dialogs</h3>
          <ul className="shortcuts__list" role="list">
            {LIST_KEYS.map((s) => (
              <li key={s.label} className="shortcuts__row">
                <span>{s.label}</span>
                <Kbd keys={s.keys} />
              </li>
            ))}
          </ul>
        </section>
      </div>
    </Dialog>
  );
}
