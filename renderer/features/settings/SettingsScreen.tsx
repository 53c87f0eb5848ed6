/** Settings: the business, how the app looks, who uses it, and where the book is kept. */
import type { Settings } from '../../../shared/domain/settings.ts';
import { PageHeader } from '../shell/PageHeader.tsx';
import { AppearanceSection } from './AppearanceSection.tsx';
import { BookSection } from './BookSection.tsx';
import { BusinessSection } from './BusinessSection.tsx';
import { CustomFieldsSection } from './CustomFieldsSection.tsx';
import { StaffSection } from './StaffSection.tsx';
import { SalesSettingsSection } from '../orders/SalesSettingsSection.tsx';
import { StagesSection } from '../pipeline/StagesSection.tsx';
import './settings.css';

export function SettingsScreen({ settings }: { settings: Settings }) {
  return (
    <>
      <PageHeader title="Settings" />
      <div className="page">
        <div className="page__inner settings">
          <BusinessSection settings={settings} />
          <AppearanceSection settings={settings} />
          <StaffSection settings={settings} />
          <CustomFieldsSection />
          <SalesSettingsSection />
          <StagesSection />
          <BookSection />
        </div>
      </div>
    </>
  );
}
