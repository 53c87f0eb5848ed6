/**
 * A Node-side client for the preview's HTTP API (POST /api/invoke + server-sent events),
 * used by the contract suite. It speaks exactly the wire format the renderer's transport does.
 */
import type { Envelope } from '../../shared/api/errors.ts';
import type { EventName } from '../../shared/api/events.ts';
import type { Transport } from '../../shared/api/transport.ts';

export interface HttpTestTransport extends Transport {
  /** Resolves once the event stream is connected. */
  ready: Promise<void>;
  close(): void;
}

export function httpTestTransport(baseUrl: string, token: string): HttpTestTransport {
  const listeners = new Set<{ event: EventName; fn: (p: unknown) => void }>();
  const abort = new AbortController();
  let markReady: () => void = () => {};
  const ready = new Promise<void>((r) => (markReady = r));

  void (async () => {
    const res = await fetch(new URL('/api/events', baseUrl), {
      headers: { authorization: `Bearer ${token}` },
      signal: abort.signal,
    });
    if (!res.body) return;
    const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let cut: number;
      while ((cut = buffer.indexOf('\n\n')) >= 0) {
        const frame = buffer.slice(0, cut);
        buffer = buffer.slice(cut + 2);
        if (frame.startsWith(': connected')) markReady();
        const data = frame
          .split('\n')
          .filter((l) => l.startsWith('data: '))
          .map((l) => l.slice(6))
          .join('\n');
        if (!data) continue;
        const { event, payload } = JSON.parse(data) as { event: EventName; payload: unknown };
        for (const l of listeners) if (l.event === event) l.fn(payload);
      }
    }
  })().catch(() => {});

  return {
    ready,
    async invoke(name, input) {
      const res = await fetch(new URL('/api/invoke', baseUrl), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ name, input }),
      });
      return (await res.json()) as Envelope<unknown>;
    },
    on(event, fn) {
      const entry = { event, fn };
      listeners.add(entry);
      return () => listeners.delete(entry);
    },
    close() {
      abort.abort();
    },
  };
}
