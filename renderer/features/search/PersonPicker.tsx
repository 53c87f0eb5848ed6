/** Choosing a person by typing: the search picker over the global search's People group. */
import type { RefObject } from 'react';
import { Avatar } from '../../ui/Avatar.tsx';
import type { PickedPerson } from './PickedPerson.ts';
import { SearchPicker } from './SearchPicker.tsx';

export type { PickedPerson } from './PickedPerson.ts';

export function PersonPicker({
  label,
  value,
  onChange,
  error,
  hint,
  placeholder = 'Type a name, company, email or phone',
  focusRef,
}: {
  label: string;
  value: PickedPerson | null;
  onChange(person: PickedPerson | null): void;
  error?: string | null | undefined;
  hint?: string;
  placeholder?: string;
  /** Set to whichever element takes the focus: the field, or the chip once someone is chosen. */
  focusRef?: RefObject<HTMLElement | null>;
}) {
  return (
    <SearchPicker<PickedPerson>
      label={label}
      value={value}
      onChange={onChange}
      error={error}
      hint={hint}
      placeholder={placeholder}
      focusRef={focusRef}
      kinds={['person']}
      limit={8}
      listLabel="Matching people"
      again="choose someone else"
      choiceOf={(hit) => ({ id: hit.id, name: hit.title, detail: hit.detail })}
      badge={(person) => <Avatar name={person.name} size="sm" />}
    />
  );
}
