/** The sections of the main window, in sidebar order: their names, icons and words that find them. */
import type { LucideIcon } from 'lucide-react';
import { Building2, CalendarCheck, House, Phone, Settings, Trash2, UsersRound } from 'lucide-react';
import { Package, ReceiptText } from 'lucide-react';
import { Handshake, LifeBuoy, Sprout } from 'lucide-react';
import { ArrowLeftRight, ChartColumn, DatabaseBackup } from 'lucide-react';
import { History } from 'lucide-react';
import type { Section } from '../stores/ui.store.tsx';

export interface SectionInfo {
  id: Section;
  label: string;
  icon: LucideIcon;
  keywords: string;
  /** 'top' sits with the main sections; 'bottom' sits near Settings. */
  place: 'top' | 'bottom';
}

export const SECTIONS: readonly SectionInfo[] = [
  { id: 'today', label: 'Today', icon: House, keywords: 'home due calls start', place: 'top' },
  {
    id: 'contacts',
    label: 'Contacts',
    icon: UsersRound,
    keywords: 'people persons customers leads',
    place: 'top',
  },
  {
    id: 'companies',
    label: 'Companies',
    icon: Building2,
    keywords: 'businesses organisations',
    place: 'top',
  },
  { id: 'calls', label: 'Calls', icon: Phone, keywords: 'call log history phone talk time', place: 'top' },
  {
    id: 'agenda',
    label: 'Agenda',
    icon: CalendarCheck,
    keywords: 'tasks to-do todo reminders overdue upcoming',
    place: 'top',
  },
  {
    id: 'pipeline',
    label: 'Pipeline',
    icon: Handshake,
    keywords: 'deals board stages opportunities sales forecast negotiating won lost',
    place: 'top',
  },
  {
    id: 'leads',
    label: 'Leads',
    icon: Sprout,
    keywords: 'prospects enquiries new customers convert source',
    place: 'top',
  },
  {
    id: 'orders',
    label: 'Orders',
    icon: ReceiptText,
    keywords: 'sales quotes invoices bought sold revenue',
    place: 'top',
  },
  {
    id: 'products',
    label: 'Products',
    icon: Package,
    keywords: 'catalogue catalog services prices sku stock items',
    place: 'top',
  },
  {
    id: 'cases',
    label: 'Cases',
    icon: LifeBuoy,
    keywords: 'complaints support tickets returns repairs questions service problems',
    place: 'top',
  },
  {
    id: 'reports',
    label: 'Reports',
    icon: ChartColumn,
    keywords: 'charts figures sales revenue analytics pipeline won lost cases',
    place: 'top',
  },
  {
    id: 'transfer',
    label: 'Import & export',
    icon: ArrowLeftRight,
    keywords: 'import export csv excel spreadsheet vcard accountant backup zip upload download undo',
    place: 'bottom',
  },
  {
    id: 'backups',
    label: 'Backups',
    icon: DatabaseBackup,
    keywords: 'backup restore snapshot copy recover damaged undo',
    place: 'bottom',
  },
  {
    id: 'audit',
    label: 'Audit trail',
    icon: History,
    keywords: 'history log who changed edited deleted when activity trail record changes staff',
    place: 'bottom',
  },
  { id: 'trash', label: 'Trash', icon: Trash2, keywords: 'deleted bin restore undo', place: 'bottom' },
  {
    id: 'settings',
    label: 'Settings',
    icon: Settings,
    keywords: 'preferences options business locale currency staff',
    place: 'bottom',
  },
];

export function sectionLabel(section: Section): string {
  return SECTIONS.find((s) => s.id === section)?.label ?? section;
}
