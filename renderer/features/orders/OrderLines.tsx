/**
 * The lines of an order: each picks a product (its price, tax and cost fill in) or is free text,
 * with quantity, price, discount and tax typed in the locale's format. Every line's net and total,
 * and the order's totals and margin, follow as they are typed.
 */
import { useState } from 'react';
import { Package, Plus, Wrench, X } from 'lucide-react';
import type { Product } from '../../../shared/domain/sales.ts';
import { useFormat } from '../../lib/format.context.tsx';
import { useQuery } from '../../stores/query.hooks.tsx';
import { Button } from '../../ui/Button.tsx';
import { Combobox } from '../../ui/Combobox.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { amountText, marginPercent, percentText } from './money-text.ts';
import { blankLine, type LineDraft, type LineField, type ParsedOrder } from './order-draft.ts';

function ItemPicker({
  line,
  index,
  currency,
  invalid,
  disabled,
  onChange,
}: {
  line: LineDraft;
  index: number;
  currency: string;
  invalid: boolean;
  disabled: boolean;
  onChange(patch: Partial<LineDraft>): void;
}) {
  const fmt = useFormat();
  const [focused, setFocused] = useState(false);
  const text = line.description;
  const products = useQuery('products.list', {
    filter: { active: true, ...(text.trim() && !line.productId ? { query: text.trim() } : {}) },
    limit: 8,
  });
  const options = focused
    ? (products.data?.rows ?? [])
        .filter((p) => p.currency === currency)
        .map((p) => ({
          id: p.id,
          label: p.name,
          detail: [p.sku, `${fmt.moneyIn(p.unitPrice, p.currency)} / ${p.unit}`].filter(Boolean).join(' · '),
          icon:
            p.kind === 'service' ? (
              <Wrench size={ICON.inline} strokeWidth={STROKE} />
            ) : (
              <Package size={ICON.inline} strokeWidth={STROKE} />
            ),
        }))
    : [];

  function choose(id: string) {
    const p: Product | undefined = products.data?.rows.find((r) => r.id === id);
    if (!p) return;
    onChange({
      productId: p.id,
      description: p.name,
      price: amountText(p.unitPrice, p.currency, fmt.locale),
      tax: p.taxRateBp ? percentText(p.taxRateBp, fmt.locale) : '',
      unitCost: p.unitCost,
    });
  }

  if (disabled) {
    return <span className="order-line__item-text">{line.description}</span>;
  }
  return (
    <div
      className="order-line__item"
      onFocus={() => setFocused(true)}
      onBlur={() => setFocused(false)}
      onKeyDown={(e) => {
        // Enter (having chosen a product, or typed free text) goes on to the quantity.
        if (e.key !== 'Enter' || e.metaKey || e.ctrlKey) return;
        e.preventDefault();
        const row = e.currentTarget.closest('.order-line');
        requestAnimationFrame(() => row?.querySelector<HTMLInputElement>('.order-line__num input')?.focus());
      }}
    >
      {line.productId ? (
        <Package
          className="order-line__linked"
          size={ICON.small}
          strokeWidth={STROKE}
          aria-label="From the catalogue"
        />
      ) : null}
      <Combobox
        label={`Line ${index + 1} item`}
        text={text}
        onText={(t) => onChange({ description: t, productId: null })}
        options={options}
        onChoose={(o) => choose(o.id)}
        placeholder="Choose a product, or describe the item"
        loading={products.fetching}
        emptyText="No product matches: the text is used as it is"
        invalid={invalid}
      />
    </div>
  );
}

function NumberCell({
  label,
  value,
  invalid,
  error,
  disabled,
  onChange,
  suffix,
  placeholder,
  onEnter,
}: {
  onEnter(): void;
  label: string;
  value: string;
  placeholder?: string;
  invalid: boolean;
  error?: string | undefined;
  disabled: boolean;
  onChange(v: string): void;
  suffix?: string;
}) {
  return (
    <div className={`order-line__num${suffix ? ' order-line__num--suffix' : ''}`}>
      <input
        className="input"
        aria-label={label}
        inputMode="decimal"
        value={value}
        placeholder={placeholder}
        readOnly={disabled}
        aria-invalid={invalid || undefined}
        title={error}
        onChange={(e) => onChange(e.target.value)}
        onFocus={(e) => e.currentTarget.select()}
        onKeyDown={(e) => {
          // Enter moves on to the next line (a new one after the last), as in a spreadsheet.
          if (e.key === 'Enter' && !e.metaKey && !e.ctrlKey && !e.altKey && !e.shiftKey) {
            e.preventDefault();
            onEnter();
          }
        }}
      />
      {suffix ? (
        <span className="order-line__suffix" aria-hidden>
          {suffix}
        </span>
      ) : null}
    </div>
  );
}

const FIELD_WORDS: Record<LineField, string> = {
  productId: 'product',
  description: 'item',
  qty: 'quantity',
  price: 'price',
  discount: 'discount',
  tax: 'tax',
};

export function OrderLines({
  lines,
  parsed,
  currency,
  locked,
  showErrors,
  serverErrors,
  onChange,
}: {
  lines: LineDraft[];
  parsed: ParsedOrder;
  currency: string;
  locked: boolean;
  /** Show the errors of fields not yet valid (after a save was tried, or once typed in). */
  showErrors: boolean;
  serverErrors: Record<number, Partial<Record<LineField, string>>>;
  onChange(lines: LineDraft[]): void;
}) {
  const fmt = useFormat();
  const money = (m: number) => fmt.moneyIn(m, currency);
  const update = (i: number, patch: Partial<LineDraft>) =>
    onChange(lines.map((l, k) => (k === i ? { ...l, ...patch } : l)));
  const focusItem = (index: number) =>
    requestAnimationFrame(() =>
      document.querySelectorAll<HTMLInputElement>('.order-lines .order-line__item input')[index]?.focus(),
    );
  function addLine() {
    onChange([...lines, blankLine()]);
    focusItem(lines.length);
  }
  function nextLine(i: number) {
    if (i === lines.length - 1) addLine();
    else focusItem(i + 1);
  }
  const t = parsed.totals;
  const margin = marginPercent(t.net, t.cost, fmt.locale);

  const messages: string[] = [];
  lines.forEach((l, i) => {
    const errs = { ...(showErrors ? parsed.lines[i]?.errors : {}), ...serverErrors[i] };
    for (const [f, m] of Object.entries(errs)) {
      if (m && (showErrors || serverErrors[i]?.[f as LineField]))
        messages.push(`Line ${i + 1}, ${FIELD_WORDS[f as LineField]}: ${m}`);
    }
  });

  return (
    <section className="order-lines" aria-label="Lines">
      <div className="order-lines__table" role="table" aria-label="Order lines">
        <div className="order-line order-line--head" role="row">
          <span role="columnheader">Item</span>
          <span role="columnheader" className="order-line__end">
            Qty
          </span>
          <span role="columnheader" className="order-line__end">
            Unit price
          </span>
          <span role="columnheader" className="order-line__end">
            Discount
          </span>
          <span role="columnheader" className="order-line__end">
            Tax
          </span>
          <span role="columnheader" className="order-line__end">
            Net
          </span>
          <span role="columnheader" className="order-line__end">
            Total
          </span>
          <span role="columnheader">
            <span className="visually-hidden">Remove</span>
          </span>
        </div>
        {lines.map((l, i) => {
          const p = parsed.lines[i];
          const errs = { ...(showErrors ? p?.errors : {}), ...serverErrors[i] };
          const n = i + 1;
          return (
            <div key={l.key} className="order-line" role="row" aria-label={`Line ${n}`}>
              <div role="cell">
                <ItemPicker
                  line={l}
                  index={i}
                  currency={currency}
                  invalid={Boolean(errs.description || errs.productId)}
                  disabled={locked}
                  onChange={(patch) => update(i, patch)}
                />
              </div>
              <div role="cell">
                <NumberCell
                  label={`Line ${n} quantity`}
                  value={l.qty}
                  invalid={Boolean(errs.qty)}
                  error={errs.qty}
                  disabled={locked}
                  onEnter={() => nextLine(i)}
                  onChange={(v) => update(i, { qty: v })}
                />
              </div>
              <div role="cell">
                <NumberCell
                  label={`Line ${n} unit price`}
                  value={l.price}
                  invalid={Boolean(errs.price)}
                  error={errs.price}
                  disabled={locked}
                  onEnter={() => nextLine(i)}
                  onChange={(v) => update(i, { price: v })}
                />
              </div>
              <div role="cell">
                <NumberCell
                  label={`Line ${n} discount`}
                  value={l.discount}
                  placeholder="0"
                  invalid={Boolean(errs.discount)}
                  error={errs.discount}
                  disabled={locked}
                  suffix="%"
                  onEnter={() => nextLine(i)}
                  onChange={(v) => update(i, { discount: v })}
                />
              </div>
              <div role="cell">
                <NumberCell
                  label={`Line ${n} tax`}
                  value={l.tax}
                  invalid={Boolean(errs.tax)}
                  error={errs.tax}
                  disabled={locked}
                  suffix="%"
                  onEnter={() => nextLine(i)}
                  onChange={(v) => update(i, { tax: v })}
                />
              </div>
              <div
                role="cell"
                className="order-line__end num order-line__amount"
                aria-label={`Line ${n} net`}
              >
                {p?.amounts ? money(p.amounts.net) : '—'}
              </div>
              <div
                role="cell"
                className="order-line__end num order-line__amount order-line__gross"
                aria-label={`Line ${n} total`}
                title={p?.amounts ? `Tax ${money(p.amounts.tax)} · cost ${money(p.amounts.cost)}` : undefined}
              >
                {p?.amounts ? money(p.amounts.gross) : '—'}
              </div>
              <div role="cell">
                {!locked ? (
                  <Button
                    variant="ghost"
                    size="icon"
                    className="order-line__remove"
                    aria-label={`Remove line ${n}`}
                    disabled={lines.length === 1}
                    onClick={() => onChange(lines.filter((_, k) => k !== i))}
                    icon={<X size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
                  />
                ) : null}
              </div>
            </div>
          );
        })}
      </div>
      {messages.length ? (
        <ul className="order-lines__errors" role="alert">
          {messages.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}
      <div className="order-lines__foot">
        {!locked ? (
          <button type="button" className="add-row" onClick={addLine}>
            <Plus size={ICON.inline} strokeWidth={STROKE} aria-hidden />
            Add a line
          </button>
        ) : (
          <span />
        )}
        <dl className="order-totals" aria-label="Order totals">
          <div className="order-totals__row">
            <dt>Net</dt>
            <dd className="num" aria-label="Net total">
              {money(t.net)}
            </dd>
          </div>
          <div className="order-totals__row">
            <dt>Tax</dt>
            <dd className="num" aria-label="Tax total">
              {money(t.tax)}
            </dd>
          </div>
          <div className="order-totals__row order-totals__row--grand">
            <dt>Total</dt>
            <dd className="num" aria-label="Order total">
              {money(t.gross)}
            </dd>
          </div>
          <div className="order-totals__row order-totals__row--quiet">
            <dt>Cost</dt>
            <dd className="num">{money(t.cost)}</dd>
          </div>
          <div className="order-totals__row order-totals__row--quiet">
            <dt>Margin</dt>
            <dd className={`num${t.margin < 0 ? ' money--loss' : ''}`} aria-label="Margin">
              {money(t.margin)}
              {margin ? <span className="order-totals__pct"> · {margin}</span> : null}
            </dd>
          </div>
        </dl>
      </div>
    </section>
  );
}
