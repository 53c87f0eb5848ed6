/**
 * The catalogue: every product and service in a virtualised keyset table (SKU, name, category,
 * kind, price, tax, cost, margin, whether it is offered), sorted by name or SKU, filtered by
 * category, kind and whether it is archived, and searched by name or SKU. A row opens its form.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Package, Plus, Tags } from 'lucide-react';
import type { Product, ProductKind } from '../../../shared/domain/sales.ts';
import { messageOf } from '../../api/errors.ts';
import { useFormat } from '../../lib/format.context.tsx';
import { stableStringify } from '../../lib/stable-json.ts';
import { useCache, useQuery } from '../../stores/query.hooks.tsx';
import { useUiStore } from '../../stores/ui.store.tsx';
import { Button } from '../../ui/Button.tsx';
import { DataGrid, type GridColumn, type GridSort } from '../../ui/DataGrid.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { ListSearchBox } from '../../ui/ListSearchBox.tsx';
import { EmptyState, ErrorState } from '../../ui/States.tsx';
import { PageHeader } from '../shell/PageHeader.tsx';
import { ExportListButton } from '../export/ExportListDialog.tsx';
import { useKeysetWindow } from '../contacts/useKeysetWindow.ts';
import { readStored, sessionGet, sessionSet, sortKey, writeStored } from '../contacts/view-state.ts';
import { marginPercent, percentLabel } from '../orders/money-text.ts';
import { salesIntents, useSalesIntents } from '../orders/sales-intents.ts';
import { CategoriesDialog } from './CategoriesDialog.tsx';
import { ProductDialog } from './ProductDialog.tsx';
import './products.css';

type ActiveFilter = 'active' | 'archived' | 'all';

interface Filters {
  category: string;
  kind: ProductKind | '';
  active: ActiveFilter;
}

const NO_FILTERS: Filters = { category: '', kind: '', active: 'active' };

const isSort = (v: unknown): v is GridSort =>
  typeof v === 'object' &&
  v !== null &&
  ((v as GridSort).column === 'name' || (v as GridSort).column === 'sku') &&
  (v as GridSort).direction === 'asc';

export function ProductsScreen() {
  const cache = useCache();
  const ui = useUiStore();
  const fmt = useFormat();
  const categories = useQuery('productCategories.list', {}).data ?? [];
  const [sort, setSort] = useState<GridSort>(() =>
    readStored(sortKey('products'), isSort, { column: 'name', direction: 'asc' }),
  );
  const [text, setText] = useState(() => sessionGet<string>(ui, 'products.query') ?? '');
  const [query, setQuery] = useState(text);
  const [filters, setFilters] = useState<Filters>(
    () => sessionGet<Filters>(ui, 'products.filters') ?? NO_FILTERS,
  );
  const [activeIndex, setActiveIndex] = useState(-1);
  const [editing, setEditing] = useState<Product | null>(null);
  const [editingCategories, setEditingCategories] = useState(false);
  const root = useRef<HTMLDivElement>(null);

  // "New product" may be asked for from the palette, before this screen is shown.
  const creating = useSalesIntents(ui, (s) => s.newProductOpen);
  const setCreating = (open: boolean) => salesIntents(ui).setState({ newProductOpen: open });

  useEffect(() => {
    const t = setTimeout(() => {
      setQuery(text.trim());
      sessionSet(ui, 'products.query', text);
    }, 150);
    return () => clearTimeout(t);
  }, [text, ui]);

  useEffect(() => {
    root.current?.querySelector<HTMLElement>('[role="grid"]')?.focus();
  }, []);

  function setFilter<K extends keyof Filters>(key: K, value: Filters[K]) {
    const next = { ...filters, [key]: value };
    setFilters(next);
    sessionSet(ui, 'products.filters', next);
    setActiveIndex(-1);
  }

  const filter = useMemo(
    () => ({
      ...(query ? { query } : {}),
      ...(filters.category === 'none'
        ? { categoryId: null }
        : filters.category
          ? { categoryId: filters.category }
          : {}),
      ...(filters.kind ? { kind: filters.kind } : {}),
      ...(filters.active === 'all' ? {} : { active: filters.active === 'active' }),
    }),
    [query, filters],
  );
  const listInput = useMemo(() => ({ sort: sort.column as 'name' | 'sku', filter }), [sort, filter]);
  const listKey = stableStringify(listInput);
  const fetchPage = useCallback(
    (cursor: string | null, limit: number) =>
      cache.client.call('products.list', { ...(JSON.parse(listKey) as typeof listInput), cursor, limit }),
    [cache, listKey],
  );
  const { win, snap } = useKeysetWindow<Product>(listKey, fetchPage, ['products', 'product_categories'], 100);
  const onRange = useCallback((a: number, b: number) => win.want(a, b), [win]);
  const total = snap.complete ? snap.knownRows : null;

  function onSort(column: string) {
    const next: GridSort = { column, direction: 'asc' };
    setSort(next);
    writeStored(sortKey('products'), next);
  }

  const columns = useMemo<GridColumn<Product>[]>(
    () => [
      {
        id: 'sku',
        label: 'SKU',
        width: '110px',
        sortable: true,
        render: (p) =>
          p.sku ? <span className="product-sku">{p.sku}</span> : <span className="muted">—</span>,
      },
      {
        id: 'name',
        label: 'Name',
        width: 'minmax(200px, 2fr)',
        sortable: true,
        render: (p) => (
          <span
            className={`cell-strong${p.active ? '' : ' product-name--off'}`}
            title={p.description ?? undefined}
          >
            {p.name}
          </span>
        ),
      },
      {
        id: 'category',
        label: 'Category',
        width: 'minmax(110px, 1fr)',
        render: (p) => (p.categoryName ? <span>{p.categoryName}</span> : <span className="muted">—</span>),
      },
      {
        id: 'kind',
        label: 'Kind',
        width: '84px',
        render: (p) => (
          <span className={`kind kind--${p.kind}`}>{p.kind === 'service' ? 'Service' : 'Product'}</span>
        ),
      },
      {
        id: 'price',
        label: 'Unit price',
        width: '120px',
        align: 'end',
        render: (p) => (
          <span className="num" title={`per ${p.unit}`}>
            {fmt.moneyIn(p.unitPrice, p.currency)}
          </span>
        ),
      },
      {
        id: 'unit',
        label: 'Per',
        width: '64px',
        render: (p) => <span className="muted">{p.unit}</span>,
      },
      {
        id: 'tax',
        label: 'Tax',
        width: '64px',
        align: 'end',
        render: (p) => <span className="num">{percentLabel(p.taxRateBp, fmt.locale)}</span>,
      },
      {
        id: 'cost',
        label: 'Unit cost',
        width: '110px',
        align: 'end',
        render: (p) =>
          p.unitCost ? (
            <span className="num">{fmt.moneyIn(p.unitCost, p.currency)}</span>
          ) : (
            <span className="muted">—</span>
          ),
      },
      {
        id: 'margin',
        label: 'Margin',
        width: '76px',
        align: 'end',
        render: (p) => {
          const m = marginPercent(p.unitPrice, p.unitCost, fmt.locale, 1);
          return m ? (
            <span className={`num${p.unitCost > p.unitPrice ? ' money--loss' : ''}`}>{m}</span>
          ) : (
            <span className="muted">—</span>
          );
        },
      },
      {
        id: 'active',
        label: 'Status',
        width: '92px',
        render: (p) =>
          p.active ? (
            <span className="muted">Offered</span>
          ) : (
            <span className="badge badge--warning">Archived</span>
          ),
      },
    ],
    [fmt],
  );

  const filtered = Boolean(query) || stableStringify(filters) !== stableStringify(NO_FILTERS);
  const clear = () => {
    setText('');
    setFilters(NO_FILTERS);
    sessionSet(ui, 'products.filters', NO_FILTERS);
  };
  const empty =
    snap.complete && snap.knownRows === 0 ? (
      filtered ? (
        <EmptyState
          icon={<Package size={ICON.state} strokeWidth={STROKE} />}
          title="No product matches"
          action={<Button onClick={clear}>Clear the filters</Button>}
        >
          Search for part of the name or the start of the SKU, or show archived products too.
        </EmptyState>
      ) : (
        <EmptyState
          icon={<Package size={ICON.state} strokeWidth={STROKE} />}
          title="No products yet"
          action={
            <Button
              variant="primary"
              icon={<Plus size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
              onClick={() => setCreating(true)}
            >
              New product
            </Button>
          }
        >
          What you sell: goods and services with their prices, tax and cost. Orders pick from this list.
        </EmptyState>
      )
    ) : null;

  return (
    <>
      <PageHeader title="Products">
        <span className="page-header__count num" aria-live="polite">
          {total === null ? '' : `${fmt.number(total)} ${total === 1 ? 'product' : 'products'}`}
        </span>
        <ExportListButton list="products" input={listInput} count={total} />
        <Button
          icon={<Tags size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
          onClick={() => setEditingCategories(true)}
        >
          Categories
        </Button>
        <Button
          variant="primary"
          icon={<Plus size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
          onClick={() => setCreating(true)}
        >
          New product
        </Button>
      </PageHeader>
      <div className="list-screen" ref={root}>
        <div className="filter-bar" role="toolbar" aria-label="Filters">
          <ListSearchBox
            label="Find a product"
            placeholder="Find by name or SKU"
            value={text}
            onChange={setText}
            listRoot={root}
          />
          <div className="pill">
            <select
              className="pill__select"
              aria-label="Category"
              value={filters.category}
              onChange={(e) => setFilter('category', e.target.value)}
            >
              <option value="">Any category</option>
              <option value="none">No category</option>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <div className="pill">
            <select
              className="pill__select"
              aria-label="Kind"
              value={filters.kind}
              onChange={(e) => setFilter('kind', e.target.value as ProductKind | '')}
            >
              <option value="">Products and services</option>
              <option value="product">Products</option>
              <option value="service">Services</option>
            </select>
          </div>
          <div className="pill">
            <select
              className="pill__select"
              aria-label="Offered or archived"
              value={filters.active}
              onChange={(e) => setFilter('active', e.target.value as ActiveFilter)}
            >
              <option value="active">Offered</option>
              <option value="archived">Archived</option>
              <option value="all">Offered and archived</option>
            </select>
          </div>
          {filtered ? (
            <button type="button" className="filter-bar__clear" onClick={clear}>
              Clear
            </button>
          ) : null}
        </div>
        {snap.error && win.loadedRows().length === 0 ? (
          <ErrorState
            title="The products could not be loaded"
            message={messageOf(snap.error)}
            onRetry={() => win.refresh()}
          />
        ) : (
          <DataGrid<Product>
            label="Products"
            columns={columns}
            rowCount={snap.knownRows}
            totalRows={total ?? undefined}
            rowAt={(i) => win.rowAt(i)}
            rowId={(p) => p.id}
            rowLabel={(p) => p.name}
            rowHeight={32}
            sort={sort}
            onSort={onSort}
            activeIndex={activeIndex}
            onActiveIndex={setActiveIndex}
            onOpen={(p) => setEditing(p)}
            onRange={onRange}
            resetKey={listKey}
            empty={empty}
            busy={snap.initialLoading}
          />
        )}
      </div>
      {editing ? <ProductDialog product={editing} onClose={() => setEditing(null)} /> : null}
      {creating && !editing ? <ProductDialog product={null} onClose={() => setCreating(false)} /> : null}
      {editingCategories ? <CategoriesDialog onClose={() => setEditingCategories(false)} /> : null}
    </>
  );
}
