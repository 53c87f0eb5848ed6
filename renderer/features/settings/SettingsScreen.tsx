/** Settings: the business, how the app looks, who uses it, where the book is kept and whether it is encrypted. */
import type { Settings } from '../../../shared/domain/settings.ts';
import { PageHeader } from '../shell/PageHeader.tsx';
import { AppearanceSection } from './AppearanceSection.tsx';
import { BookSection } from './BookSection.tsx';
import { BusinessSection } from './BusinessSection.tsx';
import { CustomFieldsSection } from './CustomFieldsSection.tsx';
import { StaffSection } from './StaffSection.tsx';
import { SalesSettingsSection } from '../orders/SalesSettingsSection.tsx';
import { StagesSection } from '../pipeline/StagesSection.tsx';
import { SecuritySection } from '../security/SecuritySection.tsx';
import { PrivacySection } from '../privacy/PrivacySection.tsx';
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
          <SecuritySection settings={settings} />
          <PrivacySection />
        </div>
      </div>
    </>
  );
}
