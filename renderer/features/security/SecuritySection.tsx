/**
 * Settings › Security: whether the book is encrypted, how its key is kept here, and whether this
 * computer has a keychain; the way in to encrypting or decrypting it.
 */
import { useState } from 'react';
import { ShieldCheck, ShieldOff, TriangleAlert } from 'lucide-react';
import type { Settings } from '../../../shared/domain/settings.ts';
import { useFormat } from '../../lib/format.context.tsx';
import { useQuery } from '../../stores/query.hooks.tsx';
import { useUi } from '../../stores/ui.store.tsx';
import { Button } from '../../ui/Button.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { ErrorState } from '../../ui/States.tsx';
import { SettingsGroup, SettingsRow } from '../settings/SettingsRow.tsx';
import { DecryptDialog } from './DecryptDialog.tsx';
import { EncryptDialog } from './EncryptDialog.tsx';
import './security.css';

export function SecuritySection({ settings }: { settings: Settings }) {
  const status = useQuery('security.status', {});
  const fmt = useFormat();
  const navigate = useUi((s) => s.navigate);
  const [open, setOpen] = useState<'encrypt' | 'decrypt' | null>(null);
  const s = status.data;

  return (
    <SettingsGroup
      id="settings-security"
      title="Security"
      description="Encrypt the book so that the file, a copy of it or a snapshot is unreadable without its key: on a lost laptop, a stolen drive or a backup in the wrong hands."
    >
      {status.status === 'error' && !s ? (
        <ErrorState
          title="Could not tell whether the book is encrypted"
          message={status.error?.message ?? 'Try again.'}
          onRetry={() => void status.refetch()}
        />
      ) : !s ? (
        <SettingsRow label="Encryption">
          <span className="skeleton settings__value-skeleton" />
        </SettingsRow>
      ) : (
        <>
          <SettingsRow
            label="Encryption"
            hint={
              s.encrypted
                ? 'The book and its snapshots are encrypted.'
                : 'Anyone who can open the file can read the book.'
            }
          >
            <div className="security-row">
              <span className={`security-state${s.encrypted ? ' security-state--on' : ''}`}>
                {s.encrypted ? (
                  <ShieldCheck size={ICON.inline} strokeWidth={STROKE} aria-hidden />
                ) : (
                  <ShieldOff size={ICON.inline} strokeWidth={STROKE} aria-hidden />
                )}
                {s.encrypted ? 'Encrypted' : 'Not encrypted'}
              </span>
              <Button onClick={() => setOpen(s.encrypted ? 'decrypt' : 'encrypt')} disabled={open !== null}>
                {s.encrypted ? 'Decrypt this book…' : 'Encrypt this book…'}
              </Button>
            </div>
          </SettingsRow>
          {s.encrypted ? (
            <SettingsRow label="Key kept in">
              <span className="settings__value">
                {s.protection === 'passphrase'
                  ? 'A passphrase, asked every time Ledgerline starts'
                  : 'This computer’s keychain, so the book opens by itself here'}
              </span>
            </SettingsRow>
          ) : null}
          <SettingsRow label="Keychain">
            <span className="settings__value">
              {s.keychainAvailable
                ? 'Available on this computer, and it keeps the key safe'
                : s.encrypted
                  ? 'Not available on this computer, so a passphrase protects the key instead'
                  : 'Not available on this computer, so an encrypted book needs a passphrase, asked at every start'}
            </span>
          </SettingsRow>
          {s.encrypted && s.plainSnapshots > 0 ? (
            <SettingsRow label="Snapshots">
              <div className="security-warning" role="alert">
                <TriangleAlert size={ICON.inline} strokeWidth={STROKE} aria-hidden />
                <span>
                  {s.plainSnapshots === 1
                    ? '1 snapshot of this book is stored in clear'
                    : `${fmt.number(s.plainSnapshots)} snapshots of this book are stored in clear`}
                  , so anyone with the snapshots folder can read {s.plainSnapshots === 1 ? 'it' : 'them'}.
                </span>
                <Button onClick={() => navigate('backups')}>Open Backups</Button>
              </div>
            </SettingsRow>
          ) : null}
        </>
      )}
      {open === 'encrypt' && s ? (
        <EncryptDialog status={s} businessName={settings.businessName} onClose={() => setOpen(null)} />
      ) : null}
      {open === 'decrypt' && s ? <DecryptDialog status={s} onClose={() => setOpen(null)} /> : null}
    </SettingsGroup>
  );
}
