import { Copy } from 'lucide-react';
import { useQuery } from '../../stores/query.hooks.tsx';
import { useUi, useUiStore } from '../../stores/ui.store.tsx';
import { useFormat } from '../../lib/format.context.tsx';
import { Button } from '../../ui/Button.tsx';
import { ErrorState } from '../../ui/States.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { SettingsGroup, SettingsRow } from './SettingsRow.tsx';

function PathValue({ path, what }: { path: string; what: string }) {
  const ui = useUiStore();
  const canCopy = typeof navigator !== 'undefined' && Boolean(navigator.clipboard);
  return (
    <div className="settings__path">
      <code className="settings__path-text selectable" title={path}>
        {path}
      </code>
      {canCopy ? (
        <Button
          variant="ghost"
          size="icon"
          aria-label={`Copy the ${what}`}
          title={`Copy the ${what}`}
          icon={<Copy size={ICON.inline} strokeWidth={STROKE} aria-hidden />}
          onClick={() =>
            navigator.clipboard
              .writeText(path)
              .then(() => ui.getState().toast(`Copied the ${what}.`))
              .catch(() =>
                ui.getState().toast('Could not copy. Select the text and copy it instead.', 'error'),
              )
          }
        />
      ) : null}
    </div>
  );
}

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
              <PathValue path={info.data.bookPath} what="book’s location" />
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
