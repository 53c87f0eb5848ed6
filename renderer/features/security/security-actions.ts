/** Going to Settings › Security from anywhere (the command palette). */
import type { StoreApi } from 'zustand';
import type { UiState } from '../../stores/ui.store.tsx';

/** Frames to wait for the settings screen (its code loads the first time it is opened). */
const MAX_FRAMES = 120;

export function openSecuritySettings(ui: StoreApi<UiState>) {
  ui.getState().navigate('settings');
  let frames = 0;
  const reveal = () => {
    const section = document.getElementById('settings-security');
    if (section) {
      section.scrollIntoView({ block: 'start' });
      return;
    }
    if (++frames < MAX_FRAMES) requestAnimationFrame(reveal);
  };
  requestAnimationFrame(reveal);
}
