/** Every command the app can run right now: what the palette lists and the shortcuts call. */
import { useMemo } from 'react';
import type { LucideIcon } from 'lucide-react';
import {
  Keyboard,
  ListPlus,
  ListTodo,
  Monitor,
  Moon,
  PanelLeft,
  PhoneOutgoing,
  Search,
  Sun,
  UserRound,
  UserRoundPlus,
} from 'lucide-react';
import { SECTIONS } from '../../app/sections.ts';
import type { Theme } from '../../../shared/domain/settings.ts';
import { messageOf } from '../../api/errors.ts';
import { useCache, useQuery } from '../../stores/query.hooks.tsx';
import { detailId, useUi, useUiStore } from '../../stores/ui.store.tsx';
import { keysFor, type GoCommand } from './shortcuts.ts';
import { PackagePlus, ReceiptText } from 'lucide-react';
import { customerOnPage, startNewOrder, startNewProduct } from '../orders/sales-intents.ts';
import { Handshake, LifeBuoy } from 'lucide-react';
import { useSalesDialogs } from '../pipeline/pipeline-words.ts';
import { Camera } from 'lucide-react';
import { useFormat } from '../../lib/format.context.tsx';
import { takeSnapshotFromAnywhere } from '../backups/snapshot-actions.ts';
import { LockKeyhole } from 'lucide-react';
import { openSecuritySettings } from '../security/security-actions.ts';

export interface Command {
  id: string;
  label: string;
  group: 'Actions' | 'Go to' | 'Appearance' | 'Profiles' | 'View' | 'Help';
  keys?: readonly string[] | undefined;
  /** Extra words that find it ("dark mode", "colour"). */
  keywords?: string;
  icon: LucideIcon;
  run(): void;
}

const THEME_COMMANDS: { theme: Theme; label: string; icon: LucideIcon; keywords: string }[] = [
  {
    theme: 'light',
    label: 'Switch to the light theme',
    icon: Sun,
    keywords: 'theme appearance colour color light mode',
  },
  {
    theme: 'dark',
    label: 'Switch to the dark theme',
    icon: Moon,
    keywords: 'theme appearance colour color dark mode night',
  },
  {
    theme: 'system',
    label: 'Match the system theme',
    icon: Monitor,
    keywords: 'theme appearance colour color automatic system',
  },
];

export function useCommands(): Command[] {
  const ui = useUiStore();
  const cache = useCache();
  const collapsed = useUi((s) => s.sidebarCollapsed);
  const settings = useQuery('settings.get', {}).data;
  const staff = useQuery('staff.list', {}).data;
  const { locale } = useFormat();

  return useMemo(() => {
    const { navigate, toggleSidebar, setShortcutsOpen, toast } = ui.getState();
    const commands: Command[] = [
      {
        id: 'call.log',
        label: 'Log a call',
        group: 'Actions',
        keys: keysFor('call.log'),
        icon: PhoneOutgoing,
        keywords: 'phone call record new talk',
        run: () => {
          const state = ui.getState();
          state.openLogCall(detailId(state.route, 'people'));
        },
      },
      {
        id: 'person.new',
        label: 'New person',
        group: 'Actions',
        keys: keysFor('person.new'),
        icon: UserRoundPlus,
        keywords: 'add contact create customer lead',
        run: () => ui.getState().openNewPerson(),
      },
      {
        id: 'task.new',
        label: 'New task',
        group: 'Actions',
        icon: ListPlus,
        keywords: 'add to-do todo reminder follow-up agenda',
        run: () => {
          const state = ui.getState();
          state.openNewTask(detailId(state.route, 'people'));
        },
      },
      {
        id: 'order.new',
        label: 'New order',
        group: 'Actions',
        icon: ReceiptText,
        keywords: 'add quote sale sell invoice create',
        run: () => startNewOrder(ui, customerOnPage(ui, cache)),
      },
      {
        id: 'product.new',
        label: 'New product',
        group: 'Actions',
        icon: PackagePlus,
        keywords: 'add service catalogue catalog price sku create',
        run: () => startNewProduct(ui),
      },
      {
        id: 'deal.new',
        label: 'New deal',
        group: 'Actions',
        icon: Handshake,
        keywords: 'add opportunity pipeline sale negotiate create',
        run: () => useSalesDialogs.getState().openDeal(null),
      },
      {
        id: 'case.new',
        label: 'New case',
        group: 'Actions',
        icon: LifeBuoy,
        keywords: 'add complaint support ticket return repair question problem create',
        run: () => {
          const state = ui.getState();
          const personId = detailId(state.route, 'people');
          const companyId = detailId(state.route, 'companies');
          const customer = personId ? { personId } : companyId ? { companyId } : {};
          useSalesDialogs.getState().openCase(null, customer);
        },
      },
      {
        id: 'search.focus',
        label: 'Search',
        group: 'Actions',
        keys: keysFor('search.focus'),
        icon: Search,
        keywords: 'find look up people companies notes calls',
        run: () => ui.getState().focusSearch(),
      },
      {
        id: 'lists.edit',
        label: 'Edit call purposes and outcomes',
        group: 'Actions',
        icon: ListTodo,
        keywords: 'lists choices settings calls outcome purpose',
        run: () => ui.getState().openListsEditor(),
      },
      {
        id: 'backups.take',
        label: 'Take a snapshot now',
        group: 'Actions',
        icon: Camera,
        keywords: 'backup copy save snapshot restore point',
        run: () => takeSnapshotFromAnywhere(cache, ui, { locale }),
      },
      {
        id: 'security.open',
        label: 'Encrypt or decrypt this book',
        group: 'Actions',
        icon: LockKeyhole,
        keywords: 'security encryption passphrase password recovery key lock keychain protect settings',
        run: () => openSecuritySettings(ui),
      },
      ...SECTIONS.map((section): Command => ({
        id: `go.${section.id}`,
        label: `Go to ${section.label}`,
        group: 'Go to',
        keys: keysFor(`go.${section.id}` as GoCommand),
        icon: section.icon,
        keywords: section.keywords,
        run: () => navigate(section.id),
      })),
    ];
    for (const t of THEME_COMMANDS) {
      if (settings?.theme === t.theme) continue;
      commands.push({
        id: `theme.${t.theme}`,
        label: t.label,
        group: 'Appearance',
        icon: t.icon,
        keywords: t.keywords,
        run: () => {
          cache
            .mutate('settings.update', { theme: t.theme })
            .catch((err: unknown) => toast(messageOf(err), 'error'));
        },
      });
    }
    for (const person of staff ?? []) {
      if (person.id === settings?.currentStaffId) continue;
      commands.push({
        id: `profile.${person.id}`,
        label: `Switch profile to ${person.name}`,
        group: 'Profiles',
        icon: UserRound,
        keywords: 'staff user who profile',
        run: () => {
          cache
            .mutate('staff.switch', { id: person.id })
            .then(() => toast(`You are now using ${person.name}’s profile.`))
            .catch((err: unknown) => toast(messageOf(err), 'error'));
        },
      });
    }
    commands.push(
      {
        id: 'sidebar.toggle',
        label: collapsed ? 'Show the sidebar' : 'Hide the sidebar',
        group: 'View',
        keys: keysFor('sidebar.toggle'),
        icon: PanelLeft,
        keywords: 'sidebar collapse expand toggle',
        run: toggleSidebar,
      },
      {
        id: 'shortcuts',
        label: 'Show keyboard shortcuts',
        group: 'Help',
        keys: keysFor('shortcuts'),
        icon: Keyboard,
        keywords: 'keys help',
        run: () => setShortcutsOpen(true),
      },
    );
    return commands;
  }, [ui, cache, collapsed, settings?.theme, settings?.currentStaffId, staff, locale]);
}

export function filterCommands(commands: readonly Command[], query: string): Command[] {
  const terms = query.toLowerCase().split(/\s+/u).filter(Boolean);
  if (terms.length === 0) return [...commands];
  const scored: { c: Command; score: number; i: number }[] = [];
  commands.forEach((c, i) => {
    const label = c.label.toLowerCase();
    const haystack = `${label} ${c.keywords ?? ''} ${c.group.toLowerCase()}`;
    if (!terms.every((t) => haystack.includes(t))) return;
    const inLabel = terms.every((t) => label.includes(t));
    const wordStart = terms.every((t) => label.split(/\s+/u).some((w) => w.startsWith(t)));
    scored.push({ c, score: (inLabel ? 2 : 0) + (wordStart ? 1 : 0), i });
  });
  return scored.sort((a, b) => b.score - a.score || a.i - b.i).map((s) => s.c);
}
