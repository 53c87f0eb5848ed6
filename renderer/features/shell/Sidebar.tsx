/** The sidebar: sections at the top, Settings and the current profile at the bottom. It can collapse. */
import { PanelLeftClose, PanelLeftOpen, Users } from 'lucide-react';
import { SECTIONS, type SectionInfo } from '../../app/sections.ts';
import type { Settings } from '../../../shared/domain/settings.ts';
import type { Staff } from '../../../shared/domain/staff.ts';
import { messageOf } from '../../api/errors.ts';
import { ariaKeyShortcuts, shortcutText } from '../../lib/platform.ts';
import { useFormat } from '../../lib/format.context.tsx';
import { useCache, useQuery } from '../../stores/query.hooks.tsx';
import { sectionOf, useUi, useUiStore, type Section } from '../../stores/ui.store.tsx';
import { Avatar } from '../../ui/Avatar.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { Menu, type MenuEntry } from '../../ui/Menu.tsx';
import { keysFor } from '../palette/shortcuts.ts';
import { GlobalSearch } from '../search/GlobalSearch.tsx';
import { useTodayRange } from '../today/useTodayRange.ts';
import './shell.css';

const LEGAL_WORDS = new Set([
  'ltd',
  'ltd.',
  'limited',
  'llc',
  'inc',
  'inc.',
  'plc',
  'gmbh',
  'ag',
  'sa',
  'bv',
  'ab',
  'as',
  'oy',
  '&',
  'and',
  'the',
]);

/** Two letters for the business: "Harbour & Finch Ltd" -> "HF". */
export function businessMark(name: string): string {
  const words = name
    .trim()
    .split(/\s+/u)
    .filter((w) => w && !LEGAL_WORDS.has(w.toLowerCase()));
  const letters = words.slice(0, 2).map((w) => [...w][0] ?? '');
  return letters.join('').toUpperCase() || '·';
}

function NavItem({
  section,
  count,
  countLabel,
  tone,
}: {
  section: SectionInfo;
  count?: number | undefined;
  countLabel?: string | undefined;
  tone?: 'warning' | undefined;
}) {
  const current = useUi((s) => sectionOf(s.route)) === section.id;
  const navigate = useUi((s) => s.navigate);
  const collapsed = useUi((s) => s.sidebarCollapsed);
  const keys = keysFor(`go.${section.id}`);
  const fmt = useFormat();
  const showCount = count !== undefined && count > 0;
  const Icon = section.icon;
  const label = section.label;
  return (
    <button
      type="button"
      className="nav-item"
      aria-current={current ? 'page' : undefined}
      aria-label={showCount && countLabel ? `${label}, ${countLabel}` : label}
      aria-keyshortcuts={keys ? ariaKeyShortcuts(keys) : undefined}
      title={collapsed ? `${label}${keys ? ` (${shortcutText(keys)})` : ''}` : undefined}
      onClick={() => navigate(section.id)}
    >
      <span className="nav-item__icon" aria-hidden>
        <Icon size={ICON.nav} strokeWidth={STROKE} />
      </span>
      <span className="nav-item__label">{label}</span>
      {showCount ? (
        <span className={`nav-item__count num${tone ? ` nav-item__count--${tone}` : ''}`} aria-hidden>
          {fmt.number(count)}
        </span>
      ) : null}
    </button>
  );
}

function ProfileMenu({ settings, staff }: { settings: Settings; staff: Staff[] }) {
  const cache = useCache();
  const ui = useUiStore();
  const collapsed = useUi((s) => s.sidebarCollapsed);
  const me = staff.find((s) => s.id === settings.currentStaffId);
  const name = me?.name ?? 'No profile';
  const entries: MenuEntry[] = [
    { kind: 'heading', id: 'h', label: 'Switch profile' },
    ...staff.map((s) => ({
      id: s.id,
      label: s.name,
      checked: s.id === settings.currentStaffId,
      onSelect: () => {
        if (s.id === settings.currentStaffId) return;
        cache
          .mutate('staff.switch', { id: s.id })
          .then(() => ui.getState().toast(`You are now using ${s.name}’s profile.`))
          .catch((err: unknown) => ui.getState().toast(messageOf(err), 'error'));
      },
    })),
    { kind: 'separator', id: 'sep' },
    {
      id: 'manage',
      label: 'Manage profiles…',
      icon: <Users size={ICON.inline} strokeWidth={STROKE} />,
      onSelect: () => {
        ui.getState().navigate('settings');
        requestAnimationFrame(() =>
          document.getElementById('settings-staff')?.scrollIntoView({ block: 'start' }),
        );
      },
    },
  ];
  return (
    <Menu
      label="Profiles"
      entries={entries}
      placement="top-start"
      className="profile-menu"
      trigger={(props) => (
        <button
          type="button"
          className="profile-button"
          aria-label={`Profile: ${name}. Switch profile`}
          title={collapsed ? name : undefined}
          {...props}
        >
          <Avatar name={name} />
          <span className="profile-button__text">
            <span className="profile-button__name">{name}</span>
            <span className="profile-button__role">{me?.role === 'owner' ? 'Owner' : 'Staff'}</span>
          </span>
        </button>
      )}
    />
  );
}

export function Sidebar({ settings }: { settings: Settings }) {
  const collapsed = useUi((s) => s.sidebarCollapsed);
  const toggle = useUi((s) => s.toggleSidebar);
  const staff = useQuery('staff.list', {}).data ?? [];
  const range = useTodayRange();
  const counts = useQuery('today.summary', range).data?.counts;
  // The Agenda's badge is what is late on my agenda (the Agenda opens on my tasks).
  const myOverdue = useQuery('tasks.agenda', {
    date: range.date,
    days: 1,
    assigneeId: settings.currentStaffId,
  }).data?.overdue.length;
  const toggleKeys = keysFor('sidebar.toggle') ?? [];
  const ToggleIcon = collapsed ? PanelLeftOpen : PanelLeftClose;
  const badges: Partial<Record<Section, { count: number; label: string; tone?: 'warning' }>> = counts
    ? {
        today: { count: counts.tasksDueToday, label: `${counts.tasksDueToday} due today` },
      }
    : {};
  if (counts && counts.casesOpen > 0) {
    const late = counts.casesOverdue;
    badges.cases = {
      count: counts.casesOpen,
      label: `${counts.casesOpen} open${late > 0 ? `, ${late} overdue` : ''}`,
      ...(late > 0 ? { tone: 'warning' as const } : {}),
    };
  }
  if (myOverdue !== undefined) {
    badges.agenda = { count: myOverdue, label: `${myOverdue} overdue`, tone: 'warning' };
  }
  const item = (section: SectionInfo) => (
    <li key={section.id}>
      <NavItem
        section={section}
        count={badges[section.id]?.count}
        countLabel={badges[section.id]?.label}
        tone={badges[section.id]?.tone}
      />
    </li>
  );

  return (
    <nav className={`sidebar${collapsed ? ' sidebar--collapsed' : ''}`} aria-label="Sidebar">
      <div className="sidebar__top">
        <div className="sidebar__brand" title={collapsed ? settings.businessName : undefined}>
          <span className="sidebar__mark" aria-hidden>
            {businessMark(settings.businessName)}
          </span>
          <span className="sidebar__business">{settings.businessName}</span>
        </div>
        <button
          type="button"
          className="sidebar__toggle"
          aria-label={collapsed ? 'Show the sidebar' : 'Hide the sidebar'}
          aria-expanded={!collapsed}
          aria-keyshortcuts={ariaKeyShortcuts(toggleKeys)}
          title={`${collapsed ? 'Show the sidebar' : 'Hide the sidebar'} (${shortcutText(toggleKeys)})`}
          onClick={toggle}
        >
          <ToggleIcon size={ICON.nav} strokeWidth={STROKE} aria-hidden />
        </button>
      </div>

      <GlobalSearch />

      <ul className="sidebar__list" role="list">
        {SECTIONS.filter((s) => s.place === 'top').map(item)}
      </ul>

      <div className="sidebar__bottom">
        <ul className="sidebar__list" role="list">
          {SECTIONS.filter((s) => s.place === 'bottom').map(item)}
        </ul>
        <ProfileMenu settings={settings} staff={staff} />
      </div>
    </nav>
  );
}
