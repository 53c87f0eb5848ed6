/**
 * New product, or editing one: name, SKU, kind, category, unit, price, cost and tax, typed in the
 * locale's format and checked as typed; the margin shows live. Editing offers Archive (or bring
 * back) and Delete, each with Undo.
 */
import { useId, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { Archive, ArchiveRestore, Trash2 } from 'lucide-react';
import type { Product } from '../../../shared/domain/sales.ts';
import { CURRENCIES } from '../../../shared/domain/settings.ts';
import { messageOf } from '../../api/errors.ts';
import { useFormat } from '../../lib/format.context.tsx';
import { useCache, useQuery } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { DialogHeader } from '../../ui/DialogParts.tsx';
import { FieldError, SelectField, TextField } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { Kbd } from '../../ui/Kbd.tsx';
import { Segmented } from '../../ui/Segmented.tsx';
import { undoToast } from '../contacts/common.tsx';
import { marginPercent, parseAmountText } from '../orders/money-text.ts';
import {
  blankProduct,
  productDraftOf,
  productErrors,
  productInput,
  type ProductDraft,
  type ProductField,
} from './product-draft.ts';
import './products.css';

export function ProductDialog({ product, onClose }: { product: Product | null; onClose(): void }) {
  const id = useId();
  const cache = useCache();
  const ui = useUiStore();
  const fmt = useFormat();
  const categories = useQuery('productCategories.list', {}).data ?? [];
  const [draft, setDraft] = useState<ProductDraft>(() =>
    product ? productDraftOf(product, fmt.locale) : blankProduct(fmt.currency),
  );
  const [touched, setTouched] = useState<Partial<Record<ProductField, boolean>>>({});
  const [submitted, setSubmitted] = useState(false);
  const [serverErrors, setServerErrors] = useState<Partial<Record<ProductField, string>>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const checked = productInput(draft, fmt.locale);
  const localErrors = checked.errors ?? {};
  const errorOf = (f: ProductField) =>
    serverErrors[f] ?? (submitted || touched[f] ? localErrors[f] : undefined) ?? null;

  function set<K extends keyof ProductDraft>(key: K, value: ProductDraft[K]) {
    setDraft((d) => ({ ...d, [key]: value }));
    setServerErrors((e) => {
      const field = key as ProductField;
      if (!e[field]) return e;
      const next = { ...e };
      delete next[field];
      return next;
    });
    setFormError(null);
  }
  const blur = (f: ProductField) => () => setTouched((t) => ({ ...t, [f]: true }));

  async function save(event?: FormEvent) {
    event?.preventDefault();
    setSubmitted(true);
    if (!checked.input) {
      requestAnimationFrame(() =>
        document.querySelector<HTMLElement>('.product-form [aria-invalid="true"]')?.focus(),
      );
      return;
    }
    setSaving(true);
    try {
      const saved = product
        ? await cache.mutate('products.update', { id: product.id, patch: checked.input })
        : await cache.mutate('products.create', checked.input);
      onClose();
      ui.getState().toast(product ? `Saved ${saved.name}.` : `Added ${saved.name} to the catalogue.`);
    } catch (err) {
      setSaving(false);
      const e = productErrors(err);
      setServerErrors(e.fields);
      setFormError(e.form);
    }
  }

  async function remove() {
    if (!product) return;
    try {
      const result = await cache.mutate('products.delete', { id: product.id });
      onClose();
      if (result.archived) {
        undoToast(ui, `Archived ${product.name}: past orders use it, so it stays for them.`, async () => {
          await cache.mutate('products.update', { id: product.id, patch: { active: true } });
          return `${product.name} is back in the catalogue.`;
        });
      } else {
        undoToast(ui, `Moved ${product.name} to the Trash.`, async () => {
          await cache.mutate('products.restore', { id: product.id });
          return `${product.name} is back.`;
        });
      }
    } catch (err) {
      setFormError(messageOf(err));
    }
  }

  async function setActive(active: boolean) {
    if (!product) return;
    try {
      await cache.mutate('products.update', { id: product.id, patch: { active } });
      onClose();
      if (active) ui.getState().toast(`${product.name} is back in the catalogue.`);
      else
        undoToast(ui, `Archived ${product.name}. It leaves the pickers; past orders keep it.`, async () => {
          await cache.mutate('products.update', { id: product.id, patch: { active: true } });
          return `${product.name} is back in the catalogue.`;
        });
    } catch (err) {
      setFormError(messageOf(err));
    }
  }

  function onKeyDown(event: KeyboardEvent) {
    if (event.key === 'Enter' && (event.metaKey || event.ctrlKey)) {
      event.preventDefault();
      void save();
    }
  }

  const price = parseAmountText(draft.price, draft.currency, fmt.locale);
  const cost = draft.cost.trim() === '' ? 0 : parseAmountText(draft.cost, draft.currency, fmt.locale);
  const margin = price !== null && cost !== null ? marginPercent(price, cost, fmt.locale) : null;
  const currencyMark =
    new Intl.NumberFormat(fmt.locale, { style: 'currency', currency: draft.currency })
      .formatToParts(0)
      .find((p) => p.type === 'currency')?.value ?? draft.currency;

  return (
    <Dialog
      labelledBy={`${id}-title`}
      initialFocus={nameRef}
      onClose={onClose}
      className="dialog--wide product-dialog"
      placement="top"
    >
      <form className="new-person" onSubmit={save} onKeyDown={onKeyDown} noValidate>
        <DialogHeader titleId={`${id}-title`} onClose={onClose}>
          {product ? `Edit ${product.name}` : 'New product'}
        </DialogHeader>
        <div className="dialog__body">
          <div className="product-form">
            <div className="form-grid">
              <TextField
                label="Name"
                ref={nameRef}
                value={draft.name}
                error={errorOf('name')}
                onChange={(e) => set('name', e.target.value)}
                onBlur={blur('name')}
                placeholder="Oak desk, Consulting hour…"
              />
              <TextField
                label="SKU"
                value={draft.sku}
                error={errorOf('sku')}
                hint="Optional: your own code for it."
                onChange={(e) => set('sku', e.target.value)}
                className="product-form__sku"
              />
              <div className="field">
                <span className="field__label" id={`${id}-kind`}>
                  Kind
                </span>
                <Segmented
                  label="Kind"
                  value={draft.kind}
                  options={[
                    { value: 'product', label: 'Product' },
                    { value: 'service', label: 'Service' },
                  ]}
                  onChange={(v) => {
                    set('kind', v);
                    if (v === 'service' && draft.unit === 'each') set('unit', 'hour');
                    if (v === 'product' && draft.unit === 'hour') set('unit', 'each');
                  }}
                />
              </div>
              <SelectField
                label="Category"
                value={draft.categoryId}
                error={errorOf('categoryId')}
                onChange={(e) => set('categoryId', e.target.value)}
              >
                <option value="">No category</option>
                {categories.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </SelectField>
              <div className="product-form__money form-grid__wide">
                <TextField
                  label={`Unit price (${currencyMark})`}
                  value={draft.price}
                  inputMode="decimal"
                  className="product-form__amount"
                  error={errorOf('price')}
                  onChange={(e) => set('price', e.target.value)}
                  onBlur={blur('price')}
                  placeholder={fmt.locale.startsWith('en') ? '0.00' : '0,00'}
                />
                <TextField
                  label="Per"
                  value={draft.unit}
                  error={errorOf('unit')}
                  onChange={(e) => set('unit', e.target.value)}
                  onBlur={blur('unit')}
                />
                <TextField
                  label="Tax rate (%)"
                  value={draft.tax}
                  inputMode="decimal"
                  className="product-form__amount"
                  error={errorOf('tax')}
                  onChange={(e) => set('tax', e.target.value)}
                  onBlur={blur('tax')}
                  placeholder="0"
                />
                <TextField
                  label={`Unit cost (${currencyMark})`}
                  value={draft.cost}
                  inputMode="decimal"
                  className="product-form__amount"
                  error={errorOf('cost')}
                  hint={margin ? `Margin ${margin}` : 'For the margin.'}
                  onChange={(e) => set('cost', e.target.value)}
                  onBlur={blur('cost')}
                  placeholder="0.00"
                />
              </div>
              <SelectField
                label="Currency"
                value={draft.currency}
                onChange={(e) => set('currency', e.target.value)}
                hint="Orders in other currencies cannot use it."
              >
                {CURRENCIES.map((c) => (
                  <option key={c.code} value={c.code}>
                    {c.code} — {c.label}
                  </option>
                ))}
              </SelectField>
              <label className="check-label check-label--field">
                <input
                  type="checkbox"
                  className="check"
                  checked={draft.active}
                  onChange={(e) => set('active', e.target.checked)}
                />
                Offered on new orders
              </label>
              <div className="field form-grid__wide">
                <label className="field__label" htmlFor={`${id}-desc`}>
                  Description
                </label>
                <textarea
                  id={`${id}-desc`}
                  className="input product-form__desc"
                  value={draft.description}
                  rows={2}
                  onChange={(e) => set('description', e.target.value)}
                />
                {errorOf('description') ? <FieldError message={errorOf('description')!} /> : null}
              </div>
            </div>
          </div>
          {formError ? (
            <div role="alert" className="form-alert">
              <FieldError message={formError} />
            </div>
          ) : null}
        </div>
        <div className="dialog__footer">
          {product ? (
            <>
              {product.active ? (
                <Button
                  variant="ghost"
                  onClick={() => void setActive(false)}
                  icon={<Archive size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
                >
                  Archive
                </Button>
              ) : (
                <Button
                  variant="ghost"
                  onClick={() => void setActive(true)}
                  icon={<ArchiveRestore size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
                >
                  Bring back
                </Button>
              )}
              <Button
                variant="ghost"
                className="btn--danger"
                onClick={() => void remove()}
                icon={<Trash2 size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
              >
                Delete
              </Button>
            </>
          ) : null}
          {product ? (
            <span className="dialog__footer-spacer" />
          ) : (
            <span className="dialog__footer-hint" aria-hidden>
              <Kbd keys={['Mod', 'Enter']} /> to save
            </span>
          )}
          <Button onClick={onClose}>Cancel</Button>
          <Button type="submit" variant="primary" disabled={saving}>
            {product ? 'Save product' : 'Add product'}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
