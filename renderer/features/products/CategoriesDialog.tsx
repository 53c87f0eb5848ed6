/**
 * Product categories: rename, reorder, add and remove, saved in one go. A category that products
 * or orders use can be renamed but not removed (the book keeps it, after the others).
 */
import { useId, useState, type FormEvent } from 'react';
import { ArrowDown, ArrowUp, Plus, Trash2 } from 'lucide-react';
import type { ProductCategory } from '../../../shared/domain/sales.ts';
import { AppError } from '../../../shared/api/errors.ts';
import { messageOf } from '../../api/errors.ts';
import { useCache, useQuery } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { Button } from '../../ui/Button.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { DialogHeader, SaveFooter } from '../../ui/DialogParts.tsx';
import { FieldError } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { DelayedSpinner } from '../../ui/States.tsx';
import './products.css';

interface Row {
  key: number;
  id?: string;
  name: string;
  inUse: boolean;
  count: number;
}

let nextKey = 1;

function Editor({ categories, onClose }: { categories: ProductCategory[]; onClose(): void }) {
  const id = useId();
  const cache = useCache();
  const ui = useUiStore();
  const [rows, setRows] = useState<Row[]>(() =>
    categories.map((c) => ({
      key: nextKey++,
      id: c.id,
      name: c.name,
      inUse: c.inUse,
      count: c.productCount,
    })),
  );
  const [adding, setAdding] = useState('');
  const [rowErrors, setRowErrors] = useState<Record<number, string>>({});
  const [listError, setListError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const move = (i: number, by: number) => {
    const next = [...rows];
    const [row] = next.splice(i, 1);
    next.splice(i + by, 0, row!);
    setRows(next);
  };

  function add(event?: FormEvent) {
    event?.preventDefault();
    const name = adding.trim();
    if (!name) return;
    setRows([...rows, { key: nextKey++, name, inUse: false, count: 0 }]);
    setAdding('');
  }

  async function save(event?: FormEvent) {
    event?.preventDefault();
    const empty = rows.findIndex((r) => !r.name.trim());
    if (empty >= 0) {
      setRowErrors({ [empty]: 'Give the category a name, or remove it.' });
      return;
    }
    setSaving(true);
    try {
      await cache.mutate('productCategories.set', {
        categories: rows.map((r) => ({ ...(r.id ? { id: r.id } : {}), name: r.name.trim() })),
      });
      onClose();
      ui.getState().toast('The product categories are saved.');
    } catch (err) {
      setSaving(false);
      const found: Record<number, string> = {};
      let list: string | null = messageOf(err);
      const issues =
        err instanceof AppError
          ? (err.details as { issues?: { path: string; message: string }[] } | undefined)?.issues
          : undefined;
      for (const issue of issues ?? []) {
        const m = /^categories\.(\d+)/u.exec(issue.path);
        if (m) found[Number(m[1])] ??= issue.message;
      }
      if (Object.keys(found).length > 0) list = null;
      setRowErrors(found);
      setListError(list);
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
          {rows.length === 0 ? (
            <p className="categories__empty">No categories yet. Add the first one below.</p>
          ) : (
            <ul className="categories__rows" aria-label="Categories">
              {rows.map((r, i) => (
                <li key={r.key} className="categories__row">
                  <div className="field categories__name">
                    <input
                      className="input"
                      aria-label={`Category ${i + 1}`}
                      value={r.name}
                      aria-invalid={rowErrors[i] ? true : undefined}
                      onChange={(e) => {
                        setRows(rows.map((x, k) => (k === i ? { ...x, name: e.target.value } : x)));
                        setRowErrors({});
                      }}
                    />
                    {rowErrors[i] ? <FieldError message={rowErrors[i]} /> : null}
                  </div>
                  <span className="categories__count num" title="Products in this category">
                    {r.count === 1 ? '1 product' : `${r.count} products`}
                  </span>
                  <Button
                    variant="ghost"
                    size="icon"
                    aria-label={`Move ${r.name || 'this category'} up`}
                    disabled={i === 0}
                    onClick={() => move(i, -1)}
                    icon={<ArrowUp size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
                  />
                  <Button
                    variant="ghost"
                    size="icon"
                    aria-label={`Move ${r.name || 'this category'} down`}
                    disabled={i === rows.length - 1}
                    onClick={() => move(i, 1)}
                    icon={<ArrowDown size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
                  />
                  <Button
                    variant="ghost"
                    size="icon"
                    aria-label={`Remove ${r.name || 'this category'}`}
                    disabled={r.inUse}
                    title={r.inUse ? 'In use: it can be renamed, not removed' : 'Remove'}
                    onClick={() => setRows(rows.filter((_, k) => k !== i))}
                    icon={<Trash2 size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
                  />
                </li>
              ))}
            </ul>
          )}
          {listError ? <FieldError message={listError} /> : null}
          <div className="categories__add" role="group" aria-label="Add a category">
            <input
              className="input"
              aria-label="New category"
              placeholder="New category"
              value={adding}
              onChange={(e) => setAdding(e.target.value)}
              onKeyDown={(e) => {
                if (e.key === 'Enter') add(e);
              }}
            />
            <Button
              onClick={() => add()}
              disabled={!adding.trim()}
              icon={<Plus size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
            >
              Add
            </Button>
          </div>
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
