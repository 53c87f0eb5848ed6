/**
 * Product categories: rename, reorder, add and remove, saved in one go. A category that products
 * or orders use can be renamed but not removed (the book keeps it, after the others).
 */
import { useId, useState, type FormEvent } from 'react';
import type { ProductCategory } from '../../../shared/domain/sales.ts';
import { messageOf } from '../../api/errors.ts';
import { useCache, useQuery } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { DialogHeader, SaveFooter } from '../../ui/DialogParts.tsx';
import { DelayedSpinner } from '../../ui/States.tsx';
import { rowErrorsOf, rowKey, ValueListEditor, type ValueRow } from '../../ui/ValueListEditor.tsx';
import './products.css';

/** A category being edited; `value` is its name. */
interface Row extends ValueRow {
  id?: string;
  inUse: boolean;
  count: number;
}

const CLASSES = {
  rows: 'categories__rows',
  row: 'categories__row',
  value: 'categories__name',
  add: 'categories__add',
};

const newRow = (value: string): Row => ({ key: rowKey(), value, inUse: false, count: 0 });

function Editor({ categories, onClose }: { categories: ProductCategory[]; onClose(): void }) {
  const id = useId();
  const cache = useCache();
  const ui = useUiStore();
  const [rows, setRows] = useState<Row[]>(() =>
    categories.map((c) => ({
      key: rowKey(),
      id: c.id,
      value: c.name,
      inUse: c.inUse,
      count: c.productCount,
    })),
  );
  const [rowErrors, setRowErrors] = useState<Record<number, string>>({});
  const [listError, setListError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  async function save(event?: FormEvent) {
    event?.preventDefault();
    const empty = rows.findIndex((r) => !r.value.trim());
    if (empty >= 0) {
      setRowErrors({ [empty]: 'Give the category a name, or remove it.' });
      return;
    }
    setSaving(true);
    try {
      await cache.mutate('productCategories.set', {
        categories: rows.map((r) => ({ ...(r.id ? { id: r.id } : {}), name: r.value.trim() })),
      });
      onClose();
      ui.getState().toast('The product categories are saved.');
    } catch (err) {
      setSaving(false);
      const found = rowErrorsOf(err, 'categories').rows;
      setRowErrors(found);
      setListError(Object.keys(found).length > 0 ? null : messageOf(err));
    }
  }

  return (
    <Dialog labelledBy={`${id}-title`} onClose={onClose} className="categories-dialog">
      <form
        className="new-person"
        onSubmit={save}
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.metaKey || e.ctrlKey)) {
            e.preventDefault();
            void save();
          }
        }}
        noValidate
      >
        <DialogHeader titleId={`${id}-title`} onClose={onClose}>
          Product categories
        </DialogHeader>
        <div className="dialog__body categories">
          <p className="field__hint">
            Group products for the sales reports. A category in use can be renamed but stays until nothing
            uses it.
          </p>
          <ValueListEditor
            rows={rows}
            onChange={(next) => {
              // The messages are by position, so any change leaves them pointing at the wrong rows.
              setRows(next);
              setRowErrors({});
            }}
            newRow={newRow}
            label="Categories"
            one="Category"
            unnamed="this category"
            classes={CLASSES}
            errors={rowErrors}
            error={listError}
            whyKept={(r) => (r.inUse ? 'In use: it can be renamed, not removed' : null)}
            empty={<p className="categories__empty">No categories yet. Add the first one below.</p>}
            extra={(r) => (
              <span className="categories__count num" title="Products in this category">
                {r.count === 1 ? '1 product' : `${r.count} products`}
              </span>
            )}
          />
        </div>
        <SaveFooter onCancel={onClose} saving={saving}>
          Save categories
        </SaveFooter>
      </form>
    </Dialog>
  );
}

export function CategoriesDialog({ onClose }: { onClose(): void }) {
  const categories = useQuery('productCategories.list', {});
  if (!categories.data) {
    return (
      <Dialog label="Product categories" onClose={onClose} className="categories-dialog">
        <div className="categories__loading">
          <DelayedSpinner label="Loading the categories…" />
        </div>
      </Dialog>
    );
  }
  return <Editor categories={categories.data} onClose={onClose} />;
}
