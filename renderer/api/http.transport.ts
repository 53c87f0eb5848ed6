/**
 * The browser-preview transport: POST /api/invoke for requests and one EventSource on
 * /api/events for pushed events. The page was opened with ?token=…; the server also set an
 * HttpOnly cookie, and the token is sent again as a Bearer header to be safe.
 */
import type { Envelope } from '../../shared/api/errors.ts';
import { isApiErrorData } from '../../shared/api/errors.ts';
import { isEventName, type EventName } from '../../shared/api/events.ts';
import type { Transport } from '../../shared/api/transport.ts';

export interface HttpTransportOptions {
  /** Origin of the preview server, e.g. http://127.0.0.1:5173. */
  baseUrl: string;
  token: string | null;
  /** Called when the event stream comes back after a drop: events may have been missed. */
  onReconnect?: () => void;
  fetch?: typeof fetch;
  EventSource?: typeof EventSource;
}

const OFFLINE: Envelope<never> = {
  ok: false,
  error: {
    code: 'INTERNAL',
    message:
      'Ledgerline’s preview server is not answering, so nothing was changed. Check that it is still running, then try again.',
  },
};

export function httpTransport(options: HttpTransportOptions): Transport {
  const doFetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  const ES = options.EventSource ?? globalThis.EventSource;
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;
  let dropped = false;

  function connect() {
    if (source || !ES) return;
    const url = new URL('/api/events', options.baseUrl);
    if (options.token) url.searchParams.set('token', options.token);
    source = new ES(url.toString());
    source.onopen = () => {
      if (dropped) {
        dropped = false;
        options.onReconnect?.();
      }
    };
    source.onerror = () => {
      dropped = true;
    };
    source.onmessage = (message: MessageEvent<string>) => {
      let frame: unknown;
      try {
        frame = JSON.parse(message.data);
      } catch {
        return;
      }
      const { event, payload } = (frame ?? {}) as { event?: unknown; payload?: unknown };
      if (!isEventName(event)) return;
      for (const listener of [...(listeners.get(event) ?? [])]) listener(payload);
    };
  }

  return {
    async invoke(name, input) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      let response: Response;
      try {
        response = await doFetch(new URL('/api/invoke', options.baseUrl), {
          method: 'POST',
          headers,
          body: JSON.stringify({ name, input }),
          credentials: 'same-origin',
        });
      } catch {
        return OFFLINE;
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        return OFFLINE;
      }
      const envelope = body as Envelope<unknown>;
      if (envelope && envelope.ok === true) return envelope;
      if (envelope && envelope.ok === false && isApiErrorData(envelope.error)) return envelope;
      return OFFLINE;
    },
    on(event, listener) {
      connect();
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(listener);
      return () => {
        set.delete(listener);
      };
    },
  };
}
