/**
 * The IPC bridge: one request channel and one event channel, nothing generic.
 * A request runs only when it comes from the main frame of one of our windows, on exactly
 * app://ledgerline. Anything else gets FORBIDDEN and never reaches the backend.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import type { Envelope } from '../../shared/api/errors.ts';
import type { EventHub } from '../backend/event-hub.ts';
import { APP_ORIGIN, isAppUrl } from './origin.main.ts';

/** Must match electron/preload/channels.preload.ts (a shell test checks they agree). */
export const CRM_INVOKE_CHANNEL = 'crm:invoke';
export const CRM_EVENT_CHANNEL = 'crm:event';

export interface InvokeTarget {
  invoke(name: unknown, input: unknown): Promise<Envelope<unknown>>;
}

export type SenderEvent = Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>;

/** Null when the sender may call the backend; otherwise the reason it may not. */
export function senderProblem(event: SenderEvent, owns?: (contents: WebContents) => boolean): string | null {
  try {
    const frame = event.senderFrame;
    if (!frame) return 'the sending frame is gone';
    if (!isAppUrl(frame.url)) return 'the sending page is not the app';
    if (typeof frame.origin === 'string' && frame.origin !== APP_ORIGIN) {
      return 'the sending origin is not the app';
    }
    if (frame.detached) return 'the sending frame is detached';
    if (frame.parent !== null && frame.parent !== undefined) return 'the sender is a sub-frame';
    // Same frame: the same object, or (if Electron hands out another wrapper) the same frame token.
    const main = event.sender.mainFrame;
    if (main !== frame && (typeof frame.frameToken !== 'string' || main.frameToken !== frame.frameToken)) {
      return 'the sender is not the main frame';
    }
    if (owns && !owns(event.sender)) return 'the sender is not a Ledgerline window';
    return null;
  } catch {
    return 'the sender could not be checked';
  }
}

export function forbidden(reason: string): Envelope<unknown> {
  return {
    ok: false,
    error: { code: 'FORBIDDEN', message: `This request was refused: ${reason}.` },
  };
}

export interface IpcOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  backend: InvokeTarget;
  owns?: (contents: WebContents) => boolean;
  log?: (message: string, err?: unknown) => void;
}

/** Registers crm:invoke; returns a function that removes it. */
export function registerIpc(options: IpcOptions): () => void {
  options.ipcMain.handle(CRM_INVOKE_CHANNEL, (event, name: unknown, input: unknown) => {
    const problem = senderProblem(event, options.owns);
    if (problem) {
      options.log?.(
        `Refused an IPC request (${String(typeof name === 'string' ? name : typeof name).slice(0, 80)}): ${problem}`,
      );
      return forbidden(problem);
    }
    // The backend validates the name and the input and never throws.
    return options.backend.invoke(name, input);
  });
  return () => options.ipcMain.removeHandler(CRM_INVOKE_CHANNEL);
}

export interface EventTarget {
  isDestroyed(): boolean;
  webContents: Pick<WebContents, 'send' | 'isDestroyed'>;
}

/** Pushes every backend event to every live window; returns the unsubscribe function. */
export function forwardEvents(
  hub: Pick<EventHub, 'subscribe'>,
  windows: () => readonly EventTarget[],
): () => void {
  return hub.subscribe((event, payload) => {
    for (const win of windows()) {
      if (win.isDestroyed() || win.webContents.isDestroyed()) continue;
      win.webContents.send(CRM_EVENT_CHANNEL, event, payload);
    }
  });
}
