/**
 * Choosing who a deal or case is with: a person or a company, by typing (the search picker over
 * the global search's People and Companies groups).
 */
import { Building2, UserRound } from 'lucide-react';
import { ICON, STROKE } from '../../ui/icons.ts';
import { SearchPicker } from '../search/SearchPicker.tsx';

export interface PickedCustomer {
  kind: 'person' | 'company';
  id: string;
  name: string;
  detail?: string | null;
}

export function CustomerPicker({
  label = 'Customer',
  value,
  onChange,
  error,
  autoFocus,
}: {
  label?: string;
  value: PickedCustomer | null;
  onChange(customer: PickedCustomer | null): void;
  error?: string | null | undefined;
  autoFocus?: boolean;
}) {
  return (
    <SearchPicker<PickedCustomer>
      label={label}
      value={value}
      onChange={onChange}
      error={error}
      autoFocus={autoFocus}
      placeholder="Type a person’s or a company’s name"
      kinds={['person', 'company']}
      limit={6}
      listLabel="Matching customers"
      again="choose another"
      choiceOf={(hit) => ({
        kind: hit.kind === 'company' ? 'company' : 'person',
        id: hit.id,
        name: hit.title,
        detail: hit.detail,
      })}
      badge={(customer) => {
        const Icon = customer.kind === 'company' ? Building2 : UserRound;
        return <Icon size={ICON.inline} strokeWidth={STROKE} aria-hidden />;
      }}
    />
  );
}
