/** The preview transport with a fake fetch and EventSource: token, envelopes, events, reconnects. */
import { describe, expect, it } from 'vitest';
import { httpTransport } from '../../renderer/api/http.transport.ts';
import { ipcTransport } from '../../renderer/api/ipc.transport.ts';
import { pickTransport } from '../../renderer/api/pick.transport.ts';

class FakeEventSource {
  static last: FakeEventSource | null = null;
  onopen: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onmessage: ((m: MessageEvent<string>) => void) | null = null;
  readonly url: string;
  constructor(url: string) {
    this.url = url;
    FakeEventSource.last = this;
  }
  push(data: unknown) {
    this.onmessage?.({
      data: typeof data === 'string' ? data : JSON.stringify(data),
    } as MessageEvent<string>);
  }
  close() {}
}

describe('http transport', () => {
  it('posts { name, input } with the token and passes the envelope through', async () => {
    const sent: { url: string; init: RequestInit }[] = [];
    const transport = httpTransport({
      baseUrl: 'http://127.0.0.1:4000',
      token: 'secret-token',
      fetch: (async (url: URL, init: RequestInit) => {
        sent.push({ url: String(url), init });
        return new Response(JSON.stringify({ ok: true, value: { businessName: 'X' } }));
      }) as typeof fetch,
      EventSource: FakeEventSource as unknown as typeof EventSource,
    });
    const envelope = await transport.invoke('settings.get', {});
    expect(envelope).toEqual({ ok: true, value: { businessName: 'X' } });
    expect(sent[0]!.url).toBe('http://127.0.0.1:4000/api/invoke');
    expect(sent[0]!.init.method).toBe('POST');
    expect((sent[0]!.init.headers as Record<string, string>).authorization).toBe('Bearer secret-token');
    // It names itself and the request, so a late answer can come on its event stream.
    const body = JSON.parse(sent[0]!.init.body as string) as Record<string, unknown>;
    expect(body).toMatchObject({ name: 'settings.get', input: {}, id: '1' });
    expect(FakeEventSource.last!.url).toBe(
      `http://127.0.0.1:4000/api/events?token=secret-token&client=${String(body.client)}`,
    );
  });

  it('waits for a pending answer on the event stream, in whichever order the two arrive', async () => {
    let reply: (id: string) => Response = () => new Response('{}');
    const transport = httpTransport({
      baseUrl: 'http://127.0.0.1:4000',
      token: 't',
      fetch: (async (_url: URL, init: RequestInit) =>
        reply((JSON.parse(init.body as string) as { id: string }).id)) as typeof fetch,
      EventSource: FakeEventSource as unknown as typeof EventSource,
    });
    const pending = (id: string) => new Response(JSON.stringify({ pending: id }), { status: 202 });
    reply = pending;
    const first = transport.invoke('people.anchors', {} as never);
    const source = FakeEventSource.last!;
    source.onopen?.();
    source.push({ hello: 'server-1' });
    const second = transport.invoke('people.count', {} as never);
    // The answer to 2 comes before its 202; the answer to 1 after.
    await new Promise((resolve) => setTimeout(resolve, 0));
    source.push({ answer: '2', envelope: { ok: true, value: { count: 7 } } });
    expect(await second).toEqual({ ok: true, value: { count: 7 } });
    source.push({ answer: '1', envelope: { ok: true, value: { total: 9 } } });
    expect(await first).toEqual({ ok: true, value: { total: 9 } });

    // A server that restarted (another hello) will not answer what was waiting.
    const lost = transport.invoke('people.count', {} as never);
    await new Promise((resolve) => setTimeout(resolve, 0));
    source.onerror?.();
    source.onopen?.();
    source.push({ hello: 'server-2' });
    const envelope = await lost;
    expect(!envelope.ok && envelope.error.message).toMatch(/not answering/u);
  });

  it('turns a refusal into its error envelope and a dead server into a plain message', async () => {
    const refused = httpTransport({
      baseUrl: 'http://127.0.0.1:4000',
      token: null,
      fetch: (async () =>
        new Response(
          JSON.stringify({ ok: false, error: { code: 'UNAUTHORIZED', message: 'Needs the token.' } }),
          {
            status: 401,
          },
        )) as typeof fetch,
    });
    expect(await refused.invoke('settings.get', {})).toEqual({
      ok: false,
      error: { code: 'UNAUTHORIZED', message: 'Needs the token.' },
    });

    const dead = httpTransport({
      baseUrl: 'http://127.0.0.1:4000',
      token: 't',
      fetch: (async () => {
        throw new TypeError('Failed to fetch');
      }) as typeof fetch,
    });
    const envelope = await dead.invoke('settings.get', {});
    expect(envelope.ok).toBe(false);
    expect(!envelope.ok && envelope.error.message).toMatch(/not answering/u);
  });

  it('delivers events by name and reports a reconnect after a drop', async () => {
    let reconnects = 0;
    const transport = httpTransport({
      baseUrl: 'http://127.0.0.1:4000',
      token: 'tok',
      onReconnect: () => reconnects++,
      EventSource: FakeEventSource as unknown as typeof EventSource,
    });
    const got: unknown[] = [];
    const off = transport.on('db.changed', (p) => got.push(p));
    const source = FakeEventSource.last!;
    expect(source.url).toMatch(/^http:\/\/127\.0\.0\.1:4000\/api\/events\?token=tok&client=[\w-]{36}$/u);

    source.onopen?.();
    source.push({ event: 'db.changed', payload: { seq: 3, tables: ['staff'], ids: [] } });
    source.push({ event: 'job.progress', payload: {} }); // not subscribed
    source.push({ event: 'nonsense', payload: {} });
    source.push('not json');
    expect(got).toEqual([{ seq: 3, tables: ['staff'], ids: [] }]);
    expect(reconnects).toBe(0);

    source.onerror?.();
    source.onopen?.();
    expect(reconnects).toBe(1);

    off();
    source.push({ event: 'db.changed', payload: { seq: 4, tables: [], ids: [] } });
    expect(got).toHaveLength(1);
  });
});

describe('choosing the transport', () => {
  it('uses window.crm when the preload put it there, HTTP otherwise', async () => {
    const calls: string[] = [];
    const bridge = {
      invoke: async (name: string) => {
        calls.push(name);
        return { ok: true as const, value: 1 };
      },
      on: () => () => {},
    };
    const fakeWindow = { crm: bridge, location: window.location } as unknown as Window;
    expect(await pickTransport(fakeWindow).invoke('app.info', {})).toEqual({ ok: true, value: 1 });
    expect(calls).toEqual(['app.info']);
    expect(await ipcTransport(bridge).invoke('settings.get', {})).toEqual({ ok: true, value: 1 });

    const sent: string[] = [];
    const original = globalThis.fetch;
    globalThis.fetch = (async (url: URL, init: RequestInit) => {
      sent.push(`${String(url)} ${(init.headers as Record<string, string>).authorization ?? ''}`);
      return new Response(JSON.stringify({ ok: true, value: 2 }));
    }) as typeof fetch;
    try {
      const page = {
        location: new URL('http://127.0.0.1:5555/?token=abc123xyz'),
      } as unknown as Window;
      expect(await pickTransport(page).invoke('app.info', {})).toEqual({ ok: true, value: 2 });
      expect(sent).toEqual(['http://127.0.0.1:5555/api/invoke Bearer abc123xyz']);
    } finally {
      globalThis.fetch = original;
    }
  });
});
