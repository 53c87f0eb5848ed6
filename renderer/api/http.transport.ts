/**
 * The browser-preview transport: POST /api/invoke for requests and one EventSource on
 * /api/events for pushed events. The page was opened with ?token=…; the server also set an
 * HttpOnly cookie, and the token is sent again as a Bearer header to be safe.
 *
 * A request that takes the server longer than a moment is answered "pending" at once, and its
 * envelope comes later on this page's event stream (see electron/preview/preview.server.ts), so
 * long requests never hold the browser's few connections to the server. Should the stream stay
 * down for RECONNECT_GRACE_MS, or come back from a restarted server, the requests still waiting
 * get the "not answering" error.
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

const RECONNECT_GRACE_MS = 5000;

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
  const client = globalThis.crypto.randomUUID();
  let nextId = 0;
  /** Requests answered "pending", waiting for their envelope on the event stream. */
  const waiting = new Map<string, (envelope: Envelope<unknown>) => void>();
  /** Envelopes that came on the stream before their request's "pending" reply. */
  const early = new Map<string, Envelope<unknown>>();
  let server: string | null = null;
  let grace: ReturnType<typeof setTimeout> | null = null;

  function giveUp() {
    for (const resolve of waiting.values()) resolve(OFFLINE);
    waiting.clear();
  }

  function connect() {
    if (source || !ES) return;
    const url = new URL('/api/events', options.baseUrl);
    if (options.token) url.searchParams.set('token', options.token);
    url.searchParams.set('client', client);
    source = new ES(url.toString());
    source.onopen = () => {
      if (grace) clearTimeout(grace);
      grace = null;
      if (dropped) {
        dropped = false;
        options.onReconnect?.();
      }
    };
    source.onerror = () => {
      dropped = true;
      grace ??= setTimeout(() => {
        grace = null;
        if (dropped) giveUp();
      }, RECONNECT_GRACE_MS);
    };
    source.onmessage = (message: MessageEvent<string>) => {
      let frame: unknown;
      try {
        frame = JSON.parse(message.data);
      } catch {
        return;
      }
      const f = (frame ?? {}) as {
        event?: unknown;
        payload?: unknown;
        answer?: unknown;
        envelope?: unknown;
        hello?: unknown;
      };
      if (typeof f.hello === 'string') {
        // Another server than the one the waiting requests went to: they will not be answered.
        if (server !== null && server !== f.hello) giveUp();
        server = f.hello;
        return;
      }
      if (typeof f.answer === 'string') {
        const envelope = checked(f.envelope);
        const resolve = waiting.get(f.answer);
        if (resolve) {
          waiting.delete(f.answer);
          resolve(envelope);
        } else early.set(f.answer, envelope);
        return;
      }
      if (!isEventName(f.event)) return;
      for (const listener of [...(listeners.get(f.event) ?? [])]) listener(f.payload);
    };
  }

  return {
    async invoke(name, input) {
      const headers: Record<string, string> = { 'content-type': 'application/json' };
      if (options.token) headers.authorization = `Bearer ${options.token}`;
      // Without an event stream (no EventSource here) every answer comes on its own request.
      connect();
      const id = source ? String(++nextId) : null;
      let response: Response;
      try {
        response = await doFetch(new URL('/api/invoke', options.baseUrl), {
          method: 'POST',
          headers,
          body: JSON.stringify(id ? { name, input, id, client } : { name, input }),
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
      if (id && response.status === 202 && (body as { pending?: unknown } | null)?.pending === id) {
        const got = early.get(id);
        if (got) {
          early.delete(id);
          return got;
        }
        return new Promise((resolve) => waiting.set(id, resolve));
      }
      return checked(body);
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

/** An envelope as the server sent it, or the "not answering" one when it is not an envelope. */
function checked(body: unknown): Envelope<unknown> {
  const envelope = body as Envelope<unknown> | null;
  if (envelope && envelope.ok === true) return envelope;
  if (envelope && envelope.ok === false && isApiErrorData(envelope.error)) return envelope;
  return OFFLINE;
}
