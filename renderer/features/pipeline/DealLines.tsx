/**
 * The products discussed in a deal, kept simple: each line is a product from the catalogue or a
 * free description, a quantity and a unit price. With lines, the deal is worth their net total.
 */
import { Plus, X } from 'lucide-react';
import { lineAmounts, parseQuantity } from '../../../shared/domain/money.ts';
import type { Line } from '../../../shared/domain/lines.ts';
import { useFormat } from '../../lib/format.context.tsx';
import { useQuery } from '../../stores/query.hooks.tsx';
import { Button } from '../../ui/Button.tsx';
import { Select } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { amountOf, amountText } from './pipeline-words.ts';

export interface LineDraft {
  key: string;
  productId: string;
  description: string;
  quantity: string;
  price: string;
}

let nextKey = 0;
export const newLine = (): LineDraft => ({
  key: `line-${++nextKey}`,
  productId: '',
  description: '',
  quantity: '1',
  price: '',
});

export function linesOf(lines: readonly Line[], currency: string): LineDraft[] {
  return lines.map((l) => ({
    key: l.id,
    productId: l.productId ?? '',
    description: l.description,
    quantity: String(l.quantity / 1000),
    price: amountText(l.unitPrice, currency),
  }));
}

/** The lines as the request wants them, or the first problem found. */
export function linesInput(
  drafts: readonly LineDraft[],
  currency: string,
):
  | {
      ok: true;
      lines: { productId: string | null; description?: string; quantity: number; unitPrice?: number }[];
    }
  | { ok: false; message: string } {
  const lines = [];
  for (const [i, d] of drafts.entries()) {
    const quantity = parseQuantity(d.quantity);
    if (quantity === null) return { ok: false, message: `Line ${i + 1}: type a quantity such as 1 or 2.5.` };
    const price = d.price.trim() === '' && d.productId ? undefined : amountOf(d.price, currency);
    if (price === null) return { ok: false, message: `Line ${i + 1}: type a price such as 120 or 1,250.50.` };
    if (!d.productId && !d.description.trim())
      return { ok: false, message: `Line ${i + 1}: choose a product or describe it.` };
    lines.push({
      productId: d.productId || null,
      ...(d.description.trim() ? { description: d.description } : {}),
      quantity,
      ...(price === undefined ? {} : { unitPrice: price }),
    });
  }
  return { ok: true, lines };
}

export function DealLines({
  lines,
  currency,
  onChange,
}: {
  lines: LineDraft[];
  currency: string;
  onChange(lines: LineDraft[]): void;
}) {
  const fmt = useFormat();
  const products = (useQuery('products.list', { limit: 500 }).data?.rows ?? []).filter((p) => p.active);
  const set = (key: string, patch: Partial<LineDraft>) =>
    onChange(lines.map((l) => (l.key === key ? { ...l, ...patch } : l)));
  const net = lines.reduce((sum, l) => {
    const q = parseQuantity(l.quantity);
    const p = amountOf(l.price, currency);
    return q === null || p === null
      ? sum
      : sum + lineAmounts({ quantity: q, unitPrice: p, discountBp: 0, taxRateBp: 0, unitCost: 0 }).net;
  }, 0);
  return (
    <div className="deal-lines-editor" role="group" aria-label="Products discussed">
      {lines.length > 0 ? (
        <div className="deal-lines-editor__head" aria-hidden>
          <span>Product or description</span>
          <span>Qty</span>
          <span>Unit price</span>
        </div>
      ) : null}
      <div className="deal-lines-editor__rows">
        {lines.map((l, i) => (
          <div key={l.key} className="deal-lines-editor__row">
            <span className="deal-lines-editor__item">
              <Select
                aria-label={`Line ${i + 1} product`}
                value={l.productId}
                onChange={(e) => {
                  const product = products.find((p) => p.id === e.target.value);
                  set(l.key, {
                    productId: e.target.value,
                    ...(product
                      ? { description: product.name, price: amountText(product.unitPrice, currency) }
                      : {}),
                  });
                }}
              >
                <option value="">Free text</option>
                {products.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.name}
                  </option>
                ))}
              </Select>
              {!l.productId ? (
                <input
                  className="input"
                  aria-label={`Line ${i + 1} description`}
                  placeholder="What it is"
                  value={l.description}
                  onChange={(e) => set(l.key, { description: e.target.value })}
                />
              ) : null}
            </span>
            <input
              className="input num"
              inputMode="decimal"
              aria-label={`Line ${i + 1} quantity`}
              value={l.quantity}
              onChange={(e) => set(l.key, { quantity: e.target.value })}
            />
            <input
              className="input num"
              inputMode="decimal"
              aria-label={`Line ${i + 1} unit price`}
              placeholder="0.00"
              value={l.price}
              onChange={(e) => set(l.key, { price: e.target.value })}
            />
            <Button
              variant="ghost"
              size="icon"
              aria-label={`Remove line ${i + 1}`}
              onClick={() => onChange(lines.filter((x) => x.key !== l.key))}
              icon={<X size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
            />
          </div>
        ))}
      </div>
      <div className="deal-lines-editor__foot">
        <Button
          variant="ghost"
          icon={<Plus size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
          onClick={() => onChange([...lines, newLine()])}
        >
          Add a product
        </Button>
        {lines.length > 0 ? (
          <span className="deal-lines-editor__total" role="status">
            Worth <span className="num">{fmt.moneyIn(net, currency)}</span> before tax
          </span>
        ) : null}
      </div>
    </div>
  );
}
