/** Who an order is for: a person (the search's people) and/or a company (by name). */
import { useState } from 'react';
import { Building2 } from 'lucide-react';
import { useCache, useQuery } from '../../stores/query.hooks.tsx';
import { Combobox } from '../../ui/Combobox.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { PersonPicker } from '../search/PersonPicker.tsx';
import type { OrderDraft } from './order-draft.ts';

function CompanyPicker({
  id,
  name,
  invalid,
  disabled,
  onChange,
}: {
  id: string | null;
  name: string | null;
  invalid: boolean;
  disabled: boolean;
  onChange(company: { id: string | null; name: string | null }): void;
}) {
  const [text, setText] = useState(name ?? '');
  const [shownFor, setShownFor] = useState(id);
  if (shownFor !== id) {
    // Filled from outside (choosing a person fills their company).
    setShownFor(id);
    setText(name ?? '');
  }
  const companies = useQuery('companies.list', {
    sort: 'name',
    filter: text.trim() && !id ? { query: text.trim() } : {},
    limit: 8,
  });
  const options = id
    ? []
    : (companies.data?.rows ?? []).map((c) => ({
        id: c.id,
        label: c.name,
        detail: c.city ?? c.industry,
        icon: <Building2 size={ICON.inline} strokeWidth={STROKE} />,
      }));
  return (
    <div className="field">
      <Combobox
        label="Company"
        labelVisible
        text={text}
        onText={(t) => {
          setText(t);
          if (id) onChange({ id: null, name: null });
        }}
        options={disabled ? [] : options}
        onChoose={(o) => {
          setText(o.label);
          setShownFor(o.id);
          onChange({ id: o.id, name: o.label });
        }}
        placeholder="Type a company name"
        loading={companies.fetching}
        emptyText="No company matches"
        invalid={invalid}
      />
    </div>
  );
}

export function CustomerFields({
  draft,
  error,
  onChange,
}: {
  draft: OrderDraft;
  error: string | null | undefined;
  onChange(patch: Partial<OrderDraft>): void;
}) {
  const cache = useCache();
  return (
    <>
      <PersonPicker
        label="Person"
        value={draft.personId ? { id: draft.personId, name: draft.personName ?? '' } : null}
        placeholder="Type a name, email or phone"
        error={error}
        onChange={(p) => {
          onChange({ personId: p?.id ?? null, personName: p?.name ?? null });
          if (p && !draft.companyId) {
            // Their company comes along, as the person on the phone usually buys for it.
            cache.client.call('people.get', { id: p.id }).then(
              (person) => {
                if (person.companyId)
                  onChange({ companyId: person.companyId, companyName: person.companyName });
              },
              () => {},
            );
          }
        }}
      />
      <CompanyPicker
        id={draft.companyId}
        name={draft.companyName}
        invalid={Boolean(error)}
        disabled={false}
        onChange={(c) => onChange({ companyId: c.id, companyName: c.name })}
      />
    </>
  );
}
