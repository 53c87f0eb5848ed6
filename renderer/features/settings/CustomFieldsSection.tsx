/**
 * Custom fields: the extra facts this business keeps about people and companies (shoe size, account
 * number, preferred branch). Defined here; they appear on the forms, in the list filters and exports.
 * Also the way to the editable call lists (purposes and outcomes).
 */
import { useId, useState, type FormEvent } from 'react';
import { ListPlus, Trash2 } from 'lucide-react';
import { CUSTOM_FIELD_TYPES, type CustomField, type CustomFieldType } from '../../../shared/domain/people.ts';
import { formErrors, messageOf } from '../../api/errors.ts';
import { useCache, useMutation, useQuery } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { Button } from '../../ui/Button.tsx';
import { FieldError, Select } from '../../ui/Field.tsx';
import { ErrorState } from '../../ui/States.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { SettingsGroup, SettingsRow } from './SettingsRow.tsx';

export const FIELD_TYPE_LABELS: Record<CustomFieldType, string> = {
  text: 'Text',
  number: 'Number',
  date: 'Date',
  select: 'One choice from a list',
  multiselect: 'Several choices from a list',
  checkbox: 'Yes or no',
};
const hasOptions = (type: CustomFieldType) => type === 'select' || type === 'multiselect';

function FieldRow({ field }: { field: CustomField }) {
  const cache = useCache();
  const ui = useUiStore();
  const what = field.entity === 'person' ? 'People' : 'Companies';
  async function remove() {
    try {
      await cache.mutate('customFields.delete', { id: field.id });
      ui.getState().toast(`Removed the field “${field.label}”. Values already saved are kept in the book.`);
    } catch (err) {
      ui.getState().toast(messageOf(err), 'error');
    }
  }
  return (
    <li className="staff__row">
      <div className="staff__line">
        <div className="staff__who">
          <span className="staff__name">{field.label}</span>
          <span className="staff__email">
            {what} · {FIELD_TYPE_LABELS[field.type]}
            {field.options.length > 0 ? ` · ${field.options.join(', ')}` : ''}
          </span>
        </div>
        <Button
          variant="ghost"
          size="icon"
          aria-label={`Remove the field ${field.label}`}
          title="Remove"
          icon={<Trash2 size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
          onClick={() => void remove()}
        />
      </div>
    </li>
  );
}

function AddFieldForm() {
  const id = useId();
  const create = useMutation('customFields.create');
  const ui = useUiStore();
  const [entity, setEntity] = useState<'person' | 'company'>('person');
  const [label, setLabel] = useState('');
  const [type, setType] = useState<CustomFieldType>('text');
  const [options, setOptions] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});

  async function submit(event: FormEvent) {
    event.preventDefault();
    const choices = options
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean);
    if (hasOptions(type) && choices.length === 0) {
      setErrors({ options: 'List the choices, separated by commas.' });
      return;
    }
    try {
      const created = await create.mutate({ entity, label, type, options: hasOptions(type) ? choices : [] });
      setLabel('');
      setOptions('');
      setErrors({});
      ui.getState().toast(`Added the field “${created.label}”.`);
    } catch (err) {
      const e = formErrors(err, ['label', 'options']);
      setErrors(e.form ? { ...e.fields, label: e.fields.label ?? e.form } : e.fields);
    }
  }

  return (
    <form
      className="staff__add custom-fields__add"
      onSubmit={submit}
      noValidate
      aria-label="Add a custom field"
    >
      <div className="field staff__add-field">
        <label className="field__label" htmlFor={`${id}-label`}>
          Field name
        </label>
        <input
          id={`${id}-label`}
          className="input"
          placeholder="Account number"
          value={label}
          aria-invalid={errors.label ? true : undefined}
          aria-describedby={errors.label ? `${id}-label-error` : undefined}
          onChange={(e) => {
            setLabel(e.target.value);
            setErrors((x) => ({ ...x, label: '' }));
          }}
        />
        {errors.label ? <FieldError id={`${id}-label-error`} message={errors.label} /> : null}
      </div>
      <div className="field staff__add-field">
        <label className="field__label" htmlFor={`${id}-entity`}>
          For
        </label>
        <Select
          id={`${id}-entity`}
          value={entity}
          onChange={(e) => setEntity(e.target.value as 'person' | 'company')}
        >
          <option value="person">People</option>
          <option value="company">Companies</option>
        </Select>
      </div>
      <div className="field staff__add-field">
        <label className="field__label" htmlFor={`${id}-type`}>
          Kind
        </label>
        <Select id={`${id}-type`} value={type} onChange={(e) => setType(e.target.value as CustomFieldType)}>
          {CUSTOM_FIELD_TYPES.map((t) => (
            <option key={t} value={t}>
              {FIELD_TYPE_LABELS[t]}
            </option>
          ))}
        </Select>
      </div>
      {hasOptions(type) ? (
        <div className="field staff__add-field">
          <label className="field__label" htmlFor={`${id}-options`}>
            Choices
          </label>
          <input
            id={`${id}-options`}
            className="input"
            placeholder="North, South, Online"
            value={options}
            aria-invalid={errors.options ? true : undefined}
            aria-describedby={errors.options ? `${id}-options-error` : undefined}
            onChange={(e) => {
              setOptions(e.target.value);
              setErrors((x) => ({ ...x, options: '' }));
            }}
          />
          {errors.options ? <FieldError id={`${id}-options-error`} message={errors.options} /> : null}
        </div>
      ) : null}
      <Button
        type="submit"
        className="staff__add-button"
        disabled={create.pending}
        icon={<ListPlus size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
      >
        Add field
      </Button>
    </form>
  );
}

export function CustomFieldsSection() {
  const fields = useQuery('customFields.list', {});
  const ui = useUiStore();
  const list = fields.data ?? [];
  return (
    <SettingsGroup
      id="settings-fields"
      title="Fields and lists"
      description="Extra facts you keep about people and companies. They appear on the forms, in the filters and in exports."
    >
      {fields.status === 'error' && !fields.data ? (
        <ErrorState
          title="Could not load the custom fields"
          message={fields.error?.message ?? 'Try again.'}
          onRetry={() => void fields.refetch()}
        />
      ) : (
        <>
          {list.length > 0 ? (
            <ul className="staff__list" aria-label="Custom fields">
              {list.map((f) => (
                <FieldRow key={f.id} field={f} />
              ))}
            </ul>
          ) : (
            <p className="custom-fields__empty">No custom fields yet. Add the first one below.</p>
          )}
          <AddFieldForm />
        </>
      )}
      <SettingsRow label="Call lists" hint="The purposes and outcomes you choose from when you log a call.">
        <Button onClick={() => ui.getState().openListsEditor()}>Edit call purposes and outcomes</Button>
      </SettingsRow>
    </SettingsGroup>
  );
}
