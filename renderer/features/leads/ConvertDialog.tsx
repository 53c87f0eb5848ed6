/**
 * Converting a lead in one step: they become a customer; a person can also get a new company,
 * and either can get a deal. Everything is saved together, and one Undo takes it all back.
 */
import { useId, useState, type FormEvent } from 'react';
import type { Lead } from '../../../shared/domain/pipeline.ts';
import type { CURRENCIES } from '../../../shared/domain/settings.ts';
import { formErrors } from '../../api/errors.ts';
import { useFormat } from '../../lib/format.context.tsx';
import { useCache, useQuery } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { DialogHeader, SaveFooter } from '../../ui/DialogParts.tsx';
import { FieldError, SelectField, TextField } from '../../ui/Field.tsx';
import { undoBatchToast } from '../contacts/common.tsx';
import { amountOf } from '../pipeline/pipeline-words.ts';
import '../calls/calls.css';
import '../pipeline/pipeline.css';

export function ConvertDialog({ lead, onClose }: { lead: Lead; onClose(): void }) {
  const cache = useCache();
  const ui = useUiStore();
  const fmt = useFormat();
  const titleId = useId();
  const stages = (useQuery('dealStages.list', {}).data ?? []).filter((s) => s.active);
  const settings = useQuery('settings.get', {}).data;
  const [withCompany, setWithCompany] = useState(false);
  const [companyName, setCompanyName] = useState('');
  const [withDeal, setWithDeal] = useState(false);
  const [dealTitle, setDealTitle] = useState('');
  const [value, setValue] = useState('');
  const [stageId, setStageId] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const currency = (settings?.currency ?? fmt.currency) as (typeof CURRENCIES)[number]['code'];
  const canAddCompany = lead.kind === 'person' && !lead.companyId;

  async function save(event?: FormEvent) {
    event?.preventDefault();
    if (saving) return;
    const local: Record<string, string> = {};
    if (withCompany && !companyName.trim()) local['company.name'] = 'Enter the company’s name.';
    const minor = amountOf(value, currency);
    if (withDeal && !dealTitle.trim()) local['deal.title'] = 'Give the deal a title.';
    if (withDeal && minor === null) local['deal.value'] = 'Type an amount such as 1250 or 1,250.50.';
    if (Object.keys(local).length) {
      setErrors(local);
      return;
    }
    setSaving(true);
    try {
      const result = await cache.mutate('leads.convert', {
        ...(lead.kind === 'person' ? { personId: lead.id } : { companyId: lead.id }),
        ...(withCompany && canAddCompany ? { company: { name: companyName } } : {}),
        ...(withDeal
          ? { deal: { title: dealTitle, value: minor ?? 0, currency, ...(stageId ? { stageId } : {}) } }
          : {}),
      });
      onClose();
      const extras = [
        result.createdCompanyId ? `${companyName.trim()} is added` : null,
        result.deal ? `“${result.deal.title}” is on the board` : null,
      ].filter(Boolean);
      undoBatchToast(
        cache,
        ui,
        `${lead.name} is now a customer${extras.length ? `; ${extras.join(' and ')}` : ''}.`,
        result.batchId,
        `${lead.name} is a lead again.`,
      );
    } catch (err) {
      setSaving(false);
      const e = formErrors(err, ['company.name', 'deal.title', 'deal.value', 'deal.stageId']);
      setErrors(e.fields);
      setFormError(e.form);
    }
  }

  return (
    <Dialog labelledBy={titleId} onClose={onClose} className="deal-dialog">
      <form
        className="logcall__form"
        onSubmit={save}
        noValidate
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            void save();
          }
        }}
      >
        <DialogHeader titleId={titleId} onClose={onClose}>
          Convert {lead.name}
        </DialogHeader>
        <div className="dialog__body deal-dialog__body">
          <p className="convert__lede">
            {lead.name} becomes a customer. You can add {canAddCompany ? 'their company and ' : ''}a deal in
            the same step; Undo takes all of it back.
          </p>
          {canAddCompany ? (
            <div className="deal-dialog__group">
              <label className="deal-dialog__check">
                <input
                  type="checkbox"
                  checked={withCompany}
                  onChange={(e) => setWithCompany(e.target.checked)}
                />
                Also add their company
              </label>
              {withCompany ? (
                <TextField
                  label="Company name"
                  value={companyName}
                  autoFocus
                  error={errors['company.name']}
                  onChange={(e) => setCompanyName(e.target.value)}
                />
              ) : null}
            </div>
          ) : null}
          <div className="deal-dialog__group">
            <label className="deal-dialog__check">
              <input
                type="checkbox"
                checked={withDeal}
                onChange={(e) => {
                  setWithDeal(e.target.checked);
                  if (e.target.checked && !dealTitle) setDealTitle(`${lead.companyName ?? lead.name}`);
                }}
              />
              Also open a deal
            </label>
            {withDeal ? (
              <>
                <TextField
                  label="Deal title"
                  value={dealTitle}
                  error={errors['deal.title']}
                  onChange={(e) => setDealTitle(e.target.value)}
                />
                <div className="deal-dialog__row">
                  <TextField
                    label={`Value (${currency})`}
                    inputMode="decimal"
                    placeholder="0.00"
                    value={value}
                    error={errors['deal.value']}
                    onChange={(e) => setValue(e.target.value)}
                  />
                  <SelectField
                    label="Stage"
                    value={stageId || stages[0]?.id || ''}
                    error={errors['deal.stageId']}
                    onChange={(e) => setStageId(e.target.value)}
                  >
                    {stages.map((s) => (
                      <option key={s.id} value={s.id}>
                        {s.name}
                      </option>
                    ))}
                  </SelectField>
                </div>
              </>
            ) : null}
          </div>
          {formError ? <FieldError message={formError} /> : null}
        </div>
        <SaveFooter onCancel={onClose} saving={saving}>
          Convert to customer
        </SaveFooter>
      </form>
    </Dialog>
  );
}
