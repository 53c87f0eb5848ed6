/** A shortcut drawn as keys: ["Mod", "K"] becomes ⌘ K on a Mac and Ctrl K elsewhere. */
import { keyLabel } from '../lib/platform.ts';

export function Kbd({ keys, className }: { keys: readonly string[]; className?: string }) {
  const labels = keys.map(keyLabel);
  return (
    <span className={['kbd', className].filter(Boolean).join(' ')} aria-label={labels.join(' ')}>
      {labels.map((label, i) => (
        <kbd key={i} aria-hidden>
          {label}
        </kbd>
      ))}
    </span>
  );
}
