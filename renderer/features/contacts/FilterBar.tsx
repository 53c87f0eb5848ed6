/**
 * The contacts list's filters as a row of small pills: "Add filter" offers the kinds not in use;
 * each pill edits its value in place and has its own remove button.
 */
import { useEffect, useRef, useState, type ReactNode } from 'react';
import {
  Building2,
  CalendarClock,
  ChartNoAxesColumn,
  ListFilter,
  MapPin,
  PhoneCall,
  SlidersHorizontal,
  Tag as TagIcon,
  UserRound,
  X,
} from 'lucide-react';
import type { PeopleFilterInput } from '../../../shared/api/requests/contacts.requests.ts';
import { STAGES, STAGE_LABELS, type CustomField } from '../../../shared/domain/people.ts';
import type { Staff } from '../../../shared/domain/staff.ts';
import { useQuery } from '../../stores/query.hooks.tsx';
import { Combobox } from '../../ui/Combobox.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { Menu, type MenuEntry } from '../../ui/Menu.tsx';

export type FilterKind =
  'stage' | 'tag' | 'owner' | 'company' | 'city' | 'notContacted' | 'callDue' | 'custom';

const KINDS: { kind: FilterKind; label: string; icon: typeof TagIcon }[] = [
  { kind: 'stage', label: 'Stage', icon: ChartNoAxesColumn },
  { kind: 'tag', label: 'Tag', icon: TagIcon },
  { kind: 'owner', label: 'Owner', icon: UserRound },
  { kind: 'company', label: 'Company', icon: Building2 },
  { kind: 'city', label: 'City', icon: MapPin },
  { kind: 'notContacted', label: 'Not contacted for…', icon: CalendarClock },
  { kind: 'callDue', label: 'Call due', icon: PhoneCall },
  { kind: 'custom', label: 'Custom field', icon: SlidersHorizontal },
];

/** Which pills a filter needs. */
export function kindsOf(filter: PeopleFilterInput): FilterKind[] {
  const out: FilterKind[] = [];
  if (filter.stage) out.push('stage');
  if (filter.tag) out.push('tag');
  if (filter.ownerId) out.push('owner');
  if (filter.companyId) out.push('company');
  if (filter.city) out.push('city');
  if (filter.notContactedDays) out.push('notContacted');
  if (filter.callDue) out.push('callDue');
  if (filter.custom) out.push('custom');
  return out;
}

function without(filter: PeopleFilterInput, kind: FilterKind): PeopleFilterInput {
  const next = { ...filter };
  const field = {
    stage: 'stage',
    tag: 'tag',
    owner: 'ownerId',
    company: 'companyId',
    city: 'city',
    notContacted: 'notContactedDays',
    callDue: 'callDue',
    custom: 'custom',
  } as const;
  delete next[field[kind]];
  return next;
}

function Pill({
  label,
  icon,
  onRemove,
  children,
}: {
  label: string;
  icon: ReactNode;
  onRemove(): void;
  children?: ReactNode;
}) {
  return (
    <div className="pill" role="group" aria-label={`${label} filter`}>
      <span className="pill__label">
        {icon}
        {label}
      </span>
      {children}
      <button
        type="button"
        className="pill__remove"
        aria-label={`Remove the ${label.toLowerCase()} filter`}
        onClick={onRemove}
      >
        <X size={ICON.small} strokeWidth={2} aria-hidden />
      </button>
    </div>
  );
}

/** A text box that applies its value a moment after typing stops, or on Enter. */
function LazyText({
  label,
  value,
  onCommit,
  type = 'text',
  width,
  autoFocus,
}: {
  label: string;
  value: string;
  onCommit(value: string): void;
  type?: 'text' | 'number';
  width: number;
  autoFocus?: boolean;
}) {
  const [text, setText] = useState(value);
  const commit = useRef(onCommit);
  useEffect(() => {
    commit.current = onCommit;
  });
  useEffect(() => {
    if (text === value) return;
    const t = setTimeout(() => commit.current(text), 350);
    return () => clearTimeout(t);
  }, [text, value]);
  return (
    <input
      className="pill__input"
      aria-label={label}
      type={type}
      min={type === 'number' ? 1 : undefined}
      style={{ width }}
      value={text}
      autoFocus={autoFocus}
      onChange={(e) => setText(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit.current(text);
      }}
    />
  );
}

function CompanyName({ id }: { id: string }) {
  return <>{useQuery('companies.get', { id }).data?.name ?? '…'}</>;
}

function CompanyPicker({
  companyId,
  onChange,
}: {
  companyId: string | undefined;
  onChange(id: string): void;
}) {
  const [text, setText] = useState('');
  const query = text.trim();
  const matches = useQuery('companies.list', { filter: query ? { query } : {}, limit: 8 });
  const [editing, setEditing] = useState(!companyId);
  if (companyId && !editing) {
    return (
      <button
        type="button"
        className="pill__value"
        aria-label="Company, change"
        onClick={() => setEditing(true)}
      >
        <CompanyName id={companyId} />
      </button>
    );
  }
  return (
    <Combobox
      className="pill__combo"
      label="Company"
      text={text}
      onText={setText}
      autoFocus
      placeholder="Type a company…"
      loading={matches.fetching}
      options={(matches.data?.rows ?? []).map((c) => ({ id: c.id, label: c.name, detail: c.city }))}
      onChoose={(o) => {
        onChange(o.id);
        setText('');
        setEditing(false);
      }}
    />
  );
}

function CustomFilter({
  fields,
  value,
  onChange,
}: {
  fields: CustomField[];
  value: PeopleFilterInput['custom'];
  onChange(value: PeopleFilterInput['custom'] | undefined): void;
}) {
  const [key, setKey] = useState(value?.key ?? '');
  const field = fields.find((f) => f.key === key);
  return (
    <>
      <select
        className="pill__select"
        aria-label="Custom field"
        value={key}
        autoFocus={!value}
        onChange={(e) => {
          setKey(e.target.value);
          onChange(undefined);
        }}
      >
        <option value="">Choose a field…</option>
        {fields.map((f) => (
          <option key={f.key} value={f.key}>
            {f.label}
          </option>
        ))}
      </select>
      {field ? (
        field.type === 'select' || field.type === 'multiselect' ? (
          <select
            className="pill__select"
            aria-label={`${field.label} is`}
            value={typeof value?.value === 'string' ? value.value : ''}
            onChange={(e) => onChange(e.target.value ? { key: field.key, value: e.target.value } : undefined)}
          >
            <option value="">Any</option>
            {field.options.map((o) => (
              <option key={o} value={o}>
                {o}
              </option>
            ))}
          </select>
        ) : field.type === 'checkbox' ? (
          <select
            className="pill__select"
            aria-label={`${field.label} is`}
            value={value === undefined ? '' : value.value ? 'yes' : 'no'}
            onChange={(e) =>
              onChange(e.target.value ? { key: field.key, value: e.target.value === 'yes' } : undefined)
            }
          >
            <option value="">Any</option>
            <option value="yes">Yes</option>
            <option value="no">No</option>
          </select>
        ) : (
          <LazyText
            key={field.key}
            label={`${field.label} is`}
            type={field.type === 'number' ? 'number' : 'text'}
            width={120}
            value={value?.value === undefined ? '' : String(value.value)}
            onCommit={(v) => {
              const trimmed = v.trim();
              if (!trimmed) return onChange(undefined);
              const n = Number(trimmed);
              onChange({
                key: field.key,
                value: field.type === 'number' && Number.isFinite(n) ? n : trimmed,
              });
            }}
          />
        )
      ) : null}
    </>
  );
}

export function FilterBar({
  filter,
  onChange,
  staff,
  fields,
  trailing,
}: {
  filter: PeopleFilterInput;
  onChange(filter: PeopleFilterInput): void;
  staff: Staff[];
  fields: CustomField[];
  trailing?: ReactNode;
}) {
  const tags = useQuery('tags.list', {}).data ?? [];
  // Pills added but not yet given a value.
  const [pending, setPending] = useState<FilterKind[]>([]);
  const active = kindsOf(filter);
  const shown = [...active, ...pending.filter((k) => !active.includes(k))];

  function add(kind: FilterKind) {
    if (kind === 'callDue') return onChange({ ...filter, callDue: true });
    setPending((p) => [...p, kind]);
  }

  function remove(kind: FilterKind) {
    setPending((p) => p.filter((k) => k !== kind));
    onChange(without(filter, kind));
  }

  function set(kind: FilterKind, patch: PeopleFilterInput) {
    setPending((p) => p.filter((k) => k !== kind));
    onChange({ ...without(filter, kind), ...patch });
  }

  const entries: MenuEntry[] = KINDS.filter(
    (k) => !shown.includes(k.kind) && (k.kind !== 'custom' || fields.length > 0),
  ).map((k) => ({
    id: k.kind,
    label: k.label,
    icon: <k.icon size={ICON.inline} strokeWidth={STROKE} />,
    onSelect: () => add(k.kind),
  }));

  const icon = (kind: FilterKind) => {
    const Icon = KINDS.find((k) => k.kind === kind)!.icon;
    return <Icon size={ICON.small} strokeWidth={2} aria-hidden />;
  };

  return (
    <div className="filter-bar" role="toolbar" aria-label="Filters">
      {shown.map((kind) => {
        switch (kind) {
          case 'stage':
            return (
              <Pill key={kind} label="Stage" icon={icon(kind)} onRemove={() => remove(kind)}>
                <select
                  className="pill__select"
                  aria-label="Stage"
                  value={filter.stage ?? ''}
                  autoFocus={!filter.stage}
                  onChange={(e) =>
                    e.target.value
                      ? set(kind, { stage: e.target.value as (typeof STAGES)[number] })
                      : remove(kind)
                  }
                >
                  <option value="">Any</option>
                  {STAGES.map((s) => (
                    <option key={s} value={s}>
                      {STAGE_LABELS[s]}
                    </option>
                  ))}
                </select>
              </Pill>
            );
          case 'tag':
            return (
              <Pill key={kind} label="Tag" icon={icon(kind)} onRemove={() => remove(kind)}>
                <select
                  className="pill__select"
                  aria-label="Tag"
                  value={filter.tag ?? ''}
                  autoFocus={!filter.tag}
                  onChange={(e) => (e.target.value ? set(kind, { tag: e.target.value }) : remove(kind))}
                >
                  <option value="">Any</option>
                  {tags.map((t) => (
                    <option key={t.id} value={t.name}>
                      {t.name}
                    </option>
                  ))}
                </select>
              </Pill>
            );
          case 'owner':
            return (
              <Pill key={kind} label="Owner" icon={icon(kind)} onRemove={() => remove(kind)}>
                <select
                  className="pill__select"
                  aria-label="Owner"
                  value={filter.ownerId ?? ''}
                  autoFocus={!filter.ownerId}
                  onChange={(e) => (e.target.value ? set(kind, { ownerId: e.target.value }) : remove(kind))}
                >
                  <option value="">Anyone</option>
                  {staff.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </select>
              </Pill>
            );
          case 'company':
            return (
              <Pill key={kind} label="Company" icon={icon(kind)} onRemove={() => remove(kind)}>
                <CompanyPicker companyId={filter.companyId} onChange={(id) => set(kind, { companyId: id })} />
              </Pill>
            );
          case 'city':
            return (
              <Pill key={kind} label="City" icon={icon(kind)} onRemove={() => remove(kind)}>
                <LazyText
                  label="City"
                  width={110}
                  value={filter.city ?? ''}
                  autoFocus={!filter.city}
                  onCommit={(v) =>
                    v.trim() ? set(kind, { city: v.trim() }) : onChange(without(filter, kind))
                  }
                />
              </Pill>
            );
          case 'notContacted':
            return (
              <Pill key={kind} label="Not contacted for" icon={icon(kind)} onRemove={() => remove(kind)}>
                <LazyText
                  label="Not contacted for (days)"
                  type="number"
                  width={56}
                  value={filter.notContactedDays ? String(filter.notContactedDays) : ''}
                  autoFocus={!filter.notContactedDays}
                  onCommit={(v) => {
                    const n = Math.floor(Number(v));
                    if (Number.isFinite(n) && n >= 1 && n <= 36500) set(kind, { notContactedDays: n });
                    else onChange(without(filter, kind));
                  }}
                />
                <span className="pill__suffix">days</span>
              </Pill>
            );
          case 'callDue':
            return <Pill key={kind} label="Call due" icon={icon(kind)} onRemove={() => remove(kind)} />;
          case 'custom':
            return (
              <Pill key={kind} label="Field" icon={icon(kind)} onRemove={() => remove(kind)}>
                <CustomFilter
                  fields={fields}
                  value={filter.custom}
                  onChange={(v) => (v ? set(kind, { custom: v }) : onChange(without(filter, 'custom')))}
                />
              </Pill>
            );
        }
      })}
      {entries.length > 0 ? (
        <Menu
          label="Add a filter"
          entries={entries}
          placement="bottom-start"
          trigger={(props) => (
            <button type="button" className="filter-bar__add" {...props}>
              <ListFilter size={ICON.inline} strokeWidth={STROKE} aria-hidden />
              {shown.length === 0 ? 'Filter' : 'Add filter'}
            </button>
          )}
        />
      ) : null}
      {shown.length > 0 ? (
        <button
          type="button"
          className="filter-bar__clear"
          onClick={() => {
            setPending([]);
            onChange({});
          }}
        >
          Clear filters
        </button>
      ) : null}
      <span className="filter-bar__spacer" />
      {trailing}
    </div>
  );
}
