/** The sidebar: sections at the top, Settings and the current profile at the bottom. It can collapse. */
import type { ReactNode } from 'react';
import { House, PanelLeftClose, PanelLeftOpen, Settings as SettingsIcon, Users } from 'lucide-react';
import type { Settings } from '../../../shared/domain/settings.ts';
import type { Staff } from '../../../shared/domain/staff.ts';
import { messageOf } from '../../api/errors.ts';
import { ariaKeyShortcuts, shortcutText } from '../../lib/platform.ts';
import { useFormat } from '../../lib/format.context.tsx';
import { useCache, useQuery } from '../../stores/query.hooks.tsx';
import { useUi, useUiStore, type Route } from '../../stores/ui.store.tsx';
import { Avatar } from '../../ui/Avatar.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { Menu, type MenuEntry } from '../../ui/Menu.tsx';
import { keysFor } from '../palette/shortcuts.ts';
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
  route,
  label,
  icon,
  count,
  countLabel,
}: {
  route: Route;
  label: string;
  icon: ReactNode;
  count?: number | undefined;
  countLabel?: string | undefined;
}) {
  const current = useUi((s) => s.route) === route;
  const navigate = useUi((s) => s.navigate);
  const collapsed = useUi((s) => s.sidebarCollapsed);
  const keys = keysFor(route === 'today' ? 'go.today' : 'go.settings');
  const fmt = useFormat();
  const showCount = count !== undefined && count > 0;
  return (
    <button
      type="button"
      className="nav-item"
      aria-current={current ? 'page' : undefined}
      aria-label={showCount && countLabel ? `${label}, ${countLabel}` : label}
      aria-keyshortcuts={keys ? ariaKeyShortcuts(keys) : undefined}
      title={collapsed ? `${label}${keys ? ` (${shortcutText(keys)})` : ''}` : undefined}
      onClick={() => navigate(route)}
    >
      <span className="nav-item__icon" aria-hidden>
        {icon}
      </span>
      <span className="nav-item__label">{label}</span>
      {showCount ? (
        <span className="nav-item__count num" aria-hidden>
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
  const summary = useQuery('today.summary', range).data;
  const due = summary ? summary.counts.tasksDueToday + summary.counts.tasksOverdue : undefined;
  const toggleKeys = keysFor('sidebar.toggle') ?? [];
  const ToggleIcon = collapsed ? PanelLeftOpen : PanelLeftClose;

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

      <ul className="sidebar__list" role="list">
        <li>
          <NavItem
            route="today"
            label="Today"
            icon={<House size={ICON.nav} strokeWidth={STROKE} />}
            count={due}
            countLabel={due === undefined ? undefined : `${due} due`}
          />
        </li>
      </ul>

      <div className="sidebar__bottom">
        <ul className="sidebar__list" role="list">
          <li>
            <NavItem
              route="settings"
              label="Settings"
              icon={<SettingsIcon size={ICON.nav} strokeWidth={STROKE} />}
            />
          </li>
        </ul>
        <ProfileMenu settings={settings} staff={staff} />
      </div>
    </nav>
  );
}
