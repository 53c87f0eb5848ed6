/** New company: name first, then how to reach it. Saving opens the company's page. */
import { useId, useState, type FormEvent, type KeyboardEvent } from 'react';
import { useCache, useQuery } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { FieldError } from '../../ui/Field.tsx';
import { SaveFooter } from '../../ui/DialogParts.tsx';
import { blankCompany, companyErrors, companyInput, CompanyForm, type CompanyDraft } from './CompanyForm.tsx';

export function NewCompanyDialog({ onClose }: { onClose(): void }) {
  const id = useId();
  const cache = useCache();
  const ui = useUiStore();
  const fields = (useQuery('customFields.list', {}).data ?? []).filter((f) => f.entity === 'company');
  const [draft, setDraft] = useState<CompanyDraft>(blankCompany);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function save(event?: FormEvent) {
    event?.preventDefault();
    const sent = companyInput(draft, fields);
    setSaving(true);
    try {
      const company = await cache.mutate('companies.create', sent.input);
      onClose();
      ui.getState().toast(`Added ${company.name}.`);
      ui.getState().navigate(`companies/${company.id}`);
    } catch (err) {
      setSaving(false);
      const e = companyErrors(err, sent.phoneKeys);
      setErrors(e.fields);
      setFormError(e.form);
    }
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
      event.preventDefault();
      void save();
    }
  }

  return (
    <Dialog labelledBy={`${id}-title`} onClose={onClose} className="dialog--wide" placement="top">
      <form className="new-person" onSubmit={save} onKeyDown={onKeyDown} noValidate>
        <div className="dialog__header">
          <h2 className="dialog__title" id={`${id}-title`}>
            New company
          </h2>
        </div>
        <div className="dialog__body">
          <CompanyForm
            draft={draft}
            onChange={(d) => {
              setDraft(d);
              setFormError(null);
            }}
            errors={errors}
            sections={['details', 'phones', 'address', 'custom']}
            fields={fields}
            autoFocus
          />
          {formError ? (
            <div role="alert" className="form-alert">
              <FieldError message={formError} />
            </div>
          ) : null}
        </div>
        <SaveFooter onCancel={onClose} saving={saving}>
          Save company
        </SaveFooter>
      </form>
    </Dialog>
  );
}
