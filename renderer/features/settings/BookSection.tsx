import { useQuery } from '../../stores/query.hooks.tsx';
import { useUi } from '../../stores/ui.store.tsx';
import { useFormat } from '../../lib/format.context.tsx';
import { Button } from '../../ui/Button.tsx';
import { PathText } from '../../ui/PathText.tsx';
import { ErrorState } from '../../ui/States.tsx';
import { SettingsGroup, SettingsRow } from './SettingsRow.tsx';

export function BookSection() {
  const info = useQuery('app.info', {});
  const fmt = useFormat();
  const navigate = useUi((s) => s.navigate);
  return (
    <SettingsGroup
      id="settings-book"
      title="Customer book"
      description="Everything is kept in one file on this computer. Ledgerline copies it every day; see Backups to restore a copy or keep them on another drive."
    >
      {info.status === 'error' && !info.data ? (
        <ErrorState
          title="Could not read the book’s details"
          message={info.error?.message ?? 'Try again.'}
          onRetry={() => void info.refetch()}
        />
      ) : (
        <>
          <SettingsRow label="Stored in">
            {info.data ? (
              <PathText path={info.data.bookPath} what="book’s location" />
            ) : (
              <span className="skeleton settings__value-skeleton" />
            )}
          </SettingsRow>
          <SettingsRow label="Backups">
            <Button onClick={() => navigate('backups')}>Open Backups</Button>
          </SettingsRow>
          <SettingsRow label="Book format">
            <span className="settings__value num">
              {info.data ? `Version ${fmt.number(info.data.schemaVersion)}` : '\u00a0'}
            </span>
          </SettingsRow>
          <SettingsRow label="Ledgerline">
            <span className="settings__value num">
              {info.data ? `Version ${info.data.appVersion}` : '\u00a0'}
            </span>
          </SettingsRow>
        </>
      )}
    </SettingsGroup>
  );
}
