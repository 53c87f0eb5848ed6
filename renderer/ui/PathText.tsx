/** A path to read and copy: monospaced, cut short with the whole of it on hover (Settings, Backups). */
import { Copy } from 'lucide-react';
import { useUiStore } from '../stores/ui.store.tsx';
import { Button } from './Button.tsx';
import { ICON, STROKE } from './icons.ts';

export function PathText({ path, what }: { path: string; what: string }) {
  const ui = useUiStore();
  const canCopy = typeof navigator !== 'undefined' && Boolean(navigator.clipboard);
  return (
    <div className="path-text">
      <code className="path-text__value selectable" title={path}>
        {path}
      </code>
      {canCopy ? (
        <Button
          variant="ghost"
          size="icon"
          aria-label={`Copy the ${what}`}
          title={`Copy the ${what}`}
          icon={<Copy size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
          onClick={() =>
            navigator.clipboard
              .writeText(path)
              .then(() => ui.getState().toast(`Copied the ${what}.`))
              .catch(() =>
                ui.getState().toast('Could not copy. Select the text and copy it instead.', 'error'),
              )
          }
        />
      ) : null}
    </div>
  );
}
