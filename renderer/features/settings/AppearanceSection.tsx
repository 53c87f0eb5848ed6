import { Monitor, Moon, Sun } from 'lucide-react';
import type { Settings, Theme } from '../../../shared/domain/settings.ts';
import { messageOf } from '../../api/errors.ts';
import { useMutation } from '../../stores/query.hooks.tsx';
import { FieldError } from '../../ui/Field.tsx';
import { ICON, STROKE } from '../../ui/icons.ts';
import { Segmented } from '../../ui/Segmented.tsx';
import { SettingsGroup, SettingsRow } from './SettingsRow.tsx';

const OPTIONS = [
  { value: 'system', label: 'System', icon: <Monitor size={ICON.inline} strokeWidth={STROKE} aria-hidden /> },
  { value: 'light', label: 'Light', icon: <Sun size={ICON.inline} strokeWidth={STROKE} aria-hidden /> },
  { value: 'dark', label: 'Dark', icon: <Moon size={ICON.inline} strokeWidth={STROKE} aria-hidden /> },
] as const;

export function AppearanceSection({ settings }: { settings: Settings }) {
  const update = useMutation('settings.update');
  return (
    <SettingsGroup id="settings-appearance" title="Appearance">
      <SettingsRow label="Theme" hint="System follows your computer’s light or dark setting.">
        <div className="settings__inline-field">
          <Segmented<Theme>
            label="Theme"
            value={settings.theme}
            options={OPTIONS}
            onChange={(theme) => void update.mutate({ theme }).catch(() => {})}
          />
          {update.error ? <FieldError message={messageOf(update.error)} /> : null}
        </div>
      </SettingsRow>
    </SettingsGroup>
  );
}
