/** Settings for sales: how order numbers start, and the product categories. */
import { useId, useState, type FormEvent } from 'react';
import { Tags } from 'lucide-react';
import { formErrors } from '../../api/errors.ts';
import { useMutation, useQuery } from '../../stores/query.hooks.tsx';
import { Button } from '../../ui/Button.tsx';
import { FieldError } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { CategoriesDialog } from '../products/CategoriesDialog.tsx';
import { SavedNote, SettingsGroup, SettingsRow } from '../settings/SettingsRow.tsx';
import { useSavedFlash } from '../settings/useSavedFlash.ts';

export function SalesSettingsSection() {
  const id = useId();
  const numbering = useQuery('orders.numbering', {}).data;
  const categories = useQuery('productCategories.list', {}).data;
  const setPrefix = useMutation('orders.setPrefix');
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, flash] = useSavedFlash();
  const [editing, setEditing] = useState(false);
  const prefix = draft ?? numbering?.prefix ?? '';
  const dirty = draft !== null && draft !== numbering?.prefix;

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!dirty) return;
    try {
      await setPrefix.mutate({ prefix });
      setDraft(null);
      setError(null);
      flash();
    } catch (err) {
      const e = formErrors(err, ['prefix']);
      setError(e.fields.prefix ?? e.form);
    }
  }

  const names = categories?.map((c) => c.name) ?? [];
  return (
    <SettingsGroup
      id="settings-sales"
      title="Sales"
      description="Order numbers and how products are grouped."
    >
      <SettingsRow
        label="Order number prefix"
        labelFor={`${id}-prefix`}
        hint={numbering ? `The next order will be ${numbering.nextReference}` : ' '}
      >
        <form className="settings__inline-form" onSubmit={save} noValidate>
          <div className="settings__inline-field">
            <input
              id={`${id}-prefix`}
              className="input"
              value={prefix}
              placeholder="No prefix"
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${id}-prefix-error` : undefined}
              onChange={(e) => {
                setDraft(e.target.value);
                setError(null);
              }}
              onKeyDown={(e) => {
                if (e.key === 'Escape' && draft !== null) {
                  e.preventDefault();
                  setDraft(null);
                  setError(null);
                }
              }}
            />
            {error ? (
              <FieldError id={`${id}-prefix-error`} message={error} />
            ) : (
              <span className="field__hint">Orders already made keep their numbers.</span>
            )}
          </div>
          <Button type="submit" disabled={!dirty || setPrefix.pending}>
            Save prefix
          </Button>
          <SavedNote show={saved} />
        </form>
      </SettingsRow>
      <SettingsRow
        label="Product categories"
        hint={categories ? (names.length === 1 ? '1 category' : `${names.length} categories`) : ' '}
      >
        <div className="settings__inline-field">
          <span className="settings__value">
            {categories === undefined ? '' : names.length ? names.join(', ') : 'None yet'}
          </span>
        </div>
        <Button
          icon={<Tags size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
          onClick={() => setEditing(true)}
        >
          Edit categories…
        </Button>
      </SettingsRow>
      {editing ? <CategoriesDialog onClose={() => setEditing(false)} /> : null}
    </SettingsGroup>
  );
}
