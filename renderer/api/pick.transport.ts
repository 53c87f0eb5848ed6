/** Chosen once at startup: the desktop bridge when the preload put one there, else HTTP. */
import type { Transport } from '../../shared/api/transport.ts';
import { httpTransport } from './http.transport.ts';
import { ipcTransport } from './ipc.transport.ts';

export function pickTransport(win: Window, onReconnect?: () => void): Transport {
  if (win.crm) return ipcTransport(win.crm);
  const token = new URL(win.location.href).searchParams.get('token');
  return httpTransport({ baseUrl: win.location.origin, token, ...(onReconnect ? { onReconnect } : {}) });
}
