/** The main window: sidebar, the screen for the route, and the dialogs, palette and notes above. */
import { lazy, Suspense, useEffect, type ComponentType, type LazyExoticComponent } from 'react';
import type { Settings } from '../../../shared/domain/settings.ts';
import { detailId, routeFromHash, useUi, useUiStore, type Route } from '../../stores/ui.store.tsx';
import { NewTaskDialog } from '../agenda/NewTaskDialog.tsx';
import { LogCallDialog } from '../calls/LogCallDialog.tsx';
import { ContactsScreen } from '../contacts/ContactsScreen.tsx';
import { NewPersonDialog } from '../contacts/NewPersonDialog.tsx';
import { PersonScreen } from '../contacts/PersonScreen.tsx';
import { EditListsDialog } from '../lists/EditListsDialog.tsx';
import { CommandPalette } from '../palette/CommandPalette.tsx';
import { ShortcutsDialog } from '../palette/ShortcutsDialog.tsx';
import { useGlobalShortcuts } from '../palette/useGlobalShortcuts.ts';
import { useReminderToasts } from '../reminders/useReminderToasts.ts';
import { TodayScreen } from '../today/TodayScreen.tsx';
import { SalesDialogs } from '../pipeline/SalesDialogs.tsx';
import { BookHealthBanner } from '../backups/BookHealthBanner.tsx';
import { useMenuCommands } from '../backups/snapshot-actions.ts';
import { Sidebar } from './Sidebar.tsx';
import { Toaster } from './Toaster.tsx';
import { DelayedSpinner } from '../../ui/States.tsx';

/**
 * A screen whose module loads the first time it is shown. Only Today, Contacts and a person's
 * page come with the window's first script; every other screen's code (the charts' recharts and
 * the board's dnd-kit among them) loads when first opened, so the first screen shows sooner.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- any screen's props
function lazyScreen<M extends Record<K, ComponentType<any>>, K extends keyof M>(
  load: () => Promise<M>,
  name: K,
): LazyExoticComponent<M[K]> {
  return lazy(() => load().then((m) => ({ default: m[name] })));
}
const ReportsScreen = lazyScreen(() => import('../reports/ReportsScreen.tsx'), 'ReportsScreen');
const PipelineScreen = lazyScreen(() => import('../pipeline/PipelineScreen.tsx'), 'PipelineScreen');
const AgendaScreen = lazyScreen(() => import('../agenda/AgendaScreen.tsx'), 'AgendaScreen');
const CallsScreen = lazyScreen(() => import('../calls/CallsScreen.tsx'), 'CallsScreen');
const CompaniesScreen = lazyScreen(() => import('../companies/CompaniesScreen.tsx'), 'CompaniesScreen');
const CompanyScreen = lazyScreen(() => import('../companies/CompanyScreen.tsx'), 'CompanyScreen');
const SettingsScreen = lazyScreen(() => import('../settings/SettingsScreen.tsx'), 'SettingsScreen');
const TransferScreen = lazyScreen(() => import('../transfer/TransferScreen.tsx'), 'TransferScreen');
const BackupsScreen = lazyScreen(() => import('../backups/BackupsScreen.tsx'), 'BackupsScreen');
const AuditScreen = lazyScreen(() => import('../audit/AuditScreen.tsx'), 'AuditScreen');
const TrashScreen = lazyScreen(() => import('../trash/TrashScreen.tsx'), 'TrashScreen');
const OrderScreen = lazyScreen(() => import('../orders/OrderScreen.tsx'), 'OrderScreen');
const OrdersScreen = lazyScreen(() => import('../orders/OrdersScreen.tsx'), 'OrdersScreen');
const ProductsScreen = lazyScreen(() => import('../products/ProductsScreen.tsx'), 'ProductsScreen');
const CaseScreen = lazyScreen(() => import('../cases/CaseScreen.tsx'), 'CaseScreen');
const CasesScreen = lazyScreen(() => import('../cases/CasesScreen.tsx'), 'CasesScreen');
const LeadsScreen = lazyScreen(() => import('../leads/LeadsScreen.tsx'), 'LeadsScreen');
const DealScreen = lazyScreen(() => import('../pipeline/DealScreen.tsx'), 'DealScreen');

/** Keeps the route in the address (#/people/<id>) so a reload stays where it was. */
function useHashRoute() {
  const ui = useUiStore();
  const route = useUi((s) => s.route);
  useEffect(() => {
    const wanted = `#/${route}`;
    if (window.location.hash !== wanted) window.history.replaceState(null, '', wanted);
  }, [route]);
  useEffect(() => {
    const onHash = () => ui.getState().navigate(routeFromHash(window.location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [ui]);
}

function Screen({ route, settings }: { route: Route; settings: Settings }) {
  const personId = detailId(route, 'people');
  if (personId) return <PersonScreen key={personId} personId={personId} />;
  const companyId = detailId(route, 'companies');
  if (companyId) return <CompanyScreen key={companyId} companyId={companyId} />;
  const orderId = detailId(route, 'orders');
  if (orderId) return <OrderScreen key={orderId} orderId={orderId} />;
  const dealId = detailId(route, 'deals');
  if (dealId) return <DealScreen key={dealId} dealId={dealId} />;
  const caseId = detailId(route, 'cases');
  if (caseId) return <CaseScreen key={caseId} caseId={caseId} />;
  switch (route) {
    case 'contacts':
      return <ContactsScreen />;
    case 'companies':
      return <CompaniesScreen />;
    case 'calls':
      return <CallsScreen />;
    case 'agenda':
      return <AgendaScreen settings={settings} />;
    case 'reports':
      return <ReportsScreen />;
    case 'products':
      return <ProductsScreen />;
    case 'orders':
      return <OrdersScreen />;
    case 'pipeline':
      return <PipelineScreen />;
    case 'leads':
      return <LeadsScreen />;
    case 'cases':
      return <CasesScreen />;
    case 'transfer':
      return <TransferScreen />;
    case 'backups':
      return <BackupsScreen />;
    case 'audit':
      return <AuditScreen />;
    case 'trash':
      return <TrashScreen />;
    case 'settings':
      return <SettingsScreen settings={settings} />;
    default:
      return <TodayScreen settings={settings} />;
  }
}

export function AppShell({ settings }: { settings: Settings }) {
  const route = useUi((s) => s.route);
  const paletteOpen = useUi((s) => s.paletteOpen);
  const shortcutsOpen = useUi((s) => s.shortcutsOpen);
  const logCall = useUi((s) => s.logCall);
  const newTask = useUi((s) => s.newTask);
  const newPersonOpen = useUi((s) => s.newPersonOpen);
  const listsEditorOpen = useUi((s) => s.listsEditorOpen);
  const ui = useUiStore();
  useGlobalShortcuts();
  useHashRoute();
  useReminderToasts();
  useMenuCommands();
  useEffect(() => {
    document.title = settings.businessName ? `${settings.businessName} — Ledgerline` : 'Ledgerline';
  }, [settings.businessName]);
  const { setPaletteOpen, setShortcutsOpen, closeLogCall, closeNewTask, closeNewPerson, closeListsEditor } =
    ui.getState();

  return (
    <div className="shell">
      <Sidebar settings={settings} />
      <main className="shell__main" data-focus-fallback tabIndex={-1}>
        <BookHealthBanner />
        <Suspense
          fallback={
            <div className="screen-loading">
              <DelayedSpinner />
            </div>
          }
        >
          <Screen route={route} settings={settings} />
        </Suspense>
      </main>
      {paletteOpen ? <CommandPalette onClose={() => setPaletteOpen(false)} /> : null}
      {shortcutsOpen ? <ShortcutsDialog onClose={() => setShortcutsOpen(false)} /> : null}
      {logCall.open ? <LogCallDialog personId={logCall.personId} onClose={closeLogCall} /> : null}
      {newTask.open ? (
        <NewTaskDialog personId={newTask.personId} settings={settings} onClose={closeNewTask} />
      ) : null}
      {listsEditorOpen ? <EditListsDialog onClose={closeListsEditor} /> : null}
      <NewPersonDialog open={newPersonOpen} onClose={closeNewPerson} />
      <SalesDialogs />
      <Toaster />
    </div>
  );
}
