/** A new case, or changes to one: subject, customer, category, priority, due date, owner, product, description. */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import {
  CASE_CATEGORIES,
  CASE_PRIORITIES,
  type Case,
  type CaseCategory,
  type CasePriority,
} from '../../../shared/domain/pipeline.ts';
import { formErrors } from '../../api/errors.ts';
import { useCache, useQuery } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { DialogHeader, FormDialog, SaveFooter } from '../../ui/DialogParts.tsx';
import { FieldError, SelectField, TextField } from '../../ui/Field.tsx';
import { Segmented } from '../../ui/Segmented.tsx';
import { DelayedSpinner } from '../../ui/States.tsx';
import { CustomerPicker, type PickedCustomer } from '../pipeline/CustomerPicker.tsx';
import { CATEGORY_LABELS, PRIORITY_LABELS } from './case-words.ts';
import '../calls/calls.css';
import '../pipeline/pipeline.css';
import './cases.css';

const FIELDS = [
  'subject',
  'personId',
  'companyId',
  'category',
  'priority',
  'dueDate',
  'ownerId',
  'productId',
  'description',
];

export function CaseDialog({
  caseId,
  personId,
  companyId,
  onClose,
}: {
  caseId: string | null;
  personId?: string | null | undefined;
  companyId?: string | null | undefined;
  onClose(): void;
}) {
  const cache = useCache();
  const titleId = useId();
  const [kase, setKase] = useState<Case | null>(null);
  const [customer, setCustomer] = useState<PickedCustomer | null | undefined>(
    personId || companyId ? undefined : null,
  );
  const [failed, setFailed] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    if (caseId) {
      cache.client
        .call('cases.get', { id: caseId })
        .then((c) => live && setKase(c))
        .catch((err: unknown) => live && setFailed(formErrors(err, []).form));
    } else if (personId) {
      cache.client
        .call('people.get', { id: personId })
        .then(
          (p) =>
            live && setCustomer({ kind: 'person', id: p.id, name: p.displayName, detail: p.companyName }),
        )
        .catch(() => live && setCustomer(null));
    } else if (companyId) {
      cache.client
        .call('companies.get', { id: companyId })
        .then((c) => live && setCustomer({ kind: 'company', id: c.id, name: c.name }))
        .catch(() => live && setCustomer(null));
    }
    return () => {
      live = false;
    };
  }, [cache, caseId, personId, companyId]);
  if ((caseId && !kase) || customer === undefined) {
    return (
      <Dialog labelledBy={titleId} onClose={onClose} className="deal-dialog">
        <DialogHeader titleId={titleId} onClose={onClose}>
          {caseId ? 'Edit case' : 'New case'}
        </DialogHeader>
        <div className="dialog__body deal-dialog__loading">
          {failed ? <FieldError message={failed} /> : <DelayedSpinner label="Opening…" />}
        </div>
      </Dialog>
    );
  }
  return <CaseForm kase={kase} initialCustomer={customer} onClose={onClose} />;
}

function CaseForm({
  kase,
  initialCustomer,
  onClose,
}: {
  kase: Case | null;
  initialCustomer: PickedCustomer | null;
  onClose(): void;
}) {
  const cache = useCache();
  const ui = useUiStore();
  const titleId = useId();
  const descId = useId();
  const settings = useQuery('settings.get', {}).data;
  const staff = (useQuery('staff.list', {}).data ?? []).filter((s) => s.active || s.id === kase?.ownerId);
  const products = useQuery('products.list', { limit: 500 }).data?.rows ?? [];
  const [subject, setSubject] = useState(kase?.subject ?? '');
  const [customer, setCustomer] = useState<PickedCustomer | null>(() => {
    if (!kase) return initialCustomer;
    if (kase.personId)
      return { kind: 'person', id: kase.personId, name: kase.personName ?? '', detail: kase.companyName };
    if (kase.companyId) return { kind: 'company', id: kase.companyId, name: kase.companyName ?? '' };
    return null;
  });
  const [category, setCategory] = useState<CaseCategory>(kase?.category ?? 'complaint');
  const [priority, setPriority] = useState<CasePriority>(kase?.priority ?? 'normal');
  const [due, setDue] = useState(kase?.dueDate ?? '');
  const [owner, setOwner] = useState(kase ? (kase.ownerId ?? '') : (settings?.currentStaffId ?? ''));
  const [product, setProduct] = useState(kase?.productId ?? '');
  const [description, setDescription] = useState(kase?.description ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const subjectRef = useRef<HTMLInputElement>(null);

  async function save(event?: FormEvent) {
    event?.preventDefault();
    if (saving) return;
    const local: Record<string, string> = {};
    if (!subject.trim()) local.subject = 'Give the case a subject.';
    if (!customer) local.personId = 'Choose the person or company the case is for.';
    if (Object.keys(local).length) {
      setErrors(local);
      if (local.subject) subjectRef.current?.focus();
      return;
    }
    const fields = {
      subject,
      category,
      priority,
      personId: customer?.kind === 'person' ? customer.id : null,
      dueDate: due || null,
      ownerId: owner || null,
      productId: product || null,
      description: description.trim() ? description : null,
    };
    setSaving(true);
    try {
      if (kase) {
        const patch = {
          ...fields,
          ...(customer?.kind === 'company' ? { companyId: customer.id } : {}),
          ...(customer?.kind === 'person' && kase.personId !== customer.id ? { companyId: null } : {}),
        };
        await cache.mutate('cases.update', { id: kase.id, patch });
        ui.getState().toast(`Case #${kase.number} is saved.`);
      } else {
        const created = await cache.mutate('cases.create', {
          ...fields,
          ...(customer?.kind === 'company' ? { companyId: customer.id } : {}),
        });
        ui.getState().toast(`Case #${created.number} is open.`, 'info', {
          action: { label: 'Open', run: () => ui.getState().navigate(`cases/${created.id}`) },
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

  return (
    <FormDialog
      titleId={titleId}
      title={kase ? `Edit case #${kase.number}` : 'New case'}
      onClose={onClose}
      onSave={() => void save()}
      initialFocus={subjectRef}
      className="deal-dialog"
    >
      <div className="dialog__body deal-dialog__body">
        <TextField
          ref={subjectRef}
          label="Subject"
          placeholder="Chair arrived with a broken leg"
          value={subject}
          error={errors.subject}
          onChange={(e) => {
            setSubject(e.target.value);
            setErrors((x) => ({ ...x, subject: '' }));
          }}
        />
        <CustomerPicker
          label="For"
          value={customer}
          onChange={(c) => {
            setCustomer(c);
            setErrors((x) => ({ ...x, personId: '' }));
          }}
          error={errors.personId || errors.companyId}
        />
        <div className="deal-dialog__row">
          <SelectField
            label="Category"
            value={category}
            error={errors.category}
            onChange={(e) => setCategory(e.target.value as CaseCategory)}
          >
            {CASE_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {CATEGORY_LABELS[c]}
              </option>
            ))}
          </SelectField>
          <TextField
            type="date"
            label="Due"
            value={due}
            error={errors.dueDate}
            onChange={(e) => setDue(e.target.value)}
          />
        </div>
        <div className="field">
          <span className="field__label" aria-hidden>
            Priority
          </span>
          <Segmented<CasePriority>
            label="Priority"
            value={priority}
            onChange={setPriority}
            options={CASE_PRIORITIES.map((p) => ({ value: p, label: PRIORITY_LABELS[p] }))}
          />
        </div>
        <div className="deal-dialog__row">
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
          <SelectField
            label="Product (optional)"
            value={product}
            error={errors.productId}
            onChange={(e) => setProduct(e.target.value)}
          >
            <option value="">None</option>
            {products
              .filter((p) => p.active || p.id === product)
              .map((p) => (
                <option key={p.id} value={p.id}>
                  {p.name}
                </option>
              ))}
          </SelectField>
        </div>
        <div className="field">
          <label className="field__label" htmlFor={descId}>
            What happened
          </label>
          <textarea
            id={descId}
            className="input case-text"
            rows={4}
            value={description}
            placeholder="What the customer said, and what they would like us to do."
            onChange={(e) => setDescription(e.target.value)}
          />
          {errors.description ? <FieldError message={errors.description} /> : null}
        </div>
        {formError ? <FieldError message={formError} /> : null}
      </div>
      <SaveFooter onCancel={onClose} saving={saving}>
        {kase ? 'Save case' : 'Open case'}
      </SaveFooter>
    </FormDialog>
  );
}
