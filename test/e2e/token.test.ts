/** The preview answers only with its token: without it, 401 and nothing changes. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPreview, type Preview } from './preview.ts';

let preview: Preview;

beforeAll(async () => {
  preview = await startPreview();
  await preview.call('setup.complete', {
    userName: 'Ada Lovelace',
    businessName: 'Analytical Engines Ltd',
    currency: 'GBP',
    locale: 'en-GB',
  });
});

afterAll(async () => {
  await preview?.stop();
});

const write = JSON.stringify({ name: 'settings.update', input: { businessName: 'Taken over' } });

describe('preview token', () => {
  it('refuses requests without the right token and changes nothing', async () => {
    const before = await preview.call('changes.since', { seq: 0 });

    const attempts: [string, RequestInit, string][] = [
      [
        'no token',
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: write },
        '/api/invoke',
      ],
      [
        'wrong bearer',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${preview.token}x` },
          body: write,
        },
        '/api/invoke',
      ],
      [
        'wrong cookie',
        {
          method: 'POST',
          headers: { 'content-type': 'application/json', cookie: 'ledgerline_token=nope' },
          body: write,
        },
        '/api/invoke',
      ],
      [
        'wrong query',
        { method: 'POST', headers: { 'content-type': 'application/json' }, body: write },
        '/api/invoke?token=guess',
      ],
      ['events without token', { method: 'GET' }, '/api/events'],
      ['page without token', { method: 'GET' }, '/'],
    ];
    for (const [what, init, path] of attempts) {
      const response = await fetch(`${preview.origin}${path}`, init);
      expect(response.status, what).toBe(401);
      const body = (await response.json()) as { ok: boolean; error: { code: string } };
      expect(body, what).toMatchObject({ ok: false, error: { code: 'UNAUTHORIZED' } });
    }

    const after = await preview.call('changes.since', { seq: 0 });
    expect(after.seq).toBe(before.seq);
    expect((await preview.call('settings.get', {})).businessName).toBe('Analytical Engines Ltd');

    // The same request with the token goes through: the refusals above were about the token.
    const ok = await fetch(`${preview.origin}/api/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${preview.token}` },
      body: write,
    });
    expect(ok.status).toBe(200);
    expect((await preview.call('settings.get', {})).businessName).toBe('Taken over');
  });
});
