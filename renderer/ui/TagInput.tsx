/**
 * Tags as chips: type and press Enter or comma to add (known tags are suggested), Backspace in
 * the empty box removes the last one, each chip has its own remove button.
 */
import { useId, useState, type KeyboardEvent } from 'react';
import { X } from 'lucide-react';
import { ICON, STROKE } from './icons.ts';
import './tag-input.css';

export function TagInput({
  label,
  tags,
  onChange,
  suggestions = [],
  placeholder = 'Add a tag…',
  invalid,
  describedBy,
}: {
  label: string;
  tags: readonly string[];
  onChange(tags: string[]): void;
  suggestions?: readonly string[];
  placeholder?: string;
  invalid?: boolean;
  describedBy?: string | undefined;
}) {
  const id = useId();
  const [text, setText] = useState('');

  function add(raw: string) {
    const value = raw.trim().replace(/,$/u, '').trim();
    if (!value) return;
    const known = suggestions.find((s) => s.toLowerCase() === value.toLowerCase()) ?? value;
    if (!tags.some((t) => t.toLowerCase() === known.toLowerCase())) onChange([...tags, known]);
    setText('');
  }

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter' || event.key === ',') {
      if (text.trim()) {
        event.preventDefault();
        add(text);
      }
    } else if (event.key === 'Backspace' && text === '' && tags.length > 0) {
      onChange(tags.slice(0, -1));
    }
  }

  const unused = suggestions.filter((s) => !tags.some((t) => t.toLowerCase() === s.toLowerCase()));
  return (
    <div className={`tag-input${invalid ? ' tag-input--invalid' : ''}`} role="group" aria-label={label}>
      {tags.map((t) => (
        <span key={t} className="tag tag--chip">
          {t}
          <button
            type="button"
            className="tag__remove"
            aria-label={`Remove the tag ${t}`}
            onClick={() => onChange(tags.filter((x) => x !== t))}
          >
            <X size={ICON.small} strokeWidth={STROKE} aria-hidden />
          </button>
        </span>
      ))}
      <input
        className="tag-input__box"
        aria-label={`Add a tag to ${label.toLowerCase()}`}
        aria-describedby={describedBy}
        aria-invalid={invalid || undefined}
        list={`${id}-tags`}
        value={text}
        placeholder={tags.length === 0 ? placeholder : ''}
        onChange={(e) => {
          const value = e.target.value;
          // Choosing from the suggestions fills the whole tag at once.
          const picked = (e.nativeEvent as InputEvent).inputType === 'insertReplacementText';
          if (picked && unused.includes(value)) add(value);
          else setText(value);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => add(text)}
      />
      <datalist id={`${id}-tags`}>
        {unused.map((s) => (
          <option key={s} value={s} />
        ))}
      </datalist>
    </div>
  );
}
