/** A new deal, or changes to one: title, customer, value and currency, stage, expected close, owner. */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Deal } from '../../../shared/domain/pipeline.ts';
import { CURRENCIES } from '../../../shared/domain/settings.ts';
import { formErrors } from '../../api/errors.ts';
import { useFormat } from '../../lib/format.context.tsx';
import { useCache, useQuery } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { DialogHeader, FormDialog, SaveFooter } from '../../ui/DialogParts.tsx';
import { FieldError, SelectField, TextField } from '../../ui/Field.tsx';
import { DelayedSpinner } from '../../ui/States.tsx';
import { CustomerPicker, type PickedCustomer } from './CustomerPicker.tsx';
import { DealLines, linesInput, linesOf, type LineDraft } from './DealLines.tsx';
import { amountOf, amountText } from './pipeline-words.ts';
import '../calls/calls.css';
import './pipeline.css';

const FIELDS = ['title', 'personId', 'companyId', 'value', 'currency', 'stageId', 'expectedClose', 'ownerId'];

export function DealDialog({
  dealId,
  stageId,
  onClose,
}: {
  dealId: string | null;
  stageId?: string | undefined;
  onClose(): void;
}) {
  const cache = useCache();
  const [deal, setDeal] = useState<Deal | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    if (!dealId) return;
    let live = true;
    cache.client
      .call('deals.get', { id: dealId })
      .then((d) => live && setDeal(d))
      .catch((err: unknown) => live && setFailed(formErrors(err, []).form));
    return () => {
      live = false;
    };
  }, [cache, dealId]);
  const titleId = useId();
  if (dealId && !deal) {
    return (
      <Dialog labelledBy={titleId} onClose={onClose} className="deal-dialog">
        <DialogHeader titleId={titleId} onClose={onClose}>
          Edit deal
        </DialogHeader>
        <div className="dialog__body deal-dialog__loading">
          {failed ? <FieldError message={failed} /> : <DelayedSpinner label="Opening the deal…" />}
        </div>
      </Dialog>
    );
  }
  return <DealForm deal={deal} stageId={stageId} onClose={onClose} />;
}

function DealForm({
  deal,
  stageId,
  onClose,
}: {
  deal: Deal | null;
  stageId?: string | undefined;
  onClose(): void;
}) {
  const cache = useCache();
  const ui = useUiStore();
  const fmt = useFormat();
  const titleId = useId();
  const settings = useQuery('settings.get', {}).data;
  const staff = (useQuery('staff.list', {}).data ?? []).filter((s) => s.active || s.id === deal?.ownerId);
  const stages = (useQuery('dealStages.list', {}).data ?? []).filter((s) => s.active);
  const [title, setTitle] = useState(deal?.title ?? '');
  const [customer, setCustomer] = useState<PickedCustomer | null>(() => {
    if (!deal) return null;
    if (deal.personId)
      return { kind: 'person', id: deal.personId, name: deal.personName ?? '', detail: deal.companyName };
    if (deal.companyId) return { kind: 'company', id: deal.companyId, name: deal.companyName ?? '' };
    return null;
  });
  const [currency, setCurrency] = useState<string>(deal?.currency ?? settings?.currency ?? fmt.currency);
  const [value, setValue] = useState(deal && deal.value > 0 ? amountText(deal.value, deal.currency) : '');
  const [stage, setStage] = useState(deal?.stageId ?? stageId ?? '');
  const [close, setClose] = useState(deal?.expectedClose ?? '');
  const [owner, setOwner] = useState<string>(deal ? (deal.ownerId ?? '') : (settings?.currentStaffId ?? ''));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const titleRef = useRef<HTMLInputElement>(null);
  const [lines, setLines] = useState<LineDraft[]>(() => (deal ? linesOf(deal.lines, deal.currency) : []));
  const hasLines = lines.length > 0;
  const stageValue = stage || stages[0]?.id || '';

  async function save(event?: FormEvent) {
    event?.preventDefault();
    if (saving) return;
    const minor = amountOf(value, currency);
    const local: Record<string, string> = {};
    if (!title.trim()) local.title = 'Give the deal a title.';
    if (!customer) local.personId = 'Choose the person or company the deal is with.';
    if (!hasLines && minor === null) local.value = 'Type an amount such as 1250 or 1,250.50.';
    const sentLines = linesInput(lines, currency);
    if (!sentLines.ok) local.lines = sentLines.message;
    if (Object.keys(local).length > 0) {
      setErrors(local);
      if (local.title) titleRef.current?.focus();
      return;
    }
    const fields = {
      title,
      personId: customer?.kind === 'person' ? customer.id : null,
      companyId: customer?.kind === 'company' ? customer.id : null,
      ...(hasLines ? {} : { value: minor ?? 0 }),
      ...(sentLines.ok && (hasLines || (deal?.lines.length ?? 0) > 0) ? { lines: sentLines.lines } : {}),
      currency: currency as (typeof CURRENCIES)[number]['code'],
      ...(stageValue ? { stageId: stageValue } : {}),
      expectedClose: close || null,
      ownerId: owner || null,
    };
    setSaving(true);
    try {
      if (deal) {
        // Left out, a person's company stays as it was chosen by the backend.
        const patch = { ...fields };
        if (customer?.kind === 'person' && deal.personId === customer.id)
          delete (patch as { companyId?: unknown }).companyId;
        await cache.mutate('deals.update', { id: deal.id, patch });
        ui.getState().toast(`“${title.trim()}” is saved.`);
      } else {
        const { companyId, ...rest } = fields;
        const created = await cache.mutate('deals.create', companyId ? { ...rest, companyId } : rest);
        ui.getState().toast(`“${created.title}” is on the board in ${created.stageName}.`, 'info', {
          action: { label: 'Open', run: () => ui.getState().navigate(`deals/${created.id}`) },
        });
      }
      onClose();
    } catch (err) {
      setSaving(false);
      const e = formErrors(err, FIELDS);
      setErrors(e.fields);
      setFormError(e.form);
    }
  }

  const heading = deal ? 'Edit deal' : 'New deal';
  return (
    <FormDialog
      titleId={titleId}
      title={heading}
      onClose={onClose}
      onSave={() => void save()}
      initialFocus={titleRef}
      className="deal-dialog"
    >
      <div className="dialog__body deal-dialog__body">
        <TextField
          ref={titleRef}
          label="Title"
          placeholder="Office chairs for the new floor"
          value={title}
          error={errors.title}
          onChange={(e) => {
            setTitle(e.target.value);
            setErrors((x) => ({ ...x, title: '' }));
          }}
        />
        <CustomerPicker
          value={customer}
          onChange={(c) => {
            setCustomer(c);
            setErrors((x) => ({ ...x, personId: '' }));
          }}
          error={errors.personId || errors.companyId}
        />
        <div className="deal-dialog__row">
          <TextField
            label="Value"
            inputMode="decimal"
            placeholder={hasLines ? 'From the products' : '0.00'}
            className="deal-dialog__value"
            value={hasLines ? '' : value}
            disabled={hasLines}
            hint={hasLines ? 'The net total of the products below.' : undefined}
            error={errors.value}
            onChange={(e) => {
              setValue(e.target.value);
              setErrors((x) => ({ ...x, value: '' }));
            }}
          />
          <SelectField
            label="Currency"
            value={currency}
            error={errors.currency}
            onChange={(e) => setCurrency(e.target.value)}
          >
            {CURRENCIES.map((c) => (
              <option key={c.code} value={c.code}>
                {c.code} · {c.label}
              </option>
            ))}
          </SelectField>
        </div>
        <div className="deal-dialog__row">
          <SelectField
            label="Stage"
            value={stageValue}
            error={errors.stageId}
            onChange={(e) => setStage(e.target.value)}
          >
            {stages.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} ({s.probabilityBp / 100} %)
              </option>
            ))}
          </SelectField>
          <TextField
            type="date"
            label="Expected close"
            value={close}
            error={errors.expectedClose}
            onChange={(e) => setClose(e.target.value)}
          />
        </div>
        <DealLines
          lines={lines}
          currency={currency}
          onChange={(l) => {
            setLines(l);
            setErrors((x) => ({ ...x, lines: '' }));
          }}
        />
        {errors.lines ? <FieldError message={errors.lines} /> : null}
        <SelectField
          label="Owner"
          value={owner}
          error={errors.ownerId}
          onChange={(e) => setOwner(e.target.value)}
        >
          <option value="">Nobody</option>
          {staff.map((s) => (
            <option key={s.id} value={s.id}>
              {s.name}
            </option>
          ))}
        </SelectField>
        {formError ? <FieldError message={formError} /> : null}
      </div>
      <SaveFooter onCancel={onClose} saving={saving}>
        {deal ? 'Save deal' : 'Add deal'}
      </SaveFooter>
    </FormDialog>
  );
}
